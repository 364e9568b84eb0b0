import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { SETTLEMENT_CURRENCIES } from '#chain';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MINOR = /^(0|[1-9]\d{0,36})$/;
const MINOR_MSG = 'must be a decimal string of minor units';

export class CollectionRowDto {
  @ApiProperty({ example: '2022-01-31' }) @Matches(DATE, { message: 'date must be an ISO date' }) date: string;
  @ApiProperty() @Matches(MINOR, { message: `balanceMinor ${MINOR_MSG}` }) balanceMinor: string;
  @ApiProperty() @Matches(MINOR, { message: `principalMinor ${MINOR_MSG}` }) principalMinor: string;
  @ApiProperty() @Matches(MINOR, { message: `interestMinor ${MINOR_MSG}` }) interestMinor: string;
  @ApiProperty() @Matches(MINOR, { message: `prepaymentMinor ${MINOR_MSG}` }) prepaymentMinor: string;
  @ApiProperty({ description: 'New defaulted balance (bills DEFAULTED in the row)' }) @Matches(MINOR, { message: `defaultMinor ${MINOR_MSG}` }) defaultMinor: string;
  @ApiProperty() @Matches(MINOR, { message: `recoveryMinor ${MINOR_MSG}` }) recoveryMinor: string;
  @ApiProperty() @Matches(MINOR, { message: `lossMinor ${MINOR_MSG}` }) lossMinor: string;
  @ApiPropertyOptional() @IsOptional() @Matches(MINOR, { message: `delinquentMinor ${MINOR_MSG}` }) delinquentMinor?: string;
}

export class ProposePeriodRunDto {
  @ApiProperty() @IsUUID() dealId: string;
  @ApiProperty() @IsInt() @Min(1) @Max(1200) period: number;
  @ApiProperty({ example: '2022-02-20' }) @Matches(DATE, { message: 'distributionDate must be an ISO date' }) distributionDate: string;
  @ApiProperty({ example: '2022-02-20' }) @Matches(DATE, { message: 'recordDate must be an ISO date' }) recordDate: string;
  @ApiProperty({ enum: SETTLEMENT_CURRENCIES }) @IsIn(SETTLEMENT_CURRENCIES as unknown as string[]) currency: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() finalPeriod?: boolean;
  @ApiProperty({ description: 'The deal: a tally-waterfall-case/1 input half (dates, dealStatusAtStart, indexRates, pool, structure)' })
  @IsObject()
  dealCase: Record<string, never>;
  @ApiProperty({ type: [CollectionRowDto] }) @IsArray() @ArrayMaxSize(400) @ValidateNested({ each: true }) @Type(() => CollectionRowDto) rows: CollectionRowDto[];
  @ApiProperty({ description: 'Per tranche: [{ holder: address, balanceMinor }] at the record date', example: { A: [{ holder: '0x…', balanceMinor: '100000' }] } })
  @IsObject()
  holders: Record<string, { holder: string; balanceMinor: string }[]>;
  @ApiProperty() @IsString() @MaxLength(42) vaultAddress: string;
}

export class ProposeFromDealDto {
  @ApiProperty({ description: 'A deal closed on chain' }) @IsUUID() dealId: string;
  @ApiProperty() @IsInt() @Min(1) @Max(1200) period: number;
  @ApiProperty({ example: '2027-02-15' }) @Matches(DATE, { message: 'distributionDate must be an ISO date' }) distributionDate: string;
  @ApiProperty({ example: '2027-02-15', description: 'Holders are read on chain at the last block of this day (UTC), or at the head for today' })
  @Matches(DATE, { message: 'recordDate must be an ISO date' })
  recordDate: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() finalPeriod?: boolean;
}

export class RejectPeriodRunDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class ListPeriodRunsQueryDto {
  @ApiPropertyOptional({ description: "one deal's runs" }) @IsOptional() @IsUUID() dealId?: string;
}
