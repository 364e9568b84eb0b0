import { describe, expect, it } from '@jest/globals';
import { formatDate, formatDateTime, formatTime } from './formatting';

describe('one date format', () => {
  it('shows calendar dates as YYYY-MM-DD, as the API sends them (no time-zone shift)', () => {
    expect(formatDate('2026-03-04')).toBe('2026-03-04');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('shows instants as YYYY-MM-DD HH:mm in the browser time zone', () => {
    const iso = '2026-03-04T05:06:07.000Z';
    const d = new Date(iso);
    const pad = (n: number) => String(n).padStart(2, '0');
    const expected = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
    expect(formatDateTime(iso)).toBe(expected);
    expect(formatDate(iso)).toBe(expected.slice(0, 10));
    expect(formatTime(iso)).toBe(`${expected.slice(11)}:${pad(d.getSeconds())}`);
    expect(formatDateTime(undefined)).toBe('—');
  });
});
