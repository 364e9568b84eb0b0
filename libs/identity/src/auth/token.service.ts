import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#core';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';
import type { UserEntity } from '../users/user.entity.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { SessionCheckService } from './session-check.service.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access token lifetime in seconds. */
  expiresIn: number;
}

export interface AccessTokenClaims {
  sub: string;
  email: string;
  org: string;
  roles: Principal['roles'];
  /** The session: the refresh-token family this token was issued with (logout ends it). */
  sid?: string;
  /** The user's token version when issued (see SessionCheckService). */
  tv?: number;
}

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly sessions: SessionCheckService,
  ) {}

  /** A new pair; `familyId` continues a rotation family (refresh) or starts one (login). */
  async issue(manager: EntityManager, user: UserEntity, familyId: string = randomUUID()): Promise<TokenPair> {
    const claims: AccessTokenClaims = { sub: user.id, email: user.email, org: user.organizationId, roles: user.roles, sid: familyId, tv: user.tokenVersion ?? 0 };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.options.accessTokenTtlSec, algorithm: 'HS256' });
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.insert(RefreshTokenEntity, {
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.options.refreshTokenTtlSec * 1000),
    });
    return { accessToken, refreshToken, expiresIn: this.options.accessTokenTtlSec };
  }

  /** The principal of a valid access token whose session still holds, else null. */
  async verifyAccess(token: string): Promise<Principal | null> {
    const c = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    return this.sessions.principalOf(c);
  }

  /**
   * Uses a refresh token (row locked): valid → marked used, its user and family returned;
   * already used or revoked → the whole family is revoked (a stolen token was replayed). The
   * revocation commits with the caller's transaction, which must not roll back on `reused`.
   */
  async consumeRefresh(
    manager: EntityManager,
    refreshToken: string,
  ): Promise<{ kind: 'ok'; userId: string; familyId: string } | { kind: 'invalid' } | { kind: 'reused' }> {
    const row = await manager.findOne(RefreshTokenEntity, { where: { tokenHash: sha256(refreshToken) }, lock: { mode: 'pessimistic_write' } });
    if (!row || row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' };
    if (row.usedAt || row.revokedAt) {
      await this.revokeFamily(manager, row.familyId);
      return { kind: 'reused' };
    }
    await manager.update(RefreshTokenEntity, { id: row.id }, { usedAt: new Date() });
    return { kind: 'ok', userId: row.userId, familyId: row.familyId };
  }

  async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  /** Logout: revokes the family of the given token (no error for an unknown token: nothing to end). */
  async revokeByToken(refreshToken: string): Promise<void> {
    const [rows]: [{ user_id: string }[], number] = await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) RETURNING user_id`,
      [sha256(refreshToken)],
    );
    // the session's access tokens stop at their next request
    for (const r of rows) this.sessions.forgetUser(r.user_id);
  }

  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }
}
