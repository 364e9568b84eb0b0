import { describe, expect, it } from '@jest/globals';
import { billActionsFor, canAcceptOffer } from './bill-actions.util';
import type { Bill, Offer } from './bill-types';

const SUPPLIER = 'a0000000-0000-4000-8000-000000000001';
const BUYER = 'b0000000-0000-4000-8000-000000000002';
const BANK = 'c0000000-0000-4000-8000-000000000003';
const TODAY = '2026-03-01';

const bill = (overrides: Partial<Bill> = {}): Bill => ({
  id: 'd0000000-0000-4000-8000-000000000004',
  supplierOrganizationId: SUPPLIER,
  buyerOrganizationId: BUYER,
  holderOrganizationId: SUPPLIER,
  invoiceNumber: 'INV-1',
  faceAmountMinor: '165625',
  currency: 'EUR',
  issueDate: '2026-02-01',
  dueDate: '2026-05-01',
  state: 'ISSUED',
  encumbrance: 'NONE',
  fingerprint: '0x00',
  parentBillId: null,
  documentId: null,
  documentSha256: null,
  chainStatus: 'ON_CHAIN',
  tokenId: '1',
  pendingAction: null,
  supersededAt: null,
  autoDebit: false,
  version: 1,
  ...overrides,
});

describe('bill actions by role and position', () => {
  it('lets the buyer accept or reject an issued bill, and the supplier cancel, transfer or split it', () => {
    expect(billActionsFor(bill(), BUYER, TODAY)).toEqual(['accept', 'reject']);
    expect(billActionsFor(bill(), SUPPLIER, TODAY)).toEqual(['cancel', 'transfer', 'split']);
    expect(billActionsFor(bill(), BANK, TODAY)).toEqual([]);
  });

  it('lets the holder of an accepted bill request financing and the obligor pay', () => {
    const accepted = bill({ state: 'ACCEPTED' });
    expect(billActionsFor(accepted, SUPPLIER, TODAY)).toEqual(['transfer', 'split', 'request-financing']);
    expect(billActionsFor(accepted, BUYER, TODAY)).toEqual(['pay']);
  });

  it('offers nothing while the chain settles, and nothing but payment on a financed bill', () => {
    expect(billActionsFor(bill({ pendingAction: 'accept' }), BUYER, TODAY)).toEqual([]);
    expect(billActionsFor(bill({ chainStatus: 'PENDING' }), SUPPLIER, TODAY)).toEqual([]);
    const financed = bill({ state: 'ACCEPTED', encumbrance: 'FINANCED', holderOrganizationId: BANK });
    expect(billActionsFor(financed, BANK, TODAY)).toEqual([]);
    expect(billActionsFor(financed, SUPPLIER, TODAY)).toEqual([]);
    expect(billActionsFor(financed, BUYER, TODAY)).toEqual(['pay']);
  });

  it('does not finance, transfer or split a bill that is due', () => {
    expect(billActionsFor(bill({ state: 'ACCEPTED', dueDate: TODAY }), SUPPLIER, TODAY)).toEqual(['transfer', 'split']);
    expect(billActionsFor(bill({ state: 'ACCEPTED', dueDate: '2026-02-28' }), SUPPLIER, TODAY)).toEqual([]);
  });

  it('lets only the holder accept an open, unexpired offer', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const offer = { state: 'OPEN', expiresAt: '2026-03-02T00:00:00Z' } as Offer;
    const accepted = bill({ state: 'ACCEPTED' });
    expect(canAcceptOffer(accepted, offer, SUPPLIER, now)).toBe(true);
    expect(canAcceptOffer(accepted, offer, BANK, now)).toBe(false);
    expect(canAcceptOffer(accepted, { ...offer, expiresAt: '2026-03-01T11:00:00Z' }, SUPPLIER, now)).toBe(false);
    expect(canAcceptOffer(accepted, { ...offer, state: 'ACCEPTED' }, SUPPLIER, now)).toBe(false);
    expect(canAcceptOffer(bill(), offer, SUPPLIER, now)).toBe(false);
  });
});
