import { BillErrorCode, BillException } from '../bills.errors.js';

/**
 * Financing requests, offers, financings and bill payments: their states and every transition, in
 * one place. What the bill must be for each step is the bill table's (`bill-lifecycle.ts`:
 * 'request-financing', 'finance', 'pay'); this file says what the financing rows become. Queries bind
 * these enums as parameters: no state is spelled in SQL.
 */

export enum FinancingRequestState {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export enum OfferState {
  OPEN = 'OPEN',
  ACCEPTED = 'ACCEPTED',
  WITHDRAWN = 'WITHDRAWN',
  LAPSED = 'LAPSED',
}

/** A DvP settlement's state: of a financing (the sale to the financier) and of a bill payment. */
export enum FinancingState {
  SETTLING = 'SETTLING',
  SETTLED = 'SETTLED',
  FAILED = 'FAILED',
}

/** Settlements that hold the bill: at most one per bill (the partial unique indexes on `financings` and `bill_payments`). */
export const LIVE_SETTLEMENT_STATES: readonly FinancingState[] = [FinancingState.SETTLING, FinancingState.SETTLED];

/**
 * Who takes a financing step: the bill's holder, a financier organization (not the holder), the
 * platform on a chain confirmation, or the bill action that starts it (whose parties the bill table says).
 */
export type FinancingActor = 'holder' | 'financier' | 'system' | 'bill-action';

interface Transition<S extends string> {
  by: FinancingActor;
  /** null: the step creates the row. */
  from: readonly S[] | null;
  to: S;
  /** The code of a refusal by state. */
  refused: BillErrorCode;
}

/** Every financing transition. */
export const FINANCING_LIFECYCLE = {
  request: {
    // the holder asks (bill rule 'request-financing'); asking again returns the open request
    open: { by: 'holder', from: null, to: FinancingRequestState.OPEN, refused: BillErrorCode.FINANCING_REQUEST_NOT_FOUND },
    // the DvP of one of its offers settled
    close: { by: 'system', from: [FinancingRequestState.OPEN], to: FinancingRequestState.CLOSED, refused: BillErrorCode.FINANCING_REQUEST_NOT_FOUND },
  },
  offer: {
    // a financier offers terms on an open request (the bill must still be financeable)
    make: { by: 'financier', from: null, to: OfferState.OPEN, refused: BillErrorCode.OFFER_NOT_OPEN },
    // the holder accepts (bill rule 'finance'), before it expires
    accept: { by: 'holder', from: [OfferState.OPEN], to: OfferState.ACCEPTED, refused: BillErrorCode.OFFER_NOT_OPEN },
    // the accepted offer's DvP failed for good: the offer is open again
    reopen: { by: 'system', from: [OfferState.ACCEPTED], to: OfferState.OPEN, refused: BillErrorCode.OFFER_NOT_OPEN },
    // another offer's DvP settled the bill
    lapse: { by: 'system', from: [OfferState.OPEN], to: OfferState.LAPSED, refused: BillErrorCode.OFFER_NOT_OPEN },
    // the financier withdraws its open offer (no endpoint yet)
    withdraw: { by: 'financier', from: [OfferState.OPEN], to: OfferState.WITHDRAWN, refused: BillErrorCode.OFFER_NOT_OPEN },
  },
  /** A financing (the accepted offer's DvP) and a bill payment (the obligor's DvP) settle alike. */
  settlement: {
    // started by the bill table's 'finance' (the holder) or 'pay' (the obligor, or the system's auto-debit)
    start: { by: 'bill-action', from: null, to: FinancingState.SETTLING, refused: BillErrorCode.PAYMENT_ALREADY_MADE },
    settle: { by: 'system', from: [FinancingState.SETTLING], to: FinancingState.SETTLED, refused: BillErrorCode.PAYMENT_ALREADY_MADE },
    fail: { by: 'system', from: [FinancingState.SETTLING], to: FinancingState.FAILED, refused: BillErrorCode.PAYMENT_ALREADY_MADE },
  },
} as const satisfies {
  request: Record<string, Transition<FinancingRequestState>>;
  offer: Record<string, Transition<OfferState>>;
  settlement: Record<string, Transition<FinancingState>>;
};

export type RequestStep = keyof typeof FINANCING_LIFECYCLE.request;
export type OfferStep = keyof typeof FINANCING_LIFECYCLE.offer;
export type SettlementStep = keyof typeof FINANCING_LIFECYCLE.settlement;

/** The state a request step leads to. */
export function requestTarget(step: RequestStep): FinancingRequestState {
  return FINANCING_LIFECYCLE.request[step].to;
}
/** The states a request step starts from (bound as query parameters). */
export function requestSources(step: Exclude<RequestStep, 'open'>): FinancingRequestState[] {
  return [...FINANCING_LIFECYCLE.request[step].from];
}
export function offerTarget(step: OfferStep): OfferState {
  return FINANCING_LIFECYCLE.offer[step].to;
}
export function offerSources(step: Exclude<OfferStep, 'make'>): OfferState[] {
  return [...FINANCING_LIFECYCLE.offer[step].from];
}
export function settlementTarget(step: SettlementStep): FinancingState {
  return FINANCING_LIFECYCLE.settlement[step].to;
}
export function settlementSources(step: Exclude<SettlementStep, 'start'>): FinancingState[] {
  return [...FINANCING_LIFECYCLE.settlement[step].from];
}

/** Financiers may offer on a request in these states. */
export function requestTakesOffers(state: FinancingRequestState): boolean {
  return state === requestTarget('open');
}

/** 404 unless the request takes offers (a closed request is, to a financier, no request at all). */
export function assertRequestTakesOffers(request: { id: string; state: FinancingRequestState } | null, requestId: string): void {
  if (!request || !requestTakesOffers(request.state)) throw new BillException(BillErrorCode.FINANCING_REQUEST_NOT_FOUND, `No open financing request ${requestId}`);
}

/** The refusal of an offer step by its state and expiry (409), or null. */
export function offerRefusal(step: Exclude<OfferStep, 'make'>, offer: { state: OfferState; expiresAt: Date }, now = new Date()): BillException | null {
  const t = FINANCING_LIFECYCLE.offer[step];
  if (!(t.from as readonly OfferState[]).includes(offer.state)) return new BillException(t.refused, `The offer is ${offer.state}`);
  if (step === 'accept' && offer.expiresAt.getTime() <= now.getTime()) return new BillException(BillErrorCode.OFFER_EXPIRED, 'The offer has expired');
  return null;
}

export function assertOfferStep(step: Exclude<OfferStep, 'make'>, offer: { state: OfferState; expiresAt: Date }, now = new Date()): OfferState {
  const refusal = offerRefusal(step, offer, now);
  if (refusal) throw refusal;
  return offerTarget(step);
}

/** The actions on an offer (`allowedActions` of an offer read). */
export const OFFER_ACTIONS = ['accept'] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];
