import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#core';
import type { AccessTokenClaims } from './token.service.js';

/** How long one process trusts a session check; revocations in this process clear it at once. */
export const SESSION_CHECK_TTL_MS = 1_000;

interface Checked {
  until: number;
  principal: Principal | null;
}

/**
 * Revocation on the next request: an access token is honoured only while its user is active,
 * the user's token version is the one in the token (raised on deactivation, role or password
 * change) and its session (the refresh-token family it was issued with) is not ended (logout,
 * replayed refresh token). Roles come from the user row, not from the token. One query per
 * session per second at most.
 */
@Injectable()
export class SessionCheckService {
  private readonly cache = new Map<string, Checked>();

  constructor(private readonly dataSource: DataSource) {}

  async principalOf(claims: AccessTokenClaims): Promise<Principal | null> {
    const key = `${claims.sub}:${claims.sid ?? ''}:${claims.tv ?? ''}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.principal;
    const [row] = (await this.dataSource.query(
      `SELECT u.active, u.token_version, u.roles, u.organization_id, u.email,
              ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2::uuid AND r.revoked_at IS NULL)) AS live
       FROM users u WHERE u.id = $1`,
      [claims.sub, claims.sid ?? null],
    )) as { active: boolean; token_version: number; roles: Principal['roles']; organization_id: string; email: string; live: boolean }[];
    const ok = !!row && row.active && row.live && row.token_version === (claims.tv ?? 0);
    const principal = ok ? { userId: claims.sub, email: row.email, organizationId: row.organization_id, roles: row.roles } : null;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, { until: now + SESSION_CHECK_TTL_MS, principal });
    return principal;
  }

  /** Forgets what this process knows about a user's sessions (after a revocation it made). */
  forgetUser(userId: string): void {
    for (const k of this.cache.keys()) if (k.startsWith(`${userId}:`)) this.cache.delete(k);
  }
}
