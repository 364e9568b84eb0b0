import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareWithExpected, formatDifference, prorata, runWaterfall, WaterfallError, WaterfallErrorCode } from './index.js';

const FIXTURES = resolve('test/fixtures/waterfall');
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
const load = (f: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Record<string, unknown>;

describe('waterfall engine on the reference cases', () => {
  it('has the four cases of the shared fixtures', () => {
    expect(files).toEqual(['absbox-cn-test01.json', 'absbox-cn-test02.json', 'absbox-cn-test13.json', 'absbox-us-test01.json']);
  });

  for (const f of files) {
    it(`${f}: reproduces every bond, fee, account and ledger line, the periods and the final state exactly`, () => {
      const c = load(f);
      const result = runWaterfall(c);
      const diffs = compareWithExpected(c.expected, result).map(formatDifference);
      // Printed in full on failure: field (period/date): want ... got ...
      expect(diffs).toEqual([]);
      const expected = c.expected as { periods: { distributionDate: string }[] };
      const dates = c.dates as { distributionDates: string[] };
      expect(result.periods.map((p) => p.distributionDate)).toEqual(dates.distributionDates);
      expect(result.periods).toHaveLength(expected.periods.length);
    });
  }

  it('reports a changed expected value as a difference with its field, period, want and got', () => {
    const c = load('absbox-cn-test13.json');
    const result = runWaterfall(c);
    const e = c.expected as { bondTransactions: { A1: { interestPaid: number }[] } };
    e.bondTransactions.A1[2].interestPaid = 0.51;
    expect(compareWithExpected(c.expected, result)).toEqual([{ field: 'bondTransactions.A1[2].interestPaid', period: '2022-04-26', want: 0.51, got: 0.5 }]);
  });
});

describe('waterfall engine rules', () => {
  it('splits pro-rata with floored shares and the leftover cents to the first item', () => {
    expect(prorata(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(prorata(7n, [0n, 3n, 3n])).toEqual([0n, 4n, 3n]);
    expect(prorata(0n, [0n, 0n])).toEqual([0n, 0n]);
  });

  it('rejects an amount with more than 2 decimals instead of rounding it', () => {
    const c = load('absbox-us-test01.json');
    ((c.structure as { bonds: { balance: number }[] }).bonds[0]).balance = 1000.005;
    expect(() => runWaterfall(c)).toThrow(expect.objectContaining({ code: WaterfallErrorCode.BadNumber }));
  });

  it('rejects a file of another format', () => {
    expect(() => runWaterfall({ format: 'something-else/1' })).toThrow(WaterfallError);
  });

  it('treats a trigger condition it cannot evaluate as an error, not as false', () => {
    const c = load('absbox-us-test01.json');
    (c.structure as { triggers: unknown[] }).triggers = [
      {
        name: 'bad',
        evaluatedAt: 'beginDistributionWF',
        condition: { test: 'compare', op: '>', left: { fn: 'noSuchStat' }, right: 0.1 },
        effect: { effect: 'changeDealStatus', to: 'accelerated' },
        initiallyTriggered: false,
        curable: false,
      },
    ];
    expect(() => runWaterfall(c)).toThrow(expect.objectContaining({ code: WaterfallErrorCode.Unevaluable }));
  });

  it('switches the waterfall by deal status when a trigger fires, and records its history', () => {
    const c = load('absbox-us-test01.json');
    const s = c.structure as { triggers: unknown[]; waterfalls: { distributionByStatus: Record<string, unknown[]> } };
    s.triggers = [
      {
        name: 'cdr',
        evaluatedAt: 'beginDistributionWF',
        condition: { test: 'compare', op: '>', left: { fn: 'cumulativePoolDefaultedRate' }, right: 0.005 },
        effect: { effect: 'changeDealStatus', to: 'accelerated' },
        initiallyTriggered: false,
        curable: false,
      },
    ];
    // Accelerated: everything to A1 (principal first), nothing to the fee.
    s.waterfalls.distributionByStatus.accelerated = [
      { action: 'payPrincipal', from: 'acc01', bonds: ['A1'], allocation: 'proRataByDue', limit: null },
      { action: 'accrueAndPayInterest', from: 'acc01', bonds: ['A1'], allocation: 'proRataByDue', limit: null },
      { action: 'payResidualToEquity', from: 'acc01', bond: 'B', limit: null },
    ];
    const r = runWaterfall(c);
    const switched = r.periods.findIndex((p) => p.waterfallUsed === 'distributionByStatus.accelerated');
    expect(switched).toBeGreaterThan(0);
    expect(r.periods.slice(0, switched).every((p) => p.waterfallUsed === 'distributionByStatus.amortizing')).toBe(true);
    expect(r.final.dealStatus).toBe('accelerated');
    expect(r.final.statusChanges.map((x) => x.to)).toEqual(['amortizing', 'accelerated']);
    const h = r.triggerHistory!.cdr;
    expect(h.finalStatus).toBe(true);
    // Not curable: tested until it fired, then no more.
    expect(h.history.filter((x) => x.status)).toHaveLength(1);
    expect(h.history[h.history.length - 1].status).toBe(true);
  });
});

describe('waterfall engine fees', () => {
  it('accrues an annual-rate fee on the time-weighted pool balance of the collected rows', () => {
    const c = load('absbox-us-test01.json');
    const s = c.structure as { fees: unknown[]; waterfalls: { distributionByStatus: { amortizing: unknown[] } } };
    s.fees.push({ name: 'svc', start: '2021-06-15', type: 'annualRate', base: { fn: 'currentPoolBalance' }, rate: 0.01, openingDue: 0, openingArrears: 0, lastAccrualDate: null });
    s.waterfalls.distributionByStatus.amortizing.unshift(
      { action: 'accrueFee', fees: ['svc'] },
      { action: 'payFee', from: 'acc01', fees: ['svc'], allocation: 'proRataByDue', limit: null, extraSupport: null },
    );
    const lines = runWaterfall(c).feeTransactions.svc;
    // 2021-07-26: row 2021-06-30 (2200.00, 15 days since the 06-15 row): floor2(2200 x 15/365) = 90.41; x 1% = 0.90.
    // 2021-08-20: row 2021-07-31 (31 days since 06-30): floor2(2200 x 31/365) = 186.84; x 1% = 1.86 -> 2.76.
    expect(lines.slice(0, 2).map((l) => [l.date, l.paid, l.dueAfter])).toEqual([
      ['2021-07-26', 0, 0.9],
      ['2021-08-20', 0, 2.76],
    ]);
  });

  it('accrues a recurring fee on its schedule, counting the dates before the run at its first accrual', () => {
    const c = load('absbox-us-test01.json');
    const s = c.structure as { fees: unknown[]; waterfalls: { distributionByStatus: { amortizing: unknown[] } } };
    s.fees.push({ name: 'rec', start: '2021-03-15', type: 'recurring', amount: 1.5, schedule: { pattern: 'monthEnd' }, openingDue: 0, openingArrears: 0, lastAccrualDate: null });
    s.waterfalls.distributionByStatus.amortizing.unshift({ action: 'payFee', from: 'acc01', fees: ['rec'], allocation: 'proRataByDue', limit: null, extraSupport: null });
    const lines = runWaterfall(c).feeTransactions.rec;
    // Month ends after 2021-03-15 up to 2021-07-26: 03-31, 04-30, 05-31 (before the run), 06-30: 4 x 1.50.
    expect(lines[0]).toEqual({ date: '2021-07-26', dueAfter: 6, paid: 0, arrearsAfter: 0, memo: ['<PayFee:rec>'] });
    expect(lines[1].dueAfter).toBe(7.5);
  });
});

describe('waterfall engine coupons', () => {
  it('resets a floating coupon to index + spread on its calendar, accruing at the old rate up to the reset', () => {
    const c = load('absbox-us-test01.json');
    c.indexRates = { LPR5Y: { type: 'flat', rate: 0.04 } };
    const a1 = (c.structure as { bonds: Record<string, unknown>[] }).bonds[0];
    a1.coupon = { type: 'floating', index: 'LPR5Y', spread: 0.015, initialRateInSpec: 0.07, reset: { pattern: 'yearly', month: 1, day: 1 }, dayCount: 'ACT/365F', floor: null, cap: null };
    const r = runWaterfall(c);
    const first = r.bondTransactions.A1[0];
    expect(first.date).toBe('2022-02-20');
    expect(first.rate).toBe(0.055);
    // Reset on 2022-01-01: the accruals up to 2021-12-20 at 7%, 2021-12-20 -> 2022-01-01 at 7%, then 5.5%.
    const fixed = runWaterfall(load('absbox-us-test01.json')).bondTransactions.A1[0];
    expect(first.interestPaid).toBeLessThan(fixed.interestPaid);
    expect(r.final.bonds.A1.rate).toBe(0.055);
    // Independent recomputation in cents: due += floor(bal x days x rate / 365), IoI += floor(due x rate x days / 365).
    const day = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86_400_000;
    const steps: [string, bigint][] = [
      ...['2021-07-26', '2021-08-20', '2021-09-20', '2021-10-20', '2021-11-20', '2021-12-20', '2022-01-01'].map((d): [string, bigint] => [d, 70_000n]),
      ...['2022-01-20', '2022-02-20'].map((d): [string, bigint] => [d, 55_000n]),
    ];
    let last = day('2021-06-15');
    let due = 0n;
    let ioi = 0n;
    for (const [d, rateMicro] of steps) {
      const days = BigInt(day(d) - last);
      const newInt = (100_000n * days * rateMicro) / (365n * 1_000_000n);
      ioi += (due * rateMicro * days) / (365n * 1_000_000n);
      due += newInt;
      last = day(d);
    }
    expect(first.interestPaid).toBe(Number(due + ioi) / 100);
  });
});

describe('waterfall engine invariants', () => {
  it('throws a named invariant error instead of paying out of a negative account', () => {
    const c = load('absbox-us-test01.json');
    ((c.structure as { accounts: { openingBalance: number }[] }).accounts[0]).openingBalance = -5;
    expect(() => runWaterfall(c)).toThrow(expect.objectContaining({ name: 'WaterfallInvariantError', code: WaterfallErrorCode.InvariantViolated, invariant: 'negativeBalance' }));
  });

  it('reads formula constants with any number of decimals exactly', () => {
    const c = load('absbox-cn-test13.json');
    const steps = (c.structure as { waterfalls: { distributionByStatus: { amortizing: Record<string, unknown>[] } } }).waterfalls.distributionByStatus.amortizing;
    // Same limit as before, scaled by 1/3 then by 3 (0.333... with 16 places is not exactly 1/3, so the limit shrinks).
    steps[1].limit = { type: 'formula', formula: { fn: 'factor', arg: { fn: 'factor', arg: (steps[1].limit as { formula: unknown }).formula, times: 0.3333333333333333 }, times: 3 } };
    const r = runWaterfall(c);
    const e = c.expected as { accountTransactions: Record<string, { date: string; amount: number; memo: string[] }[]> };
    const want = e.accountTransactions['账户02'].find((l) => l.date === '2022-02-26' && l.memo[0].startsWith('<Transfer'))!;
    const got = r.accountTransactions['账户02'].find((l) => l.date === '2022-02-26' && l.memo[0].startsWith('<Transfer'))!;
    expect(want.amount).toBe(0.44);
    expect(got.amount).toBe(0.43); // floor2(0.44 * 0.9999999999999999)
  });
});
