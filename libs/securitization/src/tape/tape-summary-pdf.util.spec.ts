import { describe, expect, it } from '@jest/globals';
import type { PoolAnalyticsDto } from '../dto/pool-analytics.dto.js';
import { renderTapeSummaryPdf, type TapeSummaryInput } from './tape-summary-pdf.util.js';
import { pdfCompactText } from '../../../../test/support/pdf-text.js';


const h = (c: string) => `0x${c.repeat(64)}`;
const analytics: PoolAnalyticsDto = {
  poolId: '00000000-0000-4000-8000-000000000001',
  asOf: '2026-12-31',
  currency: 'EUR',
  count: 3,
  balanceMinor: '123456789',
  waRemainingTermDays: '47.50',
  waDiscountYieldBps: null,
  discountYieldPriceMinor: null,
  discountYieldPriceSource: null,
  topObligors: [
    {
      organizationId: '00000000-0000-4000-8000-00000000000a',
      legalName: 'Société Générale d’Exemple SA',
      count: 2,
      balanceMinor: '100000000',
      shareBps: 8_100,
    },
    { organizationId: '00000000-0000-4000-8000-00000000000b', legalName: null, count: 1, balanceMinor: '23456789', shareBps: 1_899 },
  ],
  top5ObligorsShareBps: 10_000,
  obligorHhi: 6_921,
  sellers: [],
  maturityBuckets: [
    { bucket: 'due', count: 0, balanceMinor: '0' },
    { bucket: '31-60', count: 3, balanceMinor: '123456789' },
  ],
  delinquencyBuckets: [],
};
const input: TapeSummaryInput = {
  poolId: analytics.poolId,
  poolName: 'Northbank Trade Receivables 2026-1',
  cutOffDate: '2026-12-31',
  lockedAt: new Date('2026-12-30T10:11:12.345Z'),
  analytics,
  root: h('1'),
  csvSha256: h('2'),
  anchorBatchId: h('3'),
};

describe('the loan tape PDF summary', () => {
  it('is byte-stable: the same tape gives the same bytes, dated by the lock and not by the clock', async () => {
    const a = await renderTapeSummaryPdf(input);
    await new Promise((r) => setTimeout(r, 1_100)); // a second later: a clock-dated PDF would differ
    const b = await renderTapeSummaryPdf(input);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(a.toString('latin1')).toContain('(D:20261230101112Z)');
    const other = await renderTapeSummaryPdf({ ...input, lockedAt: new Date('2026-12-30T10:11:13Z') });
    expect(Buffer.compare(a, other)).not.toBe(0);
  });

  it('shows the pool, the figures, the obligors by name (Latin-1), the buckets, the root and the CSV hash', async () => {
    const text = pdfCompactText(await renderTapeSummaryPdf(input));
    for (const s of [
      'NorthbankTradeReceivables2026-1',
      'Cut-offdate2026-12-31',
      'Assets3',
      'Balance1234567.89EUR',
      'WAremainingterm47.50days',
      'WAdiscountyieldnotpriced',
      'SociétéGénéraled?ExempleSA',
      'anotherorganization',
      '81.00%',
      '18.99%',
      '31-603',
      h('1'),
      h('2'),
      h('3'),
    ])
      expect(text).toContain(s);
  });

  it('prints the yield and its price once there is one', async () => {
    const priced = {
      ...analytics,
      waDiscountYieldBps: 4_105,
      discountYieldPriceMinor: '120000000',
      discountYieldPriceSource: 'DEAL' as const,
    };
    expect(pdfCompactText(await renderTapeSummaryPdf({ ...input, analytics: priced }))).toContain('4105bpsp.a.(ACT/365,at1200000.00EUR)');
  });
});
