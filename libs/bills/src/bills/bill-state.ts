import { BillErrorCode, BillException } from '../bills.errors.js';

export enum BillState {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  ACCEPTED = 'ACCEPTED',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  DEFAULTED = 'DEFAULTED',
  CANCELLED = 'CANCELLED',
}

/** Financed, pledged or pooled: separate from the state (ARCHITECTURE.md). */
export enum Encumbrance {
  NONE = 'NONE',
  FINANCED = 'FINANCED',
  PLEDGED = 'PLEDGED',
  POOLED = 'POOLED',
}

export type BillAction = 'issue' | 'accept' | 'reject' | 'cancel' | 'pay' | 'overdue' | 'default';

/** Every allowed bill transition, in one place. A buyer's rejection cancels the bill. */
export const BILL_TRANSITIONS: Readonly<Record<BillAction, { from: readonly BillState[]; to: BillState }>> = {
  issue: { from: [BillState.DRAFT], to: BillState.ISSUED },
  accept: { from: [BillState.ISSUED], to: BillState.ACCEPTED },
  reject: { from: [BillState.ISSUED], to: BillState.CANCELLED },
  cancel: { from: [BillState.DRAFT, BillState.ISSUED], to: BillState.CANCELLED },
  pay: { from: [BillState.ACCEPTED, BillState.OVERDUE], to: BillState.PAID },
  overdue: { from: [BillState.ACCEPTED], to: BillState.OVERDUE },
  default: { from: [BillState.OVERDUE], to: BillState.DEFAULTED },
};

export function nextBillState(current: BillState, action: BillAction): BillState {
  const t = BILL_TRANSITIONS[action];
  if (!t.from.includes(current)) {
    throw new BillException(
      BillErrorCode.BILL_TRANSITION_NOT_ALLOWED,
      `Cannot ${action} a bill in state ${current} (allowed from ${t.from.join(', ')})`,
      {
        action,
        from: current,
      },
    );
  }
  return t.to;
}
