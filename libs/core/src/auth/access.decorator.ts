import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body.js';
import type { Role } from './principal.js';

export const ACCESS_POLICY = 'tally:access-policy';

/**
 * Who may call an endpoint. Every controller method declares one (the global guard refuses a
 * route without a policy): `@Access.public()`, `@Access.authenticated()` or `@Access.roles(...)`.
 * AUDITOR is read-only everywhere: a mutating method is refused to an auditor unless its policy
 * names AUDITOR explicitly.
 */
export interface AccessPolicy {
  kind: 'public' | 'authenticated' | 'roles';
  roles?: Role[];
}

const authDocs = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorBody, description: 'No or invalid access token' }),
    ApiForbiddenResponse({ type: ErrorBody, description: 'The caller lacks the role' }),
  );

export const Access = {
  public: () => SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy),
  authenticated: () => applyDecorators(SetMetadata(ACCESS_POLICY, { kind: 'authenticated' } satisfies AccessPolicy), authDocs()),
  roles: (...roles: Role[]) => applyDecorators(SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy), authDocs()),
};
