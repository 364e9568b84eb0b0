/** Platform-wide roles (held by platform staff). */
export enum PlatformRole {
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
  KYC_OFFICER = 'KYC_OFFICER',
  AUDITOR = 'AUDITOR',
}

/** Roles inside the user's own organization. */
export enum OrgRole {
  ORG_ADMIN = 'ORG_ADMIN',
  ORG_MEMBER = 'ORG_MEMBER',
}

export type Role = PlatformRole | OrgRole;
export const ALL_ROLES: readonly Role[] = [...Object.values(PlatformRole), ...Object.values(OrgRole)];

/** Who is calling: set by the authentication guard from a verified access token. */
export interface Principal {
  userId: string;
  email: string;
  organizationId: string;
  roles: Role[];
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.some((r) => principal.roles.includes(r));
}

/** Platform roles see every organization's data; everyone else only their own. */
export function seesAllOrganizations(principal: Principal): boolean {
  return hasRole(principal, PlatformRole.PLATFORM_ADMIN, PlatformRole.KYC_OFFICER, PlatformRole.AUDITOR);
}

/**
 * The one organization-scoping rule: the organization ids a query may touch for this caller
 * (`null` = all). Repositories take this instead of building their own `WHERE`.
 */
export function organizationScope(principal: Principal): string[] | null {
  return seesAllOrganizations(principal) ? null : [principal.organizationId];
}

/** True when the caller may read data owned by `organizationId`. */
export function mayReadOrganization(principal: Principal, organizationId: string): boolean {
  return seesAllOrganizations(principal) || principal.organizationId === organizationId;
}
