import { ApiProperty } from '@nestjs/swagger';
import { StatementLineKind, StatementLineState } from './statement-sources.js';

export class StatementLineDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: StatementLineKind, enumName: 'StatementLineKind' }) kind: StatementLineKind;
  @ApiProperty({ enum: ['IN', 'OUT'] }) direction: 'IN' | 'OUT';
  @ApiProperty({ description: 'minor units, always positive; the direction gives the sign' }) amountMinor: string;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: StatementLineState, enumName: 'StatementLineState' }) state: StatementLineState;
  @ApiProperty({ description: "the other side of the cash leg: an organization's legal name, or a role such as the settlement agent" })
  counterparty: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) billId: string | null;
  @ApiProperty({ nullable: true, type: String }) invoiceNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the other leg of a DvP, in words' }) assetLeg: string | null;
}

export class StatementTotalDto {
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'confirmed inflows, minor units' }) inMinor: string;
  @ApiProperty({ description: 'confirmed outflows, minor units' }) outMinor: string;
  @ApiProperty({ description: 'inMinor - outMinor (may be negative)' }) netMinor: string;
  @ApiProperty() lines: number;
}

export class StatementDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ type: [StatementTotalDto], description: 'per currency, confirmed lines only' }) totals: StatementTotalDto[];
  @ApiProperty({ type: [StatementLineDto], description: 'newest first' }) lines: StatementLineDto[];
}
