/**
 * Distributions to note holders: pure, deterministic, integer math (bigint minor units).
 *
 * A tranche's period payment (interest and principal, each in minor units) is split among the
 * holders of its notes by their note balances at the record date (face amounts, minor units).
 * Interest and principal are split separately, each with the same rule:
 *
 *   quota_i     = amount × balance_i / Σ balance           (an exact fraction)
 *   floor_i     = ⌊amount × balance_i / Σ balance⌋
 *   remainder_i = (amount × balance_i) mod Σ balance       (compared exactly, never as a float)
 *   leftover    = amount − Σ floor_i                       (0 ≤ leftover < number of holders)
 *   the `leftover` holders with the largest remainder_i get one more minor unit each;
 *   ties: the larger balance first, then the smaller holder key (UTF-16 code-unit order).
 *
 * So Σ shares = amount exactly (no unit is ever lost or created), every share is within one unit
 * of its exact quota (floor_i ≤ share_i ≤ floor_i + 1, and a +1 only where remainder_i > 0), and
 * the result depends only on the set of holders, not on the order they are given in.
 *
 * Note factors: principal is NOT paid by burning notes. A note's face stays what it was at issue;
 * the tranche's outstanding balance is published per period as a factor (outstanding / original),
 * and a holder's outstanding is face × factor. Splitting by face is then the same as splitting by
 * outstanding (every holder of a tranche has the same factor), the token needs no burn job per
 * period, and a transfer between record dates needs no adjustment.
 */
export interface HolderBalance {
  /** Unique per tranche (a wallet address, or an investor id): the last tie-break. */
  holder: string;
  /** Face amount of notes held at the record date, minor units, ≥ 0. */
  balanceMinor: bigint;
}

export interface TranchePayment {
  interestMinor: bigint;
  principalMinor: bigint;
}

export interface HolderDistribution {
  holder: string;
  balanceMinor: bigint;
  interestMinor: bigint;
  principalMinor: bigint;
}

export enum DistributionErrorCode {
  INVALID = 'DISTRIBUTION_INPUT_INVALID',
}

export class DistributionInputError extends Error {
  readonly code = DistributionErrorCode.INVALID;
  constructor(message: string) {
    super(message);
    this.name = 'DistributionInputError';
  }
}

/** Splits `amount` by `weights` with the largest-remainder rule above; `keys` break ties. */
export function splitByLargestRemainder(amount: bigint, weights: readonly bigint[], keys: readonly string[]): bigint[] {
  if (amount < 0n) throw new DistributionInputError('amount is negative');
  const total = weights.reduce((a, w) => a + w, 0n);
  if (amount === 0n) return weights.map(() => 0n);
  if (total <= 0n) throw new DistributionInputError('nothing is held: an amount cannot be split');
  const shares = weights.map((w) => (amount * w) / total);
  let leftover = amount - shares.reduce((a, s) => a + s, 0n);
  const order = weights
    .map((w, i) => ({ i, w, rem: (amount * w) % total }))
    .filter((x) => x.rem > 0n)
    .sort((a, b) => (a.rem !== b.rem ? (a.rem > b.rem ? -1 : 1) : a.w !== b.w ? (a.w > b.w ? -1 : 1) : keys[a.i] < keys[b.i] ? -1 : keys[a.i] > keys[b.i] ? 1 : 0));
  for (const x of order) {
    if (leftover === 0n) break;
    shares[x.i] += 1n;
    leftover -= 1n;
  }
  if (leftover !== 0n) throw new Error('largest remainder left units over'); // cannot happen: leftover < count of positive remainders
  return shares;
}

/** Splits one tranche's period payment among its holders at the record date. */
export function distributeTranchePayment(holders: readonly HolderBalance[], payment: TranchePayment): HolderDistribution[] {
  const seen = new Set<string>();
  for (const h of holders) {
    if (typeof h.holder !== 'string' || h.holder.length === 0) throw new DistributionInputError('a holder has no key');
    if (seen.has(h.holder)) throw new DistributionInputError(`holder ${h.holder} is listed twice`);
    seen.add(h.holder);
    if (typeof h.balanceMinor !== 'bigint' || h.balanceMinor < 0n) throw new DistributionInputError(`holder ${h.holder} has a negative balance`);
  }
  if (payment.interestMinor < 0n || payment.principalMinor < 0n) throw new DistributionInputError('a payment is negative');
  const weights = holders.map((h) => h.balanceMinor);
  const keys = holders.map((h) => h.holder);
  const interest = splitByLargestRemainder(payment.interestMinor, weights, keys);
  const principal = splitByLargestRemainder(payment.principalMinor, weights, keys);
  return holders.map((h, i) => ({ holder: h.holder, balanceMinor: h.balanceMinor, interestMinor: interest[i], principalMinor: principal[i] }));
}

/** Decimal places of a published note factor. */
export const FACTOR_DECIMALS = 10;

export interface NoteFactor {
  originalMinor: bigint;
  outstandingMinor: bigint;
  /** outstanding / original, floored to FACTOR_DECIMALS places, as a decimal string ("0.8312500000"). */
  factor: string;
}

/** The factor of a tranche after a period: outstanding / original, floored (never overstates). */
export function noteFactor(originalMinor: bigint, outstandingMinor: bigint): NoteFactor {
  if (originalMinor <= 0n) throw new DistributionInputError('original balance must be positive');
  if (outstandingMinor < 0n || outstandingMinor > originalMinor) throw new DistributionInputError('outstanding must be within 0..original');
  const scale = 10n ** BigInt(FACTOR_DECIMALS);
  const scaled = (outstandingMinor * scale) / originalMinor;
  const int = scaled / scale;
  const frac = (scaled % scale).toString().padStart(FACTOR_DECIMALS, '0');
  return { originalMinor, outstandingMinor, factor: `${int}.${frac}` };
}
