import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createOrg, platformClients } from '../support/auth.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

/** A KYC rejection is not a dead end: the organization corrects its file and resubmits (issue 14). */
describe('KYC resubmission after a rejection', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    platform = await platformClients(p.baseUrl, p.db.url);
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('lets the admin correct the profile and resubmit a rejected file, screened again; refuses resubmitting anything else', async () => {
    const org = await createOrg(p.baseUrl, platform, { approve: false, submit: false });
    const path = `/api/v1/organizations/${org.id}/kyc`;
    // a draft is submitted, not resubmitted
    const early = await org.admin.post(`${path}/resubmit`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('KYC_TRANSITION_NOT_ALLOWED');
    expect((await org.admin.post(`${path}/submit`)).status).toBe(200);
    expect((await platform.kyc.post(`${path}/reject`, { reason: 'VAT id missing.' })).body.kycState).toBe('REJECTED');
    // the member may not resubmit; the admin corrects the file and does
    expect((await org.member.post(`${path}/resubmit`)).status).toBe(403);
    const patched = await org.admin.patch(`/api/v1/organizations/${org.id}`, { vatId: 'DE123456789' });
    expect(patched.status).toBe(200);
    const again = await org.admin.post(`${path}/resubmit`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ kycState: 'SUBMITTED', vatId: 'DE123456789' });
    const screening = await platform.kyc.get(`${path}/screening`);
    expect(screening.status).toBe(200);
    expect(screening.body.status).toBe('CLEAR');
    // once submitted again, the officer decides as for a first submission
    expect((await platform.kyc.post(`${path}/approve`, { note: 'Corrected.', expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString() })).body.kycState).toBe('APPROVED');
    expect((await org.admin.post(`${path}/resubmit`)).status).toBe(409);
    const audit = await platform.auditor.get(`/api/v1/audit?organizationId=${org.id}&pageSize=50`);
    expect((audit.body.items as { action: string }[]).map((e) => e.action)).toContain('kyc.resubmit');
    // the audit log filters by actor (part of the email, any case) and by date
    const mine = await platform.auditor.get(`/api/v1/audit?organizationId=${org.id}&actor=${encodeURIComponent(org.adminEmail.slice(0, 12).toUpperCase())}&pageSize=50`);
    expect(mine.status).toBe(200);
    const actors = new Set((mine.body.items as { actor: string }[]).map((e) => e.actor));
    expect([...actors]).toEqual([org.adminEmail]);
    expect((mine.body.items as { action: string }[]).map((e) => e.action)).toEqual(expect.arrayContaining(['kyc.submit', 'kyc.resubmit']));
    const future = await platform.auditor.get(`/api/v1/audit?organizationId=${org.id}&from=${new Date(Date.now() + 86_400_000).toISOString()}`);
    expect(future.body.total).toBe(0);
  });
});
