// Exact decimal <-> integer conversions. Amounts are integer cents (bigint), rates integer
// micro-units (1e-6). JSON numbers are read through their shortest round-trip string form (which
// for the format's <= 2 / <= 6 decimal values is the decimal as written), never via float math.
import { WaterfallError, WaterfallErrorCode } from './waterfall.errors.js';

/** Shortest decimal string of a JSON number, without exponent. */
function decimalString(value: unknown, what: string): string {
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new WaterfallError(WaterfallErrorCode.BadNumber, `${what}: ${value} is not a finite number`);
    s = String(value);
  } else if (typeof value === 'string' || typeof value === 'bigint') {
    s = String(value).trim();
  } else {
    throw new WaterfallError(WaterfallErrorCode.BadNumber, `${what}: expected a number, got ${JSON.stringify(value)}`);
  }
  const exp = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (exp) {
    // 1e-7 or 1e+21: rewrite the exponent form as a plain decimal, digit by digit.
    const [, sign, int, frac = '', e] = exp;
    const digits = int + frac;
    const point = int.length + Number(e);
    if (point <= 0) s = `${sign}0.${'0'.repeat(-point)}${digits}`;
    else if (point >= digits.length) s = `${sign}${digits}${'0'.repeat(point - digits.length)}`;
    else s = `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new WaterfallError(WaterfallErrorCode.BadNumber, `${what}: ${JSON.stringify(value)} is not a decimal number`);
  return s;
}

const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

/** Parses a decimal with at most `scale` decimals into an integer of 10^-scale units. */
export function parseScaled(value: unknown, scale: number, what: string): bigint {
  // Fast exact path for JSON numbers: n = round(v * 10^scale) is accepted only when n / 10^scale
  // gives back exactly v, i.e. v is the double of a decimal with <= scale places (whose shortest
  // string form is then that decimal). Anything else takes the string path below.
  if (typeof value === 'number' && scale <= 6) {
    const n = Math.round(value * POW10[scale]);
    if (Number.isSafeInteger(n) && n / POW10[scale] === value) return BigInt(n);
  }
  const s = decimalString(value, what);
  const neg = s.startsWith('-');
  const [int, frac = ''] = (neg ? s.slice(1) : s).split('.');
  const trimmed = frac.replace(/0+$/, '');
  if (trimmed.length > scale) throw new WaterfallError(WaterfallErrorCode.BadNumber, `${what}: ${s} has more than ${scale} decimals`);
  const v = BigInt(int + trimmed.padEnd(scale, '0'));
  return neg ? -v : v;
}

export const toCents = (value: unknown, what: string): bigint => parseScaled(value, 2, what);
export const toMicro = (value: unknown, what: string): bigint => parseScaled(value, 6, what);

/** A rational number n/d with d > 0 (exact arithmetic for formulas). */
export interface Rat {
  n: bigint;
  d: bigint;
}
export const rat = (n: bigint, d = 1n): Rat => (d < 0n ? { n: -n, d: -d } : { n, d });
export const ratCents = (cents: bigint): Rat => rat(cents, 100n);
export const ratMicro = (micro: bigint): Rat => rat(micro, 1_000_000n);
/** Parses any decimal exactly, whatever its number of places. */
export function ratDecimal(value: unknown, what: string): Rat {
  const s = decimalString(value, what);
  const frac = s.split('.')[1] ?? '';
  return rat(parseScaled(s, frac.length, what), 10n ** BigInt(frac.length));
}
export const ratAdd = (a: Rat, b: Rat): Rat => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const ratSub = (a: Rat, b: Rat): Rat => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const ratMul = (a: Rat, b: Rat): Rat => rat(a.n * b.n, a.d * b.d);
export function ratDiv(a: Rat, b: Rat, what: string): Rat {
  if (b.n === 0n) throw new WaterfallError(WaterfallErrorCode.Unevaluable, `${what}: division by zero`);
  return rat(a.n * b.d, a.d * b.n);
}
export const ratCmp = (a: Rat, b: Rat): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const ratMax = (a: Rat, b: Rat): Rat => (ratCmp(a, b) >= 0 ? a : b);
export const ratMin = (a: Rat, b: Rat): Rat => (ratCmp(a, b) <= 0 ? a : b);

/** Floor division for bigint (rounds toward -infinity, unlike `/`). */
export function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return (n % d !== 0n && (n < 0n) !== (d < 0n)) ? q - 1n : q;
}

/** The engine's rounding: a money value floored to 0.01. */
export const ratToCentsFloor = (r: Rat): bigint => floorDiv(r.n * 100n, r.d);

/** Cents as a JSON number (the nearest double to the exact decimal, as JSON.parse gives it). */
// Number(c) is exact below 2^53 and IEEE division is correctly rounded, so c / 100 is the nearest
// double to the exact decimal: the same value JSON.parse gives for its 2-decimal text.
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
export const centsToNumber = (cents: bigint): number => (cents <= SAFE && cents >= -SAFE ? Number(cents) / 100 : Number(formatCents(cents)));
export const microToNumber = (micro: bigint): number => Number(formatScaled(micro, 6));

export function formatScaled(v: bigint, scale: number): string {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(scale + 1, '0');
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? '.' + frac : ''}`;
}
export const formatCents = (cents: bigint): string => formatScaled(cents, 2);
