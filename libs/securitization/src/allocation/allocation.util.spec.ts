import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { statusOfCode } from '#core';
import {
  allocateSubscriptions,
  AllocationDuplicateOrderError,
  AllocationErrorCode,
  AllocationInputInvalidError,
  type AllocationInput,
  type SubscriptionOrder,
} from './allocation.util.js';

const NOTE = 10_000_000n; // 100,000.00 EUR per note

const order = (orderId: string, notes: bigint, investorId = `inv-${orderId}`): SubscriptionOrder => ({
  orderId,
  investorId,
  amountMinor: notes * NOTE,
});
const allocatedNotes = (input: AllocationInput): Record<string, bigint> =>
  Object.fromEntries(allocateSubscriptions(input).allocations.map((a) => [a.orderId, a.allocatedMinor / NOTE]));

describe('allocateSubscriptions: examples', () => {
  it('fills every order in full when the tranche is not oversubscribed', () => {
    const result = allocateSubscriptions({
      trancheSizeMinor: 10n * NOTE,
      denominationMinor: NOTE,
      orders: [order('a', 3n), order('b', 4n)],
    });
    expect(result).toEqual({
      allocations: [
        { orderId: 'a', investorId: 'inv-a', orderedMinor: 3n * NOTE, allocatedMinor: 3n * NOTE },
        { orderId: 'b', investorId: 'inv-b', orderedMinor: 4n * NOTE, allocatedMinor: 4n * NOTE },
      ],
      totalOrderedMinor: 7n * NOTE,
      totalAllocatedMinor: 7n * NOTE,
      unallocatedMinor: 3n * NOTE,
      oversubscribed: false,
    });
  });

  it('allocates pro rata, floored to the note, the leftover note to the largest remainder', () => {
    // 10 notes, 15 ordered: quotas 4.67, 3.33, 2 -> floors 4, 3, 2 (9), the 10th note to "a" (remainder 10/15)
    const result = allocateSubscriptions({
      trancheSizeMinor: 10n * NOTE,
      denominationMinor: NOTE,
      orders: [order('a', 7n), order('b', 5n), order('c', 3n)],
    });
    expect(result.allocations.map((a) => a.allocatedMinor / NOTE)).toEqual([5n, 3n, 2n]);
    expect(result).toMatchObject({
      totalOrderedMinor: 15n * NOTE,
      totalAllocatedMinor: 10n * NOTE,
      unallocatedMinor: 0n,
      oversubscribed: true,
    });
  });

  it('breaks ties by the larger order, then by the smaller orderId', () => {
    // 2 notes for three single-note orders: equal remainders and sizes -> "a" and "b"
    expect(
      allocatedNotes({ trancheSizeMinor: 2n * NOTE, denominationMinor: NOTE, orders: [order('c', 1n), order('b', 1n), order('a', 1n)] }),
    ).toEqual({ a: 1n, b: 1n, c: 0n });
    // 3 notes, orders 2, 2, 4 (t = 8): quotas 0.75, 0.75, 1.5 -> floors 0, 0, 1; remainders 6, 6, 4 -> "x" and "y"
    expect(
      allocatedNotes({ trancheSizeMinor: 3n * NOTE, denominationMinor: NOTE, orders: [order('y', 2n), order('x', 2n), order('big', 4n)] }),
    ).toEqual({ x: 1n, y: 1n, big: 1n });
    // 1 note, orders 1 and 2 (t = 3): remainders 1 and 2 -> the larger remainder wins
    expect(allocatedNotes({ trancheSizeMinor: 1n * NOTE, denominationMinor: NOTE, orders: [order('a', 1n), order('z', 2n)] })).toEqual({
      a: 0n,
      z: 1n,
    });
    // 2 notes, orders 1 and 3 (t = 4): quotas 0.5 and 1.5, equal remainders (2 and 2) -> the larger order, not the smaller id
    expect(allocatedNotes({ trancheSizeMinor: 2n * NOTE, denominationMinor: NOTE, orders: [order('a', 1n), order('b', 3n)] })).toEqual({
      a: 0n,
      b: 2n,
    });
  });

  it('refuses bad input with a code', () => {
    const cases: Array<[AllocationInput, string]> = [
      [{ trancheSizeMinor: 10n * NOTE, denominationMinor: 0n, orders: [] }, 'denominationMinor'],
      [{ trancheSizeMinor: 0n, denominationMinor: NOTE, orders: [] }, 'trancheSizeMinor'],
      [{ trancheSizeMinor: 10n * NOTE + 1n, denominationMinor: NOTE, orders: [] }, 'trancheSizeMinor'],
      [
        { trancheSizeMinor: 10n * NOTE, denominationMinor: NOTE, orders: [{ orderId: 'a', investorId: 'i', amountMinor: NOTE + 5n }] },
        'orders[0].amountMinor',
      ],
      [
        {
          trancheSizeMinor: 10n * NOTE,
          denominationMinor: NOTE,
          orders: [order('a', 1n), { orderId: 'b', investorId: 'i', amountMinor: 0n }],
        },
        'orders[1].amountMinor',
      ],
      [
        { trancheSizeMinor: 10n * NOTE, denominationMinor: NOTE, orders: [{ orderId: '', investorId: 'i', amountMinor: NOTE }] },
        'orders[0].orderId',
      ],
    ];
    for (const [input, field] of cases) {
      expect(() => allocateSubscriptions(input)).toThrow(AllocationInputInvalidError);
      try {
        allocateSubscriptions(input);
      } catch (err) {
        expect(err).toMatchObject({ code: AllocationErrorCode.ALLOCATION_INPUT_INVALID, field });
      }
    }
    expect(() =>
      allocateSubscriptions({ trancheSizeMinor: 10n * NOTE, denominationMinor: NOTE, orders: [order('a', 1n), order('a', 2n)] }),
    ).toThrow(AllocationDuplicateOrderError);
    expect(statusOfCode(AllocationErrorCode.ALLOCATION_INPUT_INVALID)).toBe(422);
    expect(statusOfCode(AllocationErrorCode.ALLOCATION_DUPLICATE_ORDER)).toBe(422);
  });

  it('allocates nothing to no orders', () => {
    expect(allocateSubscriptions({ trancheSizeMinor: NOTE, denominationMinor: NOTE, orders: [] })).toEqual({
      allocations: [],
      totalOrderedMinor: 0n,
      totalAllocatedMinor: 0n,
      unallocatedMinor: NOTE,
      oversubscribed: false,
    });
  });
});

