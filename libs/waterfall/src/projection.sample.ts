// A sample deal and a synthetic loan tape for projections (tests, the bench, demos): senior A
// (80%), mezzanine M (10%), equity E (10%), a servicer fee, monthly distributions.
import type { JsonObject } from './case.types.js';
import { centsToNumber } from './decimal.util.js';
import type { AssetTape } from './projection.js';

/** Deterministic PRNG (mulberry32), so a tape of a given seed is always the same. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` loans: 1,000.00-50,000.00 balance, 3%-12% rate (0.01% steps), 12..maxTerm months left. */
export function sampleTape(n: number, seed = 1, maxTerm = 120): AssetTape {
  const rnd = mulberry32(seed);
  const tape: AssetTape = { balanceCents: new Float64Array(n), rateMicro: new Int32Array(n), remainingTerm: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    tape.balanceCents[i] = 100_000 + Math.floor(rnd() * 4_900_000);
    tape.rateMicro[i] = 30_000 + Math.floor(rnd() * 900) * 100;
    tape.remainingTerm[i] = 12 + Math.floor(rnd() * (maxTerm - 11));
  }
  return tape;
}

/** The sample deal on a pool of `poolCents`, closing 2026-01-15, stated maturity 2040. */
export function sampleDealTemplate(poolCents: bigint): JsonObject {
  const a = (poolCents * 80n) / 100n;
  const m = (poolCents * 10n) / 100n;
  const e = poolCents - a - m;
  const bond = (name: string, type: string, cents: bigint, rate: number) => ({
    name, labelEn: null, principalType: type, balance: centsToNumber(cents), originalBalance: centsToNumber(cents), originDate: '2026-01-15', maturityDate: null,
    currentRate: rate, coupon: { type: 'fixed', rate, dayCount: 'ACT/365F' }, dueInterest: 0, dueInterestOnInterest: 0, duePrincipal: 0, lastInterestAccrualDate: null, stepUp: null,
  });
  const from = 'collection';
  return {
    format: 'tally-waterfall-case/1',
    id: 'sample-projection',
    conventions: { zeroAmountAccountWithdrawalsRecorded: false },
    dates: { type: 'preClosing', cutoff: '2026-01-01', closing: '2026-01-15', statedMaturity: '2040-12-31', firstCollection: '2026-01-31', collectionSchedule: { pattern: 'monthEnd' }, firstDistribution: '2026-02-20', distributionSchedule: { pattern: 'dayOfMonth', day: 20 }, accrualStartForBonds: '2026-01-15' },
    dealStatusAtStart: { status: 'preClosing', then: 'amortizing' },
    indexRates: null,
    pool: { balanceAtCutoff: centsToNumber(poolCents), issuanceStat: { IssuanceBalance: centsToNumber(poolCents) } },
    structure: {
      accounts: [{ name: from, labelEn: null, openingBalance: 0, reserveTarget: null, interest: null }],
      collectionRules: ['interest', 'principal', 'prepayment', 'recovery'].map((source) => ({ source, account: from })),
      bonds: [bond('A', 'sequential', a, 0.045), bond('M', 'sequential', m, 0.07), bond('E', 'equity', e, 0)],
      fees: [{ name: 'servicer', labelEn: null, start: '2026-01-15', type: 'recurring', amount: centsToNumber(poolCents / 20_000n), schedule: { pattern: 'dayOfMonth', day: 20 }, openingDue: 0, openingArrears: 0, lastAccrualDate: null }],
      waterfalls: {
        distributionByStatus: {
          amortizing: [
            { action: 'payFee', from, fees: ['servicer'], allocation: 'proRataByDue', limit: null, extraSupport: null },
            { action: 'accrueAndPayInterest', from, bonds: ['A'], allocation: 'proRataByDue', limit: null, extraSupport: null },
            { action: 'accrueAndPayInterest', from, bonds: ['M'], allocation: 'proRataByDue', limit: null, extraSupport: null },
            { action: 'payPrincipal', from, bonds: ['A'], allocation: 'proRataByDue', limit: null, extraSupport: null },
            { action: 'payPrincipal', from, bonds: ['M'], allocation: 'proRataByDue', limit: null, extraSupport: null },
            { action: 'payPrincipal', from, bonds: ['E'], allocation: 'proRataByDue', limit: null, extraSupport: null },
            { action: 'payResidualToEquity', from, bond: 'E', limit: null },
          ],
        },
        distributionDefault: [],
        endOfCollection: [],
        cleanUp: [],
        closing: [],
      },
      triggers: [],
      ledgers: null,
    },
  };
}
