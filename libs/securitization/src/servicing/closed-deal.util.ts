// The pure half of servicing a closed deal: the pool's bills' performance → collection rows. No I/O.
import type { BillPerformance } from '#bills';
import type { CollectionRowInput } from './period-run.util.js';

/**
 * One collection row per day with an event in (after, upTo]: principal = the face of the bills
 * paid that day, default = loss = the face of the bills defaulted that day (no recovery yet),
 * interest 0 (discount paper); balance = the pool's cut-off balance less every bill paid or
 * defaulted by that day; delinquent = the face of the bills past their due date, neither paid
 * nor defaulted, on that day (a late payment is delinquent until the day it is paid).
 */
export function collectionRows(poolBalanceMinor: bigint, bills: BillPerformance[], after: string | null, upTo: string): CollectionRowInput[] {
  const inWindow = (d: string | null): d is string => d !== null && (after === null || d > after) && d <= upTo;
  const days = [...new Set(bills.flatMap((b) => [b.paidOn, b.defaultedOn]).filter(inWindow))].sort();
  return days.map((day) => {
    let principal = 0n;
    let defaulted = 0n;
    let outstanding = poolBalanceMinor;
    let delinquent = 0n;
    for (const b of bills) {
      // a bill paid after it defaulted is a recovery: not modelled yet (its default stands)
      const defaultedBy = b.defaultedOn !== null && b.defaultedOn <= day;
      const paidBy = !defaultedBy && b.paidOn !== null && b.paidOn <= day;
      if (b.paidOn === day && !defaultedBy) principal += b.faceAmountMinor;
      if (b.defaultedOn === day) defaulted += b.faceAmountMinor;
      if (paidBy || defaultedBy) outstanding -= b.faceAmountMinor;
      else if (b.dueDate < day) delinquent += b.faceAmountMinor;
    }
    return {
      date: day,
      balanceMinor: (outstanding < 0n ? 0n : outstanding).toString(),
      principalMinor: principal.toString(),
      interestMinor: '0',
      prepaymentMinor: '0',
      defaultMinor: defaulted.toString(),
      recoveryMinor: '0',
      lossMinor: defaulted.toString(),
      delinquentMinor: delinquent.toString(),
    };
  });
}
