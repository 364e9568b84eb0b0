import { describe, expect, it } from '@jest/globals';
import { formatFactor, formatPct, reportTables } from './report-lines.util';

const line = (section: string, item: string, field: string, value: string) => ({ section, item, field, value }) as never;

describe('investor report lines for the run page', () => {
  const lines = [
    line('pool', 'pool', 'balanceAfterCollectionsMinor', '290000'),
    line('pool', 'collections', 'principalMinor', '810000'),
    line('waterfall', 'fee:servicer', 'paidMinor', '1234'),
    line('waterfall', 'tranche:A', 'interestPaidMinor', '3068'),
    line('waterfall', 'tranche:A', 'principalPaidMinor', '700000'),
    line('waterfall', 'account:reserve', 'balanceAfterMinor', '5000'),
    line('tranche', 'A', 'originalMinor', '800000'),
    line('tranche', 'A', 'outstandingMinor', '100000'),
    line('tranche', 'A', 'factor', '0.12500000'),
    line('tranche', 'A', 'creditEnhancementPct', '-65.5172'),
    line('trigger', 'deal', 'status', 'AMORTIZING'),
    line('trigger', 'ocTest', 'breached', 'true'),
    line('distribution', 'A:0xAbC', 'interestMinor', '1917'),
    line('distribution', 'A:0xAbC', 'principalMinor', '437500'),
    line('distribution', 'total', 'amountMinor', '703068'),
  ];

  it('groups the lines per table and sums a holder line exactly', () => {
    const t = reportTables(lines);
    expect(t.pool).toEqual({ balanceAfterCollectionsMinor: '290000' });
    expect(t.collections).toEqual({ principalMinor: '810000' });
    expect(t.waterfall).toEqual([
      { kind: 'fee', name: 'servicer', values: { paidMinor: '1234' } },
      { kind: 'tranche', name: 'A', values: { interestPaidMinor: '3068', principalPaidMinor: '700000' } },
      { kind: 'account', name: 'reserve', values: { balanceAfterMinor: '5000' } },
    ]);
    expect(t.tranches).toEqual([
      { name: 'A', originalMinor: '800000', outstandingMinor: '100000', factor: '0.12500000', creditEnhancementPct: '-65.5172', interestDueAfterMinor: null },
    ]);
    expect(t.triggers).toEqual([{ name: 'ocTest', breached: true }]);
    expect(t.distribution).toEqual([{ tranche: 'A', holder: '0xAbC', interestMinor: '1917', principalMinor: '437500', amountMinor: '439417' }]);
    expect(t.totalDistributedMinor).toBe('703068');
  });

  it('sums beyond float precision', () => {
    const t = reportTables([line('distribution', 'A:0x1', 'interestMinor', '9007199254740993'), line('distribution', 'A:0x1', 'principalMinor', '1')]);
    expect(t.distribution[0]!.amountMinor).toBe('9007199254740994');
  });

  it('cuts factors and percentages as text', () => {
    expect(formatFactor('0.12549999')).toBe('0.1254');
    expect(formatFactor('1.00000000')).toBe('1.0000');
    expect(formatFactor(null)).toBe('—');
    expect(formatPct('-65.5172')).toBe('-65.51 %');
    expect(formatPct('20')).toBe('20.00 %');
  });
});
