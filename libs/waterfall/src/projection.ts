// Pool projections for pricing: project a pool's collections from its assets under CDR / CPR /
// recovery (rate and lag) / delinquency, run the deal through the waterfall engine, and measure
// each tranche (WAL, principal window, loss, yield at a price, breakeven CDR), alone or on a grid.
//
// Speed comes from aggregation, not from cutting corners on money: for level-payment assets under
// pool-wide CDR/CPR, an asset's balance at month t is B0 * a(t) * S(t), where a(t) is its own
// amortisation fraction (independent of the scenario) and S(t) the survival factor of the scenario
// (the same for every asset). So the assets are folded once into three integer-cent series
// (amortised balance, scheduled interest, scheduled principal, each floored per asset), and every
// scenario is then O(months). Every projected flow is floored to the cent, the pool balance is
// carried as an exact integer recursion (balance = previous - default - principal - prepayment),
// and the engine then runs on those integer cents exactly as on any case.
import type { JsonObject, WaterfallResult } from './case.types.js';
import { centsToNumber, toCents, toMicro } from './decimal.util.js';
import { formatDay, parseDay, type Day, daysInMonth, ymd, dayOf } from './dates.util.js';
import { runWaterfall } from './waterfall.engine.js';
import { WaterfallError, WaterfallErrorCode } from './waterfall.errors.js';

/** A loan tape in columns: balance in integer cents, annual rate in micro-units, months left. */
export interface AssetTape {
  balanceCents: Float64Array;
  rateMicro: Int32Array;
  remainingTerm: Int32Array;
}

export interface AssetInput {
  balance: number | string;
  rate: number | string;
  remainingTerm: number;
}

const MAX_SAFE_CENTS = Number.MAX_SAFE_INTEGER;
const badAssumption = (msg: string): never => {
  throw new WaterfallError(WaterfallErrorCode.BadAssumption, msg);
};

/** Builds a tape from asset records, parsing every amount and rate exactly. */
export function createTape(assets: AssetInput[]): AssetTape {
  const n = assets.length;
  const tape: AssetTape = { balanceCents: new Float64Array(n), rateMicro: new Int32Array(n), remainingTerm: new Int32Array(n) };
  let total = 0;
  assets.forEach((a, i) => {
    const cents = toCents(a.balance, `assets[${i}].balance`);
    const rate = toMicro(a.rate, `assets[${i}].rate`);
    if (cents < 0n) badAssumption(`assets[${i}].balance is negative`);
    if (rate < 0n || rate > 1_000_000n) badAssumption(`assets[${i}].rate must be within 0..1`);
    if (!Number.isInteger(a.remainingTerm) || a.remainingTerm < 1 || a.remainingTerm > 1200) badAssumption(`assets[${i}].remainingTerm must be a whole number of months in 1..1200`);
    tape.balanceCents[i] = Number(cents);
    tape.rateMicro[i] = Number(rate);
    tape.remainingTerm[i] = a.remainingTerm;
    total += Number(cents);
  });
  if (total > MAX_SAFE_CENTS) badAssumption('pool balance too large for the aggregated projection');
  return tape;
}

/** Scenario-independent monthly series of a pool, in integer cents (see the file comment). */
export interface PoolProfile {
  months: number;
  /** amortised[t]: sum of floor(B0 * a(t)), t = 0..months. */
  amortised: Float64Array;
  /** interest[t]: sum of floor(B0 * a(t-1) * r/12), t = 1..months (index 0 unused). */
  interest: Float64Array;
}

/** Folds the tape into its profile: one pass over assets x months (the only per-asset work). */
export function profilePool(tape: AssetTape, months: number): PoolProfile {
  if (!Number.isInteger(months) || months < 1 || months > 1200) badAssumption('months must be within 1..1200');
  const n = tape.balanceCents.length;
  const amortised = new Float64Array(months + 1);
  const interest = new Float64Array(months + 1);
  // Asset by asset, month by month with the state in locals (cache-friendly), adding into the
  // monthly sums. a(t) = B0 (1 - vn g^t) / (1 - vn) = c - d g^t with c = B0/(1-vn), d = c vn.
  for (let i = 0; i < n; i++) {
    const b0 = tape.balanceCents[i];
    const term = tape.remainingTerm[i];
    const r = tape.rateMicro[i] / 12e6;
    amortised[0] += b0;
    let prev = b0;
    if (r === 0) {
      for (let t = 1; t <= months && prev > 0; t++) {
        let a = t >= term ? 0 : Math.floor((b0 * (term - t)) / term);
        if (a > prev) a = prev;
        amortised[t] += a;
        prev = a;
      }
      continue;
    }
    const g = 1 + r;
    const vn = Math.pow(g, -term);
    const c = b0 / (1 - vn);
    const d = c * vn;
    let x = 1;
    const last = term < months ? term : months;
    for (let t = 1; t <= last; t++) {
      interest[t] += Math.floor(prev * r);
      x *= g;
      let a = t >= term ? 0 : Math.floor(c - d * x);
      if (a > prev) a = prev; // never amortise upwards
      amortised[t] += a;
      prev = a;
    }
  }
  return { months, amortised, interest };
}

