import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';

/**
 * Failed-login counters in PostgreSQL (so every API instance sees the same), over a window of
 * `lockoutSec`, keyed three ways, so that guessing is slowed everywhere while nobody can lock
 * another person out:
 * - per (account, IP) `pair:<email>|<ip>`: past `maxFailuresPerAccount` that pair is locked for
 *   the window (right password included): a guesser locks only itself out of that account;
 * - per IP `ip:<ip>`: past `maxFailuresPerIp` the IP is locked (one client guessing many accounts);
 * - per account `email:<email>`: past `maxFailuresPerAccount` failures from anywhere, attempts
 *   from IPs the account never logged in from wait an exponentially growing delay (2^k s, at most
 *   the window), while IPs it did log in from (`known:<email>|<ip>`) are not held back: guesses
 *   spread over many IPs slow down, the user at their usual place still gets in.
 * A locked or delayed attempt answers 429 with Retry-After. Unknown emails are counted like known ones.
 */
/** This attempt's failure count in the window (the row is locked by the upsert: no lost counts). */
const FAILURES = '(CASE WHEN login_throttle.window_started_at < now() - make_interval(secs => $2) THEN 1 ELSE login_throttle.failures + 1 END)';
/** Seconds locked after n failures: the window, or 2^(n - limit) for the per-account delay, at most the window. */
const delay = (n: string) => `CASE WHEN $4::boolean THEN least(power(2, least(${n} - $3, 30)), $2) ELSE $2 END`;

@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  /** Throws 429 when the (account, IP) pair or the IP is locked, or the account is delayed for this IP. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const rows: { key: string; locked_until: Date | null }[] = await this.dataSource.query(
      `SELECT key, locked_until FROM login_throttle WHERE key = ANY($1)`,
      [[`pair:${email}|${ip}`, `ip:${ip}`, `email:${email}`, `known:${email}|${ip}`]],
    );
    const known = rows.some((r) => r.key.startsWith('known:'));
    const now = Date.now();
    const blocking = rows.filter(
      (r) => r.locked_until && new Date(r.locked_until).getTime() > now && (r.key.startsWith('pair:') || r.key.startsWith('ip:') || (r.key.startsWith('email:') && !known)),
    );
    if (blocking.length === 0) return;
    const until = Math.max(...blocking.map((r) => new Date(r.locked_until!).getTime()));
    const retryAfterSec = Math.max(1, Math.ceil((until - now) / 1000));
    throw new IdentityException(IdentityErrorCode.TOO_MANY_LOGIN_ATTEMPTS, `Too many failed logins; try again in ${retryAfterSec} s`, {
      retryAfterSec,
    });
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.options.lockoutSec;
    for (const [key, limit, exponential] of [
      [`pair:${email}|${ip}`, this.options.maxFailuresPerAccount, false],
      [`ip:${ip}`, this.options.maxFailuresPerIp, false],
      [`email:${email}`, this.options.maxFailuresPerAccount, true],
    ] as const) {
      // f: the failures of the window including this one; past the limit, locked for the window
      // or (per account) for 2^(f - limit) seconds, at most the window
      const F = `${FAILURES}`;
      await this.dataSource.query(
        `INSERT INTO login_throttle (key, failures, window_started_at, locked_until)
         VALUES ($1, 1, now(), CASE WHEN 1 >= $3 THEN now() + make_interval(secs => ${delay('1')}) END)
         ON CONFLICT (key) DO UPDATE SET
           failures = ${F},
           window_started_at = CASE WHEN login_throttle.window_started_at < now() - make_interval(secs => $2) THEN now() ELSE login_throttle.window_started_at END,
           locked_until = CASE WHEN ${F} >= $3 THEN now() + make_interval(secs => ${delay(F)}) ELSE login_throttle.locked_until END`,
        [key, window, limit, exponential],
      );
    }
  }

  /** The right password: the pair and account counters start over, and this IP becomes known to the account. */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttle WHERE key = ANY($1)`, [[`email:${email}`, `pair:${email}|${ip}`]]);
    await this.dataSource.query(
      `INSERT INTO login_throttle (key, failures, window_started_at, locked_until) VALUES ($1, 0, now(), NULL)
       ON CONFLICT (key) DO UPDATE SET window_started_at = now()`,
      [`known:${email}|${ip}`],
    );
  }
}
