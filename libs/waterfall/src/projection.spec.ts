import { describe, expect, it } from '@jest/globals';
import {
  breakevenCdr,
  createTape,
  profilePool,
  projectCollections,
  projectCollectionsPerAsset,
  projectionCase,
  runScenario,
  runWaterfall,
  sampleDealTemplate,
  sampleTape,
  scenarioGrid,
  WaterfallErrorCode,
  type ProjectedRow,
} from './index.js';

const total = (rows: ProjectedRow[], k: keyof ProjectedRow): number => rows.reduce((a, r) => a + r[k], 0);
const base = { cdr: 0.02, cpr: 0.1, recoveryRate: 0.4, recoveryLag: 6, delinquency: 0.02 };

describe('pool projection', () => {
  const tape = sampleTape(500, 42, 60);
  const profile = profilePool(tape, 60);
  const pool = profile.amortised[0];

  it('conserves the pool: principal + prepayment + default = starting balance, balance ends at 0', () => {
    for (const a of [base, { ...base, cdr: 0, cpr: 0, delinquency: 0 }, { ...base, cdr: 0.3, cpr: 0.4, recoveryLag: 0 }]) {
      const rows = projectCollections(profile, a);
      expect(total(rows, 'principal') + total(rows, 'prepayment') + total(rows, 'default')).toBe(pool);
      expect(total(rows, 'recovery') + total(rows, 'loss')).toBe(total(rows, 'default'));
      for (const r of rows) for (const v of Object.values(r)) expect(Number.isInteger(v) && v >= 0).toBe(true);
      expect(rows[rows.length - 1].balance).toBe(0);
      let bal = pool;
      for (const r of rows.slice(0, 60)) {
        bal -= r.default + r.prepayment;
        expect(r.balance).toBeLessThanOrEqual(bal);
      }
    }
  });

  it('with no defaults or prepayments collects exactly the scheduled amortisation', () => {
    const rows = projectCollections(profile, { cdr: 0, cpr: 0, recoveryRate: 0, recoveryLag: 0 });
    for (let t = 1; t <= 60; t++) expect(rows[t - 1].principal).toBe(profile.amortised[t - 1] - profile.amortised[t]);
    expect(total(rows, 'default')).toBe(0);
  });

  it('agrees with the per-asset bigint baseline to within two cents per asset per flow and month (rounding only)', () => {
    const fast = projectCollections(profile, base);
    const slow = projectCollectionsPerAsset(tape, 60, base);
    for (const k of ['principal', 'interest', 'prepayment', 'default', 'recovery'] as const) {
      for (let t = 0; t < 60; t++) expect(Math.abs(fast[t][k] - slow[t][k])).toBeLessThanOrEqual(2 * tape.balanceCents.length);
    }
  });

  it('recoveries arrive `recoveryLag` months after the default', () => {
    const rows = projectCollections(profile, { ...base, recoveryLag: 4, recoveryRate: 0.5 });
    expect(rows.slice(0, 4).every((r) => r.recovery === 0)).toBe(true);
    expect(rows[4].recovery).toBe(Math.floor(rows[0].default * 0.5));
  });

  it('refuses assumptions out of range with a clear error', () => {
    expect(() => projectCollections(profile, { ...base, cdr: 1.5 })).toThrow(expect.objectContaining({ code: WaterfallErrorCode.BadAssumption }));
    expect(() => projectCollections(profile, { ...base, recoveryLag: -1 })).toThrow(expect.objectContaining({ code: WaterfallErrorCode.BadAssumption }));
    expect(() => createTape([{ balance: '10.001', rate: 0.05, remainingTerm: 12 }])).toThrow(expect.objectContaining({ code: WaterfallErrorCode.BadNumber }));
  });

  it('builds a tape from records exactly', () => {
    const t = createTape([{ balance: '1234.56', rate: '0.0525', remainingTerm: 36 }]);
    expect([t.balanceCents[0], t.rateMicro[0], t.remainingTerm[0]]).toEqual([123456, 52500, 36]);
  });
});

describe('projected deal', () => {
  const tape = sampleTape(300, 7, 60);
  const profile = profilePool(tape, 60);
  const template = sampleDealTemplate(BigInt(profile.amortised[0]));

  it('runs through the exact engine and measures every tranche', () => {
    const r = runScenario(profile, template, { ...base, cdr: 0 }, { A: 100, M: 100, E: 100 });
    const [a, m, e] = r.tranches;
    expect([a.tranche, m.tranche, e.tranche]).toEqual(['A', 'M', 'E']);
    // Sequential: A's window ends before M's starts; no loss at CDR 0.
    expect(a.principalWindow!.last <= m.principalWindow!.first).toBe(true);
    expect(a.wal!).toBeLessThan(m.wal!);
    expect(a.lossPct).toBe(0);
    expect(m.lossPct).toBe(0);
    // Bought at par and repaid in full with interest: the yield is close to the coupon.
    expect(a.yield!).toBeGreaterThan(0.044);
    expect(a.yield!).toBeLessThan(0.047);
  });

  it('a senior loses nothing where the mezzanine does; the breakeven CDR is the edge of no loss', () => {
    const be = breakevenCdr(profile, template, 'M', { cpr: 0.1, recoveryRate: 0.4, recoveryLag: 6 });
    expect(be).not.toBeNull();
    const lossAt = (cdr: number) => runWaterfall(projectionCase(template, projectCollections(profile, { cdr: cdr.toFixed(6), cpr: 0.1, recoveryRate: 0.4, recoveryLag: 6 }))).final.bonds.M.balance;
    expect(lossAt(be!)).toBe(0);
    expect(lossAt(be! + 0.0002)).toBeGreaterThan(0);
    const beA = breakevenCdr(profile, template, 'A', { cpr: 0.1, recoveryRate: 0.4, recoveryLag: 6 });
    expect(beA!).toBeGreaterThan(be!);
  });

  it('a grid covers every CDR x CPR x recovery combination and loss grows with CDR', () => {
    const grid = scenarioGrid({ cdr: [0, 0.1, 0.3], cpr: [0.05, 0.2], recoveryRate: [0.3], recoveryLag: 3 });
    expect(grid).toHaveLength(6);
    const losses = grid.filter((g) => g.cpr === 0.05).map((g) => runScenario(profile, template, g).tranches[1].lossPct);
    expect(losses[0]).toBeLessThanOrEqual(losses[1]);
    expect(losses[1]).toBeLessThanOrEqual(losses[2]);
    expect(losses[2]).toBeGreaterThan(0);
  });
});
