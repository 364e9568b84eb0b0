// The pure half of a servicing period run: the deal's case plus the collections so far → the
// engine's result for this period → the split among the holders at the record date. No I/O.
import { createHash } from 'node:crypto';
import { canonicalJson } from '#core';
import { centsToNumber, runWaterfall, toCents, WaterfallError, type JsonObject, type Period } from '#waterfall';
import { distributeTranchePayment, noteFactor, type HolderBalance } from './distribution.util.js';
import { ServicingErrorCode, ServicingException } from './servicing.errors.js';

/** One collection row of the pool (what its bills paid, defaulted and recovered up to `date`), minor units. */
export interface CollectionRowInput {
  date: string;
  /** Pool balance after the row. */
  balanceMinor: string;
  principalMinor: string;
  interestMinor: string;
  prepaymentMinor: string;
  /** New defaulted balance (bills DEFAULTED in the row's interval): a loss to the pool, not cash. */
  defaultMinor: string;
  recoveryMinor: string;
  lossMinor: string;
  /** Balance of bills past due but not defaulted at `date` (reported, not cash). */
  delinquentMinor?: string;
}

export interface PeriodComputationInput {
  /** The deal: a `tally-waterfall-case/1` input half (dates, dealStatusAtStart, indexRates, pool, structure). */
  dealCase: JsonObject;
  /** Rows of the earlier periods (as proposed then), oldest first. */
  priorRows: CollectionRowInput[];
  /** Rows of this period: dated after the previous distribution and on or before this one. */
  rows: CollectionRowInput[];
  period: number;
  distributionDate: string;
  /** The pool has no more cash to come: the engine may end the run (clean-up) after this period. */
  finalPeriod: boolean;
  /** Holders of each tranche at the record date (face in minor units). */
  holders: Record<string, HolderBalance[]>;
}

export interface HolderPayment {
  tranche: string;
  holder: string;
  balanceMinor: string;
  interestMinor: string;
  principalMinor: string;
}

export interface PeriodComputation {
  period: Period;
  dealStatus: string;
  triggers: Record<string, boolean>;
  factors: Record<string, { originalMinor: string; outstandingMinor: string; factor: string }>;
  /** Credit enhancement below each tranche: (pool balance − balances senior to and including it) / pool balance. */
  creditEnhancement: Record<string, string>;
  distribution: HolderPayment[];
  totalDistributedMinor: string;
  /** Pool performance of the period (minor units). */
  pool: { balanceMinor: string; delinquentMinor: string; cumulativeDefaultMinor: string };
}

export const sha256Json = (v: unknown): string => `0x${createHash('sha256').update(canonicalJson(v)).digest('hex')}`;

const bad = (msg: string, details?: unknown): never => {
  throw new ServicingException(ServicingErrorCode.INPUT_INVALID, msg, details);
};

const MINOR = /^(0|[1-9]\d{0,36})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function minor(v: unknown, what: string): bigint {
  if (typeof v !== 'string' || !MINOR.test(v)) bad(`${what} must be a non-negative integer of minor units, as a decimal string`);
  return BigInt(v as string);
}

const nextDay = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

function caseRow(r: CollectionRowInput, i: number): JsonObject {
  if (typeof r?.date !== 'string' || !DATE.test(r.date)) bad(`rows[${i}].date must be an ISO date`);
  const f = (k: keyof CollectionRowInput) => centsToNumber(minor(r[k], `rows[${i}].${k}`));
  return {
    date: r.date,
    balance: f('balanceMinor'),
    principal: f('principalMinor'),
    interest: f('interestMinor'),
    prepayment: f('prepaymentMinor'),
    default: f('defaultMinor'),
    recovery: f('recoveryMinor'),
    loss: f('lossMinor'),
    rate: null,
    cumulative: null,
  };
}

