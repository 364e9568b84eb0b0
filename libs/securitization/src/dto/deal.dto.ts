import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const MINOR = /^[1-9][0-9]{0,30}$/;
const MINOR0 = /^(0|[1-9][0-9]{0,30})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TrancheTermsDto {
  @ApiProperty({ example: 'A' })
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/, { message: 'className must be 1-20 letters, digits, _ or -' })
  className: string;

  @ApiProperty({ example: '80000000', description: 'minor units' })
  @Matches(MINOR, { message: 'sizeMinor must be a positive integer of minor units, as a string' })
  sizeMinor: string;

  @ApiProperty({ example: 350, description: 'fixed coupon, bps per annum (0 for the equity class)' })
  @IsInt()
  @Min(0)
  @Max(5_000)
  couponBps: number;

  @ApiProperty({ example: 1, description: '1 = most senior; equal ranks share pro rata' })
  @IsInt()
  @Min(1)
  @Max(20)
  rank: number;

  @ApiPropertyOptional({ description: 'the equity (residual) class' })
  @IsOptional()
  @IsBoolean()
  equity?: boolean;

  @ApiProperty({ example: '100000', description: 'note denomination, minor units' })
  @Matches(MINOR, { message: 'denominationMinor must be a positive integer of minor units, as a string' })
  denominationMinor: string;
}

export class TriggerTermsDto {
  @ApiProperty({ example: 'oc-test' })
  @IsString()
  @Length(1, 40)
  name: string;

  @ApiProperty({ enum: ['OC_RATIO_BELOW', 'CUMULATIVE_DEFAULT_ABOVE'] })
  @IsIn(['OC_RATIO_BELOW', 'CUMULATIVE_DEFAULT_ABOVE'])
  kind: 'OC_RATIO_BELOW' | 'CUMULATIVE_DEFAULT_ABOVE';

  @ApiProperty({ example: 10_500, description: 'OC ratio (pool / notes) or cumulative default ratio, bps' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  thresholdBps: number;

  @ApiProperty({
    enum: ['SEQUENTIAL_PRINCIPAL', 'TRAP_EXCESS_SPREAD'],
    description: 'principal pro-rata → sequential; TRAP_EXCESS_SPREAD also keeps the residual in the reserve',
  })
  @IsIn(['SEQUENTIAL_PRINCIPAL', 'TRAP_EXCESS_SPREAD'])
  effect: 'SEQUENTIAL_PRINCIPAL' | 'TRAP_EXCESS_SPREAD';
}

export class CreateDealDto {
  @ApiProperty({ example: 'Northbank Trade Receivables 2026-1' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '2026-07-15' })
  @Matches(DATE, { message: 'closingDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  closingDate: string;

  @ApiProperty({ example: '2026-08-20' })
  @Matches(DATE, { message: 'firstDistributionDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  firstDistributionDate: string;

  @ApiProperty({ example: '2027-12-20' })
  @Matches(DATE, { message: 'statedMaturityDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  statedMaturityDate: string;

  @ApiProperty({ enum: ['MONTHLY', 'QUARTERLY'] })
  @IsIn(['MONTHLY', 'QUARTERLY'])
  paymentFrequency: 'MONTHLY' | 'QUARTERLY';

  @ApiProperty({ enum: ['ACT/360', 'ACT/365F'] })
  @IsIn(['ACT/360', 'ACT/365F'])
  dayCount: 'ACT/360' | 'ACT/365F';

  @ApiProperty({ type: [TrancheTermsDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TrancheTermsDto)
  tranches: TrancheTermsDto[];

  @ApiProperty({ example: 50, description: 'servicer fee, bps per annum of the pool balance' })
  @IsInt()
  @Min(0)
  @Max(1_000)
  servicerFeeBpsPerAnnum: number;

  @ApiProperty({ example: '150000', description: 'trustee fee per period, minor units' })
  @Matches(MINOR0, { message: 'trusteeFeePerPeriodMinor must be a non-negative integer of minor units, as a string' })
  trusteeFeePerPeriodMinor: string;

  @ApiProperty({ example: 200, description: 'reserve account target, bps of the (non-equity) notes, funded at closing' })
  @IsInt()
  @Min(0)
  @Max(5_000)
  reserveTargetBps: number;

  @ApiPropertyOptional({ type: [TriggerTermsDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TriggerTermsDto)
  triggers?: TriggerTermsDto[];
}

export class CreditEnhancementDto {
  @ApiProperty() className: string;
  @ApiProperty({ description: 'junior tranches, bps of the pool balance' }) subordinationBps: number;
  @ApiProperty({ description: 'pool balance above all notes, bps' }) overcollateralizationBps: number;
  @ApiProperty({ description: 'reserve funded at closing, bps' }) reserveBps: number;
  @ApiProperty() totalBps: number;
  @ApiProperty({ description: 'minor units' }) subordinationMinor: string;
}

export class DealDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty() name: string;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: ['STRUCTURED'] }) state: string;
  @ApiProperty({ description: 'minor units' }) poolBalanceMinor: string;
  @ApiProperty({ description: 'minor units, funded at closing' }) reserveFundingMinor: string;
  @ApiProperty({ type: [CreditEnhancementDto] }) creditEnhancement: CreditEnhancementDto[];
  @ApiProperty({ description: 'the terms as given' }) terms: Record<string, unknown>;
  @ApiProperty({ description: 'tally-waterfall-case/1 `structure` (the engine runs it as is)' }) structure: Record<string, unknown>;
  @ApiProperty({ description: 'tally-waterfall-case/1 `dates`' }) engineDates: Record<string, unknown>;
  @ApiProperty() dealStatusAtStart: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, enum: ['REQUESTED', 'ASSETS_SOLD', 'NOTES_ISSUED', 'CLOSED', 'FAILED'], description: "the closing's state, null before `POST /deals/{id}/close`" })
  closingState: string | null;
  @ApiProperty({
    description:
      'true when `POST /deals/{id}/close` passes its checks of the deal: no closing yet, the pool cut off with its tape anchored, every offering allocated (wallets are checked by the close itself)',
  })
  closable: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: ['CLOSING_EXISTS', 'POOL_NOT_CUT_OFF', 'OFFERING_NOT_ALLOCATED'],
    description: 'why the deal cannot be closed now: the code the close would answer',
  })
  notClosableReason: string | null;
}
