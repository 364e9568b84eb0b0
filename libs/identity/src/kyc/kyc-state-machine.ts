import { KycState } from '../organizations/organization.entity.js';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';

export type KycAction = 'submit' | 'resubmit' | 'approve' | 'reject' | 'suspend' | 'expire';

/** Every allowed KYC transition, in one place (ARCHITECTURE.md). Anything else is refused. */
export const KYC_TRANSITIONS: Readonly<Record<KycAction, { from: readonly KycState[]; to: KycState }>> = {
  submit: { from: [KycState.DRAFT], to: KycState.SUBMITTED },
  /** After a rejection the organization corrects its file (details, documents) and submits it again. */
  resubmit: { from: [KycState.REJECTED], to: KycState.SUBMITTED },
  approve: { from: [KycState.SUBMITTED], to: KycState.APPROVED },
  reject: { from: [KycState.SUBMITTED], to: KycState.REJECTED },
  suspend: { from: [KycState.APPROVED], to: KycState.SUSPENDED },
  expire: { from: [KycState.APPROVED], to: KycState.EXPIRED },
};

/** The state after `action`, or a 409 `KYC_TRANSITION_NOT_ALLOWED` naming both states. */
export function nextKycState(current: KycState, action: KycAction): KycState {
  const t = KYC_TRANSITIONS[action];
  if (!t.from.includes(current)) {
    throw new IdentityException(
      IdentityErrorCode.KYC_TRANSITION_NOT_ALLOWED,
      `Cannot ${action} an organization whose KYC state is ${current} (allowed from ${t.from.join(', ')})`,
      { action, from: current },
    );
  }
  return t.to;
}
