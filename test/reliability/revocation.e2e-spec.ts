import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { client, createOrg, login, platformClients, type TestOrg } from '../support/auth.js';

/** Revocation takes effect on the next request: no access token outlives its user, its role or its session. */
describe('sessions end with their user', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let org: TestOrg;

  const userIdOf = async (email: string) => ((await platform.admin.get(`/api/v1/users?organizationId=${org.id}&pageSize=200`)).body.items as { id: string; email: string }[]).find((u) => u.email === email)!.id;

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    platform = await platformClients(p.baseUrl, p.db.url);
    org = await createOrg(p.baseUrl, platform, { approve: false });
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('a deactivated user: the very next request with its access token is 401', async () => {
    const s = await login(p.baseUrl, org.memberEmail);
    const me = client(p.baseUrl, s.accessToken);
    expect((await me.get('/api/v1/auth/me')).status).toBe(200);
    expect((await platform.admin.patch(`/api/v1/users/${await userIdOf(org.memberEmail)}`, { active: false })).status).toBe(200);
    const after = await me.get('/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.requestId).toEqual(expect.any(String));
    expect((await client(p.baseUrl).post('/api/v1/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
  });

  it('a demoted user: the very next request is judged with the new roles', async () => {
    const adminId = await userIdOf(org.adminEmail);
    const s = await login(p.baseUrl, org.adminEmail);
    const admin = client(p.baseUrl, s.accessToken);
    // an ORG_ADMIN may list its organization's users
    expect((await admin.get(`/api/v1/users?organizationId=${org.id}`)).status).toBe(200);
    expect((await admin.patch(`/api/v1/organizations/${org.id}`, { legalName: `${org.id.slice(0, 6)} Renamed GmbH` })).status).toBe(200);
    expect((await platform.admin.patch(`/api/v1/users/${adminId}`, { roles: ['ORG_MEMBER'] })).status).toBe(200);
    const refused = await admin.patch(`/api/v1/organizations/${org.id}`, { legalName: `${org.id.slice(0, 6)} Again GmbH` });
    expect(refused.status).toBe(403);
    expect((await platform.admin.patch(`/api/v1/users/${adminId}`, { roles: ['ORG_ADMIN'] })).status).toBe(200); // undo
  });

  it('logout: the access token of that session stops at once; another session of the user goes on', async () => {
    const a = await login(p.baseUrl, org.adminEmail);
    const b = await login(p.baseUrl, org.adminEmail);
    expect((await client(p.baseUrl, a.accessToken).get('/api/v1/auth/me')).status).toBe(200);
    expect((await client(p.baseUrl).post('/api/v1/auth/logout', { refreshToken: a.refreshToken })).status).toBe(204);
    expect((await client(p.baseUrl, a.accessToken).get('/api/v1/auth/me')).status).toBe(401);
    expect((await client(p.baseUrl, b.accessToken).get('/api/v1/auth/me')).status).toBe(200);
  });

  it('a password change ends every other session of the user', async () => {
    const s = await login(p.baseUrl, org.adminEmail);
    const other = await login(p.baseUrl, org.adminEmail);
    const id = await userIdOf(org.adminEmail);
    expect((await client(p.baseUrl, s.accessToken).patch(`/api/v1/users/${id}`, { password: 'another correct horse battery' })).status).toBe(200);
    expect((await client(p.baseUrl, other.accessToken).get('/api/v1/auth/me')).status).toBe(401);
  });
});
