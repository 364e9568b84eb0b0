import { usePermissions } from 'react-admin';
import type { UserRole } from '../api/identity-types';

/**
 * What the portal offers to whom, from the roles `getPermissions` returns (`GET /auth/me`).
 * The API decides (policy layer, organization scoping); these only keep the portal from
 * offering what the API would refuse.
 */
export function hasRole(permissions: unknown, ...roles: UserRole[]): boolean {
  return Array.isArray(permissions) && roles.some((role) => permissions.includes(role));
}

export const access = {
  kycQueue: (p: unknown) => hasRole(p, 'KYC_OFFICER', 'PLATFORM_ADMIN', 'AUDITOR'),
  decideKyc: (p: unknown) => hasRole(p, 'KYC_OFFICER'),
  submitKyc: (p: unknown) => hasRole(p, 'ORG_ADMIN', 'PLATFORM_ADMIN'),
  createOrganization: (p: unknown) => hasRole(p, 'PLATFORM_ADMIN'),
  /** Platform roles see every organization; everyone else only their own. */
  allOrganizations: (p: unknown) => hasRole(p, 'PLATFORM_ADMIN', 'KYC_OFFICER', 'AUDITOR'),
  listUsers: (p: unknown) => hasRole(p, 'PLATFORM_ADMIN', 'ORG_ADMIN', 'AUDITOR'),
  manageUsers: (p: unknown) => hasRole(p, 'PLATFORM_ADMIN', 'ORG_ADMIN'),
  grantPlatformRoles: (p: unknown) => hasRole(p, 'PLATFORM_ADMIN'),
  verifyAuditChain: (p: unknown) => hasRole(p, 'AUDITOR', 'PLATFORM_ADMIN'),
};

/** The signed-in user's permissions (roles); `undefined` while they load. */
export function useRoles(): unknown {
  return usePermissions().permissions;
}
