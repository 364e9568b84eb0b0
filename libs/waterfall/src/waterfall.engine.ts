// The waterfall engine: runs a `tally-waterfall-case/1` deal (dates, index rates, pool collections,
// structure) and writes the shape of the case's `expected` half. Pure and deterministic: no I/O,
// no clock, no floats in the money path. Amounts are bigint cents, rates bigint micro-units, every
// monetary result is floored to 0.01 (the reference engine's `Centi` truncation) and pro-rata
// leftovers go to the first item of the step's list.
import type {
  AccountLine,
  BondLine,
  Collected,
  FeeLine,
  FinalState,
  Json,
  JsonObject,
  Period,
  PeriodBond,
  PeriodFee,
  TriggerHistoryEntry,
  WaterfallResult,
} from './case.types.js';
import {
  centsToNumber,
  floorDiv,
  microToNumber,
  rat,
  ratAdd,
  ratCents,
  ratCmp,
  ratDecimal,
  ratDiv,
  ratMax,
  ratMicro,
  ratMin,
  ratMul,
  ratSub,
  ratToCentsFloor,
  toCents,
  toMicro,
  type Rat,
} from './decimal.util.js';
import { formatDay, monthsBetween, parseDay, scheduleDates, ymd, type Day } from './dates.util.js';
import { WaterfallError, WaterfallErrorCode, WaterfallInvariantError } from './waterfall.errors.js';

export const CASE_FORMAT = 'tally-waterfall-case/1';

const bad = (msg: string): never => {
  throw new WaterfallError(WaterfallErrorCode.BadCase, msg);
};
const unsupported = (msg: string): never => {
  throw new WaterfallError(WaterfallErrorCode.Unsupported, msg);
};
const unevaluable = (msg: string): never => {
  throw new WaterfallError(WaterfallErrorCode.Unevaluable, msg);
};

function obj(v: Json | undefined, what: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad(`${what}: expected an object`);
  return v;
}
function arr(v: Json | undefined, what: string): Json[] {
  if (!Array.isArray(v)) return bad(`${what}: expected an array`);
  // Array.from turns holes (possible in objects built in code, never in JSON) into undefined, which
  // the element readers then refuse.
  return Array.from(v, (x, i) => (x === undefined ? bad(`${what}[${i}]: missing element`) : x));
}
function str(v: Json | undefined, what: string): string {
  if (typeof v !== 'string') return bad(`${what}: expected a string, got ${JSON.stringify(v)}`);
  return v;
}
const nonNegativeFee = (v: bigint, what: string): bigint => (v < 0n ? bad(`${what} is negative`) : v);
const optArr = (v: Json | undefined): Json[] => (Array.isArray(v) ? arr(v, 'list') : []);
const names = (o: JsonObject, what: string): string[] => {
  const v = o.names ?? (o.name !== undefined ? [o.name] : undefined);
  return arr(v, `${what}.names`).map((n, i) => str(n, `${what}.names[${i}]`));
};

const SOURCES = ['principal', 'interest', 'prepayment', 'recovery', 'prepaymentPenalty'] as const;
type Source = (typeof SOURCES)[number];
const SOURCE_MEMO: Record<Source, string> = {
  principal: 'CollectedPrincipal',
  interest: 'CollectedInterest',
  prepayment: 'CollectedPrepayment',
  recovery: 'CollectedRecoveries',
  prepaymentPenalty: 'CollectedPrepaymentPenalty',
};

interface Row {
  day: Day;
  balance: bigint;
  principal: bigint;
  interest: bigint;
  prepayment: bigint;
  default: bigint;
  recovery: bigint;
  loss: bigint;
  prepaymentPenalty: bigint;
}
const rowCash = (r: Row): bigint => r.principal + r.interest + r.prepayment + r.recovery + r.prepaymentPenalty;

interface AccLine {
  day: Day;
  balanceAfter: bigint;
  amount: bigint;
  memo: string[];
}
interface Account {
  name: string;
  balance: bigint;
  target: Json;
  lines: AccLine[];
}
interface BLine {
  day: Day;
  balanceAfter: bigint;
  interestPaid: bigint;
  principalPaid: bigint;
  rate: bigint;
  interestDueAfter: bigint;
  ioiDueAfter: bigint;
  memo: string[];
}
interface Bond {
  name: string;
  kind: 'sequential' | 'equity' | 'targetSchedule';
  schedule: { from: Day; target: bigint }[];
  balance: bigint;
  original: bigint;
  startBalance: bigint;
  rate: bigint;
  coupon: JsonObject;
  due: bigint;
  ioi: bigint;
  duePrincipal: bigint;
  lastAccrual: Day | null;
  lastIntPaid: Day | null;
  maturity: Day | null;
  lines: BLine[];
  paidToday: { day: Day; int: bigint; prin: bigint };
}
interface FLine {
  day: Day;
  dueAfter: bigint;
  paid: bigint;
  arrearsAfter: bigint;
  memo: string[];
}
interface Fee {
  name: string;
  def: JsonObject;
  type: string;
  start: Day;
  due: bigint;
  arrears: bigint;
  lastAccrual: Day | null;
  lastPaid: Day | null;
  paidTotal: bigint;
  lines: FLine[];
}
interface Ledger {
  name: string;
  balance: bigint;
  lines: [Day, bigint, bigint, string][];
}
interface Trigger {
  name: string;
  at: string;
  condition: Json;
  effect: JsonObject;
  curable: boolean;
  status: boolean;
  fired: boolean;
  history: { day: Day; status: boolean; memo: string }[];
}

/** Event kinds in the order they run on one date (the reference engine's `sortActionOnDate`). */
const enum Kind {
  Reset = 0,
  Collection = 1,
  Closing = 2,
  Distribution = 3,
  FeeAccrual = 4,
}
interface Event {
  day: Day;
  kind: Kind;
}

const yearFraction = (dayCount: string, from: Day, to: Day): Rat => {
  const days = BigInt(to - from);
  switch (dayCount) {
    case 'ACT/365F':
    case 'ACT/365':
    case 'ACT/365Fixed':
      return rat(days, 365n);
    case 'ACT/360':
      return rat(days, 360n);
    case '30/360':
    case '30/360US': {
      const [y1, m1, d1a] = ymd(from);
      const [y2, m2, d2a] = ymd(to);
      const d1 = Math.min(d1a, 30);
      const d2 = d2a === 31 && d1 === 30 ? 30 : d2a;
      return rat(BigInt(360 * (y2 - y1) + 30 * (m2 - m1) + (d2 - d1)), 360n);
    }
    default:
      return unsupported(`day count ${JSON.stringify(dayCount)} is not supported`);
  }
};

/**
 * Pro-rata split of `amount` by `weights`: each share floored to the cent, the leftover cents to
 * the first item with a positive weight (the reference engine gives them to the list's first item;
 * skipping zero-weight items keeps an item from being paid above its due).
 */
export function prorata(amount: bigint, weights: bigint[]): bigint[] {
  if (amount < 0n || weights.some((w) => w < 0n)) throw new WaterfallError(WaterfallErrorCode.InvariantViolated, `pro-rata split of ${amount} by negative weights or amount`);
  const total = weights.reduce((a, b) => a + b, 0n);
  if (total === 0n) return weights.map(() => 0n);
  const shares = weights.map((w) => (amount * w) / total);
  const left = amount - shares.reduce((a, b) => a + b, 0n);
  const first = weights.findIndex((w) => w > 0n);
  shares[first] += left;
  return shares;
}

class Deal {
  readonly accounts = new Map<string, Account>();
  readonly bonds = new Map<string, Bond>();
  readonly fees = new Map<string, Fee>();
  readonly ledgers = new Map<string, Ledger>();
  readonly triggers: Trigger[] = [];
  readonly rows: Row[];
  readonly recordZeroWithdrawals: boolean;
  readonly indexRates: Map<string, bigint>;
  readonly issuanceBalance: bigint;
  readonly historyDefaults: bigint;
  readonly structure: JsonObject;
  readonly waterfalls: JsonObject;
  status: string;
  statusThen: string | null;
  readonly statusAtStart: Json;
  readonly statusChanges: FinalState['statusChanges'] = [];
  nextRow = 0;
  poolBalance: bigint;
  cumDefault: bigint;
  cumBySource: Record<string, bigint> = { principal: 0n, interest: 0n, prepayment: 0n, recovery: 0n, prepaymentPenalty: 0n, default: 0n, loss: 0n };
  poolLiquidated = false;
  today: Day = 0;
  collectionEvents = 0;
  distributionEvents = 0;
  /** Cash that entered the accounts from outside (collections, liquidation) and left them (payments). */
  cashIn = 0n;
  cashOut = 0n;

