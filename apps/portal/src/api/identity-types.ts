/**
 * Shapes of the identity and audit endpoints of the Tally API, as the portal uses them: aliases of
 * the types generated from the API's OpenAPI document (`schema.d.ts`). The value lists below are
 * for the forms' choices; `satisfies` keeps them equal to the document's enums.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

/** `GET /api/v1/organizations/:id` */
export type Organization = Schemas['OrganizationDto'];
export type KycState = Organization['kycState'];
/** Business roles of an organization (PLATFORM is the operator's own and cannot be given). */
export type OrganizationRole = Organization['roles'][number];
/** Roles of a user (not to be confused with the business roles of an organization). */
export type UserRole = Schemas['UserDto']['roles'][number];

export const KYC_STATES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'SUSPENDED', 'EXPIRED'] as const satisfies readonly KycState[];
export const ORGANIZATION_ROLES = ['SUPPLIER', 'BUYER', 'FINANCIER', 'ORIGINATOR', 'INVESTOR', 'AUDITOR', 'SERVICER', 'TRUSTEE'] as const satisfies readonly OrganizationRole[];
export const PLATFORM_ROLES = ['PLATFORM_ADMIN', 'KYC_OFFICER', 'AUDITOR'] as const satisfies readonly UserRole[];
export const ORG_ROLES = ['ORG_ADMIN', 'ORG_MEMBER'] as const satisfies readonly UserRole[];

/** `POST /api/v1/organizations` */
export type CreateOrganizationRequest = Schemas['CreateOrganizationDto'];
/** `POST /api/v1/organizations/:id/kyc/approve` */
export type ApproveKycRequest = Schemas['ApproveKycDto'];
/** `POST /api/v1/organizations/:id/kyc/reject` (and suspend) */
export type ReasonRequest = Schemas['ReasonDto'];
/** `POST /api/v1/organizations/:id/kyc/screening/false-positives` */
export type FalsePositiveRequest = Schemas['FalsePositiveDto'];

export type ScreeningHit = Schemas['ScreeningHitDto'];
/** `GET /api/v1/organizations/:id/kyc/screening` */
export type Screening = Schemas['ScreeningDto'];
export type ScreeningStatus = Screening['status'];
/** One element of `GET /api/v1/kyc/queue` (an array, not a page). */
export type KycQueueItem = Schemas['KycQueueItemDto'];

/** One element of `GET /api/v1/organizations/:id/wallets` (an array). */
export type Wallet = Schemas['WalletDto'];
export type WalletKind = Wallet['kind'];
export type WalletChainStatus = Wallet['chainStatus'];

/** `GET /api/v1/users/:id` */
export type User = Schemas['UserDto'];

/** `GET /api/v1/audit` items; `seq` is the record's key (the portal maps it to `id`). */
export type AuditEntry = Schemas['AuditEntryDto'];
/** `GET /api/v1/audit/verify` */
export type AuditVerification = Schemas['AuditVerificationDto'];

/** One entry of `details` in a 400 VALIDATION_FAILED answer (inside `ErrorBody.details`, which the document leaves open). */
export interface FieldError {
  field: string;
  errors: string[];
}
