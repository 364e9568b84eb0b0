/**
 * A deal's structure: the arranger's terms (tranches, fees, reserve, triggers, frequency, day
 * count; money in bigint minor units, rates in bps) validated against the pool, the credit
 * enhancement per tranche, and the same terms written in the waterfall engine's format
 * (`tally-waterfall-case/1` `structure` + `dates` + `dealStatusAtStart`), so the engine runs it as is.
 *
 * Mapping to the engine format (amounts in major units as JSON numbers, rates as fractions):
 * - accounts `collection` (every collection lands here) and `reserve` (opening balance = the
 *   reserve funded at closing; target = reserveTargetBps of the current note balance, non-equity);
 * - one bond per tranche: `sequential`, or `equity` for the residual class (no coupon);
 * - fees `servicerFee` (annualRate on currentPoolBalance, accrued by an `accrueFee` step) and
 *   `trusteeFee` (recurring, the fixed amount on each distribution date);
 * - status `amortizing`: fees, interest by rank (same rank pro-rata), reserve top-up to its target,
 *   principal **pro rata** over the non-equity tranches, residual to equity;
 *   status `accelerated` (trigger effect SEQUENTIAL_PRINCIPAL): principal **sequential** by rank;
 *   status `defaulted` (trigger effect TRAP_EXCESS_SPREAD): sequential, and what is left after
 *   principal is trapped in the reserve instead of going to equity;
 * - triggers (evaluated at `endCollectionWF`, not curable): OC_RATIO_BELOW (pool balance <
 *   threshold × note balance) and CUMULATIVE_DEFAULT_ABOVE (cumulative defaulted rate > threshold).
 */
export type DayCount = 'ACT/360' | 'ACT/365F';
export type PaymentFrequency = 'MONTHLY' | 'QUARTERLY';
export type TriggerKind = 'OC_RATIO_BELOW' | 'CUMULATIVE_DEFAULT_ABOVE';
export type TriggerEffect = 'SEQUENTIAL_PRINCIPAL' | 'TRAP_EXCESS_SPREAD';

export interface TrancheTerms {
  className: string;
  sizeMinor: bigint;
  couponBps: number;
  /** 1 = most senior; equal ranks share pro rata. */
  rank: number;
  equity: boolean;
  denominationMinor: bigint;
}

export interface DealTerms {
  name: string;
  closingDate: string;
  firstDistributionDate: string;
  statedMaturityDate: string;
  paymentFrequency: PaymentFrequency;
  dayCount: DayCount;
  tranches: TrancheTerms[];
  servicerFeeBpsPerAnnum: number;
  trusteeFeePerPeriodMinor: bigint;
  reserveTargetBps: number;
  triggers: { name: string; kind: TriggerKind; thresholdBps: number; effect: TriggerEffect }[];
}

export interface PoolFacts {
  balanceMinor: bigint;
  cutOffDate: string;
  currency: string;
  minorUnits: number;
}

export interface CreditEnhancement {
  className: string;
  /** Tranches junior to this one, bps of the pool balance (floored). */
  subordinationBps: number;
  /** Pool balance above all notes, bps of the pool balance (floored). */
  overcollateralizationBps: number;
  /** The reserve funded at closing, bps of the pool balance (floored). */
  reserveBps: number;
  totalBps: number;
  subordinationMinor: bigint;
}

export interface StructureProblem {
  field: string;
  problem: string;
}

/** Every problem of the terms against the pool (empty: valid). */
export function structureProblems(t: DealTerms, pool: PoolFacts): StructureProblem[] {
  const out: StructureProblem[] = [];
  const add = (field: string, problem: string) => out.push({ field, problem });
  const names = new Set<string>();
  for (const [i, tr] of t.tranches.entries()) {
    const f = `tranches[${i}]`;
    if (names.has(tr.className)) add(`${f}.className`, `class ${tr.className} appears twice`);
    names.add(tr.className);
    if (tr.sizeMinor <= 0n) add(`${f}.sizeMinor`, 'must be positive');
    if (tr.denominationMinor <= 0n || tr.sizeMinor % tr.denominationMinor !== 0n)
      add(`${f}.denominationMinor`, 'the size must be a whole number of notes of this denomination');
    if (tr.equity && tr.couponBps !== 0) add(`${f}.couponBps`, 'the equity (residual) class carries no coupon');
  }
  const equity = t.tranches.filter((x) => x.equity);
  if (equity.length > 1) add('tranches', 'at most one equity (residual) class');
  const maxRank = Math.max(...t.tranches.map((x) => x.rank));
  if (equity[0] && (equity[0].rank !== maxRank || t.tranches.some((x) => !x.equity && x.rank === maxRank)))
    add('tranches', 'the equity class must be the most junior, alone in its rank');
  if (!t.tranches.some((x) => !x.equity)) add('tranches', 'a deal needs at least one note class besides the equity');
  const total = t.tranches.reduce((s, x) => s + x.sizeMinor, 0n);
  if (total > pool.balanceMinor) add('tranches', `the tranches total ${total}, more than the pool balance ${pool.balanceMinor}`);
  if (t.closingDate < pool.cutOffDate) add('closingDate', `closing ${t.closingDate} is before the pool's cut-off ${pool.cutOffDate}`);
  if (t.firstDistributionDate <= t.closingDate) add('firstDistributionDate', 'must be after the closing date');
  if (t.statedMaturityDate <= t.firstDistributionDate) add('statedMaturityDate', 'must be after the first distribution date');
  const triggerNames = new Set<string>();
  for (const [i, tr] of t.triggers.entries()) {
    if (triggerNames.has(tr.name)) add(`triggers[${i}].name`, `trigger ${tr.name} appears twice`);
    triggerNames.add(tr.name);
  }
  const limit = 2n ** 53n;
  if (pool.balanceMinor >= limit) add('pool', 'the pool balance is too large for the engine format (JSON numbers)');
  return out;
}

