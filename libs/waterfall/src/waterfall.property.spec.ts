// Property tests on random deals: conservation of cash every period, no bond paid above its due,
// seniority in sequential mode, determinism.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { runWaterfall, type WaterfallResult } from './index.js';

const cents = (c: number): number => c / 100; // exact: integer cents to the nearest double of the 2-decimal value

interface DealSpec {
  seniors: { balance: number; rateMicro: number }[];
  equity: number;
  fee: number;
  proRataTop: boolean;
  rows: { principal: number; interest: number; prepayment: number; recovery: number; default: number }[];
}

const dealArb: fc.Arbitrary<DealSpec> = fc.record({
  seniors: fc.array(fc.record({ balance: fc.integer({ min: 1, max: 5_000_000 }), rateMicro: fc.integer({ min: 0, max: 150_000 }) }), { minLength: 1, maxLength: 3 }),
  equity: fc.integer({ min: 1, max: 2_000_000 }),
  fee: fc.integer({ min: 0, max: 50_000 }),
  proRataTop: fc.boolean(),
  rows: fc.array(
    fc.record({
      principal: fc.integer({ min: 0, max: 1_500_000 }),
      interest: fc.integer({ min: 0, max: 100_000 }),
      prepayment: fc.integer({ min: 0, max: 300_000 }),
      recovery: fc.integer({ min: 0, max: 20_000 }),
      default: fc.integer({ min: 0, max: 50_000 }),
    }),
    { minLength: 1, maxLength: 30 },
  ),
});

const monthEnd = (i: number): string => new Date(Date.UTC(2021, 1 + i, 0)).toISOString().slice(0, 10);

/** A pre-closing deal: seniors A0..An (sequential, or A0+A1 pro-rata), equity B, a one-off fee. */
function buildCase(d: DealSpec): Record<string, unknown> {
  let balance = d.seniors.reduce((a, s) => a + s.balance, 0) + d.equity;
  const collections = d.rows.map((r, i) => {
    balance = Math.max(0, balance - r.principal - r.prepayment - r.default);
    return { date: monthEnd(i), balance: cents(balance), principal: cents(r.principal), interest: cents(r.interest), prepayment: cents(r.prepayment), default: cents(r.default), recovery: cents(r.recovery), loss: 0, rate: 0.05, cumulative: null };
  });
  const seniors = d.seniors.map((s, i) => `A${i}`);
  const bonds = [
    ...d.seniors.map((s, i) => ({
      name: `A${i}`, principalType: 'sequential', balance: cents(s.balance), originalBalance: cents(s.balance), originDate: '2021-01-15', maturityDate: null,
      currentRate: s.rateMicro / 1e6, coupon: { type: 'fixed', rate: 0, dayCount: 'ACT/365F' }, dueInterest: 0, dueInterestOnInterest: 0, duePrincipal: 0, lastInterestAccrualDate: null, stepUp: null,
    })),
    { name: 'B', principalType: 'equity', balance: cents(d.equity), originalBalance: cents(d.equity), originDate: '2021-01-15', maturityDate: null, currentRate: 0, coupon: { type: 'fixed', rate: 0, dayCount: 'ACT/365F' }, dueInterest: 0, dueInterestOnInterest: 0, duePrincipal: 0, lastInterestAccrualDate: null, stepUp: null },
  ];
  const principalGroups: string[][] = d.proRataTop && seniors.length >= 2 ? [[seniors[0], seniors[1]], ...seniors.slice(2).map((s) => [s])] : seniors.map((s) => [s]);
  const steps = [
    { action: 'payFee', from: 'acc', fees: ['fee'], allocation: 'proRataByDue', limit: null, extraSupport: null },
    { action: 'accrueAndPayInterest', from: 'acc', bonds: seniors, allocation: 'proRataByDue', limit: null, extraSupport: null },
    ...principalGroups.map((g) => ({ action: 'payPrincipal', from: 'acc', bonds: g, allocation: 'proRataByDue', limit: null, extraSupport: null })),
    { action: 'payPrincipal', from: 'acc', bonds: ['B'], allocation: 'proRataByDue', limit: null, extraSupport: null },
    { action: 'payResidualToEquity', from: 'acc', bond: 'B', limit: null },
  ];
  return {
    format: 'tally-waterfall-case/1',
    conventions: { zeroAmountAccountWithdrawalsRecorded: false },
    dates: { type: 'preClosing', cutoff: '2021-01-01', closing: '2021-01-15', statedMaturity: '2040-01-01', firstCollection: '2021-01-31', collectionSchedule: { pattern: 'monthEnd' }, firstDistribution: '2021-02-10', distributionSchedule: { pattern: 'dayOfMonth', day: 10 }, accrualStartForBonds: '2021-01-15' },
    dealStatusAtStart: { status: 'preClosing', then: 'amortizing' },
    indexRates: null,
    pool: { balanceAtCutoff: cents(d.seniors.reduce((a, s) => a + s.balance, 0) + d.equity), issuanceStat: { IssuanceBalance: cents(d.seniors.reduce((a, s) => a + s.balance, 0) + d.equity) }, collections },
    structure: {
      accounts: [{ name: 'acc', openingBalance: 0, reserveTarget: null, interest: null }],
      collectionRules: ['interest', 'principal', 'prepayment', 'recovery'].map((source) => ({ source, account: 'acc' })),
      bonds,
      fees: [{ name: 'fee', start: '2021-01-15', type: 'fixedOnce', amount: cents(d.fee), openingDue: 0, openingArrears: 0, lastAccrualDate: null }],
      waterfalls: { distributionByStatus: { amortizing: steps }, distributionDefault: [], endOfCollection: [], cleanUp: [], closing: [] },
      triggers: [],
      ledgers: null,
    },
  };
}