// ---- properties ----

/** A tranche and orders in whole notes; amounts up to 10^15 notes exercise bigint beyond 2^53. */
const arbInput: fc.Arbitrary<AllocationInput> = fc
  .record({
    denominationMinor: fc.oneof(fc.constant(1n), fc.constant(100n), fc.constant(NOTE), fc.bigInt({ min: 1n, max: 10n ** 9n })),
    sizeNotes: fc.oneof(fc.bigInt({ min: 1n, max: 50n }), fc.bigInt({ min: 1n, max: 10n ** 15n })),
    orders: fc.uniqueArray(
      fc.record({
        orderId: fc.string({ minLength: 1, maxLength: 6 }),
        investorId: fc.string({ maxLength: 4 }),
        notes: fc.oneof(fc.bigInt({ min: 1n, max: 20n }), fc.bigInt({ min: 1n, max: 10n ** 15n })),
      }),
      { selector: (o) => o.orderId, maxLength: 40 },
    ),
  })
  .map(({ denominationMinor, sizeNotes, orders }) => ({
    trancheSizeMinor: sizeNotes * denominationMinor,
    denominationMinor,
    orders: orders.map((o) => ({ orderId: o.orderId, investorId: o.investorId, amountMinor: o.notes * denominationMinor })),
  }));

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

describe('allocateSubscriptions: properties', () => {
  it('allocates exactly min(tranche size, total orders)', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const result = allocateSubscriptions(input);
        const ordered = input.orders.reduce((s, o) => s + o.amountMinor, 0n);
        const sum = result.allocations.reduce((s, a) => s + a.allocatedMinor, 0n);
        expect(sum).toBe(min(input.trancheSizeMinor, ordered));
        expect(result.totalAllocatedMinor).toBe(sum);
        expect(result.unallocatedMinor).toBe(input.trancheSizeMinor - sum);
        expect(result.oversubscribed).toBe(ordered > input.trancheSizeMinor);
      }),
      { numRuns: 500 },
    );
  });

  it('never allocates an investor more than its order, and only whole notes', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const { allocations } = allocateSubscriptions(input);
        expect(allocations.map((a) => a.orderId)).toEqual(input.orders.map((o) => o.orderId));
        allocations.forEach((a, i) => {
          expect(a.orderedMinor).toBe(input.orders[i]!.amountMinor);
          expect(a.allocatedMinor >= 0n && a.allocatedMinor <= a.orderedMinor).toBe(true);
          expect(a.allocatedMinor % input.denominationMinor).toBe(0n);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('is pro rata: each allocation is within one note of its exact quota', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const ordered = input.orders.reduce((s, o) => s + o.amountMinor, 0n);
        fc.pre(ordered > input.trancheSizeMinor);
        const d = input.denominationMinor;
        const [s, t] = [input.trancheSizeMinor / d, ordered / d];
        for (const [i, a] of allocateSubscriptions(input).allocations.entries()) {
          // allocated/d − o·s/t ∈ (−1, 1), multiplied by t
          const gap = (a.allocatedMinor / d) * t - (input.orders[i]!.amountMinor / d) * s;
          expect(gap > -t && gap < t).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic: the same orders in any input order get the same allocations', () => {
    fc.assert(
      fc.property(arbInput, fc.infiniteStream(fc.nat()), (input, randoms) => {
        const first = allocateSubscriptions(input);
        expect(allocateSubscriptions(input)).toEqual(first);
        const keyed = input.orders.map((o) => ({ o, k: randoms.next().value as number }));
        const shuffled = { ...input, orders: keyed.sort((a, b) => a.k - b.k).map((x) => x.o) };
        const byId = (r: typeof first) => Object.fromEntries(r.allocations.map((a) => [a.orderId, a.allocatedMinor]));
        expect(byId(allocateSubscriptions(shuffled))).toEqual(byId(first));
      }),
      { numRuns: 300 },
    );
  });
});
