import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { canonicalJson } from '#core';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { freshLei, platformClients } from '../support/auth.js';

/**
 * An idempotency key whose attempt died (process killed mid-request) must not stay stuck: the
 * rows below are exactly what a dead attempt leaves behind, written on the real table.
 */
describe('idempotency keys: lease, takeover, committed answer', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;
  let scope: string;

  const orgBody = () => ({ legalName: `Lease ${randomBytes(4).toString('hex')} GmbH`, lei: freshLei(), country: 'DE', roles: ['SUPPLIER'] });
  const requestHash = (body: unknown) => createHash('sha256').update(canonicalJson({ params: {}, query: {}, body })).digest('hex');
  const orgCount = async (legalName: string) => Number((await sql.query('SELECT count(*)::int AS n FROM organizations WHERE legal_name = $1', [legalName])).rows[0].n);
  const keyRow = async (key: string) => (await sql.query('SELECT state, attempt, response_status FROM idempotency_keys WHERE key = $1', [key])).rows[0];

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    const key = `seed-${randomBytes(6).toString('hex')}`;
    expect((await platform.admin.post('/api/v1/organizations', orgBody(), { 'idempotency-key': key })).status).toBe(201);
    scope = (await sql.query('SELECT scope FROM idempotency_keys WHERE key = $1', [key])).rows[0].scope;
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await p?.close();
  });

  it('an attempt that died before committing: 409 with Retry-After within its lease, then the retry runs (once)', async () => {
    const body = orgBody();
    const key = `dead-${randomBytes(6).toString('hex')}`;
    await sql.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, state, lease_expires_at) VALUES ($1, $2, $3, 'IN_PROGRESS', now() + interval '1 hour')`,
      [scope, key, requestHash(body)],
    );
    const early = await platform.admin.post('/api/v1/organizations', body, { 'idempotency-key': key });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'IDEMPOTENT_REQUEST_IN_PROGRESS', requestId: expect.any(String) });
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await orgCount(body.legalName)).toBe(0);

    await sql.query(`UPDATE idempotency_keys SET lease_expires_at = now() - interval '1 second' WHERE key = $1`, [key]);
    const retry = await platform.admin.post('/api/v1/organizations', body, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(await orgCount(body.legalName)).toBe(1);
    expect(await keyRow(key)).toEqual({ state: 'DONE', attempt: 2, response_status: 201 });
    const again = await platform.admin.post('/api/v1/organizations', body, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(retry.body.id);
    expect(await orgCount(body.legalName)).toBe(1);
  });

  it('an attempt that committed and died before its final record: the retry gets the committed answer, nothing runs twice', async () => {
    const body = orgBody();
    const key = `committed-${randomBytes(6).toString('hex')}`;
    // the final record of this key fails, as if the process died right after the business commit
    await sql.query(`CREATE OR REPLACE FUNCTION test_die_before_done() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.key = '${key}' AND NEW.state = 'DONE' THEN RAISE EXCEPTION 'process died'; END IF; RETURN NEW; END $$`);
    await sql.query(`CREATE TRIGGER test_die_before_done BEFORE UPDATE ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION test_die_before_done()`);
    let first;
    try {
      first = await platform.admin.post('/api/v1/organizations', body, { 'idempotency-key': key });
    } finally {
      await sql.query(`DROP TRIGGER test_die_before_done ON idempotency_keys`);
    }
    expect(first.status).toBe(500); // the client never saw the answer
    expect(await orgCount(body.legalName)).toBe(1); // but the organization was committed
    expect((await keyRow(key)).state).toBe('COMMITTED');

    const retry = await platform.admin.post('/api/v1/organizations', body, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toMatchObject({ legalName: body.legalName, lei: body.lei, kycState: 'DRAFT' });
    expect(retry.body.id).toBe((await sql.query('SELECT id FROM organizations WHERE legal_name = $1', [body.legalName])).rows[0].id);
    expect(await orgCount(body.legalName)).toBe(1);
    expect((await keyRow(key)).state).toBe('DONE');
  });

  it('no key stays IN_PROGRESS beyond its lease after these runs', async () => {
    const stuck = await sql.query(`SELECT key FROM idempotency_keys WHERE state <> 'DONE' AND lease_expires_at < now()`);
    expect(stuck.rows).toEqual([]);
  });
});