/** Assumptions of one scenario. Rates are annual decimals (0.02 = 2%). */
export interface Assumptions {
  cdr: number | string;
  cpr: number | string;
  recoveryRate: number | string;
  /** Months from default to recovery. */
  recoveryLag: number;
  /** Share of each month's scheduled interest and principal paid one month late. */
  delinquency?: number | string;
}

interface ParsedAssumptions {
  mdr: number;
  smm: number;
  recovery: number;
  lag: number;
  delinquency: number;
}

function parseAssumptions(a: Assumptions): ParsedAssumptions {
  const rate = (v: number | string | undefined, what: string): number => {
    const micro = toMicro(v ?? 0, what);
    if (micro < 0n || micro > 1_000_000n) badAssumption(`${what} must be within 0..1`);
    return Number(micro) / 1e6;
  };
  const cdr = rate(a.cdr, 'cdr');
  const cpr = rate(a.cpr, 'cpr');
  if (!Number.isInteger(a.recoveryLag) || a.recoveryLag < 0 || a.recoveryLag > 120) badAssumption('recoveryLag must be a whole number of months in 0..120');
  return {
    mdr: 1 - Math.pow(1 - cdr, 1 / 12),
    smm: 1 - Math.pow(1 - cpr, 1 / 12),
    recovery: rate(a.recoveryRate, 'recoveryRate'),
    lag: a.recoveryLag,
    delinquency: rate(a.delinquency, 'delinquency'),
  };
}

/** One projected month, integer cents. */
export interface ProjectedRow {
  month: number;
  balance: number;
  principal: number;
  interest: number;
  prepayment: number;
  default: number;
  recovery: number;
  loss: number;
}

/** Projects the pool's monthly collections under a scenario (O(months)). */
export function projectCollections(profile: PoolProfile, assumptions: Assumptions): ProjectedRow[] {
  const s = parseAssumptions(assumptions);
  const T = profile.months;
  const total = T + Math.max(s.lag, 1);
  const rows: ProjectedRow[] = [];
  for (let m = 1; m <= total; m++) rows.push({ month: m, balance: 0, principal: 0, interest: 0, prepayment: 0, default: 0, recovery: 0, loss: 0 });
  let survival = 1;
  let balance = profile.amortised[0];
  let lateInt = 0;
  let latePrin = 0;
  for (let t = 1; t <= T; t++) {
    const row = rows[t - 1];
    const aPrev = profile.amortised[t - 1];
    const aNow = profile.amortised[t];
    let def = Math.floor(survival * aPrev * s.mdr);
    if (def > balance) def = balance;
    survival *= 1 - s.mdr;
    const int = Math.floor(survival * profile.interest[t]);
    let sched = Math.floor(survival * (aPrev - aNow));
    let prepay = Math.floor(survival * aNow * s.smm);
    survival *= 1 - s.smm;
    if (sched > balance - def) sched = balance - def;
    if (prepay > balance - def - sched) prepay = balance - def - sched;
    if (aNow === 0) sched = balance - def - prepay; // the schedule ends: nothing left
    balance -= def + sched + prepay;
    // Delinquency: a share of the scheduled flows arrives one month late.
    const dInt = Math.floor(int * s.delinquency);
    const dPrin = Math.floor(sched * s.delinquency);
    row.interest += int - dInt + lateInt;
    row.principal += sched - dPrin + latePrin;
    lateInt = dInt;
    latePrin = dPrin;
    row.prepayment = prepay;
    row.default = def;
    row.balance = balance;
    const rec = Math.floor(def * s.recovery);
    rows[t - 1 + s.lag].recovery += rec;
    rows[t - 1 + s.lag].loss += def - rec;
  }
  rows[T].interest += lateInt;
  rows[T].principal += latePrin;
  for (let m = T; m < total; m++) rows[m].balance = 0;
  // Trim trailing empty months.
  while (rows.length > 1) {
    const r = rows[rows.length - 1];
    if (r.principal + r.interest + r.recovery + r.loss + r.prepayment + r.default !== 0) break;
    rows.pop();
  }
  return rows;
}

/**
 * The baseline: the same projection written as a plain loop per asset per month over bigint,
 * with fixed-point (1e-12) factors. Slow by design; the bench measures the ratio.
 */
