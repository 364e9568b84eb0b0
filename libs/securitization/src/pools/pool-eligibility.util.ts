import { formatAmount } from '#core';
import { BillState, Encumbrance } from '#bills';
import { KycState } from '#identity';

/**
 * A pool's eligibility criteria and concentration limits, as data, and the pure rules that apply
 * them (pools.service.ts feeds them facts read set-based under the pool's row lock).
 *
 * Always required (not configurable): the bill is ACCEPTED, unencumbered, held by the pool's
 * originator, in the pool's currency, not overdue (due after today), on chain with no action in
 * flight, and its obligor's KYC is APPROVED and not expired. Configurable windows: remaining term
 * (days from today to the due date) and face amount.
 *
 * Concentration limits are basis points of the pool balance **after** the addition, measured
 * against at least `concentrationBaseMinor` when set (a pool built bill by bill would otherwise
 * refuse its first bill: one obligor is 100 % of a one-bill pool). A request's bills are taken in
 * the request's order; a bill refused for a limit leaves the pool as it was, so a later, smaller
 * bill may still fit. Only the obligor, seller and top-5 of the bill being added can cross a limit:
 * adding a bill only raises the balance, so everyone else's share only falls.
 */
export interface PoolCriteria {
  minRemainingTermDays: number | null;
  maxRemainingTermDays: number | null;
  minFaceAmountMinor: bigint | null;
  maxFaceAmountMinor: bigint | null;
}

export interface PoolLimits {
  maxSingleObligorBps: number | null;
  maxTop5ObligorsBps: number | null;
  maxSingleSellerBps: number | null;
  maxPoolBalanceMinor: bigint | null;
  maxAssetCount: number | null;
  concentrationBaseMinor: bigint | null;
}

/** Why a bill is not added: one code per failed criterion or limit. */
export enum PoolRefusalCode {
  BILL_NOT_FOUND = 'BILL_NOT_FOUND',
  DUPLICATE_IN_REQUEST = 'DUPLICATE_IN_REQUEST',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
  OVERDUE = 'OVERDUE',
  ALREADY_POOLED = 'ALREADY_POOLED',
  ENCUMBERED = 'ENCUMBERED',
  NOT_HELD_BY_ORIGINATOR = 'NOT_HELD_BY_ORIGINATOR',
  CURRENCY_MISMATCH = 'CURRENCY_MISMATCH',
  REMAINING_TERM_TOO_SHORT = 'REMAINING_TERM_TOO_SHORT',
  REMAINING_TERM_TOO_LONG = 'REMAINING_TERM_TOO_LONG',
  FACE_AMOUNT_TOO_SMALL = 'FACE_AMOUNT_TOO_SMALL',
  FACE_AMOUNT_TOO_LARGE = 'FACE_AMOUNT_TOO_LARGE',
  OBLIGOR_KYC_NOT_APPROVED = 'OBLIGOR_KYC_NOT_APPROVED',
  OBLIGOR_KYC_EXPIRED = 'OBLIGOR_KYC_EXPIRED',
  CHAIN_PENDING = 'CHAIN_PENDING',
  /** The bill lifecycle refused `add-to-pool` for a reason none of the above names. */
  LIFECYCLE_REFUSED = 'LIFECYCLE_REFUSED',
  SINGLE_OBLIGOR_LIMIT = 'SINGLE_OBLIGOR_LIMIT',
  TOP5_OBLIGORS_LIMIT = 'TOP5_OBLIGORS_LIMIT',
  SINGLE_SELLER_LIMIT = 'SINGLE_SELLER_LIMIT',
  POOL_BALANCE_LIMIT = 'POOL_BALANCE_LIMIT',
  POOL_COUNT_LIMIT = 'POOL_COUNT_LIMIT',
}

export interface PoolRefusal {
  code: PoolRefusalCode;
  message: string;
}

/** The facts of one bill the criteria read. */
export interface EligibilityFacts {
  state: BillState;
  encumbrance: Encumbrance;
  holderOrgId: string;
  currency: string;
  faceAmountMinor: bigint;
  dueDate: string;
  pendingAction: string | null;
  onChain: boolean;
  obligorKyc: { state: string; expiresAt: Date | null } | null;
  /** The bill lifecycle's refusal of `add-to-pool` (its code), if any. */
  lifecycleRefusalCode: string | null;
}

export interface PoolTerms {
  originatorOrgId: string;
  currency: string;
  criteria: PoolCriteria;
}

const DAY_MS = 86_400_000;

