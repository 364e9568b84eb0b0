import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { OrgRole, PlatformRole, type Role } from '#core';
import { demoLei, PasswordHasher } from '#identity';
import { inviteTokenOf } from './mailbox.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface Http {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

/** A tiny HTTP client of the API, as a user would call it. */
export function client(baseUrl: string, token?: string) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Http> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body ?? {}, headers),
    patch: (path: string, body?: unknown, headers?: Record<string, string>) => call('PATCH', path, body ?? {}, headers),
    call,
  };
}
export type Client = ReturnType<typeof client>;

export async function login(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await client(baseUrl).post('/api/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The new user opens the invite link mailed to them and sets a password (nobody else ever does). */
export async function acceptInvite(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<void> {
  const res = await client(baseUrl).post('/api/v1/auth/invites/accept', { token: inviteTokenOf(baseUrl, email), password });
  if (res.status !== 204) throw new Error(`accept invite of ${email}: ${res.status} ${JSON.stringify(res.body)}`);
}

let leiCounter = Number.parseInt(randomBytes(3).toString('hex'), 16);
/** A valid, unused LEI. */
export function freshLei(): string {
  return demoLei(1_000_000 + (leiCounter++ % 8_000_000));
}

/**
 * The platform operator's organization with its three platform users, written straight into
 * the database (the one thing no API call can create). Everything else goes through the API.
 */
export async function bootstrapPlatformUsers(databaseUrl: string): Promise<Record<'admin' | 'kyc' | 'auditor', string>> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const hash = await new PasswordHasher().hash(TEST_PASSWORD);
  const suffix = randomBytes(4).toString('hex');
  try {
    const { rows } = await c.query(
      `INSERT INTO organizations (legal_name, lei, country, roles, kyc_state, version) VALUES ('Tally Platform Operator', $1, 'LU', '{PLATFORM}', 'APPROVED', 1) RETURNING id`,
      [freshLei()],
    );
    const emails = { admin: `admin-${suffix}@test.tally`, kyc: `kyc-${suffix}@test.tally`, auditor: `auditor-${suffix}@test.tally` };
    const roles: Record<keyof typeof emails, Role> = { admin: PlatformRole.PLATFORM_ADMIN, kyc: PlatformRole.KYC_OFFICER, auditor: PlatformRole.AUDITOR };
    for (const k of Object.keys(emails) as (keyof typeof emails)[]) {
      await c.query(`INSERT INTO users (organization_id, email, name, password_hash, roles, version) VALUES ($1, $2, $3, $4, $5, 1)`, [
        rows[0].id,
        emails[k],
        k,
        hash,
        [roles[k]],
      ]);
    }
    return emails;
  } finally {
    await c.end();
  }
}

export interface TestOrg {
  id: string;
  adminEmail: string;
  memberEmail: string;
  admin: Client;
  member: Client;
}

/** An organization with an ORG_ADMIN and an ORG_MEMBER, created through the API; approved unless told otherwise. */
export async function createOrg(
  baseUrl: string,
  platform: { admin: Client; kyc: Client },
  options: { legalName?: string; roles?: string[]; country?: string; approve?: boolean; submit?: boolean; peppolIds?: string[]; vatId?: string } = {},
): Promise<TestOrg> {
  const tag = randomBytes(4).toString('hex');
  const created = await platform.admin.post('/api/v1/organizations', {
    legalName: options.legalName ?? `Test Org ${tag} GmbH`,
    lei: freshLei(),
    country: options.country ?? 'DE',
    roles: options.roles ?? ['SUPPLIER'],
    ...(options.peppolIds ? { peppolIds: options.peppolIds } : {}),
    ...(options.vatId ? { vatId: options.vatId } : {}),
  });
  if (created.status !== 201) throw new Error(`create org: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const adminEmail = `orgadmin-${tag}@test.tally`;
  const memberEmail = `member-${tag}@test.tally`;
  for (const [email, role] of [
    [adminEmail, OrgRole.ORG_ADMIN],
    [memberEmail, OrgRole.ORG_MEMBER],
  ] as const) {
    const u = await platform.admin.post('/api/v1/users', { email, name: email, roles: [role], organizationId: id });
    if (u.status !== 201) throw new Error(`create user: ${u.status} ${JSON.stringify(u.body)}`);
    await acceptInvite(baseUrl, email);
  }
  const admin = client(baseUrl, (await login(baseUrl, adminEmail)).accessToken);
  const member = client(baseUrl, (await login(baseUrl, memberEmail)).accessToken);
  const approve = options.approve ?? true;
  if (options.submit ?? approve) {
    const s = await admin.post(`/api/v1/organizations/${id}/kyc/submit`);
    if (s.status !== 200) throw new Error(`submit: ${s.status} ${JSON.stringify(s.body)}`);
  }
  if (approve) {
    const a = await platform.kyc.post(`/api/v1/organizations/${id}/kyc/approve`, { note: 'Approved in tests', expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString() });
    if (a.status !== 200) throw new Error(`approve: ${a.status} ${JSON.stringify(a.body)}`);
  }
  return { id, adminEmail, memberEmail, admin, member };
}

/** Logged-in clients of the three platform users. */
export async function platformClients(baseUrl: string, databaseUrl: string) {
  const emails = await bootstrapPlatformUsers(databaseUrl);
  const [admin, kyc, auditor] = await Promise.all([emails.admin, emails.kyc, emails.auditor].map((e) => login(baseUrl, e)));
  return {
    emails,
    admin: client(baseUrl, admin!.accessToken),
    kyc: client(baseUrl, kyc!.accessToken),
    auditor: client(baseUrl, auditor!.accessToken),
    anonymous: client(baseUrl),
  };
}

/** Waits until the organization's custodial wallet is registered on chain (the outbox runs it). */
export async function waitForVerifiedWallet(org: TestOrg, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const w = await org.admin.get(`/api/v1/organizations/${org.id}/wallets`);
    if (w.body?.[0]?.chainStatus === 'REGISTERED') return w.body[0].address as string;
    if (Date.now() > deadline) throw new Error(`wallet of ${org.id} not registered: ${JSON.stringify(w.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
