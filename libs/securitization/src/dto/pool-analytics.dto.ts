import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

export class PoolAnalyticsQueryDto {
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Terms and delinquency as of this day (default: today, UTC)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({ example: 10, description: 'How many of the largest obligors to list (1–100, default 10)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  top?: number;
}

export class ConcentrationEntryDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ nullable: true, type: String }) legalName: string | null;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'minor units' }) balanceMinor: string;
  @ApiProperty({ description: 'share of the pool balance, bps, floored' }) shareBps: number;
}

export class BucketDto {
  @ApiProperty({ example: '31-60' }) bucket: string;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'minor units' }) balanceMinor: string;
}

export class PoolAnalyticsDto {
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty() asOf: string;
  @ApiProperty() currency: string;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'minor units' }) balanceMinor: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'balance-weighted remaining term, days, as a decimal string (2 places, half away from zero); null when empty',
  })
  waRemainingTermDays: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      "balance-weighted discount yield, integer bps p.a. (simple, on the price, ACT/365 Fixed) of the assets not yet due, each bought at the pool's price percentage P/F; null without a price (no deal yet) or no asset with a remaining term",
  })
  waDiscountYieldBps: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'minor units: the purchase price P the yield is measured at; null before a deal',
  })
  discountYieldPriceMinor: string | null;
  @ApiProperty({
    nullable: true,
    enum: ['DEAL', 'CLOSING'],
    description: "where P comes from: the deal's tranche sizes at par, or the closing's purchase price (the notes sold)",
  })
  discountYieldPriceSource: 'DEAL' | 'CLOSING' | null;
  @ApiProperty({ type: [ConcentrationEntryDto], description: 'largest obligors first' }) topObligors: ConcentrationEntryDto[];
  @ApiProperty({ description: 'share of the top 5 obligors, bps, floored' }) top5ObligorsShareBps: number;
  @ApiProperty({ description: 'Herfindahl–Hirschman index of obligor balances on the 0–10,000 scale, floored' }) obligorHhi: number;
  @ApiProperty({ type: [ConcentrationEntryDto], description: 'every seller, largest first' }) sellers: ConcentrationEntryDto[];
  @ApiProperty({ type: [BucketDto], description: 'by remaining term in days: due (≤ 0), 1-30, 31-60, 61-90, 91-180, 181-365, >365' })
  maturityBuckets: BucketDto[];
  @ApiProperty({ type: [BucketDto], description: 'by days past due: current, 1-30, 31-60, 61-90, >90' }) delinquencyBuckets: BucketDto[];
}