const notesOf = (t: DealTerms) => t.tranches.filter((x) => !x.equity).reduce((s, x) => s + x.sizeMinor, 0n);

/** The reserve funded at closing: reserveTargetBps of the (non-equity) notes, floored to the minor unit. */
export function reserveFundingMinor(t: DealTerms): bigint {
  return (notesOf(t) * BigInt(t.reserveTargetBps)) / 10_000n;
}

/** Credit enhancement of each tranche, most senior first. */
export function creditEnhancement(t: DealTerms, poolBalanceMinor: bigint): CreditEnhancement[] {
  const total = t.tranches.reduce((s, x) => s + x.sizeMinor, 0n);
  const oc = poolBalanceMinor - total;
  const reserve = reserveFundingMinor(t);
  const bps = (v: bigint) => (poolBalanceMinor === 0n ? 0 : Number((v * 10_000n) / poolBalanceMinor));
  return [...t.tranches]
    .sort((a, b) => a.rank - b.rank || (a.className < b.className ? -1 : 1))
    .map((tr) => {
      const sub = t.tranches.filter((x) => x.rank > tr.rank).reduce((s, x) => s + x.sizeMinor, 0n);
      const ocOf = tr.equity ? 0n : oc;
      const reserveOf = tr.equity ? 0n : reserve;
      return {
        className: tr.className,
        subordinationBps: bps(sub),
        overcollateralizationBps: bps(ocOf),
        reserveBps: bps(reserveOf),
        totalBps: bps(sub + ocOf + reserveOf),
        subordinationMinor: sub,
      };
    });
}

/** Minor units as the engine format's JSON number of major units (exact below 2^53 minor units). */
export function majorNumber(minor: bigint, minorUnits: number): number {
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  const scale = 10n ** BigInt(minorUnits);
  const text = minorUnits === 0 ? `${abs}` : `${abs / scale}.${(abs % scale).toString().padStart(minorUnits, '0')}`;
  return Number(`${neg ? '-' : ''}${text}`);
}

const rate = (bps: number) => Number((bps / 10_000).toFixed(6));

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().slice(0, 10);
}

