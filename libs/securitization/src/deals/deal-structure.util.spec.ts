import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  creditEnhancement,
  engineCase,
  majorNumber,
  reserveFundingMinor,
  structureProblems,
  type DealTerms,
} from './deal-structure.util.js';

const pool = { balanceMinor: 100_000_000n, cutOffDate: '2026-06-30', currency: 'EUR', minorUnits: 2 };
const terms = (over: Partial<DealTerms> = {}): DealTerms => ({
  name: 'Deal 2026-1',
  closingDate: '2026-07-15',
  firstDistributionDate: '2026-08-20',
  statedMaturityDate: '2027-12-20',
  paymentFrequency: 'MONTHLY',
  dayCount: 'ACT/360',
  tranches: [
    { className: 'A', sizeMinor: 80_000_000n, couponBps: 350, rank: 1, equity: false, denominationMinor: 100_000n },
    { className: 'B', sizeMinor: 12_000_000n, couponBps: 600, rank: 2, equity: false, denominationMinor: 100_000n },
    { className: 'E', sizeMinor: 5_000_000n, couponBps: 0, rank: 3, equity: true, denominationMinor: 100_000n },
  ],
  servicerFeeBpsPerAnnum: 50,
  trusteeFeePerPeriodMinor: 150_000n,
  reserveTargetBps: 200,
  triggers: [
    { name: 'oc', kind: 'OC_RATIO_BELOW', thresholdBps: 10_500, effect: 'SEQUENTIAL_PRINCIPAL' },
    { name: 'cdr', kind: 'CUMULATIVE_DEFAULT_ABOVE', thresholdBps: 500, effect: 'TRAP_EXCESS_SPREAD' },
  ],
  ...over,
});

describe('deal structure', () => {
  it('accepts senior / mezzanine / equity within the pool and shows credit enhancement per tranche', () => {
    expect(structureProblems(terms(), pool)).toEqual([]);
    expect(reserveFundingMinor(terms())).toBe(1_840_000n); // 2 % of 92,000,000 of notes
    expect(
      creditEnhancement(terms(), pool.balanceMinor).map((c) => [
        c.className,
        c.subordinationBps,
        c.overcollateralizationBps,
        c.reserveBps,
        c.totalBps,
      ]),
    ).toEqual([
      ['A', 1_700, 300, 184, 2_184],
      ['B', 500, 300, 184, 984],
      ['E', 0, 0, 0, 0],
    ]);
  });

  it('refuses tranches above the pool balance, a coupon on equity, bad denominations and dates', () => {
    const big = terms({
      tranches: [
        ...terms().tranches.slice(0, 2),
        { className: 'E', sizeMinor: 9_000_000n, couponBps: 100, rank: 2, equity: true, denominationMinor: 7n },
      ],
    });
    expect(structureProblems(big, pool).map((p) => p.field)).toEqual([
      'tranches[2].denominationMinor',
      'tranches[2].couponBps',
      'tranches',
      'tranches',
    ]);
    expect(structureProblems(terms({ closingDate: '2026-06-01' }), pool).map((p) => p.field)).toEqual(['closingDate']);
    expect(structureProblems(terms({ tranches: [terms().tranches[2]!] }), pool).map((p) => p.problem)).toContain(
      'a deal needs at least one note class besides the equity',
    );
  });

  it('writes the structure in the waterfall engine format, with the same keys as the shared cases', () => {
    const c = engineCase(terms(), pool);
    const fixture = JSON.parse(
      readFileSync(new URL('../../../../test/fixtures/waterfall/absbox-us-test01.json', import.meta.url), 'utf8'),
    ) as { structure: Record<string, unknown>; dates: Record<string, unknown> };
    expect(Object.keys(c.structure).sort()).toEqual(Object.keys(fixture.structure).sort());
    expect(Object.keys(c.dates).sort()).toEqual(
      Object.keys(fixture.dates)
        .filter((k) => !['collectionDates', 'distributionDates'].includes(k))
        .sort(),
    );
    const bond = (c.structure.bonds as Record<string, unknown>[])[0]!;
    const fixtureBond = (fixture.structure.bonds as Record<string, unknown>[])[0]!;
    expect(Object.keys(bond).sort()).toEqual(Object.keys(fixtureBond).sort());
    expect(bond).toMatchObject({
      name: 'A',
      principalType: 'sequential',
      balance: 800_000,
      currentRate: 0.035,
      coupon: { type: 'fixed', rate: 0.035, dayCount: 'ACT/360' },
    });
    expect((c.structure.bonds as { principalType: string }[]).map((b) => b.principalType)).toEqual(['sequential', 'sequential', 'equity']);
    expect((c.structure.accounts as { name: string; openingBalance: number }[]).map((a) => [a.name, a.openingBalance])).toEqual([
      ['collection', 0],
      ['reserve', 18_400],
    ]);
    const wf = (c.structure.waterfalls as { distributionByStatus: Record<string, { action: string; bonds?: string[] }[]> })
      .distributionByStatus;
    expect(wf.amortizing!.filter((s) => s.action === 'payPrincipal').map((s) => s.bonds)).toEqual([['A', 'B'], ['E']]);
    expect(wf.accelerated!.filter((s) => s.action === 'payPrincipal').map((s) => s.bonds)).toEqual([['A'], ['B'], ['E']]);
    expect(wf.defaulted!.at(-1)).toMatchObject({ action: 'transfer', to: 'reserve', limit: null });
    expect((c.structure.triggers as { effect: { to: string } }[]).map((t) => t.effect.to)).toEqual(['accelerated', 'defaulted']);
    expect(c.dates).toMatchObject({
      type: 'preClosing',
      cutoff: '2026-06-30',
      closing: '2026-07-15',
      distributionSchedule: { pattern: 'dayOfMonth', day: 20 },
    });
    const quarterly = engineCase(terms({ paymentFrequency: 'QUARTERLY' }), pool).dates.distributionSchedule as { dates: string[] };
    expect(quarterly.dates.slice(0, 3)).toEqual(['2026-11-20', '2027-02-20', '2027-05-20']);
  });

  it('writes amounts as exact major-unit numbers', () => {
    expect([majorNumber(12_345n, 2), majorNumber(5n, 2), majorNumber(7n, 0), majorNumber(1_000_001n, 3)]).toEqual([
      123.45, 0.05, 7, 1000.001,
    ]);
  });
});
