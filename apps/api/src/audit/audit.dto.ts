import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto, type AuditEntryEntity } from '#core';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) action?: string;
  @ApiPropertyOptional({ description: "part of the actor (a user's email, or system), case-insensitive" }) @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organizationId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @Type(() => Date) @IsDate() to?: Date;
}

export class AuditEntryDto {
  @ApiProperty({ description: 'position in the chain, decimal string' }) seq: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty() actor: string;
  @ApiPropertyOptional({ nullable: true, type: String }) organizationId: string | null;
  @ApiProperty() action: string;
  @ApiProperty() entity: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;

  static from(e: AuditEntryEntity): AuditEntryDto {
    return {
      seq: e.seq.toString(),
      at: e.at.toISOString(),
      actorUserId: e.actorUserId,
      actor: e.actorLabel,
      organizationId: e.organizationId,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      payload: e.payload,
      prevHash: e.prevHash,
      hash: e.hash,
    };
  }
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class AuditVerificationDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() rows: number;
  @ApiProperty({ description: 'hash of the last row checked' }) headHash: string;
  @ApiPropertyOptional({
    description: 'the first broken link',
    type: 'object',
    properties: { seq: { type: 'string' }, reason: { type: 'string' } },
    required: ['seq', 'reason'],
  })
  firstBroken?: { seq: string; reason: string };
}
