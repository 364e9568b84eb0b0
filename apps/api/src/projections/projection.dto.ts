import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsObject, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PROJECTION_LIMITS } from '#securitization';

const RATE = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;
const RATE_MSG = 'must be a decimal string within 0..1 with at most 6 decimals ("0.02")';
const AMOUNT = /^\d{1,15}(\.\d{1,2})?$/;

export class ProjectionAssetDto {
  @ApiProperty({ example: '12500.00', description: 'Outstanding balance in currency units, at most 2 decimals' })
  @Matches(AMOUNT, { message: 'balance must be a decimal string with at most 2 decimals' })
  balance: string;

  @ApiProperty({ example: '0.065', description: 'Annual rate, decimal' })
  @Matches(RATE, { message: `rate ${RATE_MSG}` })
  rate: string;

  @ApiProperty({ example: 60, description: 'Months left' })
  @IsInt()
  @Min(1)
  @Max(PROJECTION_LIMITS.months)
  remainingTerm: number;
}

export class ProjectionAssumptionsDto {
  @ApiProperty({ example: '0.02', description: 'Constant default rate (annual)' })
  @Matches(RATE, { message: `cdr ${RATE_MSG}` })
  cdr: string;

  @ApiProperty({ example: '0.10', description: 'Constant prepayment rate (annual)' })
  @Matches(RATE, { message: `cpr ${RATE_MSG}` })
  cpr: string;

  @ApiProperty({ example: '0.40' })
  @Matches(RATE, { message: `recoveryRate ${RATE_MSG}` })
  recoveryRate: string;

  @ApiProperty({ example: 6, description: 'Months from default to recovery' })
  @IsInt()
  @Min(0)
  @Max(120)
  recoveryLag: number;

  @ApiPropertyOptional({ example: '0.05', description: "Share of each month's scheduled flows paid one month late" })
  @IsOptional()
  @Matches(RATE, { message: `delinquency ${RATE_MSG}` })
  delinquency?: string;
}

export class ProjectionDealDto {
  @ApiProperty({ description: 'A tally-waterfall-case/1 `structure` (accounts, bonds, fees, waterfalls, triggers)' })
  @IsObject()
  structure: Record<string, never>;

  @ApiPropertyOptional({ description: 'A tally-waterfall-case/1 `dates` (closing, calendars); default: closing 2026-01-15, month-end collections, distributions on the 20th' })
  @IsOptional()
  @IsObject()
  dates?: Record<string, never>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  dealStatusAtStart?: Record<string, never>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  indexRates?: Record<string, never>;
}

class ProjectionBaseDto {
  @ApiPropertyOptional({ type: ProjectionDealDto, description: 'Default: a sample A (80%) / M (10%) / equity deal on the tape' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProjectionDealDto)
  deal?: ProjectionDealDto;

  @ApiProperty({ type: [ProjectionAssetDto], maxItems: PROJECTION_LIMITS.assets })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROJECTION_LIMITS.assets)
  @ValidateNested({ each: true })
  @Type(() => ProjectionAssetDto)
  assets: ProjectionAssetDto[];

  @ApiPropertyOptional({ example: { A: 100 }, description: 'Price per tranche in % of par, for the yield (default 100)' })
  @IsOptional()
  @IsObject()
  prices?: Record<string, number>;

  @ApiPropertyOptional({ description: 'Months to project (default: the longest remaining term)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PROJECTION_LIMITS.months)
  months?: number;
}

export class ProjectionRequestDto extends ProjectionBaseDto {
  @ApiProperty({ type: ProjectionAssumptionsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ProjectionAssumptionsDto)
  assumptions: ProjectionAssumptionsDto;

  @ApiPropertyOptional({ description: 'Also compute each tranche’s breakeven CDR (bisection: ~20 deal runs per tranche)' })
  @IsOptional()
  @IsBoolean()
  breakeven?: boolean;
}

export class GridAxesDto {
  @ApiProperty({ example: ['0', '0.02', '0.05'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROJECTION_LIMITS.gridAxis)
  @Matches(RATE, { each: true, message: `each cdr ${RATE_MSG}` })
  cdr: string[];

  @ApiProperty({ example: ['0.05', '0.15'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROJECTION_LIMITS.gridAxis)
  @Matches(RATE, { each: true, message: `each cpr ${RATE_MSG}` })
  cpr: string[];

  @ApiProperty({ example: ['0.4'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROJECTION_LIMITS.gridAxis)
  @Matches(RATE, { each: true, message: `each recoveryRate ${RATE_MSG}` })
  recoveryRate: string[];

  @ApiProperty({ example: 6 })
  @IsInt()
  @Min(0)
  @Max(120)
  recoveryLag: number;

  @ApiPropertyOptional({ example: '0' })
  @IsOptional()
  @Matches(RATE, { message: `delinquency ${RATE_MSG}` })
  delinquency?: string;
}

export class GridRequestDto extends ProjectionBaseDto {
  @ApiProperty({ type: GridAxesDto, description: `CDR × CPR × recovery; at most ${PROJECTION_LIMITS.gridScenarios} combinations` })
  @IsObject()
  @ValidateNested()
  @Type(() => GridAxesDto)
  axes: GridAxesDto;
}

export class TrancheProjectionDto {
  @ApiProperty() tranche: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Weighted average life, years (ACT/365 from closing)' }) walYears: number | null;
  @ApiProperty({ nullable: true, type: Object, example: { first: '2026-02-20', last: '2031-06-20' } }) principalWindow: { first: string; last: string } | null;
  @ApiProperty({ description: 'Principal not repaid, share of the starting balance' }) lossPct: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Annual IRR at the price' }) yield: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Highest CDR with no principal or interest loss' }) breakevenCdr?: number | null;
  @ApiProperty({ type: [String], description: 'Balance after each distribution date, minor units' }) balancesMinor: string[];
}

export class ScenarioProjectionDto {
  @ApiProperty({ type: ProjectionAssumptionsDto }) assumptions: ProjectionAssumptionsDto;
  @ApiProperty({ type: [String] }) distributionDates: string[];
  @ApiProperty({ description: 'Pool losses over the projection, minor units' }) poolLossMinor: string;
  @ApiProperty({ type: [TrancheProjectionDto] }) tranches: TrancheProjectionDto[];
}

export class ProjectionResponseDto extends ScenarioProjectionDto {
  @ApiProperty() poolBalanceMinor: string;
  @ApiProperty() assetCount: number;
  @ApiProperty() months: number;
}

export class GridResponseDto {
  @ApiProperty() poolBalanceMinor: string;
  @ApiProperty({ type: [ScenarioProjectionDto] }) scenarios: ScenarioProjectionDto[];
}
