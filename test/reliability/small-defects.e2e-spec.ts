import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, login, platformClients, type TestOrg } from '../support/auth.js';
import { pdfBytes, send, sha256Hex, uploadDocument } from '../documents/support/documents-http.js';

describe('no-store on tokens; no operator gas before KYC approval; KYC document re-upload; KYC queue', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;
  let pending: TestOrg;
  let pendingAdminToken: string;

  const leaves = async () => Number((await sql.query('SELECT count(*)::int AS n FROM anchor_leaves')).rows[0].n);
  const kycUpload = (orgId: string, token: string, bytes: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'register-extract.pdf');
    return send(`${p.baseUrl}/api/v1/organizations/${orgId}/kyc/documents`, form, token);
  };

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    platform = await platformClients(p.baseUrl, p.db.url);
    pending = await createOrg(p.baseUrl, platform, { approve: false, submit: true });
    pendingAdminToken = (await login(p.baseUrl, pending.adminEmail)).accessToken;
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await p?.close();
  });

  it('every answer carrying a token is Cache-Control: no-store', async () => {
    const res = await platform.anonymous.post('/api/v1/auth/login', { email: pending.adminEmail, password: 'correct horse battery staple' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const refreshed = await platform.anonymous.post('/api/v1/auth/refresh', { refreshToken: res.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('cache-control')).toBe('no-store');
  });

  it('an organization not yet KYC-approved cannot spend operator gas: hashes, documents, fingerprint checks refused; KYC documents wait for approval', async () => {
    const before = await leaves();
    const hashes = await pending.member.post('/api/v1/anchors/hashes', { hashes: [sha256Hex(randomBytes(16))] });
    expect(hashes.status).toBe(409);
    expect(hashes.body.code).toBe('KYC_NOT_APPROVED');
    const doc = await uploadDocument(p.baseUrl, pendingAdminToken, pdfBytes(`gas ${randomBytes(4).toString('hex')}`));
    expect(doc.status).toBe(409);
    expect(doc.body.code).toBe('KYC_NOT_APPROVED');
    const check = await pending.admin.post('/api/v1/bills/fingerprint-check', {
      sellerOrganizationId: pending.id,
      buyerOrganizationId: pending.id,
      invoiceNumber: 'X-1',
      amountMinor: '100',
      currency: 'EUR',
      issueDate: '2026-01-01',
    });
    expect(check.status).toBe(409);
    expect(check.body.code).toBe('KYC_NOT_APPROVED');
    const form = new FormData();
    form.append('files', new Blob([Buffer.from('<Invoice/>')]), 'invoice.xml');
    const ubl = await send(`${p.baseUrl}/api/v1/bills/import/ubl`, form, pendingAdminToken);
    expect([ubl.status, ubl.body.code]).toEqual([409, 'KYC_NOT_APPROVED']);

    // KYC documents are what review needs: stored, anchored only once the organization is approved
    const bytes = pdfBytes(`kyc ${randomBytes(4).toString('hex')}`);
    const first = await kycUpload(pending.id, pendingAdminToken, bytes);
    expect(first.status).toBe(201);
    expect(await leaves()).toBe(before);
    const again = await kycUpload(pending.id, pendingAdminToken, bytes);
    expect(again.status).toBe(200); // the same content again: the first document
    expect(again.body.id).toBe(first.body.id);
    const approved = await platform.kyc.post(`/api/v1/organizations/${pending.id}/kyc/approve`, { note: 'Approved in tests', expiresAt: new Date(Date.now() + 86_400_000 * 30).toISOString() });
    expect(approved.status).toBe(200);
    expect((await sql.query(`SELECT reference FROM anchor_leaves WHERE sha256 = decode($1, 'hex')`, [sha256Hex(bytes).slice(2)])).rows).toEqual([{ reference: `document:${first.body.id}` }]);
    // approved now: anchoring is open to it
    expect((await pending.member.post('/api/v1/anchors/hashes', { hashes: [sha256Hex(randomBytes(16))] })).status).toBe(200);
  });

  it('GET /kyc/queue as the KYC officer: 200 while organizations are submitted concurrently', async () => {
    const orgs = await Promise.all(Array.from({ length: 6 }, () => createOrg(p.baseUrl, platform, { approve: false, submit: false })));
    const [submits, queues] = await Promise.all([
      Promise.all(orgs.map((o) => o.admin.post(`/api/v1/organizations/${o.id}/kyc/submit`))),
      Promise.all(Array.from({ length: 20 }, () => platform.kyc.get('/api/v1/kyc/queue'))),
    ]);
    expect(submits.map((s) => s.status)).toEqual(orgs.map(() => 200));
    expect(queues.map((q) => q.status)).toEqual(queues.map(() => 200));
    const queue = (await platform.kyc.get('/api/v1/kyc/queue')).body as { organization: { id: string }; screening: { status: string } }[];
    for (const o of orgs) expect(queue.find((q) => q.organization.id === o.id)?.screening.status).toMatch(/CLEAR|HIT/);
  });
});
