import { describe, expect, it } from '@jest/globals';
import { DomainException } from '../errors/domain.exception.js';
import { bigintTransformer } from './bigint.transformer.js';
import { divRoundHalfEven, Money } from './money.js';

describe('Money', () => {
  it('parses major units exactly, without floats', () => {
    expect(Money.parseMajor('0.30', 'EUR').amountMinor).toBe(30n);
    expect(Money.parseMajor('1250', 'EUR').amountMinor).toBe(125000n);
    expect(Money.parseMajor('-0.07', 'USD').amountMinor).toBe(-7n);
    expect(Money.parseMajor('1000', 'JPY').amountMinor).toBe(1000n);
    expect(Money.parseMajor('1.234', 'KWD').amountMinor).toBe(1234n);
    expect(Money.parseMajor('99999999999999999999999999999999.99', 'EUR').amountMinor).toBe(9999999999999999999999999999999999n);
  });

  it('refuses more decimals than the currency has, unknown currencies and junk', () => {
    expect(() => Money.parseMajor('1.005', 'EUR')).toThrow('EUR has 2 decimals');
    expect(() => Money.parseMajor('1.5', 'JPY')).toThrow('JPY has 0 decimals');
    expect(() => Money.parseMajor('1e3', 'EUR')).toThrow(DomainException);
    expect(() => Money.parseMinor('12.5', 'EUR')).toThrow(DomainException);
    expect(() => Money.of(1n, 'XXX')).toThrow('Unknown currency');
  });

  it('formats and adds within one currency only', () => {
    const a = Money.parseMinor('100005', 'EUR');
    expect(a.toMajorString()).toBe('1000.05');
    expect(Money.of(-5n, 'EUR').toMajorString()).toBe('-0.05');
    expect(Money.of(7n, 'JPY').toMajorString()).toBe('7');
    expect(a.add(Money.of(95n, 'EUR')).amountMinor).toBe(100100n);
    expect(() => a.add(Money.of(1n, 'USD'))).toThrow('Cannot combine EUR and USD');
    expect(JSON.stringify(a)).toBe('{"amountMinor":"100005","currency":"EUR"}');
  });

  it('rounds half to even', () => {
    expect(divRoundHalfEven(5n, 2n)).toBe(2n);
    expect(divRoundHalfEven(7n, 2n)).toBe(4n);
    expect(divRoundHalfEven(-5n, 2n)).toBe(-2n);
    expect(divRoundHalfEven(-7n, 2n)).toBe(-4n);
    expect(divRoundHalfEven(10n, 3n)).toBe(3n);
    expect(divRoundHalfEven(11n, 3n)).toBe(4n);
    expect(divRoundHalfEven(-11n, 3n)).toBe(-4n);
    expect(divRoundHalfEven(5n, -2n)).toBe(-2n);
    expect(() => divRoundHalfEven(1n, 0n)).toThrow('division by zero');
  });

  it('transforms numeric(38,0) strings to bigint and back losslessly', () => {
    const big = 12345678901234567890123456789012345678n;
    expect(bigintTransformer.from(big.toString())).toBe(big);
    expect(bigintTransformer.to(big)).toBe(big.toString());
    expect(bigintTransformer.from(null)).toBeNull();
  });
});
