import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Wallet } from 'ethers';
import pg from 'pg';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, freshLei, platformClients, type Http, type TestOrg } from '../support/auth.js';

/** Hostile input answers 4xx in the one error shape (with a requestId), never a 5xx. */
describe('hostile input → 4xx in the error shape', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let org: TestOrg;
  let buyer: TestOrg;

  const raw = async (method: string, path: string, body: string | Buffer, headers: Record<string, string> = {}, token?: string): Promise<Http> => {
    const res = await fetch(`${p.baseUrl}${path}`, { method, body, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const expectShape = (r: Http, status: number | [number, number]) => {
    const [lo, hi] = Array.isArray(status) ? status : [status, status];
    expect({ status: r.status >= lo && r.status <= hi ? 'ok' : r.status, body: r.body }).toMatchObject({
      status: 'ok',
      body: { statusCode: r.status, error: expect.any(String), message: expect.any(String), requestId: expect.stringMatching(/.+/) },
    });
  };
  const tokenOf = async (email: string) => ((await (await fetch(`${p.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse battery staple' }) })).json()) as { accessToken: string }).accessToken;

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    platform = await platformClients(p.baseUrl, p.db.url);
    [org, buyer] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], approve: false }),
      createOrg(p.baseUrl, platform, { roles: ['BUYER'], approve: false }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('deeply nested JSON → 400 on every JSON endpoint, public ones included', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const deepObj = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    const admin = await tokenOf(org.adminEmail);
    for (const [path, token] of [
      ['/api/v1/auth/login', undefined],
      ['/api/v1/auth/refresh', undefined],
      ['/api/v1/verify/batch', undefined],
      ['/api/v1/bills', admin],
      ['/api/v1/bills/fingerprint-check', admin],
      ['/api/v1/organizations', admin],
    ] as const) {
      expectShape(await raw('POST', path, deep, {}, token), 400);
      expectShape(await raw('POST', path, `{"email":${deepObj}}`, {}, token), 400);
    }
  });

  it('NUL bytes in a string field or a query parameter → 400', async () => {
    expectShape(await platform.admin.post('/api/v1/organizations', { legalName: 'Nul\u0000 GmbH', lei: freshLei(), country: 'DE', roles: ['SUPPLIER'] }), 400);
    expectShape(await platform.admin.post('/api/v1/users', { email: `nul-${randomBytes(3).toString('hex')}@test.tally`, name: 'A\u0000B', roles: ['ORG_MEMBER'], organizationId: org.id }), 400);
    expectShape(await platform.admin.get('/api/v1/organizations?q=a%00b'), 400);
    expectShape(await platform.anonymous.post('/api/v1/auth/login', { email: 'x\u0000@y.z', password: 'p' }), 400);
    expectShape(await platform.admin.patch(`/api/v1/organizations/${org.id}`, { legalName: 'Still\u0000Bad' }), 400);
  });

  it('a lone surrogate in a string field or a key → 400 (the email validator threw on it: 500, found by the fuzz pass)', async () => {
    expectShape(await platform.admin.post('/api/v1/users', { email: '\u202e\ud800', name: 'g', roles: ['ORG_MEMBER'], organizationId: org.id }), 400);
    expectShape(await platform.admin.post('/api/v1/users', { email: `s-${randomBytes(3).toString('hex')}@test.tally`, name: 'A\udc00B', roles: ['ORG_MEMBER'], organizationId: org.id }), 400);
    expectShape(await platform.anonymous.post('/api/v1/auth/login', { email: 'x\ud800@y.z', password: 'p' }), 400);
    expectShape(await platform.admin.patch(`/api/v1/organizations/${org.id}`, { ['\ud800']: 'x' }), 400);
  });

  it('?page=1e20, pageSize=1e3 and non-numbers → 400', async () => {
    for (const q of ['page=1e20', 'page=99999999999', 'pageSize=1e3', 'page=abc', 'page=-1']) {
      expectShape(await platform.admin.get(`/api/v1/organizations?${q}`), 400);
      expectShape(await platform.admin.get(`/api/v1/users?${q}`), 400);
    }
  });

  it('impossible dates → 400', async () => {
    for (const date of ['2026-13-45', '2026-02-30', '2026-00-10']) {
      expectShape(await org.admin.post('/api/v1/bills', { buyerOrganizationId: buyer.id, invoiceNumber: `D-${randomBytes(3).toString('hex')}`, amountMinor: '1000', currency: 'EUR', issueDate: date, dueDate: '2027-01-01' }), 400);
      expectShape(await platform.kyc.post(`/api/v1/organizations/${org.id}/kyc/approve`, { note: 'n', expiresAt: `${date}T00:00:00Z` }), 400);
    }
  });

  it('null for a field on PATCH → 400, nothing written', async () => {
    expectShape(await platform.admin.patch(`/api/v1/organizations/${org.id}`, { legalName: null }), 400);
    expectShape(await platform.admin.patch(`/api/v1/organizations/${org.id}`, { peppolIds: null }), 400);
    const users = await platform.admin.get(`/api/v1/users?organizationId=${org.id}`);
    const userId = users.body.items[0].id as string;
    expectShape(await platform.admin.patch(`/api/v1/users/${userId}`, { name: null }), 400);
    expectShape(await platform.admin.patch(`/api/v1/users/${userId}`, { roles: null }), 400);
    expectShape(await platform.admin.patch(`/api/v1/users/${userId}`, { active: null }), 400);
    expect((await platform.admin.get(`/api/v1/organizations/${org.id}`)).body.legalName).toMatch(/^Test Org/);
  });

  it('an unknown currency on a deposit or withdrawal → 4xx, not 503', async () => {
    // a verified settlement account (the worker is off here: registered by hand)
    const sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    await sql.query(`INSERT INTO wallets (organization_id, address, kind, chain_status, encrypted_key, version) VALUES ($1, $2, 'CUSTODIAL', 'REGISTERED', 'x', 1)`, [org.id, Wallet.createRandom().address]);
    await sql.end();
    for (const path of ['/api/v1/settlement/withdrawals', '/api/v1/settlement/deposits']) {
      const r = await platform.admin.post(path, { organizationId: org.id, currency: 'XYZ', amountMinor: '100', reference: `r-${randomBytes(4).toString('hex')}` });
      expectShape(r, [400, 499]);
    }
  });

  it('body-parse errors carry a requestId; a broken gzip body does not leak zlib', async () => {
    expectShape(await raw('POST', '/api/v1/auth/login', '{"email":'), 400);
    expectShape(await raw('POST', '/api/v1/auth/login', '"just a string"'), 400);
    const gz = await raw('POST', '/api/v1/auth/login', Buffer.from('definitely not gzip'), { 'content-encoding': 'gzip' });
    expectShape(gz, [400, 415]);
    expect(JSON.stringify(gz.body)).not.toMatch(/header check|zlib|Z_DATA_ERROR|unexpected end/i);
    const big = await raw('POST', '/api/v1/auth/login', JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2_000_000) }));
    expectShape(big, 413);
  });

  it('an oversized header → 431 with a JSON error body and a requestId', async () => {
    const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${p.baseUrl}/api/v1/status`, { headers: { 'x-big': 'a'.repeat(64 * 1024) } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(r.status).toBe(431);
    expect(JSON.parse(r.body)).toMatchObject({ statusCode: 431, error: 'Request Header Fields Too Large', requestId: expect.stringMatching(/.+/) });
  });
});