export function projectCollectionsPerAsset(tape: AssetTape, months: number, assumptions: Assumptions): ProjectedRow[] {
  const s = parseAssumptions(assumptions);
  const SCALE = 1_000_000_000_000n;
  const fx = (v: number): bigint => BigInt(Math.round(v * 1e12));
  const MDR = fx(s.mdr);
  const SMM = fx(s.smm);
  const REC = fx(s.recovery);
  const DQ = fx(s.delinquency);
  const total = months + Math.max(s.lag, 1);
  const sums = Array.from({ length: total }, () => ({ balance: 0n, principal: 0n, interest: 0n, prepayment: 0n, default: 0n, recovery: 0n, loss: 0n }));
  for (let i = 0; i < tape.balanceCents.length; i++) {
    let bal = BigInt(tape.balanceCents[i]);
    const r = tape.rateMicro[i] / 12e6;
    const R = fx(r);
    const G = SCALE + R;
    const term = tape.remainingTerm[i];
    const VN = fx(Math.pow(1 + r, -term));
    let x = SCALE;
    let prevNum = SCALE - VN;
    let lateInt = 0n;
    let latePrin = 0n;
    let t = 1;
    for (; t <= months; t++) {
      if (bal === 0n) break;
      const row = sums[t - 1];
      const def = (bal * MDR) / SCALE;
      const bal1 = bal - def;
      const int = (bal1 * R) / SCALE;
      let sched: bigint;
      if (t >= term) sched = bal1;
      else if (R === 0n) sched = bal1 / BigInt(term - t + 1);
      else {
        x = (x * G) / SCALE;
        const num = SCALE - (VN * x) / SCALE;
        sched = bal1 - (bal1 * num) / prevNum;
        prevNum = num;
      }
      const prepay = ((bal1 - sched) * SMM) / SCALE;
      bal = bal1 - sched - prepay;
      const dInt = (int * DQ) / SCALE;
      const dPrin = (sched * DQ) / SCALE;
      row.interest += int - dInt + lateInt;
      row.principal += sched - dPrin + latePrin;
      lateInt = dInt;
      latePrin = dPrin;
      row.prepayment += prepay;
      row.default += def;
      row.balance += bal;
      const rec = (def * REC) / SCALE;
      sums[t - 1 + s.lag].recovery += rec;
      sums[t - 1 + s.lag].loss += def - rec;
    }
    // The last late payment arrives the month after the asset's last flow.
    sums[t - 1].interest += lateInt;
    sums[t - 1].principal += latePrin;
  }
  return sums.map((x, m) => ({
    month: m + 1,
    balance: Number(x.balance),
    principal: Number(x.principal),
    interest: Number(x.interest),
    prepayment: Number(x.prepayment),
    default: Number(x.default),
    recovery: Number(x.recovery),
    loss: Number(x.loss),
  }));
}

// ------------------------------------------------------------------ running the deal

/**
 * A deal to project: a `tally-waterfall-case/1` object whose `pool.collections` is ignored (the
 * projection supplies it) and whose `dates` give the closing date; collections fall on month ends
 * after closing, distributions as the case's distribution schedule says.
 */
export type DealTemplate = JsonObject;

const monthEndAfter = (start: Day, k: number): Day => {
  const [y, m] = ymd(start);
  const mm = m - 1 + k;
  const yy = y + Math.floor(mm / 12);
  const mo = (mm % 12) + 1;
  return dayOf(yy, mo, daysInMonth(yy, mo));
};

/** Builds the case the engine runs: the template with the projected rows as its collections. */
export function projectionCase(template: DealTemplate, rows: ProjectedRow[]): JsonObject {
  const c = structuredClone(template);
  const dates = { ...(c.dates as JsonObject) };
  const closing = parseDay(dates.closing ?? dates.lastDistribution, 'dates.closing');
  const collections = rows.map((r, k) => ({
    date: formatDay(monthEndAfter(closing, k)),
    balance: centsToNumber(BigInt(r.balance)),
    principal: centsToNumber(BigInt(r.principal)),
    interest: centsToNumber(BigInt(r.interest)),
    prepayment: centsToNumber(BigInt(r.prepayment)),
    default: centsToNumber(BigInt(r.default)),
    recovery: centsToNumber(BigInt(r.recovery)),
    loss: centsToNumber(BigInt(r.loss)),
  }));
  dates.firstCollection = collections[0].date;
  dates.collectionSchedule = { pattern: 'monthEnd' };
  c.dates = dates;
  const pool = { ...((c.pool as JsonObject | undefined) ?? {}) };
  pool.collections = collections;
  delete c.expected;
  c.pool = pool;
  return c;
}

export interface TrancheMetrics {
  tranche: string;
  /** Weighted average life in years (ACT/365 from closing), null when no principal was paid. */
  wal: number | null;
  principalWindow: { first: string; last: string } | null;
  /** Principal not repaid at the end, as a share of the starting balance. */
  lossPct: number;
  /** Annual yield (IRR, ACT/365 compounding) at the given price, null when undefined. */
  yield: number | null;
  /** Balance after each distribution (for charts). */
  balances: number[];
}

