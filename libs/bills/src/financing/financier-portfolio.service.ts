import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { divRoundHalfEven, type Principal } from '#core';
import { BillState } from '../lifecycle/bill-lifecycle.js';
import { FinancingState } from '../lifecycle/financing-lifecycle.js';

export class FinancierPortfolioDto {
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'financed bills the financier still holds, not yet paid' }) bills: number;
  @ApiProperty({ description: 'their face amounts, minor units' }) faceAmountMinor: string;
  @ApiProperty({ description: 'the advances paid for them, minor units' }) advanceAmountMinor: string;
  @ApiProperty({ description: 'the discounts agreed on them, minor units' }) discountMinor: string;
  @ApiProperty({ description: 'the fees agreed on them, minor units' }) feesMinor: string;
  @ApiProperty({
    description:
      'weighted-average annual discount rate of the accepted offers, weighted by the advance: ' +
      'round_half_even(sum(advance * rate) / sum(advance)), basis points',
  })
  weightedDiscountRateBps: number;
  @ApiProperty({ description: 'weighted-average days from value date to due date, weighted by the advance, half-even' }) weightedTenorDays: number;
}

interface PortfolioRow {
  currency: string;
  bills: string;
  face: string;
  advance: string;
  discount: string;
  fees: string;
  rate_weighted: string;
  tenor_weighted: string;
}

/**
 * A financier's outstanding book: the bills it financed (settled DvP) and still holds unpaid,
 * with the portfolio's discount yield. Exact: the sums are numeric(38,0) in SQL, the one division
 * is bigint half-even.
 */
@Injectable()
export class FinancierPortfolioService {
  constructor(private readonly dataSource: DataSource) {}

  async portfolio(p: Principal): Promise<FinancierPortfolioDto[]> {
    const rows = await this.dataSource.query<PortfolioRow[]>(
      `SELECT f.currency, count(*) AS bills, sum(b.face_amount_minor) AS face, sum(o.advance_amount_minor) AS advance,
              sum(o.discount_minor) AS discount, sum(o.fees_minor) AS fees,
              sum(o.advance_amount_minor * o.annual_discount_rate_bps) AS rate_weighted,
              sum(o.advance_amount_minor * o.tenor_days) AS tenor_weighted
         FROM financings f
         JOIN financing_offers o ON o.id = f.offer_id
         JOIN bills b ON b.id = f.bill_id
        WHERE f.financier_org_id = $1 AND f.state = $2 AND b.holder_org_id = $1 AND b.state <> ALL($3::text[])
        GROUP BY f.currency
        ORDER BY f.currency`,
      [p.organizationId, FinancingState.SETTLED, [BillState.PAID, BillState.CANCELLED]],
    );
    return rows.map((r) => {
      const advance = BigInt(r.advance);
      return {
        currency: r.currency,
        bills: Number(r.bills),
        faceAmountMinor: r.face,
        advanceAmountMinor: r.advance,
        discountMinor: r.discount,
        feesMinor: r.fees,
        weightedDiscountRateBps: Number(divRoundHalfEven(BigInt(r.rate_weighted), advance)),
        weightedTenorDays: Number(divRoundHalfEven(BigInt(r.tenor_weighted), advance)),
      };
    });
  }
}