/** Whole days from `today` to `date` (both `YYYY-MM-DD`, UTC). */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** Every criterion the bill fails (empty: eligible). */
export function eligibilityRefusals(f: EligibilityFacts, pool: PoolTerms, today: string, now: Date): PoolRefusal[] {
  const out: PoolRefusal[] = [];
  const c = pool.criteria;
  const term = daysBetween(today, f.dueDate);
  const overdue = f.state === BillState.OVERDUE || f.state === BillState.DEFAULTED || term <= 0;
  if (overdue) out.push({ code: PoolRefusalCode.OVERDUE, message: `The bill is due ${f.dueDate} (${f.state})` });
  else if (f.state !== BillState.ACCEPTED)
    out.push({ code: PoolRefusalCode.NOT_ACCEPTED, message: `The bill is ${f.state}, not ACCEPTED` });
  if (f.encumbrance === Encumbrance.POOLED) out.push({ code: PoolRefusalCode.ALREADY_POOLED, message: 'The bill is already in a pool' });
  else if (f.encumbrance !== Encumbrance.NONE) out.push({ code: PoolRefusalCode.ENCUMBERED, message: `The bill is ${f.encumbrance}` });
  if (f.holderOrgId !== pool.originatorOrgId)
    out.push({ code: PoolRefusalCode.NOT_HELD_BY_ORIGINATOR, message: "The bill is not held by the pool's originator" });
  if (f.currency !== pool.currency)
    out.push({ code: PoolRefusalCode.CURRENCY_MISMATCH, message: `The bill is in ${f.currency}, the pool in ${pool.currency}` });
  if (!overdue && c.minRemainingTermDays !== null && term < c.minRemainingTermDays) {
    out.push({
      code: PoolRefusalCode.REMAINING_TERM_TOO_SHORT,
      message: `${term} days remaining, the pool needs at least ${c.minRemainingTermDays}`,
    });
  }
  if (c.maxRemainingTermDays !== null && term > c.maxRemainingTermDays) {
    out.push({
      code: PoolRefusalCode.REMAINING_TERM_TOO_LONG,
      message: `${term} days remaining, the pool takes at most ${c.maxRemainingTermDays}`,
    });
  }
  if (c.minFaceAmountMinor !== null && f.faceAmountMinor < c.minFaceAmountMinor) {
    out.push({ code: PoolRefusalCode.FACE_AMOUNT_TOO_SMALL, message: `Face ${formatAmount(f.faceAmountMinor, f.currency)} is below ${formatAmount(c.minFaceAmountMinor, pool.currency)}` });
  }
  if (c.maxFaceAmountMinor !== null && f.faceAmountMinor > c.maxFaceAmountMinor) {
    out.push({ code: PoolRefusalCode.FACE_AMOUNT_TOO_LARGE, message: `Face ${formatAmount(f.faceAmountMinor, f.currency)} is above ${formatAmount(c.maxFaceAmountMinor, pool.currency)}` });
  }
  if (!f.obligorKyc || f.obligorKyc.state !== KycState.APPROVED) {
    out.push({ code: PoolRefusalCode.OBLIGOR_KYC_NOT_APPROVED, message: `The obligor's KYC is ${f.obligorKyc?.state ?? 'unknown'}` });
  } else if (f.obligorKyc.expiresAt && f.obligorKyc.expiresAt.getTime() <= now.getTime()) {
    out.push({ code: PoolRefusalCode.OBLIGOR_KYC_EXPIRED, message: `The obligor's KYC expired ${f.obligorKyc.expiresAt.toISOString()}` });
  }
  if (f.pendingAction || !f.onChain)
    out.push({
      code: PoolRefusalCode.CHAIN_PENDING,
      message: f.pendingAction ? `The bill's ${f.pendingAction} is settling on chain` : 'The bill is not on chain',
    });
  // the lifecycle table has the last word: a refusal of it that no criterion names is still a refusal
  if (f.lifecycleRefusalCode && out.length === 0)
    out.push({ code: PoolRefusalCode.LIFECYCLE_REFUSED, message: `The bill lifecycle refuses add-to-pool (${f.lifecycleRefusalCode})` });
  return out;
}

/** The pool as the limits see it: balance, count and the sums per obligor and per seller. */
export interface PoolComposition {
  balanceMinor: bigint;
  count: number;
  byObligor: Map<string, bigint>;
  bySeller: Map<string, bigint>;
}

/**
 * The pool's composition while a request's bills are added one by one: `tryAdd` answers the
 * limits the bill would breach, and adds it when none.
 */
export class ConcentrationBook {
  private balance: bigint;
  private count: number;
  private readonly obligors: Map<string, bigint>;
  private readonly sellers: Map<string, bigint>;
  /** The five largest obligor sums, descending (sums only grow, so this stays exact). */
  private top: { id: string; sum: bigint }[];

