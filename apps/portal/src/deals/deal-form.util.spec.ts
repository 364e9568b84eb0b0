import { describe, expect, it } from '@jest/globals';
import { dealRequestOf, defaultDealForm } from './deal-form.util';

describe('deal form → CreateDealDto', () => {
  const dated = {
    ...defaultDealForm('Pool 1'),
    closingDate: '2027-01-10',
    firstDistributionDate: '2027-02-10',
    statedMaturityDate: '2028-02-10',
  };

  it('sends sizes and fees as exact minor units of the pool currency', () => {
    const form = {
      ...dated,
      trusteeFeePerPeriod: '1,500.00',
      tranches: dated.tranches.map((t, i) => ({ ...t, size: ['48,000.00', '6,000.00', '6,000.01'][i]! })),
    };
    const r = dealRequestOf(form, 'EUR');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.body.tranches.map((t) => [t.className, t.sizeMinor, t.denominationMinor, t.couponBps, t.rank, t.equity])).toEqual([
      ['A', '4800000', '100000', 350, 1, false],
      ['B', '600000', '100000', 600, 2, false],
      ['E', '600001', '100000', 0, 3, true],
    ]);
    expect(r.body.trusteeFeePerPeriodMinor).toBe('150000');
    expect(dealRequestOf(form, 'JPY').ok).toBe(false); // JPY has no decimals
  });

  it('lists each problem it can see (the API checks the structure against the pool)', () => {
    const r = dealRequestOf({ ...defaultDealForm('Pool 1'), reserveTargetBps: '1.5' }, 'EUR');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      'Closing date: a date',
      'First distribution date: a date',
      'Stated maturity: a date',
      'Tranche A size: Enter an amount',
      'Tranche B size: Enter an amount',
      'Tranche E size: Enter an amount',
      'Reserve target: a whole number',
    ]);
  });
});
