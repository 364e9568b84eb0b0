import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createOrg, platformClients, type TestOrg } from '../support/auth.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

/**
 * The counterparty directory (docs/architecture.md, "Counterparty directory"): approved
 * participants' ids, names and business roles to any signed-in user, and nothing else.
 */
describe('GET /api/v1/counterparties', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let approved: TestOrg;
  let other: TestOrg;
  let draft: TestOrg;
  let submitted: TestOrg;

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    platform = await platformClients(p.baseUrl, p.db.url);
    const tag = Date.now().toString(36);
    approved = await createOrg(p.baseUrl, platform, { legalName: `Directory Supplier ${tag} GmbH`, roles: ['SUPPLIER'] });
    other = await createOrg(p.baseUrl, platform, { legalName: `Directory Bank ${tag} AG`, roles: ['FINANCIER'] });
    draft = await createOrg(p.baseUrl, platform, { legalName: `Directory Draft ${tag} SA`, approve: false, submit: false });
    submitted = await createOrg(p.baseUrl, platform, { legalName: `Directory Submitted ${tag} SA`, approve: false, submit: true });
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('refuses anonymous callers', async () => {
    expect((await platform.anonymous.get('/api/v1/counterparties')).status).toBe(401);
  });

  it("lists approved participants' id, legal name and roles to an organization member, not drafts, submissions or the operator", async () => {
    const res = await approved.member.get('/api/v1/counterparties');
    expect(res.status).toBe(200);
    const rows = res.body as Record<string, unknown>[];
    const ids = rows.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([approved.id, other.id]));
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(submitted.id);
    expect(rows.some((r) => (r.roles as string[]).includes('PLATFORM'))).toBe(false);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['id', 'legalName', 'roles']);
    expect(rows.find((r) => r.id === other.id)).toEqual({ id: other.id, legalName: expect.stringMatching(/^Directory Bank /), roles: ['FINANCIER'] });
    const names = rows.map((r) => r.legalName as string);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('answers the same list to platform users', async () => {
    const mine = (await approved.admin.get('/api/v1/counterparties')).body;
    expect((await platform.auditor.get('/api/v1/counterparties')).body).toEqual(mine);
  });
});
