import { describe, expect, it } from '@jest/globals';
import { BillErrorCode } from '../bills.errors.js';
import {
  allowedActions,
  applyConfirmed,
  assertAllowed,
  BILL_ACTIONS,
  BILL_LIFECYCLE,
  BillChainStatus,
  BillState,
  ChainBillStatus,
  Encumbrance,
  expectedChainStatus,
  nextBillState,
  refusalOf,
  repairTargetOf,
  SYSTEM_ACTOR,
  type BillActor,
  type BillFacts,
} from './bill-lifecycle.js';

const SUPPLIER = 'a0000000-0000-4000-8000-000000000001';
const BUYER = 'b0000000-0000-4000-8000-000000000002';
const BANK = 'c0000000-0000-4000-8000-000000000003';
const TODAY = '2026-03-01';
const clock = { today: TODAY, defaultGraceDays: 30 };

const bill = (overrides: Partial<BillFacts> = {}): BillFacts => ({
  state: BillState.ISSUED,
  encumbrance: Encumbrance.NONE,
  chainStatus: BillChainStatus.ON_CHAIN,
  supplierOrgId: SUPPLIER,
  buyerOrgId: BUYER,
  holderOrgId: SUPPLIER,
  dueDate: '2026-05-01',
  pendingAction: null,
  supersededAt: null,
  ...overrides,
});
type OrganizationActor = Extract<BillActor, { kind: 'organization' }>;
const admin = (organizationId: string): OrganizationActor => ({ kind: 'organization', organizationId, orgAdmin: true });
const member = (organizationId: string): BillActor => ({ kind: 'organization', organizationId, orgAdmin: false });
const codeOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describe('the bill lifecycle table', () => {
  it('has a rule for every action, each with its from-states, encumbrances and effect', () => {
    expect(Object.keys(BILL_LIFECYCLE).sort()).toEqual([...BILL_ACTIONS].sort());
    for (const action of BILL_ACTIONS) {
      const rule = BILL_LIFECYCLE[action];
      expect(rule.from.length).toBeGreaterThan(0);
      expect(rule.encumbrances.length).toBeGreaterThan(0);
      // a user action names its parties; a system-only one none
      expect(rule.by.length > 0 || rule.system).toBe(true);
    }
  });

  // moved from the portal's former copy of the rules (bill-actions.util.spec.ts), now asked of the table
  it('lets the buyer accept or reject an issued bill, and the supplier cancel, transfer or split it', () => {
    expect(allowedActions(bill(), admin(BUYER), clock)).toEqual(['accept', 'reject']);
    expect(allowedActions(bill(), admin(SUPPLIER), clock)).toEqual(['cancel', 'transfer', 'split']);
    expect(allowedActions(bill(), admin(BANK), clock)).toEqual([]);
  });

  it('lets the holder of an accepted bill request financing and accept an offer, and the obligor pay', () => {
    const accepted = bill({ state: BillState.ACCEPTED });
    expect(allowedActions(accepted, admin(SUPPLIER), clock)).toEqual(['transfer', 'split', 'request-financing', 'finance']);
    expect(allowedActions(accepted, admin(BUYER), clock)).toEqual(['pay']);
  });

  it('offers nothing while the chain settles, and nothing but payment on a financed bill', () => {
    expect(allowedActions(bill({ pendingAction: 'accept' }), admin(BUYER), clock)).toEqual([]);
    expect(allowedActions(bill({ chainStatus: BillChainStatus.PENDING }), admin(SUPPLIER), clock)).toEqual([]);
    const financed = bill({ state: BillState.ACCEPTED, encumbrance: Encumbrance.FINANCED, holderOrgId: BANK });
    expect(allowedActions(financed, admin(BANK), clock)).toEqual([]);
    expect(allowedActions(financed, admin(SUPPLIER), clock)).toEqual([]);
    expect(allowedActions(financed, admin(BUYER), clock)).toEqual(['pay']);
  });

  it('does not finance, transfer or split a bill that is due', () => {
    expect(allowedActions(bill({ state: BillState.ACCEPTED, dueDate: TODAY }), admin(SUPPLIER), clock)).toEqual(['transfer', 'split']);
    expect(allowedActions(bill({ state: BillState.ACCEPTED, dueDate: '2026-02-28' }), admin(SUPPLIER), clock)).toEqual([]);
  });

  it('offers members, platform staff and the system no action', () => {
    expect(allowedActions(bill(), member(BUYER), clock)).toEqual([]);
    expect(allowedActions(bill({ state: BillState.ACCEPTED }), member(SUPPLIER), clock)).toEqual([]);
    expect(allowedActions(bill(), SYSTEM_ACTOR, clock)).toEqual([]);
  });

  it('treats pledged and pooled bills as encumbered: only payment', () => {
    for (const encumbrance of [Encumbrance.PLEDGED, Encumbrance.POOLED]) {
      const b = bill({ state: BillState.ACCEPTED, encumbrance });
      expect(allowedActions(b, admin(SUPPLIER), clock)).toEqual([]);
      expect(allowedActions(b, admin(BUYER), clock)).toEqual(['pay']);
      expect(codeOf(() => assertAllowed('transfer', b, admin(SUPPLIER), clock))).toBe(BillErrorCode.BILL_ENCUMBERED);
      expect(codeOf(() => assertAllowed('request-financing', b, admin(SUPPLIER), clock))).toBe(BillErrorCode.BILL_ALREADY_FINANCED);
    }
  });

  it('answers 403 codes for the wrong party, 409 codes for the wrong state, in the order the API checks', () => {
    expect(codeOf(() => assertAllowed('accept', bill(), admin(SUPPLIER), clock))).toBe(BillErrorCode.BILL_WRONG_PARTY);
    expect(codeOf(() => assertAllowed('accept', bill(), member(BUYER), clock))).toBe(BillErrorCode.BILL_WRONG_PARTY);
    expect(codeOf(() => assertAllowed('transfer', bill(), admin(BUYER), clock))).toBe(BillErrorCode.BILL_NOT_HOLDER);
    // the supplier that endorsed its bill may not cancel it any more
    expect(codeOf(() => assertAllowed('cancel', bill({ holderOrgId: BANK }), admin(SUPPLIER), clock))).toBe(BillErrorCode.BILL_NOT_HOLDER);
    expect(codeOf(() => assertAllowed('cancel', bill({ holderOrgId: BANK }), admin(BANK), clock))).toBe(BillErrorCode.BILL_WRONG_PARTY);
    expect(codeOf(() => assertAllowed('request-financing', bill(), admin(SUPPLIER), clock))).toBe(BillErrorCode.BILL_NOT_ACCEPTED);
    expect(codeOf(() => assertAllowed('accept', bill({ state: BillState.ACCEPTED }), admin(BUYER), clock))).toBe(BillErrorCode.BILL_TRANSITION_NOT_ALLOWED);
    expect(codeOf(() => assertAllowed('pay', bill({ state: BillState.PAID, chainStatus: BillChainStatus.BURNED }), admin(BUYER), clock))).toBe(BillErrorCode.PAYMENT_ALREADY_MADE);
    expect(codeOf(() => assertAllowed('pay', bill(), admin(BUYER), clock))).toBe(BillErrorCode.BILL_NOT_ACCEPTED);
    expect(codeOf(() => assertAllowed('split', bill({ supersededAt: new Date() }), admin(SUPPLIER), clock))).toBe(BillErrorCode.BILL_TRANSITION_NOT_ALLOWED);
    expect(codeOf(() => assertAllowed('split', bill({ pendingAction: 'transfer' }), admin(SUPPLIER), clock))).toBe(BillErrorCode.BILL_CHAIN_PENDING);
    expect(codeOf(() => assertAllowed('transfer', bill({ dueDate: '2026-02-01' }), admin(SUPPLIER), clock))).toBe(BillErrorCode.BILL_OVERDUE);
    expect(codeOf(() => assertAllowed('overdue', bill({ state: BillState.ACCEPTED }), admin(SUPPLIER), clock))).toBe(BillErrorCode.BILL_WRONG_PARTY);
    expect(codeOf(() => assertAllowed('transfer', bill(), SYSTEM_ACTOR, clock))).toBe(BillErrorCode.BILL_WRONG_PARTY);
    expect(codeOf(() => assertAllowed('issue', bill({ state: BillState.DRAFT, chainStatus: BillChainStatus.NOT_ON_CHAIN }), { ...admin(SUPPLIER), businessRoles: ['BUYER'] }, clock))).toBe(
      BillErrorCode.BILL_WRONG_PARTY,
    );
    expect(codeOf(() => assertAllowed('issue', bill({ state: BillState.DRAFT, chainStatus: BillChainStatus.NOT_ON_CHAIN }), { ...admin(SUPPLIER), businessRoles: ['SUPPLIER'] }, clock))).toBeUndefined();
  });

  it('ages by the clock: overdue the day after the due date, default after the grace days', () => {
    const accepted = bill({ state: BillState.ACCEPTED, dueDate: '2026-02-28' });
    expect(refusalOf('overdue', accepted, SYSTEM_ACTOR, clock)).toBeNull();
    expect(refusalOf('overdue', { ...accepted, dueDate: TODAY }, SYSTEM_ACTOR, clock)?.code).toBe(BillErrorCode.BILL_TRANSITION_NOT_ALLOWED);
    const overdue = { ...accepted, state: BillState.OVERDUE, dueDate: '2026-01-29' }; // 31 days before today
    expect(refusalOf('default', overdue, SYSTEM_ACTOR, clock)).toBeNull();
    expect(refusalOf('default', { ...overdue, dueDate: '2026-01-30' }, SYSTEM_ACTOR, clock)?.code).toBe(BillErrorCode.BILL_TRANSITION_NOT_ALLOWED);
    expect(refusalOf('pay', accepted, SYSTEM_ACTOR, clock)).toBeNull();
  });

  it('says what each confirmation writes, so no handler names a state', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(applyConfirmed('accept', { now })).toEqual({ state: BillState.ACCEPTED, acceptedAt: now });
    expect(applyConfirmed('reject', { now, reason: 'wrong goods' })).toEqual({ state: BillState.CANCELLED, chainStatus: BillChainStatus.BURNED, cancelReason: 'wrong goods' });
    expect(applyConfirmed('transfer', { recipient: BANK })).toEqual({ holderOrgId: BANK });
    expect(applyConfirmed('finance', { recipient: BANK })).toEqual({ holderOrgId: BANK, encumbrance: Encumbrance.FINANCED });
    expect(applyConfirmed('pay', { now })).toEqual({ state: BillState.PAID, chainStatus: BillChainStatus.BURNED, paidAt: now });
    expect(applyConfirmed('split', { now })).toEqual({ supersededAt: now, chainStatus: BillChainStatus.BURNED });
    expect(applyConfirmed('overdue')).toEqual({ state: BillState.OVERDUE });
    expect(applyConfirmed('default')).toEqual({ state: BillState.DEFAULTED });
    expect(() => applyConfirmed('transfer')).toThrow(/recipient/);
    expect(nextBillState(BillState.DRAFT, 'issue')).toBe(BillState.ISSUED);
  });

  it('maps states to the token status and the token status back to the same effects', () => {
    const row = { chainStatus: BillChainStatus.ON_CHAIN, supersededAt: null };
    expect(expectedChainStatus({ ...row, state: BillState.DEFAULTED })).toBe(ChainBillStatus.ACCEPTED);
    expect(expectedChainStatus({ ...row, state: BillState.ISSUED, supersededAt: new Date() })).toBe(ChainBillStatus.SPLIT);
    expect(expectedChainStatus({ ...row, state: BillState.ISSUED, chainStatus: BillChainStatus.PENDING })).toBe(ChainBillStatus.NONE);
    const now = new Date('2026-03-01T10:00:00Z');
    const base = { state: BillState.ISSUED, chainStatus: BillChainStatus.ON_CHAIN, supersededAt: null, parentBillId: null, acceptedAt: null, paidAt: null, cancelReason: null };
    expect(repairTargetOf(base, ChainBillStatus.PAID, now)).toEqual(applyConfirmed('pay', { now }));
    expect(repairTargetOf({ ...base, state: BillState.OVERDUE }, ChainBillStatus.ACCEPTED, now)).toEqual({ chainStatus: BillChainStatus.ON_CHAIN, supersededAt: null, paidAt: null, cancelReason: null });
    expect(repairTargetOf({ ...base, parentBillId: 'p' }, ChainBillStatus.NONE, now)).toEqual({ chainStatus: BillChainStatus.NOT_ON_CHAIN, state: BillState.CANCELLED, cancelReason: 'not on chain' });
  });
});