  constructor(readonly c: JsonObject) {
    if (c.format !== CASE_FORMAT) bad(`format: expected ${JSON.stringify(CASE_FORMAT)}, got ${JSON.stringify(c.format ?? null)}`);
    const conventions = c.conventions ? obj(c.conventions, 'conventions') : {};
    this.recordZeroWithdrawals = conventions.zeroAmountAccountWithdrawalsRecorded === true;
    const pool = obj(c.pool, 'pool');
    this.structure = obj(c.structure, 'structure');
    this.waterfalls = obj(this.structure.waterfalls, 'structure.waterfalls');
    this.rows = arr(pool.collections, 'pool.collections').map((r, i) => {
      const o = obj(r, `pool.collections[${i}]`);
      const cents = (k: string) => (o[k] === undefined || o[k] === null ? 0n : toCents(o[k], `pool.collections[${i}].${k}`));
      const row: Row = {
        day: parseDay(o.date, `pool.collections[${i}].date`),
        balance: cents('balance'),
        principal: cents('principal'),
        interest: cents('interest'),
        prepayment: cents('prepayment'),
        default: cents('default'),
        recovery: cents('recovery'),
        loss: cents('loss'),
        prepaymentPenalty: cents('prepaymentPenalty'),
      };
      for (const k of ['principal', 'interest', 'prepayment', 'default', 'recovery', 'loss', 'prepaymentPenalty', 'balance'] as const) {
        if (row[k] < 0n) bad(`pool.collections[${i}].${k} is negative`);
      }
      return row;
    });
    for (let i = 1; i < this.rows.length; i++) if (this.rows[i].day < this.rows[i - 1].day) bad('pool.collections are not in date order');
    this.rows.forEach((r, i) => { if (rowCash(r) !== 0n) this.lastCashRow = i; });
    this.poolBalance = toCents(pool.balanceAtCutoff ?? 0, 'pool.balanceAtCutoff');
    const stat = pool.issuanceStat ? obj(pool.issuanceStat, 'pool.issuanceStat') : {};
    this.issuanceBalance = stat.IssuanceBalance !== undefined && stat.IssuanceBalance !== null ? toCents(stat.IssuanceBalance, 'IssuanceBalance') : this.poolBalance;
    this.historyDefaults = stat.HistoryDefaults !== undefined && stat.HistoryDefaults !== null ? toCents(stat.HistoryDefaults, 'HistoryDefaults') : 0n;
    this.cumDefault = this.historyDefaults;

    this.indexRates = new Map();
    if (c.indexRates !== null && c.indexRates !== undefined) {
      for (const [k, v] of Object.entries(obj(c.indexRates, 'indexRates'))) {
        const o = obj(v, `indexRates.${k}`);
        if (o.type !== 'flat') unsupported(`indexRates.${k}: only flat index curves are supported`);
        this.indexRates.set(k, toMicro(o.rate, `indexRates.${k}.rate`));
      }
    }

    const st = c.dealStatusAtStart;
    this.statusAtStart = st ?? null;
    if (typeof st === 'string') {
      this.status = st;
      this.statusThen = null;
    } else {
      const o = obj(st, 'dealStatusAtStart');
      this.status = str(o.status, 'dealStatusAtStart.status');
      this.statusThen = typeof o.then === 'string' ? o.then : null;
    }

    for (const [i, a] of arr(this.structure.accounts, 'structure.accounts').entries()) {
      const o = obj(a, `structure.accounts[${i}]`);
      const name = str(o.name, `structure.accounts[${i}].name`);
      if (o.interest !== null && o.interest !== undefined) unsupported(`account ${name}: account interest is not supported`);
      this.accounts.set(name, { name, balance: toCents(o.openingBalance ?? 0, `account ${name}.openingBalance`), target: o.reserveTarget ?? null, lines: [] });
    }
    const dates = obj(c.dates, 'dates');
    // Bonds accrue from `accrualStartForBonds`; without it, from the closing date (pre-closing) or
    // the last distribution date (a running deal).
    const startField = dates.accrualStartForBonds ?? (dates.type === 'current' ? dates.lastDistribution : dates.closing);
    const accrualStart = startField ? parseDay(startField, 'dates.accrualStartForBonds') : null;
    for (const [i, b] of arr(this.structure.bonds, 'structure.bonds').entries()) {
      const o = obj(b, `structure.bonds[${i}]`);
      const name = str(o.name, `structure.bonds[${i}].name`);
      const kindRaw = str(o.principalType, `bond ${name}.principalType`);
      if (kindRaw !== 'sequential' && kindRaw !== 'equity' && kindRaw !== 'targetSchedule') unsupported(`bond ${name}: principalType ${kindRaw} is not supported`);
      const kind = kindRaw as Bond['kind'];
      if (o.stepUp !== null && o.stepUp !== undefined) unsupported(`bond ${name}: coupon step-up is not supported`);
      const balance = toCents(o.balance, `bond ${name}.balance`);
      const schedule = kind === 'targetSchedule'
        ? arr(o.targetBalanceSchedule, `bond ${name}.targetBalanceSchedule`).map((p, j) => {
            const po = obj(p, `bond ${name}.targetBalanceSchedule[${j}]`);
            return { from: parseDay(po.from, `bond ${name}.targetBalanceSchedule[${j}].from`), target: toCents(po.targetBalance, `bond ${name}.targetBalance`) };
          }).sort((x, y) => x.from - y.from)
        : [];
      const last = o.lastInterestAccrualDate ? parseDay(o.lastInterestAccrualDate, `bond ${name}.lastInterestAccrualDate`) : kind === 'equity' ? null : accrualStart;
      const nonNegative = (v: bigint, field: string) => (v < 0n ? bad(`bond ${name}.${field} is negative`) : v);
      nonNegative(balance, 'balance');
      this.bonds.set(name, {
        name,
        kind,
        schedule,
        balance,
        original: o.originalBalance === null || o.originalBalance === undefined ? balance : toCents(o.originalBalance, `bond ${name}.originalBalance`),
        startBalance: balance,
        rate: toMicro(o.currentRate ?? 0, `bond ${name}.currentRate`),
        coupon: o.coupon ? obj(o.coupon, `bond ${name}.coupon`) : { type: 'fixed', dayCount: 'ACT/365F' },
        due: nonNegative(toCents(o.dueInterest ?? 0, `bond ${name}.dueInterest`), 'dueInterest'),
        ioi: nonNegative(toCents(o.dueInterestOnInterest ?? 0, `bond ${name}.dueInterestOnInterest`), 'dueInterestOnInterest'),
        duePrincipal: nonNegative(toCents(o.duePrincipal ?? 0, `bond ${name}.duePrincipal`), 'duePrincipal'),
        lastAccrual: kind === 'equity' ? null : last,
        lastIntPaid: null,
        maturity: o.maturityDate ? parseDay(o.maturityDate, `bond ${name}.maturityDate`) : null,
        lines: [],
        paidToday: { day: -1, int: 0n, prin: 0n },
      });
    }
    for (const [i, f] of optArr(this.structure.fees).entries()) {
      const o = obj(f, `structure.fees[${i}]`);
      const name = str(o.name, `structure.fees[${i}].name`);
      const type = str(o.type, `fee ${name}.type`);
      if (!['fixedOnce', 'recurring', 'annualRate', 'pctOf', 'targetBalance', 'amountSchedule'].includes(type)) unsupported(`fee ${name}: type ${type} is not supported`);
      this.fees.set(name, {
        name,
        def: o,
        type,
        start: parseDay(o.start, `fee ${name}.start`),
        due: nonNegativeFee(toCents(o.openingDue ?? 0, `fee ${name}.openingDue`), `fee ${name}.openingDue`),
        arrears: nonNegativeFee(toCents(o.openingArrears ?? 0, `fee ${name}.openingArrears`), `fee ${name}.openingArrears`),
        lastAccrual: o.lastAccrualDate ? parseDay(o.lastAccrualDate, `fee ${name}.lastAccrualDate`) : null,
        lastPaid: null,
        paidTotal: 0n,
        lines: [],
      });
    }
    if (this.structure.ledgers !== null && this.structure.ledgers !== undefined) {
      for (const [k, v] of Object.entries(obj(this.structure.ledgers, 'structure.ledgers'))) {
        const o = obj(v, `ledgers.${k}`);
        this.ledgers.set(k, { name: k, balance: toCents(o.ledgBalance ?? 0, `ledger ${k}.ledgBalance`), lines: [] });
      }
    }
    for (const [i, t] of optArr(this.structure.triggers).entries()) {
      const o = obj(t, `structure.triggers[${i}]`);
      const name = str(o.name, `structure.triggers[${i}].name`);
      const initially = o.initiallyTriggered === true;
      this.triggers.push({
        name,
        at: str(o.evaluatedAt, `trigger ${name}.evaluatedAt`),
        condition: o.condition ?? null,
        effect: obj(o.effect, `trigger ${name}.effect`),
        curable: o.curable === true,
        status: initially,
        fired: initially,
        history: [],
      });
    }
    for (const k of ['liquidityProviders', 'rateSwaps', 'rateCaps'] as const) {
      const v = this.structure[k];
      if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && Object.keys(v).length === 0)) {
        unsupported(`structure.${k} is not supported`);
      }
    }
  }

  // ---------------------------------------------------------------- accounts and statements

  account(name: Json | undefined, what: string): Account {
    const a = this.accounts.get(str(name, what));
    if (!a) return bad(`${what}: no account ${JSON.stringify(name)}`);
    // Every step reads its accounts through here: a negative balance stops the run before any use.
    if (a.balance < 0n) throw new WaterfallInvariantError('negativeBalance', formatDay(this.today), `account ${a.name} is ${a.balance} cents`);
    return a;
  }
  bond(name: string, what: string): Bond {
    const b = this.bonds.get(name);
    if (!b) return bad(`${what}: no bond ${JSON.stringify(name)}`);
    return b;
  }
  fee(name: string, what: string): Fee {
    const f = this.fees.get(name);
    if (!f) return bad(`${what}: no fee ${JSON.stringify(name)}`);
    return f;
  }
  ledger(name: string, what: string): Ledger {
    const l = this.ledgers.get(name);
    if (!l) return bad(`${what}: no ledger ${JSON.stringify(name)}`);
    return l;
  }

  deposit(a: Account, amount: bigint, memo: string[]): void {
    a.balance += amount;
    a.lines.push({ day: this.today, balanceAfter: a.balance, amount, memo });
  }
  withdraw(a: Account, amount: bigint, memo: string[]): void {
    if (amount > a.balance || amount < 0n) {
      throw new WaterfallInvariantError('negativeBalance', formatDay(this.today), `account ${a.name} would pay ${amount} cents out of ${a.balance}`);
    }
    a.balance -= amount;
    if (amount !== 0n || this.recordZeroWithdrawals) a.lines.push({ day: this.today, balanceAfter: a.balance, amount: -amount, memo });
  }

  bondLine(b: Bond, interestPaid: bigint, principalPaid: bigint, memo: string): void {
    const last = b.lines[b.lines.length - 1];
    if (last && last.day === this.today) {
      last.interestPaid += interestPaid;
      last.principalPaid += principalPaid;
      last.balanceAfter = b.balance;
      last.rate = b.rate;
      last.interestDueAfter = b.due;
      last.ioiDueAfter = b.ioi;
      last.memo.push(memo);
    } else {
      b.lines.push({ day: this.today, balanceAfter: b.balance, interestPaid, principalPaid, rate: b.rate, interestDueAfter: b.due, ioiDueAfter: b.ioi, memo: [memo] });
    }
    if (b.paidToday.day !== this.today) b.paidToday = { day: this.today, int: 0n, prin: 0n };
    b.paidToday.int += interestPaid;
    b.paidToday.prin += principalPaid;
  }

  bookLedger(l: Ledger, direction: string, amount: bigint): void {
    const d = direction.toLowerCase();
    if (d !== 'debit' && d !== 'credit') bad(`ledger ${l.name}: direction ${direction} is not debit/credit`);
    l.balance += d === 'debit' ? amount : -amount;
    l.lines.push([this.today, l.balance, amount, d === 'debit' ? '<TxnDirection:Debit>' : '<TxnDirection:Credit>']);
  }

  // ---------------------------------------------------------------- formulas and conditions

  bondTarget(b: Bond): bigint {
    if (b.kind !== 'targetSchedule') return 0n;
    let target = 0n;
    for (const p of b.schedule) if (p.from <= this.today) target = p.target;
    return target;
  }

  reserveTarget(t: Json, what: string): bigint {
    const o = obj(t, what);
    switch (o.type) {
      case 'fixed':
        return toCents(o.amount, `${what}.amount`);
      case 'pctOf':
        return ratToCentsFloor(ratMul(this.num(o.base ?? null, `${what}.base`), ratDecimal(o.pct, `${what}.pct`)));
      case 'conditional':
        return this.cond(o.if ?? null, `${what}.if`) ? this.reserveTarget(o.then ?? null, `${what}.then`) : this.reserveTarget(o.else ?? null, `${what}.else`);
      case 'max':
      case 'min': {
        const vs = arr(o.of, `${what}.of`).map((x, i) => this.reserveTarget(x, `${what}.of[${i}]`));
        if (vs.length === 0) return bad(`${what}: empty ${o.type}`);
        return vs.reduce((a, b) => (o.type === 'max' ? (a > b ? a : b) : a < b ? a : b));
      }
      default:
        return unsupported(`${what}: reserve target type ${JSON.stringify(o.type)} is not supported`);
    }
  }
  accountTarget(a: Account, what: string): bigint {
    if (a.target === null) return unevaluable(`${what}: account ${a.name} has no reserve target`);
    return this.reserveTarget(a.target, `account ${a.name}.reserveTarget`);
  }

  /** Value of a formula as an exact rational (money in currency units). */
  num(f: Json, what: string): Rat {
    if (typeof f === 'number') return ratDecimal(f, what);
    // A bare stat name stands for the formula without arguments ("currentPoolBalance").
    if (typeof f === 'string') return /^-?\d/.test(f) ? ratDecimal(f, what) : this.num({ fn: f }, what);
    const o = obj(f, what);
    const fn = o.fn;
    const sumCents = (xs: bigint[]): Rat => ratCents(xs.reduce((a, b) => a + b, 0n));
    const args = () => arr(o.args, `${what}.args`).map((x, i) => this.num(x, `${what}.args[${i}]`));
    switch (fn) {
      case 'constant':
        return ratDecimal(o.value, `${what}.value`);
      case 'currentPoolBalance':
        return ratCents(this.poolBalance);
      case 'originalPoolBalance':
        return ratCents(this.issuanceBalance);
      case 'cumulativePoolDefaultedBalance':
        return ratCents(this.cumDefault);
      case 'cumulativePoolDefaultedRate':
        return ratDiv(ratCents(this.cumDefault), ratCents(this.issuanceBalance), what);
      case 'currentBondBalance':
        return sumCents([...this.bonds.values()].map((b) => b.balance));
      case 'currentBondBalanceOf':
        return sumCents(names(o, what).map((n) => this.bond(n, what).balance));
      case 'originalBondBalance':
        return sumCents((o.names ? names(o, what).map((n) => this.bond(n, what)) : [...this.bonds.values()]).map((b) => b.original));
      case 'currentDueBondInt':
        return sumCents(names(o, what).map((n) => this.bond(n, what).due));
      case 'currentDueBondIntOverInt':
        return sumCents(names(o, what).map((n) => this.bond(n, what).ioi));
      case 'currentDueFee':
        return sumCents(names(o, what).map((n) => this.fee(n, what)).map((x) => x.due + x.arrears));
      case 'accBalance':
        return sumCents(names(o, what).map((n) => this.account(n, what).balance));
      case 'reserveGap':
        return sumCents(names(o, what).map((n) => this.account(n, what)).map((a) => { const g = this.accountTarget(a, what) - a.balance; return g > 0n ? g : 0n; }));
      case 'reserveExcess':
        return sumCents(names(o, what).map((n) => this.account(n, what)).map((a) => { const g = a.balance - this.accountTarget(a, what); return g > 0n ? g : 0n; }));
      case 'bondBalanceGap':
        return sumCents(names(o, what).map((n) => this.bond(n, what)).map((b) => { const g = b.balance - this.bondTarget(b); return g > 0n ? g : 0n; }));
      case 'monthsTillMaturity': {
        const b = this.bond(names(o, what)[0], what);
        if (b.maturity === null) return unevaluable(`${what}: bond ${b.name} has no maturity date`);
        return rat(BigInt(Math.max(0, monthsBetween(this.today, b.maturity))));
      }
      case 'lastBondIntPaid':
        return sumCents(names(o, what).map((n) => this.bond(n, what)).map((b) => (b.paidToday.day === this.today ? b.paidToday.int : 0n)));
      case 'lastBondPrinPaid':
        return sumCents(names(o, what).map((n) => this.bond(n, what)).map((b) => (b.paidToday.day === this.today ? b.paidToday.prin : 0n)));
      case 'feePaidAmt':
      case 'feeTxnAmt':
        return sumCents(names(o, what).map((n) => this.fee(n, what).paidTotal));
      case 'poolCumCollection': {
        const srcs = arr(o.sources ?? o.names, `${what}.sources`).map((s, i) => str(s, `${what}.sources[${i}]`));
        return sumCents(srcs.map((s) => { const v = this.cumBySource[s]; return v === undefined ? unevaluable(`${what}: unknown source ${s}`) : v; }));
      }
      case 'ledgerBalanceBy': {
        const dir = str(o.direction, `${what}.direction`).toLowerCase();
        return sumCents(names(o, what).map((n) => this.ledger(n, what).balance).map((b) => (dir === 'debit' ? (b > 0n ? b : 0n) : b < 0n ? -b : 0n)));
      }
      case 'ledgerBalance':
        return sumCents(names(o, what).map((n) => this.ledger(n, what).balance));
      case 'sum':
        return args().reduce(ratAdd, rat(0n));
      case 'subtract':
      case 'excess': {
        const [first, ...rest] = args();
        if (!first) return bad(`${what}: ${fn} needs arguments`);
        const v = rest.reduce(ratSub, first);
        return fn === 'excess' ? ratMax(v, rat(0n)) : v;
      }
      case 'max':
      case 'min': {
        const xs = args();
        if (xs.length === 0) return bad(`${what}: ${fn} needs arguments`);
        return xs.reduce(fn === 'max' ? ratMax : ratMin);
      }
      case 'factor':
        return ratMul(this.num(o.arg ?? null, `${what}.arg`), ratDecimal(o.times, `${what}.times`));
      case 'isPaidOff':
      case 'triggerStatus':
        return unevaluable(`${what}: ${fn} is a boolean, not a number`);
      default:
        return unevaluable(`${what}: formula ${JSON.stringify(fn)} cannot be evaluated`);
    }
  }

  bool(f: Json, what: string): boolean {
    if (typeof f === 'boolean') return f;
    const o = obj(f, what);
    if (o.test !== undefined) return this.cond(o, what);
    switch (o.fn) {
      case 'isPaidOff':
        return names(o, what).every((n) => { const b = this.bond(n, what); return b.balance === 0n && b.due === 0n && b.ioi === 0n; });
      case 'triggerStatus': {
        const name = str(o.name, `${what}.name`);
        const t = this.triggers.find((x) => x.name === name && (o.at === undefined || o.at === null || x.at === o.at));
        if (!t) return unevaluable(`${what}: no trigger ${name}`);
        return t.status;
      }
      default:
        return unevaluable(`${what}: formula ${JSON.stringify(o.fn)} is not a boolean`);
    }
  }

  cond(c: Json, what: string): boolean {
    const o = obj(c, what);
    const cmp = (op: Json | undefined, x: number): boolean => {
      switch (op) {
        case '>': return x > 0;
        case '>=': return x >= 0;
        case '<': return x < 0;
        case '<=': return x <= 0;
        case '=': case '==': return x === 0;
        default: return unevaluable(`${what}: unknown comparison ${JSON.stringify(op)}`);
      }
    };
    switch (o.test) {
      case 'isZero': {
        const v = this.num(o.value ?? null, `${what}.value`);
        // Rounded to an integer: |v| < 0.5.
        return ratCmp(rat(v.n < 0n ? -v.n : v.n, v.d), rat(1n, 2n)) < 0;
      }
      case 'bool':
        return this.bool(o.value ?? null, `${what}.value`) === (o.equals === undefined ? true : o.equals === true);
      case 'compare': {
        const l = this.num(o.left ?? null, `${what}.left`);
        const r = this.num(o.right ?? null, `${what}.right`);
        return cmp(o.op, ratCmp(l, r));
      }
      case 'compareToStepCurve': {
        const l = this.num(o.left ?? null, `${what}.left`);
        const curve = arr(o.curve, `${what}.curve`).map((p, i) => obj(p, `${what}.curve[${i}]`));
        if (curve.length === 0) return unevaluable(`${what}: empty curve`);
        const point = curve.find((p) => parseDay(p.until, `${what}.curve.until`) >= this.today) ?? curve[curve.length - 1];
        return cmp(o.op, ratCmp(l, ratDecimal(point.value, `${what}.curve.value`)));
      }
      case 'date':
        return cmp(o.op, this.today - parseDay(o.date, `${what}.date`));
      case 'dealStatus':
        return this.status === o.equals;
      case 'any':
        return arr(o.of, `${what}.of`).some((x, i) => this.cond(x, `${what}.of[${i}]`));
      case 'all':
        return arr(o.of, `${what}.of`).every((x, i) => this.cond(x, `${what}.of[${i}]`));
      case 'always':
        return true;
      default:
        return unevaluable(`${what}: condition ${JSON.stringify(o.test)} cannot be evaluated`);
    }
  }

  /** Caps `available` by a step's `limit`. */
  limit(l: Json | undefined, available: bigint, due: bigint, what: string, pctOfAvailable = false): bigint {
    if (l === null || l === undefined) return available;
    const o = obj(l, what);
    let cap: bigint;
    switch (o.type) {
      case 'formula':
        cap = ratToCentsFloor(this.num(o.formula ?? null, `${what}.formula`));
        break;
      case 'pctOfDue':
        cap = ratToCentsFloor(ratMul(ratCents(pctOfAvailable ? available : due), ratDecimal(o.pct, `${what}.pct`)));
        break;
      case 'capAmount':
        cap = toCents(o.amount, `${what}.amount`);
        break;
      default:
        return unsupported(`${what}: limit type ${JSON.stringify(o.type)} is not supported`);
    }
    if (cap < 0n) cap = 0n;
    return cap < available ? cap : available;
  }

  // ---------------------------------------------------------------- bonds and fees

  accrue(b: Bond): void {
    if (b.kind === 'equity') return;
    const from = b.lastAccrual;
    if (from === null || this.today <= from) {
      if (from === null) b.lastAccrual = this.today;
      return;
    }
    if (b.balance + b.due !== 0n) {
      const yf = yearFraction(typeof b.coupon.dayCount === 'string' ? b.coupon.dayCount : 'ACT/365F', from, this.today);
      const r = ratMicro(b.rate);
      const newInt = ratToCentsFloor(ratMul(ratMul(ratCents(b.balance), yf), r));
      const newIoI = ratToCentsFloor(ratMul(ratMul(ratCents(b.due), r), yf));
      b.due += newInt;
      b.ioi += newIoI;
    }
    b.lastAccrual = this.today;
  }

  resetRate(b: Bond): void {
    this.accrue(b);
    const c = b.coupon;
    const index = str(c.index, `bond ${b.name}.coupon.index`);
    const idx = this.indexRates.get(index);
    if (idx === undefined) unevaluable(`bond ${b.name}: no rate for index ${index}`);
    let r = (idx as bigint) + toMicro(c.spread ?? 0, `bond ${b.name}.coupon.spread`);
    if (c.floor !== null && c.floor !== undefined) { const f = toMicro(c.floor, `bond ${b.name}.coupon.floor`); if (r < f) r = f; }
    if (c.cap !== null && c.cap !== undefined) { const f = toMicro(c.cap, `bond ${b.name}.coupon.cap`); if (r > f) r = f; }
    b.rate = r;
  }

  feeAccrueByFormula(f: Fee): void {
    const d = f.def;
    const what = `fee ${f.name}`;
    switch (f.type) {
      case 'annualRate': {
        const rate = ratDecimal(d.rate, `${what}.rate`);
        const last = f.lastAccrual ?? f.start;
        const base = d.base ?? { fn: 'currentPoolBalance' };
        let weighted: bigint;
        if (typeof base === 'object' && base !== null && !Array.isArray(base) && base.fn === 'currentPoolBalance') {
          // Time-weighted over the collected rows dated in (last accrual, today]: each row's
          // beginning balance for the days since the previous row (the last accrual date for the
          // first row of the pool).
          weighted = 0n;
          for (let i = 0; i < this.nextRow; i++) {
            const r = this.rows[i];
            if (r.day <= last || r.day > this.today) continue;
            const from = i > 0 ? this.rows[i - 1].day : last;
            const beg = r.balance + r.principal + r.prepayment + r.default;
            weighted += ratToCentsFloor(ratMul(ratCents(beg), rat(BigInt(Math.max(0, r.day - from)), 365n)));
          }
        } else {
          weighted = ratToCentsFloor(ratMul(this.num(base, `${what}.base`), rat(BigInt(this.today - last), 365n)));
        }
        f.due += ratToCentsFloor(ratMul(ratCents(weighted), rate));
        f.lastAccrual = this.today;
        return;
      }
      case 'pctOf':
        f.due += ratToCentsFloor(ratMul(this.num(d.base ?? null, `${what}.base`), ratDecimal(d.rate, `${what}.rate`)));
        f.lastAccrual = this.today;
        return;
      case 'targetBalance': {
        const v = ratSub(this.num(d.target ?? null, `${what}.target`), this.num(d.minus ?? null, `${what}.minus`));
        f.due = ratToCentsFloor(ratMax(v, rat(0n)));
        f.lastAccrual = this.today;
        return;
      }
      default:
        // fixedOnce / recurring / amountSchedule accrue by calendar (see feeCalendar).
        return;
    }
  }

  payFees(list: Fee[], available: bigint): bigint[] {
    const dues = list.map((f) => f.arrears + f.due);
    const total = dues.reduce((a, b) => a + b, 0n);
    const pay = available < total ? available : total;
    const shares = prorata(pay, dues);
    list.forEach((f, i) => {
      let p = shares[i];
      if (p > f.arrears + f.due) throw new WaterfallInvariantError('overpayment', formatDay(this.today), `fee ${f.name} paid ${p} above its due ${f.arrears + f.due}`);
      const fromArrears = p < f.arrears ? p : f.arrears;
      f.arrears -= fromArrears;
      p -= fromArrears;
      f.due -= p;
      f.paidTotal += shares[i];
      f.lastPaid = this.today;
      f.lines.push({ day: this.today, dueAfter: f.due, paid: shares[i], arrearsAfter: f.arrears, memo: [`<PayFee:${f.name}>`] });
    });
    return shares;
  }

  // ---------------------------------------------------------------- waterfall steps

  runSteps(steps: Json[], what: string): void {
    steps.forEach((s, i) => this.step(obj(s, `${what}[${i}]`), `${what}[${i}]`));
  }

  step(s: JsonObject, what: string): void {
    const action = s.action;
    switch (action) {
      case 'payFee': {
        if (s.extraSupport !== null && s.extraSupport !== undefined) unsupported(`${what}: extraSupport is not supported`);
        const acc = this.account(s.from, `${what}.from`);
        const fs = arr(s.fees, `${what}.fees`).map((n) => this.fee(str(n, `${what}.fees`), what));
        const totalDue = fs.reduce((a, f) => a + f.due + f.arrears, 0n);
        const avail = this.limit(s.limit, acc.balance, totalDue, `${what}.limit`);
        const shares = this.payFees(fs, avail);
        const paid = shares.reduce((a, b) => a + b, 0n);
        this.withdraw(acc, paid, [`<SeqPayFee:${fs.map((f) => f.name).join(',')}>`]);
        this.cashOut += paid;
        return;
      }
      case 'payFeeResidual': {
        const acc = this.account(s.from, `${what}.from`);
        const f = this.fee(str(s.fee, `${what}.fee`), what);
        const pay = this.limit(s.limit, acc.balance, f.due + f.arrears, `${what}.limit`, true);
        const fromArrears = pay < f.arrears ? pay : f.arrears;
        f.arrears -= fromArrears;
        const rest = pay - fromArrears;
        f.due = rest >= f.due ? 0n : f.due - rest;
        f.paidTotal += pay;
        f.lastPaid = this.today;
        f.lines.push({ day: this.today, dueAfter: f.due, paid: pay, arrearsAfter: f.arrears, memo: [`<PayFeeYield:${f.name}>`] });
        this.withdraw(acc, pay, [`<PayFeeYield:${f.name}>`]);
        this.cashOut += pay;
        return;
      }
      case 'accrueFee':
        arr(s.fees, `${what}.fees`).forEach((n) => this.feeAccrueByFormula(this.fee(str(n, `${what}.fees`), what)));
        return;
      case 'accrueInterest':
        arr(s.bonds, `${what}.bonds`).forEach((n) => this.accrue(this.bond(str(n, `${what}.bonds`), what)));
        return;
      case 'accrueAndPayInterest': {
        if (s.extraSupport !== null && s.extraSupport !== undefined) unsupported(`${what}: extraSupport is not supported`);
        const acc = this.account(s.from, `${what}.from`);
        const bs = arr(s.bonds, `${what}.bonds`).map((n) => this.bond(str(n, `${what}.bonds`), what));
        bs.forEach((b) => this.accrue(b));
        const dues = bs.map((b) => b.due + b.ioi);
        const total = dues.reduce((a, b) => a + b, 0n);
        const avail = this.limit(s.limit, acc.balance, total, `${what}.limit`);
        const pay = avail < total ? avail : total;
        const shares = prorata(pay, dues);
        this.withdraw(acc, pay, [`<PayInt:${bs.map((b) => b.name).join(',')}>`]);
        this.cashOut += pay;
        bs.forEach((b, i) => {
          const p = shares[i];
          if (p > b.due + b.ioi) throw new WaterfallInvariantError('overpayment', formatDay(this.today), `bond ${b.name} paid interest ${p} above its due ${b.due + b.ioi}`);
          if (p === 0n) return;
          const toIoI = p < b.ioi ? p : b.ioi;
          b.ioi -= toIoI;
          b.due -= p - toIoI;
          b.lastIntPaid = this.today;
          this.bondLine(b, p, 0n, `<PayInt:${b.name}>`);
        });
        return;
      }
      case 'payPrincipal':
      case 'payPrincipalResidual': {
        const acc = this.account(s.from, `${what}.from`);
        const bs = arr(s.bonds, `${what}.bonds`).map((n) => this.bond(str(n, `${what}.bonds`), what)).filter((b) => b.balance > 0n);
        const residual = action === 'payPrincipalResidual';
        const dues = bs.map((b) => {
          const target = residual ? 0n : this.bondTarget(b);
          return b.balance > target ? b.balance - target : 0n;
        });
        const total = dues.reduce((a, b) => a + b, 0n);
        const avail = this.limit(s.limit, acc.balance, total, `${what}.limit`);
        const pay = avail < total ? avail : total;
        const shares = prorata(pay, dues);
        const tag = residual ? 'PayPrinResidual' : 'PayPrin';
        this.withdraw(acc, pay, [`<${tag}:${bs.map((b) => b.name).join(',')}>`]);
        this.cashOut += pay;
        bs.forEach((b, i) => {
          const p = shares[i];
          if (p > dues[i]) throw new WaterfallInvariantError('overpayment', formatDay(this.today), `bond ${b.name} paid principal ${p} above its due ${dues[i]}`);
          b.duePrincipal = dues[i] - p;
          if (p === 0n) return;
          b.balance -= p;
          this.bondLine(b, 0n, p, `<${tag}:${b.name}>`);
        });
        return;
      }
      case 'payResidualToEquity': {
        const acc = this.account(s.from, `${what}.from`);
        const b = this.bond(str(s.bond, `${what}.bond`), what);
        const pay = this.limit(s.limit, acc.balance, acc.balance, `${what}.limit`);
        this.withdraw(acc, pay, [`<PayYield:${b.name}>`]);
        this.cashOut += pay;
        this.bondLine(b, pay, 0n, `<PayYield:${b.name}>`);
        return;
      }
      case 'transfer':
      case 'transferAndBook': {
        const from = this.account(s.from, `${what}.from`);
        const to = this.account(s.to, `${what}.to`);
        const amount = this.limit(s.limit, from.balance, from.balance, `${what}.limit`);
        const memo = [`<Transfer:${from.name},${to.name}>`];
        let book: JsonObject | null = null;
        if (action === 'transferAndBook') {
          book = obj(s.book, `${what}.book`);
          memo.push(`<BookLedger:${str(book.ledger, `${what}.book.ledger`)}>`);
        }
        this.withdraw(from, amount, memo);
        this.deposit(to, amount, [...memo]);
        if (book) this.bookLedger(this.ledger(str(book.ledger, `${what}.book.ledger`), what), str(book.direction, `${what}.book.direction`), amount);
        return;
      }
      case 'bookLedger': {
        let remaining = ratToCentsFloor(this.num(s.amount ?? null, `${what}.amount`));
        if (remaining < 0n) remaining = 0n;
        const direction = str(s.direction, `${what}.direction`);
        for (const [i, x] of arr(s.ledgers, `${what}.ledgers`).entries()) {
          const lo = obj(x, `${what}.ledgers[${i}]`);
          const l = this.ledger(str(lo.ledger, `${what}.ledgers[${i}].ledger`), what);
          let amt = remaining;
          if (lo.cap !== null && lo.cap !== undefined) {
            let cap = ratToCentsFloor(this.num(lo.cap, `${what}.ledgers[${i}].cap`));
            if (cap < 0n) cap = 0n;
            if (cap < amt) amt = cap;
          }
          this.bookLedger(l, direction, amt);
          remaining -= amt;
        }
        return;
      }
      case 'liquidatePool': {
        const to = this.account(s.to, `${what}.to`);
        const pricing = obj(s.pricing, `${what}.pricing`);
        const defaulted = this.cumBySource.default - this.cumBySource.recovery - this.cumBySource.loss;
        const value = ratToCentsFloor(ratMul(ratCents(this.poolBalance), ratDecimal(pricing.performingFactor ?? 1, `${what}.pricing.performingFactor`)))
          + ratToCentsFloor(ratMul(ratCents(defaulted > 0n ? defaulted : 0n), ratDecimal(pricing.defaultedFactor ?? 0, `${what}.pricing.defaultedFactor`)));
        this.deposit(to, value, ['<Liquidation>']);
        this.cashIn += value;
        this.poolBalance = 0n;
        this.poolLiquidated = true;
        this.nextRow = this.rows.length;
        return;
      }
      case 'if':
      case 'ifElse':
        if (this.cond(s.condition ?? null, `${what}.condition`)) this.runSteps(optArr(s.then), `${what}.then`);
        else this.runSteps(optArr(s.else), `${what}.else`);
        return;
      case 'runTrigger':
        this.runTriggers('inWF', s.triggers ? arr(s.triggers, `${what}.triggers`).map((t) => str(t, `${what}.triggers`)) : null);
        return;
      default:
        return unsupported(`${what}: waterfall action ${JSON.stringify(action)} is not supported`);
    }
  }

  // ---------------------------------------------------------------- triggers and status

  setStatus(to: string, why: string): void {
    if (to === this.status) return;
    this.statusChanges.push({ date: formatDay(this.today), from: this.status, to, why });
    this.status = to;
  }

  runTriggers(at: string, only: string[] | null = null): void {
    for (const t of this.triggers) {
      if (t.at !== at || (only && !only.includes(t.name))) continue;
      if (t.fired && !t.curable) continue;
      // An unevaluable condition throws: it is an error, never a silent `false`.
      const status = this.cond(t.condition, `trigger ${t.name}.condition`);
      t.history.push({ day: this.today, status, memo: this.conditionMemo(t.condition) });
      t.status = status;
      if (status && !t.fired) {
        t.fired = true;
        const e = t.effect;
        if (e.effect === 'changeDealStatus') this.setStatus(str(e.to, `trigger ${t.name}.effect.to`), 'By trigger');
        else if (e.effect === 'changeReserveTarget') this.account(e.account, `trigger ${t.name}.effect.account`).target = e.newTarget ?? null;
        else unsupported(`trigger ${t.name}: effect ${JSON.stringify(e.effect)} is not supported`);
      }
    }
  }

  conditionMemo(c: Json): string {
    try {
      const o = obj(c, 'condition');
      if (o.test === 'compare' || o.test === 'compareToStepCurve') {
        const l = this.num(o.left ?? null, 'condition.left');
        return `${JSON.stringify(o.left)} ${String(o.op)} ${o.test === 'compare' ? JSON.stringify(o.right) : 'curve'} : left=${ratToString(l)}`;
      }
      return JSON.stringify(c);
    } catch {
      return JSON.stringify(c);
    }
  }

  // ---------------------------------------------------------------- events

  collect(): void {
    this.collectionEvents++;
    const sums: Record<Source, bigint> = { principal: 0n, interest: 0n, prepayment: 0n, recovery: 0n, prepaymentPenalty: 0n };
    while (this.nextRow < this.rows.length && this.rows[this.nextRow].day <= this.today) {
      const r = this.rows[this.nextRow++];
      for (const k of SOURCES) sums[k] += r[k];
      this.poolBalance = r.balance;
      this.cumDefault += r.default;
      for (const k of SOURCES) this.cumBySource[k] += r[k];
      this.cumBySource.default += r.default;
      this.cumBySource.loss += r.loss;
    }
    for (const [i, rule] of arr(this.structure.collectionRules, 'structure.collectionRules').entries()) {
      const o = obj(rule, `collectionRules[${i}]`);
      const source = str(o.source, `collectionRules[${i}].source`) as Source;
      if (!SOURCES.includes(source)) unsupported(`collectionRules[${i}]: source ${source} is not supported`);
      const amount = sums[source];
      const memo = `<Pool:${SOURCE_MEMO[source]}>`;
      if (o.split) {
        for (const [j, part] of arr(o.split, `collectionRules[${i}].split`).entries()) {
          const p = obj(part, `collectionRules[${i}].split[${j}]`);
          const share = ratToCentsFloor(ratMul(ratCents(amount), ratDecimal(p.pct, `collectionRules[${i}].split[${j}].pct`)));
          this.deposit(this.account(p.account, `collectionRules[${i}].split[${j}].account`), share, [memo]);
          this.cashIn += share;
        }
      } else {
        this.deposit(this.account(o.account, `collectionRules[${i}].account`), amount, [memo]);
        this.cashIn += amount;
      }
    }
    this.runTriggers('endCollection');
    this.runSteps(optArr(this.waterfalls.endOfCollection), 'waterfalls.endOfCollection');
    this.runTriggers('endCollectionWF');
  }

  chooseWaterfall(): { steps: Json[]; used: string } {
    const byStatus = this.waterfalls.distributionByStatus ? obj(this.waterfalls.distributionByStatus, 'waterfalls.distributionByStatus') : {};
    const steps = byStatus[this.status];
    if (Array.isArray(steps)) return { steps, used: `distributionByStatus.${this.status}` };
    return { steps: optArr(this.waterfalls.distributionDefault), used: 'distributionDefault' };
  }

  /** Index of the last row that carries cash (-1 when none). */
  lastCashRow = -1;
  remainingCash(): boolean {
    if (this.poolLiquidated) return false;
    return this.nextRow <= this.lastCashRow;
  }
  allAccountsZero(): boolean {
    for (const a of this.accounts.values()) if (a.balance !== 0n) return false;
    return true;
  }
  totalAccounts(): bigint {
    let s = 0n;
    for (const a of this.accounts.values()) s += a.balance;
    return s;
  }

  checkBalances(): void {
    const date = formatDay(this.today);
    for (const a of this.accounts.values()) if (a.balance < 0n) throw new WaterfallInvariantError('negativeBalance', date, `account ${a.name} is ${a.balance} cents`);
    for (const b of this.bonds.values()) {
      if (b.balance < 0n || b.due < 0n || b.ioi < 0n) throw new WaterfallInvariantError('negativeBalance', date, `bond ${b.name} balance/due below zero`);
    }
    for (const f of this.fees.values()) if (f.due < 0n || f.arrears < 0n) throw new WaterfallInvariantError('negativeBalance', date, `fee ${f.name} due below zero`);
  }
}

