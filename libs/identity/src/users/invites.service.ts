import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Principal } from '#core';
import { PasswordHasher } from '../auth/password-hasher.js';
import { SessionCheckService } from '../auth/session-check.service.js';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';
import { UserInviteEntity } from './user-invite.entity.js';
import { UserEntity } from './user.entity.js';

/** What a user's password hash is until the user sets one: never a valid argon2 hash, so no password matches. */
export const NO_PASSWORD_YET = '!invited';

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

/**
 * Invites: a new user gets a one-time set-password link, written to the user's mailbox (a file per
 * message under MAIL_DIR: the outbound mail spool a mail relay picks up), never into an API answer or
 * a log line. Whoever creates a user cannot log in as that user.
 */
@Injectable()
export class InvitesService {
  private readonly logger = new Logger(InvitesService.name);
  private readonly hasher = new PasswordHasher();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionCheckService,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  /** In the caller's transaction: a fresh invite for the user, mailed to the user. */
  async invite(m: EntityManager, user: UserEntity, by: Principal): Promise<{ expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.options.inviteTtlSec * 1000);
    await m.query(`UPDATE user_invites SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [user.id]); // an older link stops working
    await m.insert(UserInviteEntity, { userId: user.id, tokenHash: sha256(token), expiresAt, createdBy: by.userId });
    this.mail(user.email, `${this.options.publicUrl}/#/invite?token=${token}`, expiresAt);
    return { expiresAt };
  }

  /** The user sets a password with the link's token (once, before it expires). */
  async accept(token: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    const userId = await this.dataSource.transaction(async (m) => {
      const invite = await m.findOne(UserInviteEntity, { where: { tokenHash: sha256(token) }, lock: { mode: 'pessimistic_write' } });
      if (!invite || invite.usedAt || invite.expiresAt.getTime() <= Date.now()) {
        throw new IdentityException(IdentityErrorCode.INVITE_INVALID, 'This invite link is invalid, used or expired; ask for a new one');
      }
      await m.update(UserInviteEntity, { id: invite.id }, { usedAt: new Date() });
      const user = await m.findOneOrFail(UserEntity, { where: { id: invite.userId }, lock: { mode: 'pessimistic_write' } });
      user.passwordHash = passwordHash;
      user.tokenVersion += 1;
      await m.save(user);
      await m.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [user.id]);
      await this.audit.append(m, { actor: 'system', organizationId: user.organizationId, action: 'user.password_set', entity: 'user', entityId: user.id, payload: { via: 'invite' } });
      return user.id;
    });
    this.sessions.forgetUser(userId);
  }

  private mail(to: string, link: string, expiresAt: Date): void {
    mkdirSync(this.options.mailDir, { recursive: true, mode: 0o700 });
    const file = join(this.options.mailDir, `${Date.now()}-${randomBytes(4).toString('hex')}.json`);
    const message = {
      to,
      subject: 'Your Tally account: set your password',
      text: `An account was opened for you on Tally. Set your password with this one-time link (valid until ${expiresAt.toISOString()}):\n${link}\n`,
      link,
    };
    writeFileSync(file, JSON.stringify(message), { mode: 0o600 });
    this.logger.log({ to, expiresAt: expiresAt.toISOString() }, 'invite mailed');
  }
}
