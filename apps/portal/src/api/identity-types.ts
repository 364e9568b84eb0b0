/**
 * Shapes of the identity and audit endpoints of the Tally API, as the portal uses them
 * (`libs/identity/src/dto/*.ts`, `apps/api/src/audit/audit.dto.ts`).
 *
 * Hand-written like `types.ts`, and meant to be replaced by the same generated client
 * (convention 16): plain data types only.
 */

export const KYC_STATES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'SUSPENDED', 'EXPIRED'] as const;
export type KycState = (typeof KYC_STATES)[number];

/** Business roles of an organization (PLATFORM is the operator's own and cannot be given). */
export const ORGANIZATION_ROLES = ['SUPPLIER', 'BUYER', 'FINANCIER', 'ORIGINATOR', 'INVESTOR', 'AUDITOR', 'SERVICER', 'TRUSTEE'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number] | 'PLATFORM';

export const PLATFORM_ROLES = ['PLATFORM_ADMIN', 'KYC_OFFICER', 'AUDITOR'] as const;
export const ORG_ROLES = ['ORG_ADMIN', 'ORG_MEMBER'] as const;
/** Roles of a user (not to be confused with the business roles of an organization). */
export type UserRole = (typeof PLATFORM_ROLES)[number] | (typeof ORG_ROLES)[number];

/** `GET /api/v1/organizations/:id` */
export interface Organization {
  id: string;
  legalName: string;
  lei: string;
  country: string;
  roles: OrganizationRole[];
  peppolIds: string[];
  vatId: string | null;
  kycState: KycState;
  kycNote: string | null;
  kycSubmittedAt: string | null;
  kycDecidedAt: string | null;
  kycExpiresAt: string | null;
  createdAt: string;
  version: number;
}

/** `POST /api/v1/organizations` */
export interface CreateOrganizationRequest {
  legalName: string;
  lei: string;
  country: string;
  roles: OrganizationRole[];
  peppolIds?: string[];
  vatId?: string;
}

/** `POST /api/v1/organizations/:id/kyc/approve` */
export interface ApproveKycRequest {
  note: string;
  /** ISO 8601; the organization becomes EXPIRED then. */
  expiresAt: string;
}

/** `POST /api/v1/organizations/:id/kyc/reject` (and suspend) */
export interface ReasonRequest {
  reason: string;
}

/** `POST /api/v1/organizations/:id/kyc/screening/false-positives` */
export interface FalsePositiveRequest {
  hitId: string;
  reason: string;
}

export interface ScreeningHit {
  hitId: string;
  queryName: string;
  matchedName: string;
  listName: string;
  country: string | null;
  /** Similarity, 0..1. */
  score: number;
  /** True once an officer recorded the hit as a false positive. */
  cleared: boolean;
  clearedReason: string | null;
}

export type ScreeningStatus = 'NOT_RUN' | 'CLEAR' | 'HIT' | 'CLEARED';

/** `GET /api/v1/organizations/:id/kyc/screening` */
export interface Screening {
  runId: string | null;
  runAt: string | null;
  listSha256: string | null;
  threshold: number | null;
  status: ScreeningStatus;
  hits: ScreeningHit[];
}

/** One element of `GET /api/v1/kyc/queue` (an array, not a page). */
export interface KycQueueItem {
  organization: Organization;
  screening: Screening;
}

export type WalletKind = 'CUSTODIAL' | 'EXTERNAL';
export type WalletChainStatus = 'NOT_REGISTERED' | 'REGISTERING' | 'REGISTERED' | 'REMOVING';

/** One element of `GET /api/v1/organizations/:id/wallets` (an array). */
export interface Wallet {
  id: string;
  organizationId: string;
  address: string;
  kind: WalletKind;
  /** What the outbox has done in the IdentityRegistry. */
  chainStatus: WalletChainStatus;
  /** `IdentityRegistry.isVerified` right now; null when the chain is unreachable. */
  verifiedOnChain: boolean | null;
  createdAt: string;
}

/** `GET /api/v1/users/:id` */
export interface User {
  id: string;
  email: string;
  name: string;
  organizationId: string;
  roles: UserRole[];
  active: boolean;
  createdAt: string;
  version: number;
}

/** `GET /api/v1/audit` items; `seq` is the record's key (the portal maps it to `id`). */
export interface AuditEntry {
  seq: string;
  at: string;
  actorUserId: string | null;
  actor: string;
  organizationId: string | null;
  action: string;
  entity: string;
  entityId: string;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** `GET /api/v1/audit/verify` */
export interface AuditVerification {
  ok: boolean;
  rows: number;
  /** Hash of the last row checked. */
  headHash: string;
  firstBroken?: { seq: string; reason: string };
}

/** One entry of `details` in a 400 VALIDATION_FAILED answer. */
export interface FieldError {
  field: string;
  errors: string[];
}
