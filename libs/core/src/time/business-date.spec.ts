import { describe, expect, it } from '@jest/globals';
import { BusinessDate, isCalendarDate } from './business-date.js';

describe('BusinessDate', () => {
  const at = (iso: string) => () => new Date(iso);

  it("is the wall clock's UTC date until moved", () => {
    expect(new BusinessDate(at('2027-03-31T23:59:59.999Z')).today()).toBe('2027-03-31');
    expect(new BusinessDate(at('2027-04-01T00:00:00.000Z')).today()).toBe('2027-04-01');
  });

  it('moves forward only, to calendar dates', () => {
    const d = new BusinessDate(at('2027-03-10T12:00:00Z'));
    expect(d.set('2027-03-10')).toBe('2027-03-10');
    expect(d.set('2027-05-02')).toBe('2027-05-02');
    expect(d.today()).toBe('2027-05-02');
    expect(() => d.set('2027-05-01')).toThrow(/only moves forward/);
    expect(() => d.set('2027-02-29')).toThrow(/not a calendar date/);
    expect(() => d.set('2027-5-3')).toThrow(/not a calendar date/);
    expect(d.today()).toBe('2027-05-02');
  });

  it('follows the wall clock again once it passes the date set', () => {
    let now = new Date('2027-03-10T12:00:00Z');
    const d = new BusinessDate(() => now);
    d.set('2027-03-12');
    expect(d.today()).toBe('2027-03-12');
    now = new Date('2027-03-15T00:00:01Z');
    expect(d.today()).toBe('2027-03-15');
    expect(() => d.set('2027-03-13')).toThrow(/only moves forward/);
  });

  it('knows calendar dates', () => {
    expect(['2028-02-29', '2027-12-31'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2027-02-29', '2027-13-01', '2027-00-10', '27-01-01', 20270101, null].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
