import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUUID, Length, Matches } from 'class-validator';
import type { SettlementMovementEntity } from './settlement-movement.entity.js';

export class RecordMovementDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() organizationId: string;
  @ApiProperty({ example: 'EUR' }) @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' }) currency: string;
  @ApiProperty({ example: '10000000', description: 'minor units' })
  @Matches(/^[1-9][0-9]{0,30}$/, { message: 'amountMinor must be a positive integer of minor units, as a string' })
  amountMinor: string;
  @ApiProperty({ example: 'SEPA-2026-11-21-000123', description: "the bank's reference (unique)" })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(3, 200)
  reference: string;
}

export class MovementDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['DEPOSIT', 'WITHDRAWAL'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() amountMinor: string;
  @ApiProperty() currency: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ['PENDING', 'CONFIRMED', 'FAILED'] }) state: string;
  @ApiProperty({ nullable: true, type: String }) failureReason: string | null;
  @ApiProperty({ format: 'date-time', description: 'when the settlement agent recorded the movement' }) createdAt: string;

  static from(e: SettlementMovementEntity): MovementDto {
    return { id: e.id, kind: e.kind, organizationId: e.organizationId, amountMinor: e.amountMinor.toString(), currency: e.currency, reference: e.reference, state: e.state, failureReason: e.failureReason, createdAt: e.createdAt.toISOString() };
  }
}

export class BalanceDto {
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'on-chain balance of the organization\'s settlement account, minor units' }) balanceMinor: string;
  @ApiProperty() wallet: string;
}
