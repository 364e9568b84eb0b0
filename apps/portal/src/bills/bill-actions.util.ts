import type { Bill, Offer } from './bill-types';

export type BillActionName = 'accept' | 'reject' | 'cancel' | 'transfer' | 'split' | 'request-financing' | 'pay';

/** Today as the API counts due dates: the UTC calendar day, `YYYY-MM-DD`. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Waiting for the outbox: an action in flight, or the bill not (yet) on chain. */
export function isSettling(bill: Pick<Bill, 'pendingAction' | 'chainStatus'> | undefined): boolean {
  return !!bill && (bill.pendingAction !== null || bill.chainStatus === 'PENDING');
}

/**
 * What the caller's organization may do with a bill in its current position, mirroring the
 * API's rules (`BillsService`, `FinancingService`) so the page offers only what would be
 * accepted. The API still decides; this keeps buttons away that could only earn a 403/409.
 * Nothing while an action is settling, after a split, or off chain.
 */
export function billActionsFor(bill: Bill, organizationId: string | undefined, today: string): BillActionName[] {
  if (!organizationId || isSettling(bill) || bill.supersededAt || bill.chainStatus !== 'ON_CHAIN') return [];
  const buyer = bill.buyerOrganizationId === organizationId;
  const holder = bill.holderOrganizationId === organizationId;
  const supplier = bill.supplierOrganizationId === organizationId;
  const unencumbered = bill.encumbrance === 'NONE';
  const live = (bill.state === 'ISSUED' || bill.state === 'ACCEPTED') && bill.dueDate >= today;
  const actions: BillActionName[] = [];
  if (buyer && bill.state === 'ISSUED') actions.push('accept', 'reject');
  if (supplier && holder && (bill.state === 'DRAFT' || bill.state === 'ISSUED') && unencumbered) actions.push('cancel');
  if (holder && live && unencumbered) actions.push('transfer', 'split');
  if (holder && financeable(bill, today)) actions.push('request-financing');
  if (buyer && (bill.state === 'ACCEPTED' || bill.state === 'OVERDUE')) actions.push('pay');
  return actions;
}

/** Accepted, unencumbered and not yet due: what a financing request and an offer need. */
export function financeable(bill: Bill, today: string): boolean {
  return bill.state === 'ACCEPTED' && bill.encumbrance === 'NONE' && bill.dueDate > today;
}

/** The holder may accept an open, unexpired offer on a financeable bill with nothing in flight. */
export function canAcceptOffer(bill: Bill, offer: Offer, organizationId: string | undefined, now: Date): boolean {
  return (
    bill.holderOrganizationId === organizationId &&
    !isSettling(bill) &&
    !bill.supersededAt &&
    financeable(bill, todayUtc(now)) &&
    offer.state === 'OPEN' &&
    Date.parse(offer.expiresAt) > now.getTime()
  );
}
