import { describe, expect, it } from '@jest/globals';
import { formatBps, formatMinor, formatMoney, parseMajor, parsePercentToBps } from './money';

describe('portal money', () => {
  it("formats minor units by moving digits, with the currency's decimals", () => {
    expect(formatMinor('165625', 'EUR')).toBe('1,656.25');
    expect(formatMinor('5', 'EUR')).toBe('0.05');
    expect(formatMinor('0', 'EUR')).toBe('0.00');
    expect(formatMinor(-123456789n, 'EUR')).toBe('-1,234,567.89');
    expect(formatMinor('1000', 'JPY')).toBe('1,000');
    expect(formatMinor('1234', 'KWD')).toBe('1.234');
    expect(formatMinor('99999999999999999999999999999999', 'EUR')).toBe('999,999,999,999,999,999,999,999,999,999.99');
    expect(formatMoney('120000', 'GBP')).toBe('1,200.00 GBP');
  });

  it('parses what a user types into exact minor units', () => {
    expect(parseMajor('1,250.50', 'EUR')).toEqual({ ok: true, value: 125050n });
    expect(parseMajor('1 250.5', 'EUR')).toEqual({ ok: true, value: 125050n });
    expect(parseMajor(' 1250 ', 'EUR')).toEqual({ ok: true, value: 125000n });
    expect(parseMajor('0.07', 'EUR')).toEqual({ ok: true, value: 7n });
    expect(parseMajor('0', 'EUR')).toEqual({ ok: true, value: 0n });
    expect(parseMajor('1,000', 'JPY')).toEqual({ ok: true, value: 1000n });
    expect(parseMajor('1.234', 'KWD')).toEqual({ ok: true, value: 1234n });
    expect(parseMajor('12345678901234567890.12', 'EUR')).toEqual({ ok: true, value: 1234567890123456789012n });
  });

  it('refuses ambiguous or impossible amounts', () => {
    for (const bad of ['', '1,25', '1.2.3', '-5', '1e3', 'abc', '12,34.5', '.5']) {
      expect(parseMajor(bad, 'EUR').ok).toBe(false);
    }
    expect(parseMajor('1.005', 'EUR')).toEqual({ ok: false, error: 'EUR has 2 decimals' });
    expect(parseMajor('1.5', 'JPY')).toEqual({ ok: false, error: 'JPY has no decimals' });
  });

  it('converts percentages to basis points and back', () => {
    expect(parsePercentToBps('90')).toEqual({ ok: true, value: 9000 });
    expect(parsePercentToBps('4.5')).toEqual({ ok: true, value: 450 });
    expect(parsePercentToBps('4,25 %')).toEqual({ ok: true, value: 425 });
    expect(parsePercentToBps('0.05')).toEqual({ ok: true, value: 5 });
    expect(parsePercentToBps('4.555').ok).toBe(false);
    expect(parsePercentToBps('-1').ok).toBe(false);
    expect(formatBps(9000)).toBe('90 %');
    expect(formatBps(450)).toBe('4.5 %');
    expect(formatBps(425)).toBe('4.25 %');
    expect(formatBps(5)).toBe('0.05 %');
    expect(formatBps(0)).toBe('0 %');
  });
});
