import { describe, expect, it } from '@jest/globals';
import { BillErrorCode } from '../bills.errors.js';
import {
  assertOfferStep,
  assertRequestTakesOffers,
  FINANCING_LIFECYCLE,
  FinancingRequestState,
  FinancingState,
  offerRefusal,
  offerSources,
  offerTarget,
  OfferState,
  requestTarget,
  settlementTarget,
} from './financing-lifecycle.js';

const now = new Date('2026-03-01T12:00:00Z');
const open = { state: OfferState.OPEN, expiresAt: new Date('2026-03-02T00:00:00Z') };

describe('the financing lifecycle table', () => {
  it('moves a request from OPEN to CLOSED, an offer OPEN → ACCEPTED (→ OPEN again if its DvP fails), rivals OPEN → LAPSED', () => {
    expect(requestTarget('open')).toBe(FinancingRequestState.OPEN);
    expect(requestTarget('close')).toBe(FinancingRequestState.CLOSED);
    expect(offerTarget('make')).toBe(OfferState.OPEN);
    expect(assertOfferStep('accept', open, now)).toBe(OfferState.ACCEPTED);
    expect(assertOfferStep('reopen', { ...open, state: OfferState.ACCEPTED }, now)).toBe(OfferState.OPEN);
    expect(offerSources('lapse')).toEqual([OfferState.OPEN]);
    expect(offerTarget('lapse')).toBe(OfferState.LAPSED);
    expect(settlementTarget('start')).toBe(FinancingState.SETTLING);
    expect(settlementTarget('settle')).toBe(FinancingState.SETTLED);
    expect(settlementTarget('fail')).toBe(FinancingState.FAILED);
  });

  it('refuses to accept an offer that is not open (409 OFFER_NOT_OPEN) or has expired (409 OFFER_EXPIRED)', () => {
    for (const state of [OfferState.ACCEPTED, OfferState.LAPSED, OfferState.WITHDRAWN]) {
      expect(offerRefusal('accept', { ...open, state }, now)?.code).toBe(BillErrorCode.OFFER_NOT_OPEN);
    }
    expect(offerRefusal('accept', { ...open, expiresAt: new Date('2026-03-01T11:00:00Z') }, now)?.code).toBe(BillErrorCode.OFFER_EXPIRED);
    expect(offerRefusal('accept', open, now)).toBeNull();
  });

  it('takes offers only on open requests (404 otherwise)', () => {
    expect(() => assertRequestTakesOffers({ id: 'r', state: FinancingRequestState.CLOSED }, 'r')).toThrow(expect.objectContaining({ code: BillErrorCode.FINANCING_REQUEST_NOT_FOUND }));
    expect(() => assertRequestTakesOffers(null, 'r')).toThrow(expect.objectContaining({ code: BillErrorCode.FINANCING_REQUEST_NOT_FOUND }));
    expect(() => assertRequestTakesOffers({ id: 'r', state: FinancingRequestState.OPEN }, 'r')).not.toThrow();
  });

  it('leads every transition from a state of its own kind to one of its own kind', () => {
    const kinds = [
      [FINANCING_LIFECYCLE.request, Object.values(FinancingRequestState)],
      [FINANCING_LIFECYCLE.offer, Object.values(OfferState)],
      [FINANCING_LIFECYCLE.settlement, Object.values(FinancingState)],
    ] as const;
    for (const [table, states] of kinds) {
      for (const t of Object.values(table) as { from: readonly string[] | null; to: string }[]) {
        expect(states).toContain(t.to);
        for (const from of t.from ?? []) expect(states).toContain(from);
      }
    }
  });
});
