import { HttpStatus } from '@nestjs/common';
import { divRoundHalfEven, DomainException, isCurrency, registerErrorCodes } from '#core';

/**
 * Financing (discounting) of a bill: pure, deterministic, integer math.
 *
 * Amounts are bigint minor units, rates integer basis points (1 bp = 0.01 %), dates YYYY-MM-DD.
 *
 *   tenorDays          = actual calendar days from valueDate to dueDate (> 0)
 *   advanceAmountMinor = round(face × advanceRateBps / 10 000)
 *   discountMinor      = round(advance × annualDiscountRateBps × tenorDays / (10 000 × B))
 *                        with B = 360 (ACT/360) or 365 (ACT/365 Fixed: 365 in leap years too);
 *                        one rational division of exact integers — nothing rounded on the way
 *   netProceedsMinor   = advance − discount − fees          (refused when negative)
 *   retainedMinor      = face − advance                     (paid to the seller at maturity,
 *                                                            or kept as a reserve)
 *   round = half-even to the minor unit (banker's rounding).
 *
 * Identity, exact by construction (no rounding after the two divisions above):
 *
 *   faceAmountMinor = netProceedsMinor + discountMinor + feesMinor + retainedMinor
 *
 * The discount is charged on the advance as actually paid (the rounded integer), since that is
 * the money the financier puts out for tenorDays.
 */
export type DayCountConvention = 'ACT/360' | 'ACT/365';

export const DAY_COUNT_BASIS: Readonly<Record<DayCountConvention, bigint>> = Object.freeze({ 'ACT/360': 360n, 'ACT/365': 365n });

/** 100 % in basis points. */
export const BPS_PER_UNIT = 10_000n;

/** 1,000 % p.a.: the same bound as the offers table's check constraint. */
export const MAX_ANNUAL_DISCOUNT_RATE_BPS = 100_000;

export interface FinancingQuoteInput {
  /** Face amount of the bill, minor units, > 0. */
  faceAmountMinor: bigint;
  /** ISO 4217; every amount is in this currency. */
  currency: string;
  /** Share of the face paid out, 1..10 000 bps. */
  advanceRateBps: number;
  /** Simple annual discount rate on the advance, 0..100 000 bps. */
  annualDiscountRateBps: number;
  /** Flat fees deducted from the advance, minor units, ≥ 0. */
  feesMinor: bigint;
  dayCount: DayCountConvention;
  /** Day the advance is paid, YYYY-MM-DD. */
  valueDate: string;
  /** Day the bill is due, YYYY-MM-DD, after valueDate. */
  dueDate: string;
}

export interface FinancingQuote {
  currency: string;
  dayCount: DayCountConvention;
  tenorDays: number;
  advanceAmountMinor: bigint;
  discountMinor: bigint;
  feesMinor: bigint;
  netProceedsMinor: bigint;
  retainedMinor: bigint;
}

export enum FinancingQuoteErrorCode {
  /** A term is out of range or of the wrong type (see `details.field`). */
  FINANCING_TERMS_INVALID = 'FINANCING_TERMS_INVALID',
  /** valueDate is not before dueDate: zero or negative tenor. */
  FINANCING_TENOR_INVALID = 'FINANCING_TENOR_INVALID',
  /** Discount and fees exceed the advance. */
  FINANCING_NET_PROCEEDS_NEGATIVE = 'FINANCING_NET_PROCEEDS_NEGATIVE',
}

