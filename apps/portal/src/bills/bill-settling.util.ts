import type { Bill } from './bill-types';

/** Waiting for the outbox: an action in flight, or the bill not (yet) on chain (the page polls meanwhile). */
export function isSettling(bill: Pick<Bill, 'pendingAction' | 'chainStatus'> | undefined): boolean {
  return !!bill && (bill.pendingAction !== null || bill.chainStatus === 'PENDING');
}
