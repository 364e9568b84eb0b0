import { describe, expect, it } from '@jest/globals';
import { BillException } from '../bills.errors.js';
import { assertOfferWithinBalance, formatAmount } from './available-funds.check.js';

describe('available funds check', () => {
  it('formats amounts in major units with grouped thousands and the currency', () => {
    expect(formatAmount(165625n, 'EUR')).toBe('1,656.25 EUR');
    expect(formatAmount(5n, 'EUR')).toBe('0.05 EUR');
    expect(formatAmount(123456789n, 'JPY')).toBe('123,456,789 JPY');
    expect(formatAmount(-100000n, 'USD')).toBe('-1,000.00 USD');
  });

  it('refuses an offer beyond the balance with INSUFFICIENT_FUNDS, in currency amounts', () => {
    expect(() => assertOfferWithinBalance(148000n, 148000n, 'EUR')).not.toThrow();
    let thrown: unknown;
    try {
      assertOfferWithinBalance(0n, 147912n, 'EUR');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(BillException);
    expect((thrown as BillException).code).toBe('INSUFFICIENT_FUNDS');
    expect((thrown as Error).message).toBe('The offer pays 1,479.12 EUR but your settlement account holds 0.00 EUR: deposit more or offer less');
  });
});
