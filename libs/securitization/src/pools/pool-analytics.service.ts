import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#core';
import { OrganizationsService } from '#identity';
import type { BucketDto, ConcentrationEntryDto, PoolAnalyticsDto, PoolAnalyticsQueryDto } from '../dto/pool-analytics.dto.js';
import type { PoolEntity } from './pool.entity.js';
import { PoolsService } from './pools.service.js';

const MATURITY = ['due', '1-30', '31-60', '61-90', '91-180', '181-365', '>365'];
const DELINQUENCY = ['current', '1-30', '31-60', '61-90', '>90'];

/**
 * A pool's analytics, computed by PostgreSQL over `pool_assets` (the facts copied at the
 * addition) in one REPEATABLE READ snapshot: integer money, shares in bps floored, the HHI on
 * the 0–10,000 scale floored, the weighted-average term as a decimal string.
 *
 * Weighted-average discount yield: the pool is bought by its deal's SPV for a purchase price P
 * (the closing's `purchase_price_minor` once the deal is closing, else the deal's tranche sizes
 * at par); no deal, no price, no yield (null). P buys the pool's face F at one price percentage,
 * so asset i is bought for `f_i × P / F`, and its discount yield is the simple annual rate that
 * turns that price into its face by its due date, ACT/365 Fixed, on the price (as a financing
 * offer's `annualDiscountRateBps` is on the advance):
 *
 *   y_i = (f_i − f_i·P/F) / (f_i·P/F) × 365 / t_i = (F − P) / P × 365 / t_i    (t_i = days from asOf to due, > 0)
 *
 * weighted by face over the assets not yet due: `WA = Σ f_i·y_i / Σ f_i`, in bps, numeric in
 * PostgreSQL, rounded half away from zero to the bp.
 */