/** The deal in the waterfall engine's format (`dates`, `dealStatusAtStart`, `structure`). */
export function engineCase(
  t: DealTerms,
  pool: PoolFacts,
): { dates: Record<string, unknown>; dealStatusAtStart: Record<string, unknown>; structure: Record<string, unknown> } {
  const money = (v: bigint) => majorNumber(v, pool.minorUnits);
  const distributionSchedule =
    t.paymentFrequency === 'MONTHLY'
      ? { pattern: 'dayOfMonth', day: Number(t.firstDistributionDate.slice(8, 10)) }
      : {
          pattern: 'custom',
          dates: (() => {
            const out: string[] = [];
            for (
              let k = 1, d = addMonths(t.firstDistributionDate, 3);
              d <= t.statedMaturityDate;
              k++, d = addMonths(t.firstDistributionDate, 3 * k)
            )
              out.push(d);
            return out;
          })(),
        };
  const dates = {
    type: 'preClosing',
    cutoff: pool.cutOffDate,
    closing: t.closingDate,
    revolvingEnd: null,
    statedMaturity: t.statedMaturityDate,
    firstCollection: t.closingDate,
    collectionSchedule: { pattern: 'monthEnd' },
    firstDistribution: t.firstDistributionDate,
    distributionSchedule,
    accrualStartForBonds: t.closingDate,
  };
  const ranked = [...t.tranches].sort((a, b) => a.rank - b.rank || (a.className < b.className ? -1 : 1));
  const notes = ranked.filter((x) => !x.equity);
  const equity = ranked.find((x) => x.equity) ?? null;
  const ranks = [...new Set(notes.map((x) => x.rank))];
  const byRank = (r: number) => notes.filter((x) => x.rank === r).map((x) => x.className);
  const dayCount = t.dayCount === 'ACT/360' ? 'ACT/360' : 'ACT/365F';
  const step = (action: string, fields: Record<string, unknown>) => ({ action, ...fields, engineAction: null });
  const pay = (action: string, bonds: string[]) =>
    step(action, { from: 'collection', bonds, allocation: 'proRataByDue', limit: null, extraSupport: null });
  const feesAndInterest = [
    step('accrueFee', { fees: ['servicerFee'] }),
    step('payFee', {
      from: 'collection',
      fees: ['trusteeFee', 'servicerFee'],
      allocation: 'proRataByDue',
      limit: null,
      extraSupport: null,
    }),
    ...ranks.map((r) => pay('accrueAndPayInterest', byRank(r))),
    step('transfer', { from: 'collection', to: 'reserve', limit: { type: 'formula', formula: { fn: 'reserveGap', names: ['reserve'] } } }),
  ];
  const residual = equity
    ? [pay('payPrincipal', [equity.className]), step('payResidualToEquity', { from: 'collection', bond: equity.className, limit: null })]
    : [];
  const sequential = ranks.map((r) => pay('payPrincipal', byRank(r)));
  const structure = {
    accounts: [
      { name: 'collection', labelEn: 'collection account', openingBalance: 0, reserveTarget: null, interest: null },
      {
        name: 'reserve',
        labelEn: 'reserve account',
        openingBalance: money(reserveFundingMinor(t)),
        reserveTarget: {
          type: 'pctOf',
          base: { fn: 'currentBondBalanceOf', names: notes.map((x) => x.className) },
          pct: rate(t.reserveTargetBps),
        },
        interest: null,
      },
    ],
    collectionRules: ['interest', 'principal', 'prepayment', 'recovery'].map((source) => ({ source, account: 'collection' })),
    bonds: ranked.map((x) => ({
      name: x.className,
      labelEn: null,
      principalType: x.equity ? 'equity' : 'sequential',
      balance: money(x.sizeMinor),
      originalBalance: money(x.sizeMinor),
      originDate: t.closingDate,
      maturityDate: t.statedMaturityDate,
      currentRate: rate(x.couponBps),
      coupon: { type: 'fixed', rate: rate(x.couponBps), dayCount },
      dueInterest: 0,
      dueInterestOnInterest: 0,
      duePrincipal: 0,
      lastInterestAccrualDate: null,
      stepUp: null,
    })),
    fees: [
      {
        name: 'servicerFee',
        labelEn: 'servicer fee',
        start: t.closingDate,
        type: 'annualRate',
        base: { fn: 'currentPoolBalance' },
        rate: rate(t.servicerFeeBpsPerAnnum),
        openingDue: 0,
        openingArrears: 0,
        lastAccrualDate: null,
      },
      {
        name: 'trusteeFee',
        labelEn: 'trustee fee',
        start: t.closingDate,
        type: 'recurring',
        amount: money(t.trusteeFeePerPeriodMinor),
        schedule: distributionSchedule,
        openingDue: 0,
        openingArrears: 0,
        lastAccrualDate: null,
      },
    ],
    waterfalls: {
      distributionByStatus: {
        amortizing: [
          ...feesAndInterest,
          pay(
            'payPrincipal',
            notes.map((x) => x.className),
          ),
          ...residual,
        ],
        accelerated: [...feesAndInterest, ...sequential, ...residual],
        defaulted: [...feesAndInterest, ...sequential, step('transfer', { from: 'collection', to: 'reserve', limit: null })],
      },
      distributionDefault: [],
      endOfCollection: [],
      cleanUp: [],
      closing: [],
    },
    triggers: t.triggers.map((tr) => ({
      name: tr.name,
      evaluatedAt: 'endCollectionWF',
      condition:
        tr.kind === 'OC_RATIO_BELOW'
          ? {
              test: 'compare',
              op: '<',
              left: { fn: 'currentPoolBalance' },
              right: { fn: 'factor', arg: { fn: 'currentBondBalance' }, times: rate(tr.thresholdBps) },
            }
          : { test: 'compare', op: '>', left: { fn: 'cumulativePoolDefaultedRate' }, right: rate(tr.thresholdBps) },
      effect: { effect: 'changeDealStatus', to: tr.effect === 'SEQUENTIAL_PRINCIPAL' ? 'accelerated' : 'defaulted' },
      initiallyTriggered: false,
      curable: false,
    })),
    liquidityProviders: null,
    ledgers: null,
    rateSwaps: null,
    rateCaps: null,
    runAssumptionExtras: null,
  };
  return { dates, dealStatusAtStart: { status: 'preClosing', then: 'amortizing' }, structure };
}
