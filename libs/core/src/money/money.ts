import { CoreErrorCode, CoreException } from '../errors/domain.exception.js';
import { isCurrency, minorUnits } from './currency.js';

/** An amount of money: integer minor units and an ISO 4217 currency. Never a float. */
export class Money {
  private constructor(
    readonly amountMinor: bigint,
    readonly currency: string,
  ) {}

  static of(amountMinor: bigint, currency: string): Money {
    if (!isCurrency(currency)) throw new CoreException(CoreErrorCode.CURRENCY_UNKNOWN, `Unknown currency "${currency}"`);
    return new Money(amountMinor, currency);
  }

  static zero(currency: string): Money {
    return Money.of(0n, currency);
  }

  /** Parses an API amount: a decimal string of minor units ("125000" = 1,250.00 EUR). */
  static parseMinor(value: string, currency: string): Money {
    if (!/^-?\d{1,38}$/.test(value)) {
      throw new CoreException(CoreErrorCode.AMOUNT_INVALID, `Amount must be an integer number of minor units as a string (got "${value}")`);
    }
    return Money.of(BigInt(value), currency);
  }

  /** Parses a major-unit decimal string ("1250.00" EUR) without ever going through a float. */
  static parseMajor(value: string, currency: string): Money {
    const units = minorUnitsOrThrow(currency);
    const m = /^(-?)(\d{1,36})(?:\.(\d+))?$/.exec(value);
    if (!m) throw new CoreException(CoreErrorCode.AMOUNT_INVALID, `Amount must be a decimal number (got "${value}")`);
    const frac = m[3] ?? '';
    if (frac.length > units) {
      throw new CoreException(CoreErrorCode.AMOUNT_INVALID, `${currency} has ${units} decimals; "${value}" has ${frac.length}`);
    }
    const minor = BigInt(m[2] + frac.padEnd(units, '0'));
    return Money.of(m[1] === '-' ? -minor : minor, currency);
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amountMinor + other.amountMinor, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amountMinor - other.amountMinor, this.currency);
  }

  isNegative(): boolean {
    return this.amountMinor < 0n;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amountMinor === other.amountMinor;
  }

  /** Major-unit decimal string, e.g. "1250.00". */
  toMajorString(): string {
    const units = minorUnits(this.currency);
    const neg = this.amountMinor < 0n;
    const digits = (neg ? -this.amountMinor : this.amountMinor).toString().padStart(units + 1, '0');
    const major = units === 0 ? digits : `${digits.slice(0, -units)}.${digits.slice(-units)}`;
    return neg ? `-${major}` : major;
  }

  toJSON(): { amountMinor: string; currency: string } {
    return { amountMinor: this.amountMinor.toString(), currency: this.currency };
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new CoreException(CoreErrorCode.CURRENCY_MISMATCH, `Cannot combine ${this.currency} and ${other.currency}`);
    }
  }
}

function minorUnitsOrThrow(currency: string): number {
  if (!isCurrency(currency)) throw new CoreException(CoreErrorCode.CURRENCY_UNKNOWN, `Unknown currency "${currency}"`);
  return minorUnits(currency);
}

/** Integer division rounded half to even (banker's rounding), for bigint numerator/denominator. */
export function divRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divRoundHalfEven(-numerator, -denominator);
  const q = numerator / denominator; // truncates toward zero
  const r = numerator % denominator;
  if (r === 0n) return q;
  const twice = 2n * (r < 0n ? -r : r);
  const away = numerator < 0n ? q - 1n : q + 1n;
  if (twice > denominator) return away;
  if (twice < denominator) return q;
  return q % 2n === 0n ? q : away;
}

/** `165625n` EUR → `1,656.25 EUR`: amounts as people read them (error messages, documents), never minor units. */
export function formatAmount(amountMinor: bigint, currency: string): string {
  const major = Money.of(amountMinor, currency).toMajorString();
  const negative = major.startsWith('-');
  const [whole, fraction] = (negative ? major.slice(1) : major).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`} ${currency}`;
}