  constructor(
    private readonly limits: PoolLimits,
    start: PoolComposition,
    /** The pool's currency, for the amounts in the refusals' messages. */
    private readonly currency: string,
  ) {
    this.balance = start.balanceMinor;
    this.count = start.count;
    this.obligors = new Map(start.byObligor);
    this.sellers = new Map(start.bySeller);
    this.top = [...this.obligors]
      .map(([id, sum]) => ({ id, sum }))
      .sort(bySumDesc)
      .slice(0, 5);
  }

  get balanceMinor(): bigint {
    return this.balance;
  }

  get assetCount(): number {
    return this.count;
  }

  tryAdd(bill: { obligorOrgId: string; sellerOrgId: string; faceAmountMinor: bigint }): PoolRefusal[] {
    const L = this.limits;
    const face = bill.faceAmountMinor;
    const after = this.balance + face;
    const base = L.concentrationBaseMinor !== null && L.concentrationBaseMinor > after ? L.concentrationBaseMinor : after;
    const obligorAfter = (this.obligors.get(bill.obligorOrgId) ?? 0n) + face;
    const sellerAfter = (this.sellers.get(bill.sellerOrgId) ?? 0n) + face;
    const topAfter = this.topWith(bill.obligorOrgId, obligorAfter);
    const top5After = topAfter.reduce((s, t) => s + t.sum, 0n);
    const out: PoolRefusal[] = [];
    const over = (part: bigint, bps: number | null) => bps !== null && part * 10_000n > BigInt(bps) * base;
    if (over(obligorAfter, L.maxSingleObligorBps)) {
      out.push({
        code: PoolRefusalCode.SINGLE_OBLIGOR_LIMIT,
        message: `The obligor would be ${share(obligorAfter, base)} of ${formatAmount(base, this.currency)}; the limit is ${percent(L.maxSingleObligorBps!)}`,
      });
    }
    if (over(top5After, L.maxTop5ObligorsBps)) {
      out.push({
        code: PoolRefusalCode.TOP5_OBLIGORS_LIMIT,
        message: `The top 5 obligors would be ${share(top5After, base)} of ${formatAmount(base, this.currency)}; the limit is ${percent(L.maxTop5ObligorsBps!)}`,
      });
    }
    if (over(sellerAfter, L.maxSingleSellerBps)) {
      out.push({
        code: PoolRefusalCode.SINGLE_SELLER_LIMIT,
        message: `The seller would be ${share(sellerAfter, base)} of ${formatAmount(base, this.currency)}; the limit is ${percent(L.maxSingleSellerBps!)}`,
      });
    }
    if (L.maxPoolBalanceMinor !== null && after > L.maxPoolBalanceMinor) {
      out.push({
        code: PoolRefusalCode.POOL_BALANCE_LIMIT,
        message: `The pool would hold ${formatAmount(after, this.currency)}; the limit is ${formatAmount(L.maxPoolBalanceMinor, this.currency)}`,
      });
    }
    if (L.maxAssetCount !== null && this.count + 1 > L.maxAssetCount) {
      out.push({
        code: PoolRefusalCode.POOL_COUNT_LIMIT,
        message: `The pool would hold ${this.count + 1} bills; the limit is ${L.maxAssetCount}`,
      });
    }
    if (out.length) return out;
    this.balance = after;
    this.count += 1;
    this.obligors.set(bill.obligorOrgId, obligorAfter);
    this.sellers.set(bill.sellerOrgId, sellerAfter);
    this.top = topAfter;
    return out;
  }

  private topWith(id: string, sum: bigint): { id: string; sum: bigint }[] {
    const rest = this.top.filter((t) => t.id !== id);
    const last = this.top[this.top.length - 1];
    if (rest.length === this.top.length && this.top.length === 5 && last && sum <= last.sum) return this.top;
    return [...rest, { id, sum }].sort(bySumDesc).slice(0, 5);
  }
}

function bySumDesc(a: { id: string; sum: bigint }, b: { id: string; sum: bigint }): number {
  return a.sum === b.sum ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.sum > b.sum ? -1 : 1;
}

/** The part's share of the base as a percentage (floored to the basis point). */
function share(part: bigint, base: bigint): string {
  return percent(base === 0n ? 0 : Number((part * 10_000n) / base));
}

/** Basis points as people read them in a message: 5000 → `50 %`, 3333 → `33.33 %`. */
function percent(bps: number): string {
  const rest = bps % 100;
  return `${(bps - rest) / 100}${rest === 0 ? '' : `.${String(rest).padStart(2, '0').replace(/0$/, '')}`} %`;
}
