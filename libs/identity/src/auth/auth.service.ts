import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Principal } from '#core';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { UserEntity } from '../users/user.entity.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { TokenService, type TokenPair } from './token.service.js';

const INVALID = () => new IdentityException(IdentityErrorCode.INVALID_CREDENTIALS, 'Invalid email or password');

@Injectable()
export class AuthService {
  readonly hasher = new PasswordHasher();

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks a password (passport-local calls this). An unknown email and a wrong password give the
   * same answer and cost the same time; failures count towards the account and IP lockouts.
   */
  async validatePassword(emailRaw: string, password: string, ip: string): Promise<UserEntity> {
    const email = emailRaw.trim().toLowerCase();
    await this.throttle.assertAllowed(email, ip);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email });
    const ok = user ? await this.hasher.verify(user.passwordHash, password) : (await this.hasher.burn(password), false);
    if (!user || !ok || !user.active) {
      await this.throttle.recordFailure(email, ip);
      throw INVALID();
    }
    await this.throttle.recordSuccess(email, ip);
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.dataSource.getRepository(UserEntity).update({ id: user.id }, { passwordHash: await this.hasher.hash(password) });
    }
    return user;
  }

  login(user: UserEntity): Promise<TokenPair> {
    return this.dataSource.transaction(async (m) => {
      const pair = await this.tokens.issue(m, user);
      await this.audit.append(m, { actor: principalOf(user), organizationId: user.organizationId, action: 'auth.login', entity: 'user', entityId: user.id });
      return pair;
    });
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const result = await this.dataSource.transaction(async (m) => {
      const used = await this.tokens.consumeRefresh(m, refreshToken);
      if (used.kind !== 'ok') return used;
      const user = await m.findOneBy(UserEntity, { id: used.userId });
      if (!user?.active) return { kind: 'invalid' as const };
      return { kind: 'ok' as const, pair: await this.tokens.issue(m, user, used.familyId) };
    });
    if (result.kind === 'reused') {
      throw new IdentityException(IdentityErrorCode.REFRESH_TOKEN_REUSED, 'Refresh token was already used: every session of this login is revoked');
    }
    if (result.kind !== 'ok') throw new IdentityException(IdentityErrorCode.REFRESH_TOKEN_INVALID, 'Refresh token is invalid or expired');
    return result.pair;
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revokeByToken(refreshToken);
  }
}

export function principalOf(user: UserEntity): Principal {
  return { userId: user.id, email: user.email, organizationId: user.organizationId, roles: user.roles };
}
