import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { createLogger } from '#core';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { client, login, platformClients, TEST_PASSWORD } from '../support/auth.js';

/** The logs of a run of failing requests are scanned for every secret the run handled. */
describe('no secret in any log line', () => {
  let p: TestPlatform;
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false, logger: createLogger('trace', capture) });
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('failed logins, a failing INSERT of a user, bad tokens: no password, hash, token or key is logged', async () => {
    const platform = await platformClients(p.baseUrl, p.db.url);
    const tokens = await login(p.baseUrl, platform.emails.admin);
    const secrets = [TEST_PASSWORD, tokens.accessToken, tokens.refreshToken, p.config.auth.jwtSecret!, p.config.identity.walletMasterKey!];
    const wrongPassword = `wrong-${randomBytes(8).toString('hex')}`;
    const newPassword = `new-user-${randomBytes(8).toString('hex')}`;
    secrets.push(wrongPassword, newPassword);

    expect((await client(p.baseUrl).post('/api/v1/auth/login', { email: platform.emails.kyc, password: wrongPassword })).status).toBe(401);
    expect((await client(p.baseUrl).post('/api/v1/auth/refresh', { refreshToken: `${tokens.refreshToken}x` })).status).toBe(401);
    expect((await client(p.baseUrl, `${tokens.accessToken}x`).get('/api/v1/auth/me')).status).toBe(401);

    // any database failure of a statement carrying a password hash (a NUL byte in a new user's name once did it)
    const sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    await sql.query(`CREATE FUNCTION test_fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await sql.query(`CREATE TRIGGER test_fail_insert BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION test_fail_insert()`);
    try {
      // the admin changes its own password: the UPDATE carries the new argon2 hash
      const me = await client(p.baseUrl, tokens.accessToken).get('/api/v1/auth/me');
      const r = await client(p.baseUrl, tokens.accessToken).patch(`/api/v1/users/${me.body.id}`, { password: newPassword });
      expect(r.status).toBe(500);
    } finally {
      await sql.query(`DROP TRIGGER test_fail_insert ON users`);
      await sql.end();
    }
    const hashes = (await (async () => {
      const c = new pg.Client({ connectionString: p.db.url });
      await c.connect();
      try {
        return (await c.query(`SELECT password_hash FROM users`)).rows.map((r: { password_hash: string }) => r.password_hash);
      } finally {
        await c.end();
      }
    })()) as string[];
    secrets.push(...hashes);

    expect(lines.length).toBeGreaterThan(5);
    expect(lines.some((l) => l.includes('unhandled error'))).toBe(true); // the failure itself is logged
    const leaks = lines.flatMap((line) => [...secrets.filter((s) => line.includes(s)).map((s) => `${s.slice(0, 12)}… in ${line.slice(0, 160)}`), ...(/\$argon2id\$/.test(line) ? [`argon2 hash in ${line.slice(0, 160)}`] : [])]);
    expect(leaks).toEqual([]);
  });
});
