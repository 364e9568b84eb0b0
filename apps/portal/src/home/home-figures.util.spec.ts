import { describe, expect, it } from '@jest/globals';
import type { Bill } from '../bills/bill-types';
import { ageing, cashForecast, chartUnits, exposureByBuyer, formatBps, mainCurrency, sum } from './home-figures.util';

const bill = (over: Partial<Bill>): Bill =>
  ({ id: 'x', invoiceNumber: 'INV', faceAmountMinor: '100', currency: 'EUR', dueDate: '2026-03-10', state: 'ACCEPTED', supersededAt: null, buyerName: 'B', ...over }) as Bill;

describe('home figures', () => {
  it('ages open bills by days to maturity, exactly', () => {
    const bills = [
      bill({ dueDate: '2026-03-03', faceAmountMinor: '1' }),
      bill({ dueDate: '2026-03-04', faceAmountMinor: '10' }),
      bill({ dueDate: '2026-04-03', faceAmountMinor: '100' }),
      bill({ dueDate: '2026-04-04', faceAmountMinor: '1000' }),
      bill({ dueDate: '2026-06-02', faceAmountMinor: '10000' }),
      bill({ dueDate: '2026-06-03', faceAmountMinor: '99999999999999999999' }),
    ];
    expect(ageing(bills, '2026-03-04').map((r) => r.amountMinor)).toEqual([1n, 110n, 1000n, 10000n, 99999999999999999999n]);
  });

  it('sums exposure per buyer, largest first, the tail as others', () => {
    const bills = [bill({ buyerName: 'A', faceAmountMinor: '5' }), bill({ buyerName: 'B', faceAmountMinor: '7' }), bill({ buyerName: 'A', faceAmountMinor: '5' }), bill({ buyerName: 'C', faceAmountMinor: '1' })];
    expect(exposureByBuyer(bills)).toEqual([
      { label: 'A', amountMinor: 10n },
      { label: 'B', amountMinor: 7n },
      { label: 'C', amountMinor: 1n },
    ]);
    expect(exposureByBuyer(bills, 1)).toEqual([
      { label: 'A', amountMinor: 10n },
      { label: 'others', amountMinor: 8n },
    ]);
  });

  it('forecasts cash by due month, overdue in the current month, across a year end', () => {
    const rows = cashForecast([bill({ dueDate: '2026-10-01', faceAmountMinor: '3' }), bill({ dueDate: '2027-01-31', faceAmountMinor: '4' })], [bill({ dueDate: '2026-11-15', faceAmountMinor: '5' })], '2026-11-20', 3);
    expect(rows).toEqual([
      { month: '2026-11', inMinor: 3n, outMinor: 5n },
      { month: '2026-12', inMinor: 0n, outMinor: 0n },
      { month: '2027-01', inMinor: 4n, outMinor: 0n },
    ]);
  });

  it('picks the main currency, sums exactly and converts to whole units for charts by integer division', () => {
    expect(mainCurrency([bill({ currency: 'USD' }), bill({ currency: 'EUR' }), bill({ currency: 'USD' })])).toBe('USD');
    expect(mainCurrency([])).toBe('EUR');
    expect(sum([bill({ faceAmountMinor: '165625' }), bill({ faceAmountMinor: '1' })])).toBe(165626n);
    expect(chartUnits(165699n, 'EUR')).toBe(1656);
    expect(chartUnits(1000n, 'JPY')).toBe(1000);
  });

  it('shows basis points as a percentage with two decimals, exactly', () => {
    expect([0, 5, 50, 718, 1000, 100000, -25].map(formatBps)).toEqual(['0.00 %', '0.05 %', '0.50 %', '7.18 %', '10.00 %', '1000.00 %', '-0.25 %']);
  });
});