export const FINANCING_QUOTE_ERROR_STATUS: Record<FinancingQuoteErrorCode, HttpStatus> = {
  [FinancingQuoteErrorCode.FINANCING_TERMS_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [FinancingQuoteErrorCode.FINANCING_TENOR_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [FinancingQuoteErrorCode.FINANCING_NET_PROCEEDS_NEGATIVE]: HttpStatus.UNPROCESSABLE_ENTITY,
};
registerErrorCodes(FINANCING_QUOTE_ERROR_STATUS);

/** Base of the quote's errors; `details` is JSON-safe (amounts as decimal strings). */
export class FinancingQuoteError extends DomainException {
  constructor(code: FinancingQuoteErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = new.target.name;
  }
}

export class FinancingTermsInvalidError extends FinancingQuoteError {
  constructor(
    readonly field: keyof FinancingQuoteInput,
    reason: string,
  ) {
    super(FinancingQuoteErrorCode.FINANCING_TERMS_INVALID, `${field} ${reason}`, { field });
  }
}

export class FinancingTenorInvalidError extends FinancingQuoteError {
  constructor(
    readonly valueDate: string,
    readonly dueDate: string,
    readonly tenorDays: number,
  ) {
    super(
      FinancingQuoteErrorCode.FINANCING_TENOR_INVALID,
      `valueDate ${valueDate} must be before dueDate ${dueDate} (tenor ${tenorDays} days)`,
      {
        valueDate,
        dueDate,
        tenorDays,
      },
    );
  }
}

export class FinancingNetProceedsNegativeError extends FinancingQuoteError {
  constructor(
    readonly advanceAmountMinor: bigint,
    readonly discountMinor: bigint,
    readonly feesMinor: bigint,
  ) {
    super(
      FinancingQuoteErrorCode.FINANCING_NET_PROCEEDS_NEGATIVE,
      `Discount ${discountMinor} and fees ${feesMinor} exceed the advance ${advanceAmountMinor} (minor units)`,
      { advanceAmountMinor: String(advanceAmountMinor), discountMinor: String(discountMinor), feesMinor: String(feesMinor) },
    );
  }
}

/** Prices a financing; see the module comment for the formulas and the identity. */
export function quoteFinancing(input: FinancingQuoteInput): FinancingQuote {
  const { faceAmountMinor: face, feesMinor: fees, dayCount } = input;
  if (typeof face !== 'bigint' || face <= 0n) throw new FinancingTermsInvalidError('faceAmountMinor', 'must be a bigint greater than zero');
  if (typeof input.currency !== 'string' || !isCurrency(input.currency)) {
    throw new FinancingTermsInvalidError('currency', 'must be a supported ISO 4217 code');
  }
  if (!Number.isSafeInteger(input.advanceRateBps) || input.advanceRateBps < 1 || input.advanceRateBps > 10_000) {
    throw new FinancingTermsInvalidError('advanceRateBps', 'must be an integer from 1 to 10000');
  }
  if (
    !Number.isSafeInteger(input.annualDiscountRateBps) ||
    input.annualDiscountRateBps < 0 ||
    input.annualDiscountRateBps > MAX_ANNUAL_DISCOUNT_RATE_BPS
  ) {
    throw new FinancingTermsInvalidError('annualDiscountRateBps', `must be an integer from 0 to ${MAX_ANNUAL_DISCOUNT_RATE_BPS}`);
  }
  if (typeof fees !== 'bigint' || fees < 0n) throw new FinancingTermsInvalidError('feesMinor', 'must be a non-negative bigint');
  if (!Object.hasOwn(DAY_COUNT_BASIS, dayCount)) throw new FinancingTermsInvalidError('dayCount', 'must be ACT/360 or ACT/365');

  const valueDay = epochDay(input.valueDate, 'valueDate');
  const dueDay = epochDay(input.dueDate, 'dueDate');
  const tenorDays = dueDay - valueDay;
  if (tenorDays <= 0) throw new FinancingTenorInvalidError(input.valueDate, input.dueDate, tenorDays);

  const advance = divRoundHalfEven(face * BigInt(input.advanceRateBps), BPS_PER_UNIT);
  const discount = divRoundHalfEven(
    advance * BigInt(input.annualDiscountRateBps) * BigInt(tenorDays),
    BPS_PER_UNIT * DAY_COUNT_BASIS[dayCount],
  );
  const net = advance - discount - fees;
  if (net < 0n) throw new FinancingNetProceedsNegativeError(advance, discount, fees);

  return {
    currency: input.currency,
    dayCount,
    tenorDays,
    advanceAmountMinor: advance,
    discountMinor: discount,
    feesMinor: fees,
    netProceedsMinor: net,
    retainedMinor: face - advance,
  };
}

/** Actual calendar days from `from` to `to` (negative when `to` is earlier); UTC dates, no time zone. */
export function actualDays(from: string, to: string): number {
  return epochDay(to, 'dueDate') - epochDay(from, 'valueDate');
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian YYYY-MM-DD, by integer arithmetic
 * (H. Hinnant's days_from_civil) — no Date, no time zone, no two-digit-year surprises.
 */
function epochDay(date: string, field: 'valueDate' | 'dueDate'): number {
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!m) throw new FinancingTermsInvalidError(field, 'must be a date YYYY-MM-DD');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > monthDays[mo - 1])
    throw new FinancingTermsInvalidError(field, `${date} is not a calendar date`);

  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400; // [0, 399]
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146_097 + doe - 719_468;
}
