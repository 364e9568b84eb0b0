import { HttpStatus } from '@nestjs/common';
import { DomainException, registerErrorCodes } from '#core';

/**
 * Allocation of a tranche's subscription orders: pure, deterministic, integer math.
 *
 * Amounts are bigint minor units. A tranche of size S is sold in notes of one denomination d
 * (S and every order are whole multiples of d); work is done in notes: s = S / d, o_i = order_i / d,
 * t = Σ o_i.
 *
 *   not oversubscribed (t ≤ s): every order is filled in full; s − t notes stay unsold.
 *   oversubscribed (t > s), pro rata with a largest-remainder rule:
 *     quota_i     = o_i × s / t                           (an exact fraction)
 *     floor_i     = ⌊o_i × s / t⌋                          (floor to the denomination)
 *     remainder_i = (o_i × s) mod t                       (the fraction's numerator, compared exactly)
 *     leftover    = s − Σ floor_i                          (0 ≤ leftover < number of orders)
 *     the `leftover` orders with the largest remainder_i get one more note each;
 *     ties: the larger order first, then the smaller orderId (UTF-16 code-unit order).
 *
 * Guarantees (property-tested in allocation.util.spec.ts):
 *   Σ allocated = min(S, Σ orders) — every note of an oversubscribed tranche is allocated;
 *   0 ≤ allocated_i ≤ order_i, and allocated_i is a multiple of d;
 *   the result depends only on the set of orders, not on their order in the input.
 * An order that got an extra note had remainder_i > 0, so floor_i < quota_i < o_i and the extra
 * note never lifts an order above what it asked for.
 */
export interface SubscriptionOrder {
  /** Unique per allocation run; the last tie-break. */
  orderId: string;
  investorId: string;
  /** Amount subscribed, minor units, a positive multiple of the denomination. */
  amountMinor: bigint;
}

export interface AllocationInput {
  /** Tranche size, minor units, a positive multiple of the denomination. */
  trancheSizeMinor: bigint;
  /** Note denomination (the smallest amount one can hold), minor units, > 0. */
  denominationMinor: bigint;
  orders: readonly SubscriptionOrder[];
}

export interface OrderAllocation {
  orderId: string;
  investorId: string;
  orderedMinor: bigint;
  allocatedMinor: bigint;
}

export interface AllocationResult {
  /** One entry per order, in the input's order. */
  allocations: OrderAllocation[];
  totalOrderedMinor: bigint;
  totalAllocatedMinor: bigint;
  /** Size not sold (0 when oversubscribed or exactly subscribed). */
  unallocatedMinor: bigint;
  oversubscribed: boolean;
}

export enum AllocationErrorCode {
  /** An input is out of range or not a multiple of the denomination (see `details.field`). */
  ALLOCATION_INPUT_INVALID = 'ALLOCATION_INPUT_INVALID',
  /** Two orders share an orderId. */
  ALLOCATION_DUPLICATE_ORDER = 'ALLOCATION_DUPLICATE_ORDER',
}

export const ALLOCATION_ERROR_STATUS: Record<AllocationErrorCode, HttpStatus> = {
  [AllocationErrorCode.ALLOCATION_INPUT_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [AllocationErrorCode.ALLOCATION_DUPLICATE_ORDER]: HttpStatus.UNPROCESSABLE_ENTITY,
};
registerErrorCodes(ALLOCATION_ERROR_STATUS);

/** Base of the allocation's errors; `details` is JSON-safe (amounts as decimal strings). */
export class AllocationError extends DomainException {
  constructor(code: AllocationErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = new.target.name;
  }
}

export class AllocationInputInvalidError extends AllocationError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(AllocationErrorCode.ALLOCATION_INPUT_INVALID, `${field} ${reason}`, { field });
  }
}

export class AllocationDuplicateOrderError extends AllocationError {
  constructor(readonly orderId: string) {
    super(AllocationErrorCode.ALLOCATION_DUPLICATE_ORDER, `orderId ${orderId} appears more than once`, { orderId });
  }
}

/** Compares two strings by UTF-16 code units (locale-independent, unlike localeCompare). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function validate(input: AllocationInput): void {
  const { trancheSizeMinor: size, denominationMinor: denomination, orders } = input;
  if (typeof denomination !== 'bigint' || denomination <= 0n)
    throw new AllocationInputInvalidError('denominationMinor', 'must be a positive bigint');
  if (typeof size !== 'bigint' || size <= 0n) throw new AllocationInputInvalidError('trancheSizeMinor', 'must be a positive bigint');
  if (size % denomination !== 0n)
    throw new AllocationInputInvalidError('trancheSizeMinor', `must be a multiple of the denomination ${denomination}`);
  const seen = new Set<string>();
  orders.forEach((order, i) => {
    if (typeof order.orderId !== 'string' || order.orderId === '')
      throw new AllocationInputInvalidError(`orders[${i}].orderId`, 'must be a non-empty string');
    if (seen.has(order.orderId)) throw new AllocationDuplicateOrderError(order.orderId);
    seen.add(order.orderId);
    if (typeof order.amountMinor !== 'bigint' || order.amountMinor <= 0n)
      throw new AllocationInputInvalidError(`orders[${i}].amountMinor`, 'must be a positive bigint');
    if (order.amountMinor % denomination !== 0n) {
      throw new AllocationInputInvalidError(`orders[${i}].amountMinor`, `must be a multiple of the denomination ${denomination}`);
    }
  });
}

/** Allocates `input.orders` against the tranche; see the rules at the top of this file. */
export function allocateSubscriptions(input: AllocationInput): AllocationResult {
  validate(input);
  const { trancheSizeMinor, denominationMinor: d, orders } = input;
  const totalOrderedMinor = orders.reduce((sum, o) => sum + o.amountMinor, 0n);
  const notesAvailable = trancheSizeMinor / d;
  const notesOrdered = totalOrderedMinor / d;

  if (notesOrdered <= notesAvailable) {
    return {
      allocations: orders.map((o) => ({
        orderId: o.orderId,
        investorId: o.investorId,
        orderedMinor: o.amountMinor,
        allocatedMinor: o.amountMinor,
      })),
      totalOrderedMinor,
      totalAllocatedMinor: totalOrderedMinor,
      unallocatedMinor: trancheSizeMinor - totalOrderedMinor,
      oversubscribed: false,
    };
  }

  const rows = orders.map((o, index) => {
    const notes = o.amountMinor / d;
    const scaled = notes * notesAvailable;
    return { index, order: o, notes, floor: scaled / notesOrdered, remainder: scaled % notesOrdered };
  });
  let leftover = notesAvailable - rows.reduce((sum, r) => sum + r.floor, 0n);
  const ranked = [...rows].sort(
    (a, b) =>
      (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1) ||
      (a.notes === b.notes ? 0 : a.notes > b.notes ? -1 : 1) ||
      compareIds(a.order.orderId, b.order.orderId),
  );
  const extra = new Set<number>();
  for (const row of ranked) {
    if (leftover === 0n) break;
    extra.add(row.index);
    leftover -= 1n;
  }

  const allocations = rows.map((r) => ({
    orderId: r.order.orderId,
    investorId: r.order.investorId,
    orderedMinor: r.order.amountMinor,
    allocatedMinor: (r.floor + (extra.has(r.index) ? 1n : 0n)) * d,
  }));
  return {
    allocations,
    totalOrderedMinor,
    totalAllocatedMinor: allocations.reduce((sum, a) => sum + a.allocatedMinor, 0n),
    unallocatedMinor: 0n,
    oversubscribed: true,
  };
}
