import { Injectable } from '@nestjs/common';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day `YYYY-MM-DD` (2026-02-30 is not one). */
export function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * The platform's business date: the calendar day (UTC, `YYYY-MM-DD`) the bill lifecycle counts due
 * dates by, the aging pass ages bills on, and that payments and defaults are recorded as having
 * happened on (the dates servicing reads). By default it is the wall clock's UTC date. An
 * in-process caller (a test, an operator's end-of-day run in the worker) may move it **forward**
 * with `set`; it never goes back, and no HTTP endpoint sets it. Chain-side times (EIP-712 consent
 * deadlines, record-date blocks) are not business dates: they keep using chain time.
 */
@Injectable()
export class BusinessDate {
  private fixed: string | null = null;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** The business date: the day set, or the wall clock's UTC date when none is set (or it is later). */
  today(): string {
    const wall = this.clock().toISOString().slice(0, 10);
    return this.fixed !== null && this.fixed > wall ? this.fixed : wall;
  }

  /** Moves the business date to `date` (on or after today's); returns it. Refuses a move back. */
  set(date: string): string {
    if (!isCalendarDate(date)) throw new RangeError(`business date ${JSON.stringify(date)} is not a calendar date YYYY-MM-DD`);
    const now = this.today();
    if (date < now) throw new RangeError(`business date ${date} is before the current business date ${now}: it only moves forward`);
    this.fixed = date;
    return date;
  }
}
