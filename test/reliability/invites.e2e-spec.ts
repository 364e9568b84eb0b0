import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { client, createOrg, login, platformClients, TEST_PASSWORD, type TestOrg } from '../support/auth.js';
import { inviteTokenOf, latestMailTo } from '../support/mailbox.js';

/** Separation of duties: nobody chooses another person's password; a new user sets it from a one-time link. */
describe('invites instead of admin-chosen passwords', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let org: TestOrg;
  let operatorOrgId: string;

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    platform = await platformClients(p.baseUrl, p.db.url);
    org = await createOrg(p.baseUrl, platform, { approve: false });
    operatorOrgId = (await platform.admin.get('/api/v1/auth/me')).body.organizationId;
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('the platform admin cannot create a KYC officer with a password of its choosing, nor set one later', async () => {
    const email = `officer-${randomBytes(4).toString('hex')}@test.tally`;
    const withPassword = await platform.admin.post('/api/v1/users', { email, name: 'Officer', password: 'chosen by the admin!', roles: ['KYC_OFFICER'], organizationId: operatorOrgId });
    expect(withPassword.status).toBe(400);

    const created = await platform.admin.post('/api/v1/users', { email, name: 'Officer', roles: ['KYC_OFFICER'], organizationId: operatorOrgId });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toMatch(/token|password/i);
    const set = await platform.admin.patch(`/api/v1/users/${created.body.id}`, { password: 'chosen by the admin!' });
    expect(set.status).toBe(403);
    expect(set.body.code).toBe('PASSWORD_NOT_YOURS');
    // nothing the admin could try logs in as the new officer
    for (const guess of ['chosen by the admin!', '!invited', '']) {
      expect((await client(p.baseUrl).post('/api/v1/auth/login', { email, password: guess })).status).not.toBe(200);
    }
  });

  it('the new user sets a password with the one-time link mailed to them, and logs in; the link works once', async () => {
    const email = `member-${randomBytes(4).toString('hex')}@test.tally`;
    expect((await org.admin.post('/api/v1/users', { email, name: 'New Member', roles: ['ORG_MEMBER'] })).status).toBe(201);
    const mail = latestMailTo(p.baseUrl, email);
    expect(mail.link).toContain('/#/invite?token=');
    const token = inviteTokenOf(p.baseUrl, email);
    const password = `my own ${randomBytes(6).toString('hex')}`;
    expect((await client(p.baseUrl).post('/api/v1/auth/invites/accept', { token, password })).status).toBe(204);
    expect((await login(p.baseUrl, email, password)).accessToken).toEqual(expect.any(String));
    const again = await client(p.baseUrl).post('/api/v1/auth/invites/accept', { token, password: TEST_PASSWORD });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('INVITE_INVALID');
    expect((await client(p.baseUrl).post('/api/v1/auth/login', { email, password: TEST_PASSWORD })).status).toBe(401);
  });
});