function ratToString(r: Rat): string {
  const cents = floorDiv(r.n * 1_000_000n, r.d);
  return (Number(cents) / 1e6).toString();
}

/** Runs a `tally-waterfall-case/1` object and returns the shape of its `expected` half. */
export function runWaterfall(input: unknown): WaterfallResult {
  const c = obj(input as Json, 'case');
  const deal = new Deal(c);
  const dates = obj(c.dates, 'dates');
  const maturity = parseDay(dates.statedMaturity, 'dates.statedMaturity');
  const preClosing = deal.status === 'preClosing';
  const closing = preClosing ? parseDay(dates.closing, 'dates.closing') : null;
  const firstCollection = parseDay(dates.firstCollection, 'dates.firstCollection');
  const firstDistribution = parseDay(dates.firstDistribution, 'dates.firstDistribution');
  const runStart = Math.min(firstCollection, firstDistribution, closing ?? Infinity);

  const events: Event[] = [];
  for (const d of scheduleDates(dates.collectionSchedule, firstCollection, firstCollection, maturity, 'dates.collectionSchedule')) events.push({ day: d, kind: Kind.Collection });
  for (const d of scheduleDates(dates.distributionSchedule, firstDistribution, firstDistribution, maturity, 'dates.distributionSchedule')) events.push({ day: d, kind: Kind.Distribution });
  if (closing !== null) events.push({ day: closing, kind: Kind.Closing });

  // Floating coupons reset on their calendar after the accrual start.
  const resets = new Map<Day, Bond[]>();
  for (const b of deal.bonds.values()) {
    if (b.coupon.type !== 'floating') continue;
    if (b.coupon.reset === null || b.coupon.reset === undefined) continue;
    const after = b.lastAccrual ?? runStart;
    for (const d of scheduleDates(b.coupon.reset, null, after, maturity, `bond ${b.name}.coupon.reset`)) {
      if (!resets.has(d)) resets.set(d, []);
      resets.get(d)!.push(b);
      events.push({ day: d, kind: Kind.Reset });
    }
  }

  // Calendar fee accruals (fixed once, recurring, scheduled amounts); dates before the run count at its start.
  const feeAccruals = new Map<Day, { fee: Fee; amount: bigint; set: boolean }[]>();
  const addFeeAccrual = (d: Day, fee: Fee, amount: bigint, set: boolean) => {
    const day = d < runStart ? runStart : d;
    if (!feeAccruals.has(day)) feeAccruals.set(day, []);
    feeAccruals.get(day)!.push({ fee, amount, set });
    events.push({ day, kind: Kind.FeeAccrual });
  };
  for (const f of deal.fees.values()) {
    const d = f.def;
    const what = `fee ${f.name}`;
    if (f.lastAccrual !== null && f.type === 'fixedOnce') continue; // already accrued before the run
    if (f.type === 'fixedOnce') addFeeAccrual(f.start, f, toCents(d.amount, `${what}.amount`), true);
    else if (f.type === 'recurring') {
      const amount = toCents(d.amount, `${what}.amount`);
      const after = f.lastAccrual ?? f.start;
      // Schedule dates before the run are counted at the fee's first accrual date in the run (the
      // reference engine counts every schedule date since the last accrual when it first accrues).
      const all = scheduleDates(d.schedule ?? null, null, after, maturity, `${what}.schedule`);
      const before = all.filter((day) => day < runStart).length;
      const inRun = all.filter((day) => day >= runStart);
      if (inRun.length === 0 && before > 0) addFeeAccrual(runStart, f, amount * BigInt(before), false);
      inRun.forEach((day, i) => addFeeAccrual(day, f, i === 0 ? amount * BigInt(before + 1) : amount, false));
    } else if (f.type === 'amountSchedule') {
      for (const [i, p] of arr(d.amountSchedule, `${what}.amountSchedule`).entries()) {
        const po = obj(p, `${what}.amountSchedule[${i}]`);
        const day = parseDay(po.date, `${what}.amountSchedule[${i}].date`);
        if (f.lastAccrual !== null && day <= f.lastAccrual) continue;
        if (day <= maturity) addFeeAccrual(day, f, toCents(po.amount, `${what}.amountSchedule[${i}].amount`), false);
      }
    }
  }

  // One event per (day, kind), in date order then kind order.
  const seen = new Set<string>();
  const ordered = events
    .filter((e) => {
      const k = `${e.day}:${e.kind}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.day - b.day || a.kind - b.kind);

  const periods: Period[] = [];
  let lastDistribution: Day | null = null;
  let endDay = maturity;
  let endReason = 'Stop: Stated Maturity';
  let ranCleanUp = false;
  let cleanUpMarks: { bonds: Map<string, number>; fees: Map<string, number>; accounts: Map<string, number> } | null = null;
  let periodIn = 0n;
  let periodOut = 0n;
  let periodAccounts = deal.totalAccounts();

  for (const e of ordered) {
    deal.today = e.day;
    if (!deal.remainingCash() && deal.allAccountsZero() && deal.status !== 'revolving') {
      endDay = e.day;
      endReason = 'No Pool Cashflow/All Account is zero/Not revolving';
      const cleanUp = optArr(deal.waterfalls.cleanUp);
      if (cleanUp.length > 0) {
        cleanUpMarks = {
          bonds: new Map([...deal.bonds.values()].map((b) => [b.name, b.lines.length])),
          fees: new Map([...deal.fees.values()].map((f) => [f.name, f.lines.length])),
          accounts: new Map([...deal.accounts.values()].map((a) => [a.name, a.lines.length])),
        };
        deal.runSteps(cleanUp, 'waterfalls.cleanUp');
        ranCleanUp = true;
      }
      break;
    }
    switch (e.kind) {
      case Kind.Reset:
        for (const b of resets.get(e.day) ?? []) deal.resetRate(b);
        break;
      case Kind.Collection:
        deal.collect();
        break;
      case Kind.Closing:
        // The closing waterfall runs while the deal is still pre-closing; then the status changes.
        deal.runSteps(optArr(deal.waterfalls.closing), 'waterfalls.closing');
        if (deal.status === 'preClosing') {
          const to = deal.statusThen ?? 'amortizing';
          deal.statusChanges.push({ date: formatDay(e.day), from: deal.statusAtStart, to, why: 'By Deal Close' });
          deal.status = to;
        }
        break;
      case Kind.Distribution: {
        if (deal.status === 'preClosing') break;
        deal.distributionEvents++;
        const { steps, used } = deal.chooseWaterfall();
        deal.runTriggers('beginDistributionWF');
        deal.runSteps(steps, `waterfalls.${used}`);
        deal.runTriggers('endDistributionWF');
        {
          deal.checkBalances();
          const inflow = deal.cashIn - periodIn;
          const outflow = deal.cashOut - periodOut;
          const change = deal.totalAccounts() - periodAccounts;
          // Cash out is also recomputed from the statements, independently of the counters.
          const stated = statedPayments(deal, e.day, lastDistribution);
          if (inflow !== outflow + change || stated !== outflow) {
            throw new WaterfallInvariantError('conservation', formatDay(e.day), `in ${inflow} != out ${outflow} (statements ${stated}) + change in accounts ${change}`);
          }
        }
        periodIn = deal.cashIn;
        periodOut = deal.cashOut;
        periodAccounts = deal.totalAccounts();
        periods.push(periodView(deal, periods.length + 1, e.day, lastDistribution, used));
        lastDistribution = e.day;
        break;
      }
      case Kind.FeeAccrual:
        for (const a of feeAccruals.get(e.day) ?? []) {
          if (a.set) a.fee.due = a.amount;
          else a.fee.due += a.amount;
          a.fee.lastAccrual = e.day;
        }
        break;
    }
  }
  deal.today = endDay;
  return result(deal, periods, { day: endDay, reason: endReason, ranCleanUp, marks: cleanUpMarks }, lastDistribution);
}

/** Bond and fee payments written in the statements in (after, day] (the conservation cross-check). */
function statedPayments(deal: Deal, day: Day, after: Day | null): bigint {
  let s = 0n;
  // Statements are in date order: walk back from the end until the window's start.
  const inWindow = (d: Day) => d <= day && (after === null || d > after);
  for (const b of deal.bonds.values()) {
    for (let i = b.lines.length - 1; i >= 0 && (after === null || b.lines[i].day > after); i--) if (inWindow(b.lines[i].day)) s += b.lines[i].interestPaid + b.lines[i].principalPaid;
  }
  for (const f of deal.fees.values()) {
    for (let i = f.lines.length - 1; i >= 0 && (after === null || f.lines[i].day > after); i--) if (inWindow(f.lines[i].day)) s += f.lines[i].paid;
  }
  return s;
}

const bondLineOut = (b: Bond, l: BLine): BondLine => ({
  date: formatDay(l.day),
  balanceAfter: centsToNumber(l.balanceAfter),
  interestPaid: centsToNumber(l.interestPaid),
  principalPaid: centsToNumber(l.principalPaid),
  rate: microToNumber(l.rate),
  cashPaid: centsToNumber(l.interestPaid + l.principalPaid),
  interestDueAfter: centsToNumber(l.interestDueAfter),
  interestOnInterestDueAfter: centsToNumber(l.ioiDueAfter),
  factor: b.original === 0n ? 0 : Number(l.balanceAfter) / Number(b.original),
  memo: [...l.memo],
});
const feeLineOut = (l: FLine): FeeLine => ({
  date: formatDay(l.day),
  dueAfter: centsToNumber(l.dueAfter),
  paid: centsToNumber(l.paid),
  arrearsAfter: centsToNumber(l.arrearsAfter),
  memo: [...l.memo],
});
const accLineOut = (l: AccLine): AccountLine => ({
  date: formatDay(l.day),
  balanceAfter: centsToNumber(l.balanceAfter),
  amount: centsToNumber(l.amount),
  memo: [...l.memo],
});

function periodView(deal: Deal, period: number, day: Day, after: Day | null, used: string): Period {
  const rows: Row[] = [];
  for (let i = deal.nextRow - 1; i >= 0 && (after === null || deal.rows[i].day > after); i--) if (deal.rows[i].day <= day) rows.unshift(deal.rows[i]);
  const sum = (k: keyof Collected) => centsToNumber(rows.reduce((a, r) => a + r[k], 0n));
  const bonds: Record<string, PeriodBond> = {};
  for (const b of deal.bonds.values()) {
    const l = b.lines.find((x) => x.day === day);
    bonds[b.name] = l
      ? {
          interestPaid: centsToNumber(l.interestPaid),
          principalPaid: centsToNumber(l.principalPaid),
          cashPaid: centsToNumber(l.interestPaid + l.principalPaid),
          balanceAfter: centsToNumber(l.balanceAfter),
          rate: microToNumber(l.rate),
          interestDueAfter: centsToNumber(l.interestDueAfter),
          interestOnInterestDueAfter: centsToNumber(l.ioiDueAfter),
        }
      : { interestPaid: 0, principalPaid: 0, cashPaid: 0, balanceAfter: centsToNumber(b.balance), rate: null, interestDueAfter: null, interestOnInterestDueAfter: null };
  }
  const fees: Record<string, PeriodFee> = {};
  for (const f of deal.fees.values()) {
    const ls = f.lines.filter((x) => x.day === day);
    if (ls.length === 0) continue;
    const last = ls[ls.length - 1];
    fees[f.name] = { paid: centsToNumber(ls.reduce((a, x) => a + x.paid, 0n)), dueAfter: centsToNumber(last.dueAfter), arrearsAfter: centsToNumber(last.arrearsAfter), payments: ls.length };
  }
  const accountsAfter: Record<string, number> = {};
  for (const a of deal.accounts.values()) accountsAfter[a.name] = centsToNumber(a.balance);
  return {
    period,
    distributionDate: formatDay(day),
    waterfallUsed: used,
    collectionsAfter: after === null ? null : formatDay(after),
    collectionsUpTo: formatDay(day),
    collectionDates: rows.map((r) => formatDay(r.day)),
    collected: { principal: sum('principal'), interest: sum('interest'), prepayment: sum('prepayment'), default: sum('default'), recovery: sum('recovery'), loss: sum('loss') },
    poolBalanceAfterCollections: centsToNumber(deal.poolBalance),
    bonds,
    fees,
    accountsAfter,
  };
}

function result(
  deal: Deal,
  periods: Period[],
  end: { day: Day; reason: string; ranCleanUp: boolean; marks: { bonds: Map<string, number>; fees: Map<string, number>; accounts: Map<string, number> } | null },
  lastDistribution: Day | null,
): WaterfallResult {
  const bondTransactions: Record<string, BondLine[]> = {};
  for (const b of deal.bonds.values()) if (b.lines.length > 0) bondTransactions[b.name] = b.lines.map((l) => bondLineOut(b, l));
  const feeTransactions: Record<string, FeeLine[]> = {};
  for (const f of deal.fees.values()) if (f.lines.length > 0) feeTransactions[f.name] = f.lines.map(feeLineOut);
  const accountTransactions: Record<string, AccountLine[]> = {};
  for (const a of deal.accounts.values()) if (a.lines.length > 0) accountTransactions[a.name] = a.lines.map(accLineOut);

  const endOfRun = { date: formatDay(end.day), reason: end.reason, ranCleanUpWaterfall: end.ranCleanUp, bonds: {} as Record<string, BondLine[]>, fees: {} as Record<string, FeeLine[]>, accounts: {} as Record<string, AccountLine[]> };
  if (end.marks) {
    for (const b of deal.bonds.values()) { const ls = b.lines.slice(end.marks.bonds.get(b.name) ?? 0); if (ls.length) endOfRun.bonds[b.name] = ls.map((l) => bondLineOut(b, l)); }
    for (const f of deal.fees.values()) { const ls = f.lines.slice(end.marks.fees.get(f.name) ?? 0); if (ls.length) endOfRun.fees[f.name] = ls.map(feeLineOut); }
    for (const a of deal.accounts.values()) { const ls = a.lines.slice(end.marks.accounts.get(a.name) ?? 0); if (ls.length) endOfRun.accounts[a.name] = ls.map(accLineOut); }
  }

  const final: FinalState = {
    bonds: {},
    fees: {},
    accounts: {},
    dealStatus: deal.status,
    endRun: { date: formatDay(end.day), reason: end.reason },
    warnings: [],
    bondSummary: {},
    bondInterestSummary: {},
    statusChanges: deal.statusChanges,
    counters: { PoolCollectedPeriod: deal.collectionEvents, BondPaidPeriod: deal.distributionEvents },
    trailingCollectionsNotDistributed: deal.rows.filter((r, i) => i < deal.nextRow && lastDistribution !== null && r.day > lastDistribution).map((r) => formatDay(r.day)),
  };
  for (const b of deal.bonds.values()) {
    final.bonds[b.name] = {
      balance: centsToNumber(b.balance),
      rate: microToNumber(b.rate),
      duePrincipal: centsToNumber(b.duePrincipal),
      dueInterest: centsToNumber(b.due),
      dueInterestOnInterest: centsToNumber(b.ioi),
      lastInterestAccrualDate: b.lastAccrual === null ? null : formatDay(b.lastAccrual),
      lastInterestPaidDate: b.lastIntPaid === null ? null : formatDay(b.lastIntPaid),
    };
    final.bondSummary[b.name] = { outstandingBalance: centsToNumber(b.balance), originalBalance: centsToNumber(b.startBalance) };
    final.bondInterestSummary[b.name] = { outstandingInterest: centsToNumber(b.due + b.ioi) };
    if (b.balance > 0n) final.warnings.push(`Bond ${b.name} is not paid off`);
  }
  for (const f of deal.fees.values()) {
    final.fees[f.name] = { due: centsToNumber(f.due), arrears: centsToNumber(f.arrears), lastAccrualDate: f.lastAccrual === null ? null : formatDay(f.lastAccrual), lastPaidDate: f.lastPaid === null ? null : formatDay(f.lastPaid) };
  }
  for (const a of deal.accounts.values()) final.accounts[a.name] = centsToNumber(a.balance);

  let triggerHistory: WaterfallResult['triggerHistory'] = null;
  if (deal.triggers.length > 0) {
    triggerHistory = {};
    for (const t of deal.triggers) {
      triggerHistory[t.name] = { finalStatus: t.status, history: t.history.map((h): TriggerHistoryEntry => ({ date: formatDay(h.day), status: h.status, memo: h.memo })) };
    }
  }
  let ledgerTransactions: WaterfallResult['ledgerTransactions'] = null;
  if (deal.ledgers.size > 0) {
    ledgerTransactions = {};
    for (const l of deal.ledgers.values()) {
      ledgerTransactions[l.name] = {
        finalBalance: centsToNumber(l.balance),
        transactions: l.lines.map(([d, bal, amt, memo]) => [formatDay(d), centsToNumber(bal), centsToNumber(amt), memo]),
        transactionFields: ['date', 'balanceAfter', 'amount', 'memo'],
      };
    }
  }
  return { periods, endOfRun, final, bondTransactions, feeTransactions, accountTransactions, triggerHistory, ledgerTransactions, liquidityProviderTransactions: null };
}
