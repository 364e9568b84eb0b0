import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { distributeTranchePayment, DistributionInputError, noteFactor, splitByLargestRemainder, type HolderBalance } from './distribution.util.js';

const h = (holder: string, balanceMinor: bigint): HolderBalance => ({ holder, balanceMinor });

describe('distributeTranchePayment: examples', () => {
  it('splits exactly, the leftover units to the largest remainders', () => {
    // 100 units over balances 1:1:1 -> 33.33 each; the leftover unit goes to the smallest key on a tie
    const d = distributeTranchePayment([h('c', 100n), h('a', 100n), h('b', 100n)], { interestMinor: 100n, principalMinor: 200n });
    expect(d.map((x) => [x.holder, x.interestMinor, x.principalMinor])).toEqual([
      ['c', 33n, 66n],
      ['a', 34n, 67n],
      ['b', 33n, 67n],
    ]);
  });

  it('breaks a remainder tie by the larger balance before the key', () => {
    // 1 unit over balances 3 and 1 (sum 4): remainders 3 and 1 -> to "z" (larger remainder)
    expect(splitByLargestRemainder(1n, [1n, 3n], ['a', 'z'])).toEqual([0n, 1n]);
    // 2 units over 2,1,1,2 (sum 6): floors 0, remainders 4,2,2,4 -> the two 4s, ties by balance then key
    expect(splitByLargestRemainder(2n, [2n, 1n, 1n, 2n], ['d', 'a', 'b', 'c'])).toEqual([1n, 0n, 0n, 1n]);
  });

  it('pays a zero balance nothing and refuses bad input', () => {
    expect(distributeTranchePayment([h('a', 0n), h('b', 5n)], { interestMinor: 7n, principalMinor: 0n }).map((x) => x.interestMinor)).toEqual([0n, 7n]);
    expect(() => distributeTranchePayment([h('a', 0n)], { interestMinor: 1n, principalMinor: 0n })).toThrow(DistributionInputError);
    expect(() => distributeTranchePayment([h('a', 1n), h('a', 2n)], { interestMinor: 1n, principalMinor: 0n })).toThrow(/twice/);
    expect(() => distributeTranchePayment([h('a', -1n)], { interestMinor: 1n, principalMinor: 0n })).toThrow(/negative/);
    expect(() => distributeTranchePayment([h('a', 1n)], { interestMinor: -1n, principalMinor: 0n })).toThrow(/negative/);
  });

  it('publishes factors floored to 10 decimals', () => {
    expect(noteFactor(300n, 200n).factor).toBe('0.6666666666');
    expect(noteFactor(300n, 300n).factor).toBe('1.0000000000');
    expect(noteFactor(300n, 0n).factor).toBe('0.0000000000');
    expect(() => noteFactor(300n, 301n)).toThrow(DistributionInputError);
  });
});

const holdersArb = fc
  .uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.bigInt({ min: 0n, max: 10n ** 14n })), { minLength: 1, maxLength: 40, selector: (t) => t[0] })
  .filter((hs) => hs.some(([, b]) => b > 0n))
  .map((hs) => hs.map(([holder, balanceMinor]) => h(holder, balanceMinor)));
const amountArb = fc.bigInt({ min: 0n, max: 10n ** 15n });

describe('distributeTranchePayment: properties', () => {
  it('sums exactly, stays within one unit of pro rata, and ignores input order', () => {
    fc.assert(
      fc.property(holdersArb, amountArb, amountArb, fc.integer(), (holders, interestMinor, principalMinor, seed) => {
        const d = distributeTranchePayment(holders, { interestMinor, principalMinor });
        const total = holders.reduce((a, x) => a + x.balanceMinor, 0n);
        expect(d.reduce((a, x) => a + x.interestMinor, 0n)).toBe(interestMinor);
        expect(d.reduce((a, x) => a + x.principalMinor, 0n)).toBe(principalMinor);
        for (const x of d) {
          for (const [paid, amount] of [
            [x.interestMinor, interestMinor],
            [x.principalMinor, principalMinor],
          ] as const) {
            // floor(quota) <= paid <= floor(quota) + 1, and +1 only where the quota is not whole
            const floor = (amount * x.balanceMinor) / total;
            expect(paid >= floor && paid <= floor + 1n).toBe(true);
            if ((amount * x.balanceMinor) % total === 0n) expect(paid).toBe(floor);
          }
        }
        // determinism: any permutation of the holders gives each holder the same amounts
        const shuffled = [...holders].sort((a, b) => ((a.holder.charCodeAt(0) * 31 + seed) % 7) - ((b.holder.charCodeAt(0) * 31 + seed) % 7)).reverse();
        const again = new Map(distributeTranchePayment(shuffled, { interestMinor, principalMinor }).map((x) => [x.holder, x]));
        for (const x of d) expect(again.get(x.holder)).toEqual(x);
      }),
      { numRuns: 300 },
    );
  });
});
