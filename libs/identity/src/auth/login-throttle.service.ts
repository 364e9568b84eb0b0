import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';

/**
 * Failed-login counters in PostgreSQL (so every API instance sees the same), per account and
 * per IP, over a window of `lockoutSec`: past the limit the key is locked until the window ends
 * and login answers 429 with Retry-After. Unknown emails are counted like known ones.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  /** Throws 429 when the account or the IP is locked. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const rows: { key: string; locked_until: Date }[] = await this.dataSource.query(
      `SELECT key, locked_until FROM login_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [[`email:${email}`, `ip:${ip}`]],
    );
    if (rows.length === 0) return;
    const until = Math.max(...rows.map((r) => new Date(r.locked_until).getTime()));
    const retryAfterSec = Math.max(1, Math.ceil((until - Date.now()) / 1000));
    throw new IdentityException(IdentityErrorCode.TOO_MANY_LOGIN_ATTEMPTS, `Too many failed logins; try again in ${retryAfterSec} s`, {
      retryAfterSec,
    });
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.options.lockoutSec;
    for (const [key, limit] of [
      [`email:${email}`, this.options.maxFailuresPerAccount],
      [`ip:${ip}`, this.options.maxFailuresPerIp],
    ] as const) {
      await this.dataSource.query(
        `INSERT INTO login_throttle (key, failures, window_started_at, locked_until) VALUES ($1, 1, now(), CASE WHEN 1 >= $3 THEN now() + make_interval(secs => $2) END)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_throttle.window_started_at < now() - make_interval(secs => $2) THEN 1 ELSE login_throttle.failures + 1 END,
           window_started_at = CASE WHEN login_throttle.window_started_at < now() - make_interval(secs => $2) THEN now() ELSE login_throttle.window_started_at END,
           locked_until = CASE
             WHEN (CASE WHEN login_throttle.window_started_at < now() - make_interval(secs => $2) THEN 1 ELSE login_throttle.failures + 1 END) >= $3
             THEN now() + make_interval(secs => $2) ELSE login_throttle.locked_until END`,
        [key, window, limit],
      );
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttle WHERE key = $1`, [`email:${email}`]);
  }
}
