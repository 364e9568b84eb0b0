import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Wallet } from 'ethers';
import pg from 'pg';
import { createHash, randomUUID } from 'node:crypto';
import { connectIdentityRegistry } from '#contracts';
import { AuditHeadAnchorer } from '#platform';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { client, createOrg, freshLei, login, platformClients, TEST_PASSWORD, type Client } from '../support/auth.js';
import { answerBeforeBodyEnds } from '../support/unfinished-upload.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('participants and access (real PostgreSQL, real anvil, HTTP)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;

  const waitFor = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(v)}`);
      await sleep(100);
    }
  };
  const orgRow = async (id: string) => (await sql.query('SELECT kyc_state, version FROM organizations WHERE id = $1', [id])).rows[0];
  const auditCount = async (entityId: string) => Number((await sql.query('SELECT count(*) FROM audit_log WHERE entity_id = $1', [entityId])).rows[0].count);

  beforeAll(async () => {
    p = await startTestPlatform({ env: { KYC_EXPIRY_CHECK_MS: '200', LOGIN_IP_MAX_FAILURES: '40' } });
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await p?.close();
  });

  describe('authentication', () => {
    it('logs in, answers /me, and refuses a missing or forged token', async () => {
      const { accessToken } = await login(p.baseUrl, platform.emails.admin);
      const me = await client(p.baseUrl, accessToken).get('/api/v1/auth/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ email: platform.emails.admin, roles: ['PLATFORM_ADMIN'], organizationName: 'Tally Platform Operator' });
      expect((await platform.anonymous.get('/api/v1/auth/me')).status).toBe(401);
      const forged = accessToken.slice(0, -4) + (accessToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      expect((await client(p.baseUrl, forged).get('/api/v1/auth/me')).status).toBe(401);
    });

    it('answers an unknown email exactly like a wrong password', async () => {
      const unknown = await platform.anonymous.post('/api/v1/auth/login', { email: 'nobody@test.tally', password: 'whatever-password' });
      const wrong = await platform.anonymous.post('/api/v1/auth/login', { email: platform.emails.auditor, password: 'whatever-password' });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
      expect(strip(unknown.body)).toEqual(strip(wrong.body));
      expect(unknown.body.message).toBe('Invalid email or password');
    });

    it('refuses a malformed login body with 400', async () => {
      const res = await platform.anonymous.post('/api/v1/auth/login', { email: 42, password: 'x', extra: true });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['email', 'extra']);
    });

    it('rotates refresh tokens and revokes the family when one is reused', async () => {
      const first = await login(p.baseUrl, platform.emails.kyc);
      const second = await platform.anonymous.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      const third = await platform.anonymous.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken });
      expect(third.status).toBe(200);
      // the stolen first token comes back: refused, and the whole family dies
      const replay = await platform.anonymous.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
      const legit = await platform.anonymous.post('/api/v1/auth/refresh', { refreshToken: third.body.refreshToken });
      expect(legit.status).toBe(401);
      // another login's family is untouched
      const other = await login(p.baseUrl, platform.emails.kyc);
      expect((await platform.anonymous.post('/api/v1/auth/refresh', { refreshToken: other.refreshToken })).status).toBe(200);
    });

    it('ends a session on logout', async () => {
      const s = await login(p.baseUrl, platform.emails.auditor);
      expect((await platform.anonymous.post('/api/v1/auth/logout', { refreshToken: s.refreshToken })).status).toBe(204);
      expect((await platform.anonymous.post('/api/v1/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
    });

    it('locks an account out after repeated failures (429 with Retry-After), even for the right password', async () => {
      const org = await createOrg(p.baseUrl, platform, { approve: false });
      for (let i = 0; i < 5; i++) {
        expect((await platform.anonymous.post('/api/v1/auth/login', { email: org.memberEmail, password: 'wrong-password' })).status).toBe(401);
      }
      const locked = await platform.anonymous.post('/api/v1/auth/login', { email: org.memberEmail, password: TEST_PASSWORD });
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      // other accounts are not affected
      expect((await platform.anonymous.post('/api/v1/auth/login', { email: org.adminEmail, password: TEST_PASSWORD })).status).toBe(200);
    });
  });

  describe('KYC workflow', () => {
    const expiresAt = () => new Date(Date.now() + 365 * 86_400_000).toISOString();
    const act = (c: Client, id: string, action: string) =>
      c.post(`/api/v1/organizations/${id}/kyc/${action}`, action === 'approve' ? { note: 'fine', expiresAt: expiresAt() } : action === 'submit' ? {} : { reason: 'because' });

    async function expectRefused(id: string, c: Client, action: string) {
      const before = await orgRow(id);
      const audits = await auditCount(id);
      const res = await act(c, id, action);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('KYC_TRANSITION_NOT_ALLOWED');
      expect(await orgRow(id)).toEqual(before);
      expect(await auditCount(id)).toBe(audits);
    }

    it('allows exactly the transitions of the state machine', async () => {
      const org = await createOrg(p.baseUrl, platform, { approve: false });
      // DRAFT
      for (const a of ['approve', 'reject']) await expectRefused(org.id, platform.kyc, a);
      await expectRefused(org.id, platform.admin, 'suspend');
      expect((await act(org.admin, org.id, 'submit')).body.kycState).toBe('SUBMITTED');
      // SUBMITTED
      await expectRefused(org.id, org.admin, 'submit');
      await expectRefused(org.id, platform.admin, 'suspend');
      const approved = await act(platform.kyc, org.id, 'approve');
      expect(approved.status).toBe(200);
      expect(approved.body.kycState).toBe('APPROVED');
      // APPROVED
      for (const a of ['approve', 'reject']) await expectRefused(org.id, platform.kyc, a);
      await expectRefused(org.id, org.admin, 'submit');
      expect((await act(platform.kyc, org.id, 'suspend')).body.kycState).toBe('SUSPENDED');
      // SUSPENDED: terminal here
      for (const a of ['approve', 'reject', 'suspend']) await expectRefused(org.id, platform.kyc, a);
      await expectRefused(org.id, org.admin, 'submit');

      const rejected = await createOrg(p.baseUrl, platform, { approve: false, submit: true });
      expect((await act(platform.kyc, rejected.id, 'reject')).body).toMatchObject({ kycState: 'REJECTED', kycNote: 'because' });
      for (const a of ['approve', 'reject', 'suspend']) await expectRefused(rejected.id, platform.kyc, a);
      await expectRefused(rejected.id, rejected.admin, 'submit');
    });

    it('expires an approval past kyc_expires_at (scheduled) and takes its wallets off the registry', async () => {
      const org = await createOrg(p.baseUrl, platform);
      const wallets = await waitFor(() => org.admin.get(`/api/v1/organizations/${org.id}/wallets`), (r) => r.body[0]?.verifiedOnChain === true);
      await sql.query(`UPDATE organizations SET kyc_expires_at = now() - interval '1 second' WHERE id = $1`, [org.id]);
      await waitFor(() => orgRow(org.id), (r) => r.kyc_state === 'EXPIRED');
      await waitFor(() => org.admin.get(`/api/v1/organizations/${org.id}/wallets`), (r) => r.body[0]?.verifiedOnChain === false);
      const registry = connectIdentityRegistry((await platform.anonymous.get('/api/v1/status')).body.contracts[1].address, p.chain.provider);
      expect(await registry.isRegistered(wallets.body[0].address)).toBe(false);
      for (const a of ['approve', 'suspend']) await expectRefused(org.id, platform.kyc, a);
    });

    it('blocks approval on a sanctions hit until the officer records a false positive', async () => {
      const org = await createOrg(p.baseUrl, platform, { legalName: 'Oceanic Shadow Trading Ltd', approve: false, submit: true });
      const screening = await platform.kyc.get(`/api/v1/organizations/${org.id}/kyc/screening`);
      expect(screening.body.status).toBe('HIT');
      expect(screening.body.hits[0]).toMatchObject({ matchedName: 'Oceanic Shadow Trading LLC', listName: 'DEMO-SANCTIONS-2026', cleared: false });
      const blocked = await act(platform.kyc, org.id, 'approve');
      expect(blocked.status).toBe(409);
      expect(blocked.body.code).toBe('KYC_SCREENING_HIT');
      expect((await orgRow(org.id)).kyc_state).toBe('SUBMITTED');
      const queue = await platform.kyc.get('/api/v1/kyc/queue');
      expect(queue.body.find((i: { organization: { id: string } }) => i.organization.id === org.id).screening.status).toBe('HIT');
      // the officer, not the organization, records the decision, with a reason
      expect(
        (await org.admin.post(`/api/v1/organizations/${org.id}/kyc/screening/false-positives`, { hitId: screening.body.hits[0].hitId, reason: 'Different entity entirely.' })).status,
      ).toBe(403);
      expect((await platform.kyc.post(`/api/v1/organizations/${org.id}/kyc/screening/false-positives`, { hitId: 'nope', reason: 'Different entity entirely.' })).status).toBe(404);
      let cleared = screening;
      for (const hit of screening.body.hits) {
        expect((await act(platform.kyc, org.id, 'approve')).status).toBe(409); // while any hit is open
        cleared = await platform.kyc.post(`/api/v1/organizations/${org.id}/kyc/screening/false-positives`, {
          hitId: hit.hitId,
          reason: 'Different legal entity, registered in Germany.',
        });
      }
      expect(cleared.body.status).toBe('CLEARED');
      expect(cleared.body.hits.every((h: { cleared: boolean }) => h.cleared)).toBe(true);
      expect((await act(platform.kyc, org.id, 'approve')).status).toBe(200);
    });
  });

  describe('wallets', () => {
    it('registers an approved organization\'s custodial wallet on chain and removes it on suspension', async () => {
      const org = await createOrg(p.baseUrl, platform);
      const list = await waitFor(() => org.member.get(`/api/v1/organizations/${org.id}/wallets`), (r) => r.body[0]?.chainStatus === 'REGISTERED');
      expect(list.body).toHaveLength(1);
      expect(list.body[0]).toMatchObject({ kind: 'CUSTODIAL', verifiedOnChain: true });
      expect(JSON.stringify(list.body)).not.toMatch(/encrypted|privateKey/i);
      await platform.kyc.post(`/api/v1/organizations/${org.id}/kyc/suspend`, { reason: 'Adverse media' });
      await waitFor(() => org.member.get(`/api/v1/organizations/${org.id}/wallets`), (r) => r.body[0]?.chainStatus === 'NOT_REGISTERED' && r.body[0]?.verifiedOnChain === false);
    });

    it('binds an external wallet by a signed challenge: valid, expired, reused and wrong signer', async () => {
      const org = await createOrg(p.baseUrl, platform);
      const external = Wallet.createRandom();
      const ask = async (address = external.address) => (await org.admin.post(`/api/v1/organizations/${org.id}/wallets/challenges`, { address })).body;

      const wrongSigner = await ask();
      const bad = await org.admin.post(`/api/v1/organizations/${org.id}/wallets`, { challengeId: wrongSigner.challengeId, signature: await Wallet.createRandom().signMessage(wrongSigner.message) });
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('SIGNATURE_INVALID');

      const expired = await ask();
      await sql.query(`UPDATE wallet_challenges SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.challengeId]);
      const late = await org.admin.post(`/api/v1/organizations/${org.id}/wallets`, { challengeId: expired.challengeId, signature: await external.signMessage(expired.message) });
      expect(late.status).toBe(410);

      expect((await org.admin.post(`/api/v1/organizations/${org.id}/wallets`, { challengeId: expired.challengeId, signature: '0x1234' })).status).toBe(400);

      const good = await ask();
      const signature = await external.signMessage(good.message);
      const bound = await org.admin.post(`/api/v1/organizations/${org.id}/wallets`, { challengeId: good.challengeId, signature });
      expect(bound.status).toBe(201);
      expect(bound.body).toMatchObject({ address: external.address, kind: 'EXTERNAL' });
      const reused = await org.admin.post(`/api/v1/organizations/${org.id}/wallets`, { challengeId: good.challengeId, signature });
      expect(reused.status).toBe(409);
      expect(reused.body.code).toBe('CHALLENGE_USED');
      await waitFor(
        () => org.admin.get(`/api/v1/organizations/${org.id}/wallets`),
        (r) => r.body.find((w: { address: string }) => w.address === external.address)?.verifiedOnChain === true,
      );
      // a member cannot bind, another organization cannot even see
      expect((await org.member.post(`/api/v1/organizations/${org.id}/wallets/challenges`, { address: Wallet.createRandom().address })).status).toBe(403);
      const other = await createOrg(p.baseUrl, platform, { approve: false });
      expect((await other.admin.post(`/api/v1/organizations/${org.id}/wallets/challenges`, { address: Wallet.createRandom().address })).status).toBe(404);
    });
  });

  describe('KYC documents', () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const upload = async (token: string, orgId: string, content: Buffer, name = 'register-extract.pdf') => {
      const form = new FormData();
      form.append('file', new Blob([content]), name);
      const res = await fetch(`${p.baseUrl}/api/v1/organizations/${orgId}/kyc/documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    it('stores, hashes and queues for anchoring an organization\'s KYC documents; only its admin adds them', async () => {
      const org = await createOrg(p.baseUrl, platform, { approve: false });
      const admin = (await login(p.baseUrl, org.adminEmail)).accessToken;
      const member = (await login(p.baseUrl, org.memberEmail)).accessToken;
      const added = await upload(admin, org.id, pdf);
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ kind: 'KYC', ownerOrganizationId: org.id, sha256: '0x' + createHash('sha256').update(pdf).digest('hex') });
      expect((await upload(member, org.id, pdf)).status).toBe(403);
      const other = await createOrg(p.baseUrl, platform, { approve: false });
      expect((await upload((await login(p.baseUrl, other.adminEmail)).accessToken, org.id, pdf)).status).toBe(404);
      expect((await upload(admin, org.id, Buffer.from('MZ\x90\x00 not a document'), 'tool.exe')).status).toBe(415);
      const listed = await platform.kyc.get(`/api/v1/organizations/${org.id}/kyc/documents`);
      expect(listed.body.map((d: { id: string }) => d.id)).toEqual([added.body.id]);
      expect((await other.admin.get(`/api/v1/organizations/${org.id}/kyc/documents`)).status).toBe(404);
    });

    it("answers another organization's upload with the 404 of one that exists nowhere, before the file is read", async () => {
      const org = await createOrg(p.baseUrl, platform, { approve: false });
      const other = await createOrg(p.baseUrl, platform, { approve: false });
      const token = (await login(p.baseUrl, other.adminEmail)).accessToken;
      const boundary = `tally${Date.now()}`;
      const send = (orgId: string) =>
        answerBeforeBodyEnds(`${p.baseUrl}/api/v1/organizations/${orgId}/kyc/documents`, {
          headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
          firstBytes: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="register-extract.pdf"\r\n\r\n${pdf.toString('latin1')}`,
          declaredBytes: 20 * 1_048_576,
        });
      const comparable = (r: { status: number; body: { code?: string; message?: string } }, id: string) => ({ status: r.status, code: r.body?.code, message: r.body?.message?.split(id).join('<id>') });
      const ghost = randomUUID();
      const missing = comparable(await send(ghost), ghost);
      expect(missing).toEqual({ status: 404, code: 'ORGANIZATION_NOT_FOUND', message: 'Organization <id> not found' });
      expect(comparable(await send(org.id), org.id)).toEqual(missing);
      expect(Number((await sql.query('SELECT count(*) FROM documents WHERE owner_organization_id = $1', [org.id])).rows[0].count)).toBe(0);
    }, 60_000);
  });

  describe('bad input writes nothing', () => {
    it.each([
      [{ lei: '5493001KJTIIGC8Y1R13' }, 'lei'],
      [{ country: 'XX' }, 'country'],
      [{ roles: ['BANKER'] }, 'roles'],
      [{ legalName: 'x'.repeat(201) }, 'legalName'],
      [{ surprise: 1 }, 'surprise'],
    ])('%j → 400 naming %s', async (override, field) => {
      const before = Number((await sql.query('SELECT count(*) FROM organizations')).rows[0].count);
      const res = await platform.admin.post('/api/v1/organizations', { legalName: 'Valid Name GmbH', lei: freshLei(), country: 'DE', roles: ['SUPPLIER'], ...override });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(Number((await sql.query('SELECT count(*) FROM organizations')).rows[0].count)).toBe(before);
    });

    it('refuses a Peppol id that another participant holds (409)', async () => {
      const peppol = `0088:${Date.now()}`;
      expect((await platform.admin.post('/api/v1/organizations', { legalName: 'Holder One GmbH', lei: freshLei(), country: 'DE', roles: ['BUYER'], peppolIds: [peppol] })).status).toBe(201);
      const other = await createOrg(p.baseUrl, platform, { approve: false });
      const claim = await other.admin.patch(`/api/v1/organizations/${other.id}`, { peppolIds: [peppol.toUpperCase()] });
      expect(claim.status).toBe(409);
      expect(claim.body.code).toBe('PEPPOL_ID_TAKEN');
    });

    it('never stores or replays login answers under an Idempotency-Key', async () => {
      const key = `login-${Date.now()}`;
      const a = await platform.anonymous.post('/api/v1/auth/login', { email: platform.emails.auditor, password: TEST_PASSWORD }, { 'idempotency-key': key });
      const b = await platform.anonymous.post('/api/v1/auth/login', { email: platform.emails.auditor, password: TEST_PASSWORD }, { 'idempotency-key': key });
      expect(a.status).toBe(200);
      expect(b.body.refreshToken).not.toBe(a.body.refreshToken);
      expect((await sql.query('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key])).rows[0].n).toBe(0);
    });

    it('refuses a second organization with the same LEI (409)', async () => {
      const lei = freshLei();
      const body = { legalName: 'Twin One GmbH', lei, country: 'DE', roles: ['BUYER'] };
      expect((await platform.admin.post('/api/v1/organizations', body)).status).toBe(201);
      const dup = await platform.admin.post('/api/v1/organizations', { ...body, legalName: 'Twin Two GmbH' });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('LEI_TAKEN');
    });

    it('replays a create retried with the same Idempotency-Key, and refuses the key for another body', async () => {
      const key = `create-org-${Date.now()}`;
      const body = { legalName: 'Retry Safe GmbH', lei: freshLei(), country: 'AT', roles: ['SUPPLIER'] };
      const first = await platform.admin.post('/api/v1/organizations', body, { 'idempotency-key': key });
      const again = await platform.admin.post('/api/v1/organizations', body, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const other = await platform.admin.post('/api/v1/organizations', { ...body, legalName: 'Another GmbH' }, { 'idempotency-key': key });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('audit log', () => {
    it('anchors the head hash of the chain (once per head)', async () => {
      const anchorer = p.app.get(AuditHeadAnchorer);
      const seq = await anchorer.anchorHead();
      expect(seq).not.toBeNull();
      expect(await anchorer.anchorHead()).toBeNull(); // the head has not moved
      const head = (await sql.query('SELECT hash FROM audit_log WHERE seq = $1', [seq])).rows[0].hash as string;
      const leaf = await sql.query(`SELECT reference FROM anchor_leaves WHERE reference = $1`, [`audit:${seq}`]);
      expect(leaf.rows).toHaveLength(1);
      const verify = await platform.anonymous.post('/api/v1/verify', { sha256: head });
      expect(verify.status).toBe(200);
    });

    it('records every change in a verifiable chain that SQL cannot rewrite unnoticed', async () => {
      const ok = await platform.auditor.get('/api/v1/audit/verify');
      expect(ok.body.ok).toBe(true);
      expect(ok.body.rows).toBeGreaterThan(10);
      const page = await platform.auditor.get('/api/v1/audit?action=kyc.approve&pageSize=5');
      expect(page.body.items.length).toBeGreaterThan(0);
      expect(page.body.items[0]).toMatchObject({ action: 'kyc.approve', entity: 'organization', actor: platform.emails.kyc });

      await expect(sql.query(`UPDATE audit_log SET payload = '{}' WHERE seq = 3`)).rejects.toThrow(/append-only/);
      await expect(sql.query(`DELETE FROM audit_log WHERE seq = 3`)).rejects.toThrow(/append-only/);
      // someone with the owner's rights switches the trigger off and edits a row
      await sql.query('ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_append_only');
      await sql.query(`UPDATE audit_log SET payload = jsonb_set(payload, '{note}', '"edited"') WHERE seq = 3`);
      await sql.query('ALTER TABLE audit_log ENABLE TRIGGER trg_audit_log_append_only');
      const broken = await platform.auditor.get('/api/v1/audit/verify');
      expect(broken.body.ok).toBe(false);
      expect(broken.body.firstBroken).toEqual({ seq: '3', reason: 'hash does not match the row content (row changed)' });
    });
  });

  it('throttles an IP that fails too often, whatever the account', async () => {
    let last = 0;
    for (let i = 0; i < 45 && last !== 429; i++) {
      last = (await platform.anonymous.post('/api/v1/auth/login', { email: `spray-${i}@test.tally`, password: 'guess-guess' })).status;
    }
    expect(last).toBe(429);
    const fresh = await platform.anonymous.post('/api/v1/auth/login', { email: platform.emails.admin, password: TEST_PASSWORD });
    expect(fresh.status).toBe(429);
  });
});
