import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, Matches, Max, Min } from 'class-validator';
import type { FinancingEntity, FinancingOfferEntity, FinancingRequestEntity } from '../financing/financing.entities.js';
import { FinancingRequestState, FinancingState, OFFER_ACTIONS, OfferState } from '../lifecycle/financing-lifecycle.js';

export class MakeOfferDto {
  @ApiProperty({ example: 9000, description: 'share of the face amount advanced, basis points' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  advanceRateBps: number;

  @ApiProperty({ example: 450, description: 'annual discount rate, basis points' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  annualDiscountRateBps: number;

  @ApiProperty({ example: '2500', description: 'fees, minor units' })
  @Matches(/^(0|[1-9][0-9]{0,30})$/, { message: 'feesMinor must be a non-negative integer of minor units, as a string' })
  feesMinor: string;

  @ApiProperty({ enum: ['ACT/360', 'ACT/365'] })
  @IsIn(['ACT/360', 'ACT/365'])
  dayCount: 'ACT/360' | 'ACT/365';

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  expiresAt: string;
}

export class FinancingRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) billId: string;
  @ApiProperty({ format: 'uuid' }) requestedByOrganizationId: string;
  @ApiProperty({ enum: FinancingRequestState }) state: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(r: FinancingRequestEntity): FinancingRequestDto {
    return { id: r.id, billId: r.billId, requestedByOrganizationId: r.requestedByOrgId, state: r.state, createdAt: r.createdAt.toISOString() };
  }
}

export class OfferDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ format: 'uuid' }) billId: string;
  @ApiProperty({ format: 'uuid' }) financierOrganizationId: string;
  @ApiProperty() advanceRateBps: number;
  @ApiProperty() annualDiscountRateBps: number;
  @ApiProperty() feesMinor: string;
  @ApiProperty() dayCount: string;
  @ApiProperty() valueDate: string;
  @ApiProperty() tenorDays: number;
  @ApiProperty() advanceAmountMinor: string;
  @ApiProperty() discountMinor: string;
  @ApiProperty({ description: 'paid to the holder at settlement' }) netProceedsMinor: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: OfferState }) state: string;
  @ApiProperty({ type: [String], enum: OFFER_ACTIONS, description: 'What the caller may do with the offer now (the holder accepts an open offer on a bill it may finance)' })
  allowedActions: string[];

  static from(o: FinancingOfferEntity, allowedActions: string[] = []): OfferDto {
    return {
      id: o.id,
      requestId: o.requestId,
      billId: o.billId,
      financierOrganizationId: o.financierOrgId,
      advanceRateBps: o.advanceRateBps,
      annualDiscountRateBps: o.annualDiscountRateBps,
      feesMinor: o.feesMinor.toString(),
      dayCount: o.dayCount,
      valueDate: o.valueDate,
      tenorDays: o.tenorDays,
      advanceAmountMinor: o.advanceAmountMinor.toString(),
      discountMinor: o.discountMinor.toString(),
      netProceedsMinor: o.netProceedsMinor.toString(),
      expiresAt: o.expiresAt.toISOString(),
      state: o.state,
      allowedActions,
    };
  }
}

export class FinancingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) billId: string;
  @ApiProperty({ format: 'uuid' }) offerId: string;
  @ApiProperty() priceMinor: string;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: FinancingState }) state: string;
  @ApiPropertyOptional({ nullable: true, type: String }) failureReason: string | null;

  static from(f: FinancingEntity): FinancingDto {
    return { id: f.id, billId: f.billId, offerId: f.offerId, priceMinor: f.priceMinor.toString(), currency: f.currency, state: f.state, failureReason: f.failureReason };
  }
}
