import { describe, expect, it } from '@jest/globals';
import { lastCollectionOnOrBefore } from './dates.util.js';

describe('lastCollectionOnOrBefore (a period collects up to its distribution collection date)', () => {
  const dates = { firstCollection: '2027-01-05', collectionSchedule: { pattern: 'monthEnd' } };

  it('is the last month end on or before the day, or the first collection before the first month end', () => {
    expect(lastCollectionOnOrBefore(dates, '2027-02-10')).toBe('2027-01-31');
    expect(lastCollectionOnOrBefore(dates, '2027-01-31')).toBe('2027-01-31');
    expect(lastCollectionOnOrBefore(dates, '2027-03-31')).toBe('2027-03-31');
    expect(lastCollectionOnOrBefore(dates, '2027-01-20')).toBe('2027-01-05');
    expect(lastCollectionOnOrBefore(dates, '2027-01-04')).toBeNull();
    // February of a leap year
    expect(lastCollectionOnOrBefore({ ...dates, firstCollection: '2028-01-05' }, '2028-03-01')).toBe('2028-02-29');
  });

  it('refuses a schedule it cannot read', () => {
    expect(() => lastCollectionOnOrBefore({ firstCollection: '2027-01-05', collectionSchedule: { pattern: 'fortnightly' } }, '2027-02-10')).toThrow(/not supported/);
    expect(() => lastCollectionOnOrBefore({ collectionSchedule: { pattern: 'monthEnd' } }, '2027-02-10')).toThrow(/firstCollection/);
  });
});
