/**
 * Money and rates for display and input, exact: amounts are integer minor units (decimal strings
 * from the API, bigint here) and never pass through a float.
 */

/** ISO 4217 minor-unit exponents, as the API's `libs/core/src/money/currency.ts` knows them. */
// prettier-ignore
const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = {
  AED: 2, AUD: 2, BRL: 2, CAD: 2, CHF: 2, CNY: 2, CZK: 2, DKK: 2, EUR: 2, GBP: 2, HKD: 2, HUF: 2,
  IDR: 2, ILS: 2, INR: 2, JPY: 0, KRW: 0, KWD: 3, MXN: 2, MYR: 2, NOK: 2, NZD: 2, PLN: 2, RON: 2,
  SAR: 2, SEK: 2, SGD: 2, THB: 2, TRY: 2, TWD: 2, USD: 2, VND: 0, ZAR: 2, BHD: 3,
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Decimals of a currency; 2 for a code the table does not know (the API refuses those anyway). */
export function minorUnitsOf(currency: string): number {
  return CURRENCY_MINOR_UNITS[currency] ?? 2;
}

/** `165625` EUR → `1,656.25`: digits moved around as text, thousands grouped with commas. */
export function formatMinor(amountMinor: string | bigint, currency: string): string {
  const amount = typeof amountMinor === 'bigint' ? amountMinor : BigInt(amountMinor);
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString();
  const units = minorUnitsOf(currency);
  const padded = digits.padStart(units + 1, '0');
  const whole = padded.slice(0, padded.length - units).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = units > 0 ? `.${padded.slice(padded.length - units)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** `1,656.25 EUR` */
export function formatMoney(amountMinor: string | bigint, currency: string): string {
  return `${formatMinor(amountMinor, currency)} ${currency}`;
}

/** Like formatMoney, but '—' for an amount that is not an integer string (never throws while rendering). */
export function formatMoneySafe(amountMinor: string | null | undefined, currency: string): string {
  return amountMinor && /^-?\d+$/.test(amountMinor) ? formatMoney(amountMinor, currency) : '—';
}

/**
 * A user's amount in major units ("1,250.50", "1 250.5", "1250") → minor units. Commas, spaces
 * or apostrophes group thousands (in threes), a point starts the decimals, and there may be no
 * more decimals than the currency has. Zero is an amount; signs are not.
 */
export function parseMajor(input: string, currency: string): Parsed<bigint> {
  const text = input.trim().replace(/[\s\u00a0\u202f'_]/g, ',');
  if (text === '') return { ok: false, error: 'Enter an amount' };
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { ok: false, error: 'Not an amount: digits, commas between thousands, a point before the decimals (e.g. 1,250.50)' };
  const whole = match[1]!.replaceAll(',', '');
  const fraction = match[2] ?? '';
  const units = minorUnitsOf(currency);
  if (fraction.length > units) {
    return { ok: false, error: units === 0 ? `${currency} has no decimals` : `${currency} has ${units} decimals` };
  }
  return { ok: true, value: BigInt(whole + fraction.padEnd(units, '0')) };
}

/** A percentage with at most two decimals ("90", "4.5", "4,25 %") → basis points (9000, 450, 425). */
export function parsePercentToBps(input: string): Parsed<number> {
  const text = input.trim().replace(/\s*%$/, '');
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return { ok: false, error: 'A percentage with at most two decimals, e.g. 4.25' };
  return { ok: true, value: Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) };
}

/** Basis points as a percentage: 9000 → `90 %`, 450 → `4.5 %`, 5 → `0.05 %`. */
export function formatBps(bps: number): string {
  const sign = bps < 0 ? '-' : '';
  const abs = Math.abs(bps);
  const rest = abs % 100;
  const whole = (abs - rest) / 100;
  const fraction = rest === 0 ? '' : `.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
  return `${sign}${whole}${fraction} %`;
}
