import { describe, expect, it } from '@jest/globals';
import { collectionRows } from './closed-deal.util.js';

const bill = (id: string, face: bigint, dueDate: string, paidOn: string | null, defaultedOn: string | null = null) => ({ id, faceAmountMinor: face, dueDate, paidOn, defaultedOn });

describe('collectionRows', () => {
  const bills = [
    bill('a', 100n, '2027-01-10', '2027-01-09'), // on time
    bill('b', 200n, '2027-01-10', '2027-01-20'), // late: delinquent from 01-11 until paid
    bill('c', 300n, '2027-01-05', null, '2027-01-20'), // defaulted
    bill('d', 400n, '2027-03-01', null), // outstanding
  ];

  it('one row per event day in (after, upTo], balances after each day, delinquency by due date', () => {
    expect(collectionRows(1000n, bills, null, '2027-01-31')).toEqual([
      { date: '2027-01-09', balanceMinor: '900', principalMinor: '100', interestMinor: '0', prepaymentMinor: '0', defaultMinor: '0', recoveryMinor: '0', lossMinor: '0', delinquentMinor: '300' },
      { date: '2027-01-20', balanceMinor: '400', principalMinor: '200', interestMinor: '0', prepaymentMinor: '0', defaultMinor: '300', recoveryMinor: '0', lossMinor: '300', delinquentMinor: '0' },
    ]);
  });

  it('takes only the window: after excluded, upTo included', () => {
    expect(collectionRows(1000n, bills, '2027-01-09', '2027-01-20').map((r) => r.date)).toEqual(['2027-01-20']);
    expect(collectionRows(1000n, bills, '2027-01-20', '2027-02-28')).toEqual([]);
    expect(collectionRows(1000n, bills, null, '2027-01-19').map((r) => r.date)).toEqual(['2027-01-09']);
  });
});