/** Annual IRR of dated cash flows by bisection (analytics, not money: a double is fine here). */
export function irr(flows: { day: Day; amount: number }[]): number | null {
  if (flows.length < 2) return null;
  const t0 = flows[0].day;
  const npv = (y: number) => flows.reduce((a, f) => a + f.amount / Math.pow(1 + y, (f.day - t0) / 365), 0);
  let lo = -0.99;
  let hi = 10;
  let flo = npv(lo);
  const fhi = npv(hi);
  if (!Number.isFinite(flo) || Math.sign(flo) === Math.sign(fhi)) return null;
  for (let k = 0; k < 200 && hi - lo > 1e-10; k++) {
    const mid = (lo + hi) / 2;
    const fm = npv(mid);
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Per-tranche measures of a run. `prices` are % of the starting balance (100 = par). */
export function trancheMetrics(c: JsonObject, r: WaterfallResult, prices: Record<string, number> = {}): TrancheMetrics[] {
  const dates = c.dates as JsonObject;
  const closing = parseDay(dates.closing ?? dates.lastDistribution, 'dates.closing');
  const bonds = (c.structure as JsonObject).bonds as JsonObject[];
  return bonds.map((b) => {
    const name = b.name as string;
    const start = r.final.bondSummary[name].originalBalance;
    let prin = 0;
    let weighted = 0;
    let first: string | null = null;
    let last: string | null = null;
    const flows: { day: Day; amount: number }[] = [{ day: closing, amount: (-(prices[name] ?? 100) / 100) * start }];
    const balances: number[] = [];
    for (const p of r.periods) {
      const pb = p.bonds[name];
      balances.push(pb.balanceAfter);
      const day = parseDay(p.distributionDate, 'period');
      if (pb.principalPaid > 0) {
        prin += pb.principalPaid;
        weighted += (pb.principalPaid * (day - closing)) / 365;
        first ??= p.distributionDate;
        last = p.distributionDate;
      }
      if (pb.cashPaid > 0) flows.push({ day, amount: pb.cashPaid });
    }
    const endBalance = r.final.bonds[name].balance;
    return {
      tranche: name,
      wal: prin > 0 ? weighted / prin : null,
      principalWindow: first && last ? { first, last } : null,
      lossPct: start > 0 && b.principalType !== 'equity' ? endBalance / start : 0,
      yield: irr(flows),
      balances,
    };
  });
}

export interface ScenarioResult {
  assumptions: Assumptions;
  tranches: TrancheMetrics[];
}

/** Projects, runs the deal and measures it for one scenario. */
export function runScenario(profile: PoolProfile, template: DealTemplate, assumptions: Assumptions, prices: Record<string, number> = {}): ScenarioResult {
  const c = projectionCase(template, projectCollections(profile, assumptions));
  return { assumptions, tranches: trancheMetrics(c, runWaterfall(c), prices) };
}

/** Every combination of CDR x CPR x recovery rate (same lag and delinquency). */
export function scenarioGrid(axes: { cdr: (number | string)[]; cpr: (number | string)[]; recoveryRate: (number | string)[]; recoveryLag: number; delinquency?: number | string }): Assumptions[] {
  const out: Assumptions[] = [];
  for (const cdr of axes.cdr) for (const cpr of axes.cpr) for (const recoveryRate of axes.recoveryRate) out.push({ cdr, cpr, recoveryRate, recoveryLag: axes.recoveryLag, delinquency: axes.delinquency ?? 0 });
  return out;
}

/**
 * Breakeven CDR of a tranche: the highest CDR (to 1e-4) at which it loses no principal, by
 * bisection on [0, 1]. Null when it loses principal even at CDR 0.
 */
export function breakevenCdr(profile: PoolProfile, template: DealTemplate, tranche: string, base: Omit<Assumptions, 'cdr'>, tolerance = 0.0001): number | null {
  const loses = (cdr: number): boolean => {
    const c = projectionCase(template, projectCollections(profile, { ...base, cdr: cdr.toFixed(6) }));
    const r = runWaterfall(c);
    const b = r.final.bonds[tranche];
    if (!b) badAssumption(`no tranche ${tranche}`);
    return b.balance > 0 || b.dueInterest > 0 || b.dueInterestOnInterest > 0;
  };
  if (loses(0)) return null;
  if (!loses(1)) return 1;
  let lo = 0;
  let hi = 1;
  while (hi - lo > tolerance) {
    const mid = Math.round(((lo + hi) / 2) * 1e6) / 1e6;
    if (loses(mid)) hi = mid;
    else lo = mid;
  }
  return Math.round(lo * 1e6) / 1e6;
}