/** Runs the deal on the collections so far and takes this period; splits it among the holders. */
export function computePeriod(input: PeriodComputationInput): PeriodComputation {
  const { dealCase, priorRows, rows, period, distributionDate } = input;
  if (!Number.isInteger(period) || period < 1) bad('period must be a positive whole number');
  if (!DATE.test(distributionDate)) bad('distributionDate must be an ISO date');
  const structure = dealCase?.structure as JsonObject | undefined;
  if (!structure || !Array.isArray(structure.bonds)) bad('dealCase.structure.bonds is missing');
  const all = [...priorRows, ...rows];
  const lastPrior = priorRows.at(-1)?.date ?? null;
  rows.forEach((r, i) => {
    if (r.date > distributionDate) bad(`rows[${i}] is dated after the distribution date`);
    if (lastPrior && r.date <= lastPrior) bad(`rows[${i}] is not after the previous period's rows`);
    if (i > 0 && r.date <= rows[i - 1].date) bad('rows must be in strictly ascending date order');
  });
  const collections = all.map(caseRow);
  // The pool's next rows are not known yet: a sentinel row the day after the distribution date keeps
  // the engine's end-of-run rule ("no remaining row carries cash and every account is 0") from
  // ending the deal on a period without cash. It is collected only on a later collection date, so
  // nothing of this period depends on it; the later periods of this run are discarded.
  if (!input.finalPeriod) {
    const last = collections.at(-1);
    collections.push({ date: nextDay(distributionDate), balance: last?.balance ?? 0, principal: 0, interest: 0.01, prepayment: 0, default: 0, recovery: 0, loss: 0, rate: null, cumulative: null });
  }
  const c = structuredClone(dealCase);
  delete c.expected;
  c.pool = { ...((c.pool as JsonObject | undefined) ?? {}), collections };
  let result;
  try {
    result = runWaterfall(c);
  } catch (err) {
    if (err instanceof WaterfallError) throw new ServicingException(ServicingErrorCode.ENGINE_REFUSED, err.message, { engineCode: err.code });
    throw err;
  }
  const p = result.periods.find((x) => x.distributionDate === distributionDate);
  if (!p) throw new ServicingException(ServicingErrorCode.PERIOD_MISMATCH, `The deal does not distribute on ${distributionDate}`, { distributionDates: result.periods.map((x) => x.distributionDate).slice(0, 24) });
  if (p.period !== period) throw new ServicingException(ServicingErrorCode.PERIOD_MISMATCH, `${distributionDate} is period ${p.period} of the deal, not ${period}`);

  const triggers: Record<string, boolean> = {};
  for (const [name, t] of Object.entries(result.triggerHistory ?? {})) {
    const seen = t.history.filter((h) => h.date <= distributionDate);
    const initial = ((structure!.triggers as JsonObject[] | undefined) ?? []).find((x) => x.name === name)?.initiallyTriggered === true;
    triggers[name] = seen.length > 0 ? seen[seen.length - 1].status : initial;
  }
  const start = dealCase.dealStatusAtStart as JsonObject | undefined;
  let dealStatus = String(start?.then ?? start?.status ?? 'amortizing');
  for (const s of result.final.statusChanges) if (s.date <= distributionDate && s.to !== 'preClosing') dealStatus = s.to;

  const factors: PeriodComputation['factors'] = {};
  const distribution: HolderPayment[] = [];
  let total = 0n;
  const bonds = structure!.bonds as JsonObject[];
  for (const b of bonds) {
    const name = b.name as string;
    const pb = p.bonds[name];
    const original = toCents(b.originalBalance as number, `bond ${name}.originalBalance`);
    const outstanding = toCents(pb.balanceAfter, 'balanceAfter');
    const f = noteFactor(original > 0n ? original : 1n, outstanding > original ? original : outstanding);
    factors[name] = { originalMinor: original.toString(), outstandingMinor: outstanding.toString(), factor: f.factor };
    const interestMinor = toCents(pb.interestPaid, 'interestPaid');
    const principalMinor = toCents(pb.principalPaid, 'principalPaid');
    if (interestMinor + principalMinor === 0n) continue;
    const holders = input.holders[name];
    if (!holders || !holders.some((h) => h.balanceMinor > 0n)) {
      throw new ServicingException(ServicingErrorCode.HOLDERS_MISSING, `Tranche ${name} is paid ${interestMinor + principalMinor} minor units but has no holder at the record date`);
    }
    for (const d of distributeTranchePayment(holders, { interestMinor, principalMinor })) {
      if (d.interestMinor + d.principalMinor === 0n) continue;
      total += d.interestMinor + d.principalMinor;
      distribution.push({ tranche: name, holder: d.holder, balanceMinor: d.balanceMinor.toString(), interestMinor: d.interestMinor.toString(), principalMinor: d.principalMinor.toString() });
    }
  }
  const poolBalance = toCents(p.poolBalanceAfterCollections, 'poolBalance');
  const creditEnhancement: Record<string, string> = {};
  let seniorAndThis = 0n;
  for (const b of bonds) {
    const name = b.name as string;
    if (b.principalType === 'equity') continue;
    seniorAndThis += toCents(p.bonds[name].balanceAfter, 'balanceAfter');
    const ce = poolBalance > 0n ? ((poolBalance - seniorAndThis) * 1_000_000n) / poolBalance : 0n;
    creditEnhancement[name] = (Number(ce) / 1e4).toFixed(4); // percent, 4 decimals (display only)
  }
  const lastRow = rows.at(-1) ?? priorRows.at(-1);
  const cumulativeDefault = all.reduce((a, r, i) => a + minor(r.defaultMinor, `rows[${i}].defaultMinor`), 0n);
  return {
    period: p,
    dealStatus,
    triggers,
    factors,
    creditEnhancement,
    distribution,
    totalDistributedMinor: total.toString(),
    pool: { balanceMinor: poolBalance.toString(), delinquentMinor: lastRow?.delinquentMinor ?? '0', cumulativeDefaultMinor: cumulativeDefault.toString() },
  };
}

/** A fixture case's collections as rows of minor units (for tests and the demo). */
export function rowsOfCase(c: JsonObject): CollectionRowInput[] {
  const rows = ((c.pool as JsonObject).collections as JsonObject[]) ?? [];
  const m = (v: unknown) => toCents((v as number) ?? 0, 'row').toString();
  return rows.map((r) => ({
    date: r.date as string,
    balanceMinor: m(r.balance),
    principalMinor: m(r.principal),
    interestMinor: m(r.interest),
    prepaymentMinor: m(r.prepayment),
    defaultMinor: m(r.default),
    recoveryMinor: m(r.recovery),
    lossMinor: m(r.loss),
    delinquentMinor: m((r.cumulative as JsonObject | null)?.delinquency ?? 0),
  }));
}