const toC = (n: number): bigint => BigInt(Math.round(n * 100)); // output numbers are 2-decimal values

function check(d: DealSpec, r: WaterfallResult): void {
  const seniors = d.seniors.map((_, i) => `A${i}`);
  const names = [...seniors, 'B'];
  let accounts = 0n;
  const balances = new Map<string, bigint>(names.map((n, i) => [n, BigInt(i < d.seniors.length ? d.seniors[i].balance : d.equity)]));
  for (const p of r.periods) {
    // Conservation: cash collected = cash paid out + change in the accounts.
    const cashIn = toC(p.collected.principal) + toC(p.collected.interest) + toC(p.collected.prepayment) + toC(p.collected.recovery);
    let cashOut = 0n;
    for (const n of names) cashOut += toC(p.bonds[n].cashPaid);
    for (const f of Object.values(p.fees)) cashOut += toC(f.paid);
    const after = Object.values(p.accountsAfter).reduce((a, v) => a + toC(v), 0n);
    expect(cashIn).toBe(cashOut + (after - accounts));
    accounts = after;
    expect(after >= 0n).toBe(true);
    // No overpayment: principal never above the balance, balances never negative.
    for (const n of names) {
      const b = p.bonds[n];
      const before = balances.get(n)!;
      expect(toC(b.principalPaid) <= before).toBe(true);
      expect(toC(b.balanceAfter)).toBe(before - toC(b.principalPaid));
      balances.set(n, toC(b.balanceAfter));
      if (b.interestDueAfter !== null) expect(b.interestDueAfter >= 0 && b.interestOnInterestDueAfter! >= 0).toBe(true);
    }
    // Seniority: a junior receives principal only when every senior's due is fully paid.
    const order = d.proRataTop && seniors.length >= 2 ? [[seniors[0], seniors[1]], ...seniors.slice(2).map((s) => [s]), ['B']] : [...seniors.map((s) => [s]), ['B']];
    order.forEach((group, gi) => {
      const junior = group.some((n) => p.bonds[n].principalPaid > 0);
      if (!junior) return;
      for (const senior of order.slice(0, gi).flat()) expect(p.bonds[senior].balanceAfter).toBe(0);
    });
  }
  for (const f of Object.values(r.final.fees)) expect(f.due >= 0).toBe(true);
}

describe('waterfall engine properties (fast-check)', () => {
  it('conserves cash every period, never overpays, respects seniority', () => {
    fc.assert(
      fc.property(dealArb, (d) => {
        const r = runWaterfall(buildCase(d));
        check(d, r);
      }),
      { numRuns: 150, seed: 20261204 },
    );
  });

  it('is deterministic: the same case gives the same result, twice and from a copy', () => {
    fc.assert(
      fc.property(dealArb, (d) => {
        const c = buildCase(d);
        const a = runWaterfall(c);
        const b = runWaterfall(structuredClone(c));
        expect(b).toEqual(a);
        expect(JSON.stringify(runWaterfall(c))).toBe(JSON.stringify(a));
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  it('the seniority check can fail: a junior-first waterfall is caught', () => {
    const d: DealSpec = { seniors: [{ balance: 100_000, rateMicro: 0 }, { balance: 100_000, rateMicro: 0 }], equity: 1000, fee: 0, proRataTop: false, rows: [{ principal: 50_000, interest: 0, prepayment: 0, recovery: 0, default: 0 }] };
    const c = buildCase(d);
    const steps = ((c.structure as Record<string, unknown>).waterfalls as { distributionByStatus: { amortizing: { action: string; bonds?: string[] }[] } }).distributionByStatus.amortizing;
    const i = steps.findIndex((s) => s.action === 'payPrincipal');
    [steps[i], steps[i + 1]] = [steps[i + 1], steps[i]];
    expect(() => check(d, runWaterfall(c))).toThrow();
  });
});
