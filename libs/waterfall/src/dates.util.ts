// Calendar helpers on day numbers (days since 1970-01-01, UTC) so that date math is integer math.
import { WaterfallError, WaterfallErrorCode } from './waterfall.errors.js';

export type Day = number;
const MS = 86_400_000;

const parsed = new Map<string, Day>();
export function parseDay(value: unknown, what: string): Day {
  if (typeof value === 'string') {
    const hit = parsed.get(value);
    if (hit !== undefined) return hit;
  }
  const day = parseDayUncached(value, what);
  if (parsed.size < 100_000) parsed.set(value as string, day);
  return day;
}

function parseDayUncached(value: unknown, what: string): Day {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new WaterfallError(WaterfallErrorCode.BadCase, `${what}: expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  const [y, m, d] = value.split('-').map(Number);
  const t = Date.UTC(y, m - 1, d);
  if (new Date(t).getUTCDate() !== d) throw new WaterfallError(WaterfallErrorCode.BadCase, `${what}: ${value} is not a calendar date`);
  return t / MS;
}
const formatted = new Map<Day, string>();
export const formatDay = (day: Day): string => {
  let s = formatted.get(day);
  if (s === undefined) {
    s = new Date(day * MS).toISOString().slice(0, 10);
    if (formatted.size < 100_000) formatted.set(day, s);
  }
  return s;
};
export const ymd = (day: Day): [number, number, number] => {
  const dt = new Date(day * MS);
  return [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
};
export const dayOf = (y: number, m: number, d: number): Day => Date.UTC(y, m - 1, d) / MS;
export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Whole calendar months from a to b (b >= a), as the engine counts them. */
export function monthsBetween(a: Day, b: Day): number {
  const [y1, m1, d1] = ymd(a);
  const [y2, m2, d2] = ymd(b);
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1) months -= 1;
  return months;
}

export interface SchedulePattern {
  pattern: string;
  day?: number;
  month?: number;
  dates?: string[];
}

function readPattern(p: unknown, what: string): SchedulePattern {
  if (typeof p !== 'object' || p === null || typeof (p as SchedulePattern).pattern !== 'string') {
    throw new WaterfallError(WaterfallErrorCode.BadCase, `${what}: expected {pattern: ...}`);
  }
  return p as SchedulePattern;
}

/** Does `day` match the pattern (for patterns that are predicates on a date)? */
function matches(p: SchedulePattern, day: Day, what: string): boolean {
  const [y, m, d] = ymd(day);
  switch (p.pattern) {
    case 'monthEnd':
      return d === daysInMonth(y, m);
    case 'monthFirst':
      return d === 1;
    case 'dayOfMonth':
      if (!Number.isInteger(p.day)) throw new WaterfallError(WaterfallErrorCode.BadCase, `${what}: dayOfMonth needs an integer day`);
      // A day beyond the month's length falls on its last day.
      return d === Math.min(p.day as number, daysInMonth(y, m));
    case 'yearly':
      if (!Number.isInteger(p.day) || !Number.isInteger(p.month)) throw new WaterfallError(WaterfallErrorCode.BadCase, `${what}: yearly needs month and day`);
      return m === p.month && d === Math.min(p.day as number, daysInMonth(y, m));
    case 'quarterEnd':
      return m % 3 === 0 && d === daysInMonth(y, m);
    case 'yearEnd':
      return m === 12 && d === 31;
    default:
      throw new WaterfallError(WaterfallErrorCode.Unsupported, `${what}: schedule pattern ${JSON.stringify(p.pattern)} is not supported`);
  }
}

/**
 * The dates of a calendar: `first` (when given) then every date after it that matches the pattern,
 * up to and including `until`. Without `first`, the dates strictly after `after`.
 */
export function scheduleDates(pattern: unknown, first: Day | null, after: Day, until: Day, what: string): Day[] {
  const p = readPattern(pattern, what);
  const out: Day[] = [];
  if (first !== null && first <= until) out.push(first);
  const start = first ?? after;
  if (p.pattern === 'custom') {
    for (const s of p.dates ?? []) {
      const d = parseDay(s, `${what}.dates`);
      if (d > start && d <= until) out.push(d);
    }
    return [...new Set(out)].sort((a, b) => a - b);
  }
  // Month patterns: one candidate per month (the pattern's day in that month), no day-by-day walk.
  matches(p, start, what); // validates the pattern (throws on a bad or unknown one)
  let [y, m] = ymd(start);
  for (;;) {
    const dim = daysInMonth(y, m);
    let cand: number | null;
    switch (p.pattern) {
      case 'monthEnd': cand = dim; break;
      case 'monthFirst': cand = 1; break;
      case 'dayOfMonth': cand = Math.min(p.day as number, dim); break;
      case 'quarterEnd': cand = m % 3 === 0 ? dim : null; break;
      case 'yearEnd': cand = m === 12 ? 31 : null; break;
      case 'yearly': cand = m === p.month ? Math.min(p.day as number, dim) : null; break;
      default: cand = null;
    }
    if (cand !== null) {
      const d = dayOf(y, m, cand);
      if (d > until) break;
      if (d > start) out.push(d);
    } else if (dayOf(y, m, 1) > until) break;
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

/**
 * The deal's last collection date on or before `day` (ISO), or null before its first one. A
 * distribution pays what was collected up to that date: a servicing period's rows are the pool's
 * events in (the previous distribution's collection date, this one's].
 */
export function lastCollectionOnOrBefore(dates: { firstCollection?: unknown; collectionSchedule?: unknown }, day: string): string | null {
  const first = parseDay(dates.firstCollection, 'dates.firstCollection');
  const collections = scheduleDates(dates.collectionSchedule, first, first, parseDay(day, 'day'), 'dates.collectionSchedule');
  return collections.length > 0 ? formatDay(collections[collections.length - 1]!) : null;
}
