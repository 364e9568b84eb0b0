import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PoolRefusalCode } from '../pools/pool-eligibility.util.js';
import type { PoolEntity, PoolState } from '../pools/pool.entity.js';

const MINOR = /^[1-9][0-9]{0,30}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class PoolEligibilityDto {
  @ApiPropertyOptional({ example: 30, description: 'Remaining term (days from today to the due date) at least' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36_500)
  minRemainingTermDays?: number;

  @ApiPropertyOptional({ example: 180 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36_500)
  maxRemainingTermDays?: number;

  @ApiPropertyOptional({ example: '100000', description: 'Face amount at least (minor units)' })
  @IsOptional()
  @Matches(MINOR, { message: 'minFaceAmountMinor must be a positive integer of minor units, as a string' })
  minFaceAmountMinor?: string;

  @ApiPropertyOptional({ example: '50000000' })
  @IsOptional()
  @Matches(MINOR, { message: 'maxFaceAmountMinor must be a positive integer of minor units, as a string' })
  maxFaceAmountMinor?: string;
}

export class PoolLimitsDto {
  @ApiPropertyOptional({ example: 1_000, description: 'One obligor at most this many bps of the pool balance' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  maxSingleObligorBps?: number;

  @ApiPropertyOptional({ example: 4_000, description: 'The five largest obligors together at most' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  maxTop5ObligorsBps?: number;

  @ApiPropertyOptional({ example: 5_000, description: 'One seller (the bill’s supplier) at most' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  maxSingleSellerBps?: number;

  @ApiPropertyOptional({ example: '1000000000', description: 'Pool balance at most (minor units)' })
  @IsOptional()
  @Matches(MINOR, { message: 'maxPoolBalanceMinor must be a positive integer of minor units, as a string' })
  maxPoolBalanceMinor?: string;

  @ApiPropertyOptional({ example: 10_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  maxAssetCount?: number;

  @ApiPropertyOptional({
    example: '500000000',
    description:
      'Concentration limits are measured against max(pool balance after the addition, this); absent: the balance after the addition',
  })
  @IsOptional()
  @Matches(MINOR, { message: 'concentrationBaseMinor must be a positive integer of minor units, as a string' })
  concentrationBaseMinor?: string;
}

export class CreatePoolDto {
  @ApiProperty({ example: 'Northbank Trade Receivables 2026-1' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency: string;

  @ApiProperty({ example: '2026-12-31' })
  @Matches(DATE, { message: 'cutOffDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  cutOffDate: string;

  @ApiPropertyOptional({ type: PoolEligibilityDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PoolEligibilityDto)
  eligibility?: PoolEligibilityDto;

  @ApiPropertyOptional({ type: PoolLimitsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PoolLimitsDto)
  limits?: PoolLimitsDto;
}

export class AddPoolBillsDto {
  @ApiProperty({ type: [String], description: 'Bills to add (1 to 100,000), taken in this order for the limits' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100_000)
  @IsUUID('all', { each: true })
  billIds: string[];
}

export class PoolCriteriaViewDto {
  @ApiProperty({ nullable: true, type: Number }) minRemainingTermDays: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxRemainingTermDays: number | null;
  @ApiProperty({ nullable: true, type: String }) minFaceAmountMinor: string | null;
  @ApiProperty({ nullable: true, type: String }) maxFaceAmountMinor: string | null;
}

export class PoolLimitsViewDto {
  @ApiProperty({ nullable: true, type: Number }) maxSingleObligorBps: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxTop5ObligorsBps: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxSingleSellerBps: number | null;
  @ApiProperty({ nullable: true, type: String }) maxPoolBalanceMinor: string | null;
  @ApiProperty({ nullable: true, type: Number }) maxAssetCount: number | null;
  @ApiProperty({ nullable: true, type: String }) concentrationBaseMinor: string | null;
}

export class PoolDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) originatorOrganizationId: string;
  @ApiProperty() name: string;
  @ApiProperty() currency: string;
  @ApiProperty() cutOffDate: string;
  @ApiProperty({ enum: ['OPEN', 'LOCKED'] }) state: PoolState;
  @ApiProperty({ type: PoolCriteriaViewDto }) eligibility: PoolCriteriaViewDto;
  @ApiProperty({ type: PoolLimitsViewDto }) limits: PoolLimitsViewDto;
  @ApiProperty() assetCount: number;
  @ApiProperty({ description: 'minor units' }) balanceMinor: string;
  @ApiProperty({ nullable: true, type: String }) lockedAt: string | null;
  @ApiProperty() createdAt: string;

  static from(p: PoolEntity): PoolDto {
    return {
      id: p.id,
      originatorOrganizationId: p.originatorOrgId,
      name: p.name,
      currency: p.currency,
      cutOffDate: p.cutOffDate,
      state: p.state,
      eligibility: { ...p.criteria },
      limits: { ...p.limits },
      assetCount: p.assetCount,
      balanceMinor: p.balanceMinor.toString(),
      lockedAt: p.lockedAt ? p.lockedAt.toISOString() : null,
      createdAt: p.createdAt.toISOString(),
    };
  }
}

export class PoolRefusalDto {
  @ApiProperty({ enum: PoolRefusalCode }) code: PoolRefusalCode;
  @ApiProperty() message: string;
}

export class PoolBillResultDto {
  @ApiProperty({ format: 'uuid' }) billId: string;
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: [PoolRefusalDto], description: 'Every criterion or limit the bill fails (empty when added)' })
  errors: PoolRefusalDto[];
}

export class AddPoolBillsResultDto {
  @ApiProperty() added: number;
  @ApiProperty() refused: number;
  @ApiProperty() assetCount: number;
  @ApiProperty({ description: 'minor units, after the addition' }) balanceMinor: string;
  @ApiProperty({ type: [PoolBillResultDto], description: 'One per bill of the request, in its order' }) results: PoolBillResultDto[];
}

export class PoolAssetDto {
  @ApiProperty({ format: 'uuid' }) billId: string;
  @ApiProperty() invoiceNumber: string;
  @ApiProperty({ description: 'ERC-721 token id on the BillRegistry, decimal string' }) tokenId: string;
  @ApiProperty({ format: 'uuid' }) sellerOrganizationId: string;
  @ApiProperty({ nullable: true, type: String }) sellerLegalName: string | null;
  @ApiProperty({ format: 'uuid' }) obligorOrganizationId: string;
  @ApiProperty({ nullable: true, type: String }) obligorLegalName: string | null;
  @ApiProperty({ description: 'minor units' }) faceAmountMinor: string;
  @ApiProperty() currency: string;
  @ApiProperty() issueDate: string;
  @ApiProperty() dueDate: string;
  @ApiProperty() addedAt: string;
}