@Injectable()
export class PoolAnalyticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pools: PoolsService,
    private readonly organizations: OrganizationsService,
  ) {}

  async analytics(p: Principal, poolId: string, q: PoolAnalyticsQueryDto, now = new Date()): Promise<PoolAnalyticsDto> {
    const pool = await this.pools.visible(p, poolId);
    const asOf = q.asOf ?? now.toISOString().slice(0, 10);
    return this.dataSource.transaction('REPEATABLE READ', (m) => this.compute(m, pool, asOf, q.top ?? 10));
  }

  /** The figures in the caller's transaction (the cut-off lock reads them for the tape's PDF summary). */
  async compute(m: EntityManager, pool: Pick<PoolEntity, 'id' | 'currency'>, asOf: string, top: number): Promise<PoolAnalyticsDto> {
    const poolId = pool.id;
    const live = `SELECT face_amount_minor AS f, obligor_org_id AS o, seller_org_id AS s, (due_date - $2::date) AS term FROM pool_assets WHERE pool_id = $1 AND released_at IS NULL`;
    const [totals]: { n: number; bal: string; wa: string | null }[] = await m.query(
      `WITH a AS (${live}) SELECT count(*)::int AS n, coalesce(sum(f), 0)::text AS bal,
           CASE WHEN sum(f) > 0 THEN round(sum(f * term) / sum(f), 2)::text END AS wa FROM a`,
      [poolId, asOf],
    );
    const [price]: { p: string; source: 'DEAL' | 'CLOSING' }[] = await m.query(
      `SELECT coalesce(c.purchase_price_minor, (SELECT sum((t->>'sizeMinor')::numeric) FROM jsonb_array_elements(d.terms->'tranches') t))::text AS p,
                CASE WHEN c.id IS NULL THEN 'DEAL' ELSE 'CLOSING' END AS source
           FROM deals d LEFT JOIN deal_closings c ON c.deal_id = d.id WHERE d.pool_id = $1`,
      [poolId],
    );
    const [yieldRow]: { bps: string | null }[] = price
      ? await m.query(
          `WITH a AS (${live}), t AS (SELECT sum(f) AS total FROM a)
             SELECT CASE WHEN sum(f) FILTER (WHERE term > 0) > 0 AND $3::numeric > 0 THEN
                      round(((SELECT total FROM t) - $3::numeric) * 3650000 * sum(f::numeric / term) FILTER (WHERE term > 0)
                            / ($3::numeric * sum(f) FILTER (WHERE term > 0)))::bigint::text END AS bps FROM a`,
          [poolId, asOf, price.p],
        )
      : [{ bps: null }];
    const obligors: { id: string; n: number; bal: string; bps: number }[] = await m.query(
      `WITH a AS (${live}), t AS (SELECT sum(f) AS total FROM a)
         SELECT o AS id, count(*)::int AS n, sum(f)::text AS bal, div(sum(f) * 10000, (SELECT total FROM t))::int AS bps
           FROM a GROUP BY o ORDER BY sum(f) DESC, o LIMIT $3`,
      [poolId, asOf, Math.max(top, 5)],
    );
    const [hhi]: { hhi: number | null }[] = await m.query(
      `WITH a AS (${live}), g AS (SELECT sum(f) AS x FROM a GROUP BY o)
         SELECT CASE WHEN sum(x) > 0 THEN div(10000 * sum(x * x), sum(x) * sum(x))::int END AS hhi FROM g`,
      [poolId, asOf],
    );
    const sellers: { id: string; n: number; bal: string; bps: number }[] = await m.query(
      `WITH a AS (${live}), t AS (SELECT sum(f) AS total FROM a)
         SELECT s AS id, count(*)::int AS n, sum(f)::text AS bal, div(sum(f) * 10000, (SELECT total FROM t))::int AS bps
           FROM a GROUP BY s ORDER BY sum(f) DESC, s`,
      [poolId, asOf],
    );
    const maturity: { b: string; n: number; bal: string }[] = await m.query(
      `WITH a AS (${live}) SELECT CASE WHEN term <= 0 THEN 'due' WHEN term <= 30 THEN '1-30' WHEN term <= 60 THEN '31-60' WHEN term <= 90 THEN '61-90'
             WHEN term <= 180 THEN '91-180' WHEN term <= 365 THEN '181-365' ELSE '>365' END AS b, count(*)::int AS n, sum(f)::text AS bal FROM a GROUP BY 1`,
      [poolId, asOf],
    );
    const delinquency: { b: string; n: number; bal: string }[] = await m.query(
      `WITH a AS (${live}) SELECT CASE WHEN term >= 0 THEN 'current' WHEN term >= -30 THEN '1-30' WHEN term >= -60 THEN '31-60' WHEN term >= -90 THEN '61-90'
             ELSE '>90' END AS b, count(*)::int AS n, sum(f)::text AS bal FROM a GROUP BY 1`,
      [poolId, asOf],
    );
    const names = await this.organizations.kycStandings(
      [...obligors, ...sellers].map((r) => r.id),
      m,
    );
    const entry = (r: { id: string; n: number; bal: string; bps: number }): ConcentrationEntryDto => ({
      organizationId: r.id,
      legalName: names.get(r.id)?.legalName ?? null,
      count: r.n,
      balanceMinor: r.bal,
      shareBps: r.bps,
    });
    const buckets = (order: string[], rows: { b: string; n: number; bal: string }[]): BucketDto[] =>
      order.map((bucket) => {
        const r = rows.find((x) => x.b === bucket);
        return { bucket, count: r?.n ?? 0, balanceMinor: r?.bal ?? '0' };
      });
    return {
      poolId,
      asOf,
      currency: pool.currency,
      count: totals!.n,
      balanceMinor: totals!.bal,
      waRemainingTermDays: totals!.wa,
      waDiscountYieldBps: yieldRow?.bps == null ? null : Number(yieldRow.bps),
      discountYieldPriceMinor: price?.p ?? null,
      discountYieldPriceSource: price?.source ?? null,
      topObligors: obligors.slice(0, top).map(entry),
      top5ObligorsShareBps: obligors.length
        ? Number((obligors.slice(0, 5).reduce((s, r) => s + BigInt(r.bal), 0n) * 10_000n) / BigInt(totals!.bal))
        : 0,
      obligorHhi: hhi?.hhi ?? 0,
      sellers: sellers.map(entry),
      maturityBuckets: buckets(MATURITY, maturity),
      delinquencyBuckets: buckets(DELINQUENCY, delinquency),
    };
  }
}
