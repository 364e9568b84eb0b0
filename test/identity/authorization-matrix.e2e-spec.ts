import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Wallet } from 'ethers';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import {
  client,
  createOrg,
  freshLei,
  login,
  platformClients,
  TEST_PASSWORD,
  type Client,
  type Http,
  type TestOrg,
  acceptInvite,
} from '../support/auth.js';
import { inviteTokenOf } from '../support/mailbox.js';

/**
 * The authorization matrix of every identity and audit endpoint (issue 3, acceptance): every
 * actor × every endpoint × the actor's own organization (A) and a foreign one (B) → the expected
 * status, on the real API (real PostgreSQL, real anvil, HTTP).
 *
 * Actors: anonymous; the three platform users (their home is the platform operator's
 * organization, so A and B are both "other" organizations to them and they see both); ORG_ADMIN
 * and ORG_MEMBER of A. Column A is "own" for the organization roles, column B "foreign".
 *
 * Beyond the status, every cell checks:
 * - no body returned to an actor of A (or to anonymous) contains B's id, LEI, legal name, user ids
 *   or user emails; the only exception is an id the caller itself sent, echoed in a 404 message;
 * - for an organization role acting on B, the answer (status, code, message, details) is exactly
 *   the answer for a random id that exists nowhere: existence does not leak. This, not the number
 *   403 or 404, is the invariant: an endpoint an organization role may not call at all answers 403
 *   for any id, its own, a foreign or a missing one, so its 403 on B reveals nothing;
 * - a refused mutation appends no audit row for its actor (it changed nothing);
 * - list endpoints return only A's rows to A's users (checked against the database).
 *
 * Rows whose success changes KYC state get a fresh target in the row's starting state per cell
 * (and, for A's roles on column A, a fresh A with its own admin and member), so no cell depends
 * on another.
 */

const ACTORS = ['anonymous', 'PLATFORM_ADMIN', 'KYC_OFFICER', 'AUDITOR', 'ORG_ADMIN', 'ORG_MEMBER'] as const;
type ActorName = (typeof ACTORS)[number];
const ORG_ROLES: readonly ActorName[] = ['ORG_ADMIN', 'ORG_MEMBER'];

type TargetKind = 'none' | 'organization' | 'user';
type Fresh = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'SCREENING_HIT' | 'REJECTED';

interface OrgRef {
  id: string;
  lei: string;
  legalName: string;
}
/** What a cell acts on: an organization (and a user of it), real or made up (`missing`). */
interface Target {
  column: 'A' | 'B' | '-';
  missing: boolean;
  org: OrgRef;
  user: { id: string; email: string };
}
interface Actor {
  name: ActorName;
  /** Its access token (none for anonymous), and a JSON client that sends it. */
  token: string | null;
  client: Client;
  email: string;
  userId: string;
  organizationId: string;
}
interface Req {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
  /** Sent as the `file` part of a multipart/form-data body instead of JSON. */
  file?: { name: string; content: Buffer };
}
interface CellContext {
  actor: Actor;
  target: Target;
  /** The actor's own organization A of the cell (the shared A, or a fresh one) and its admin and member. */
  own: { org: OrgRef; adminEmail: string; memberEmail: string };
}
interface Row {
  endpoint: string;
  target: TargetKind;
  /** Statuses by actor, in the order of ACTORS; "A B" per actor for targeted rows. */
  expect: string;
  fresh?: Fresh;
  request: (ctx: CellContext) => Promise<Req> | Req;
  /** Extra assertions on a 2xx answer. */
  check?: (res: Http, ctx: CellContext) => Promise<void> | void;
}

const expiresAt = () => new Date(Date.now() + 365 * 86_400_000).toISOString();
const tag = () => randomBytes(4).toString('hex');
const peppolId = () => `0088:${Date.now()}${Math.floor(Math.random() * 1_000)}`;
const ids = (items: { id: string }[]) => items.map((i) => i.id);
/** A small valid PDF, different each time (documents are content-addressed). */
const kycPdf = () => ({
  name: 'register-extract.pdf',
  content: Buffer.from(`%PDF-1.4\n% ${tag()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`),
});

// Shared fixture, filled in beforeAll (the rows below read it when their cells run).
let p: TestPlatform;
let sql: pg.Client;
let platform: Awaited<ReturnType<typeof platformClients>>;
let A: TestOrg;
let B: TestOrg;
let aRef: OrgRef;
let bRef: OrgRef;
const userIds = new Map<string, string>(); // email -> id
let colleagueEmail: string; // a second ORG_MEMBER of A: the target of the user rows in column A
let actors: Record<ActorName, Actor>;

const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
  (await sql.query(text, params)).rows as T[];
const count = async (text: string, params: unknown[] = []) => Number((await q<{ n: string }>(text, params))[0]!.n);
/**
 * The total of an audit page, against the database: at least the rows (of one organization, or
 * all) up to the newest row on the page, at most the rows now. The outbox worker may append rows
 * meanwhile, and the page's items and count are two queries.
 */
async function expectAuditTotal(page: { total: number; items: { seq: string }[] }, organizationId: string | null): Promise<void> {
  const rows = (upToSeq: string | null) =>
    count('SELECT count(*) AS n FROM audit_log WHERE ($1::bigint IS NULL OR seq <= $1) AND ($2::uuid IS NULL OR organization_id = $2)', [
      upToSeq,
      organizationId,
    ]);
  expect(page.total).toBeGreaterThanOrEqual(await rows(page.items[0]!.seq));
  expect(page.total).toBeLessThanOrEqual(await rows(null));
}
const userIdOf = async (email: string) => {
  if (!userIds.has(email)) userIds.set(email, (await q<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]))[0]!.id);
  return userIds.get(email)!;
};

/**
 * The table. Columns: anonymous | PLATFORM_ADMIN | KYC_OFFICER | AUDITOR | ORG_ADMIN | ORG_MEMBER;
 * each cell "status on A  status on B" for rows that target an organization or a user.
 */
const ROWS: Row[] = [
  // ---------------------------------------------------------------- auth (public except /me)
  {
    endpoint: 'POST /auth/login',
    target: 'none',
    expect: '200 | 200 | 200 | 200 | 200 | 200',
    request: ({ actor }) => ({ method: 'POST', path: '/auth/login', body: { email: actor.email, password: TEST_PASSWORD } }),
    check: (res) => expect(typeof res.body.accessToken).toBe('string'),
  },
  {
    endpoint: 'POST /auth/refresh',
    target: 'none',
    expect: '200 | 200 | 200 | 200 | 200 | 200',
    request: async ({ actor }) => ({
      method: 'POST',
      path: '/auth/refresh',
      body: { refreshToken: (await login(p.baseUrl, actor.email)).refreshToken },
    }),
    check: (res) => expect(typeof res.body.refreshToken).toBe('string'),
  },
  {
    endpoint: 'POST /auth/logout',
    target: 'none',
    expect: '204 | 204 | 204 | 204 | 204 | 204',
    request: async ({ actor }) => ({
      method: 'POST',
      path: '/auth/logout',
      body: { refreshToken: (await login(p.baseUrl, actor.email)).refreshToken },
    }),
  },
  {
    endpoint: 'POST /auth/invites/accept',
    target: 'none',
    expect: '204 | 204 | 204 | 204 | 204 | 204',
    request: async () => {
      const email = `invited-${tag()}@test.tally`;
      const created = await platform.admin.post('/api/v1/users', { email, name: 'Invited', roles: ['ORG_MEMBER'], organizationId: A.id });
      expect(created.status).toBe(201);
      return { method: 'POST', path: '/auth/invites/accept', body: { token: inviteTokenOf(p.baseUrl, email), password: TEST_PASSWORD } };
    },
  },
  {
    endpoint: 'GET /auth/me',
    target: 'none',
    expect: '401 | 200 | 200 | 200 | 200 | 200',
    request: () => ({ method: 'GET', path: '/auth/me' }),
    check: (res, { actor }) =>
      expect(res.body).toMatchObject({ id: actor.userId, email: actor.email, organizationId: actor.organizationId }),
  },

  // ---------------------------------------------------------------- organizations
  {
    endpoint: 'POST /organizations',
    target: 'none',
    expect: '401 | 201 | 403 | 403 | 403 | 403',
    request: () => ({
      method: 'POST',
      path: '/organizations',
      body: { legalName: `Matrix New ${tag()} GmbH`, lei: freshLei(), country: 'DE', roles: ['BUYER'] },
    }),
    check: (res) => expect(res.body.kycState).toBe('DRAFT'),
  },
  {
    endpoint: 'GET /organizations',
    target: 'none',
    expect: '401 | 200 | 200 | 200 | 200 | 200',
    request: () => ({ method: 'GET', path: '/organizations?pageSize=200' }),
    check: async (res, { actor }) => {
      if (ORG_ROLES.includes(actor.name)) {
        expect(ids(res.body.items)).toEqual([actor.organizationId]);
        expect(res.body.total).toBe(1);
      } else {
        expect(res.body.total).toBe(await count('SELECT count(*) AS n FROM organizations'));
        expect(ids(res.body.items)).toEqual(expect.arrayContaining([aRef.id, bRef.id]));
      }
    },
  },
  {
    endpoint: 'GET /organizations?q=<legal name>',
    target: 'organization',
    expect: '401 401 | 200 200 | 200 200 | 200 200 | 200 200 | 200 200',
    request: ({ target }) => ({ method: 'GET', path: `/organizations?q=${encodeURIComponent(target.org.legalName)}` }),
    check: (res, { actor, target }) => {
      const visible = !ORG_ROLES.includes(actor.name) || target.column === 'A';
      expect(ids(res.body.items)).toEqual(visible ? [target.org.id] : []);
      expect(res.body.total).toBe(visible ? 1 : 0);
    },
  },
  {
    endpoint: 'GET /organizations/:id',
    target: 'organization',
    expect: '401 401 | 200 200 | 200 200 | 200 200 | 200 404 | 200 404',
    request: ({ target }) => ({ method: 'GET', path: `/organizations/${target.org.id}` }),
    check: (res, { target }) => expect(res.body).toMatchObject({ id: target.org.id, lei: target.org.lei }),
  },
  {
    endpoint: 'PATCH /organizations/:id',
    target: 'organization',
    expect: '401 401 | 200 200 | 403 403 | 403 403 | 200 404 | 403 403',
    request: ({ target }) => ({ method: 'PATCH', path: `/organizations/${target.org.id}`, body: { peppolIds: [peppolId()] } }),
    check: (res, { target }) => expect(res.body.id).toBe(target.org.id),
  },
  {
    endpoint: 'POST /organizations/:id/kyc/submit',
    target: 'organization',
    fresh: 'DRAFT',
    expect: '401 401 | 200 200 | 403 403 | 403 403 | 200 404 | 403 403',
    request: ({ target }) => ({ method: 'POST', path: `/organizations/${target.org.id}/kyc/submit`, body: {} }),
    check: (res) => expect(res.body.kycState).toBe('SUBMITTED'),
  },
  {
    endpoint: 'POST /organizations/:id/kyc/resubmit',
    target: 'organization',
    fresh: 'REJECTED',
    expect: '401 401 | 200 200 | 403 403 | 403 403 | 200 404 | 403 403',
    request: ({ target }) => ({ method: 'POST', path: `/organizations/${target.org.id}/kyc/resubmit`, body: {} }),
    check: (res) => expect(res.body.kycState).toBe('SUBMITTED'),
  },
  {
    endpoint: 'POST /organizations/:id/kyc/approve',
    target: 'organization',
    fresh: 'SUBMITTED',
    expect: '401 401 | 403 403 | 200 200 | 403 403 | 403 403 | 403 403',
    request: ({ target }) => ({
      method: 'POST',
      path: `/organizations/${target.org.id}/kyc/approve`,
      body: { note: 'Documents complete.', expiresAt: expiresAt() },
    }),
    check: (res) => expect(res.body.kycState).toBe('APPROVED'),
  },
  {
    endpoint: 'POST /organizations/:id/kyc/reject',
    target: 'organization',
    fresh: 'SUBMITTED',
    expect: '401 401 | 403 403 | 200 200 | 403 403 | 403 403 | 403 403',
    request: ({ target }) => ({
      method: 'POST',
      path: `/organizations/${target.org.id}/kyc/reject`,
      body: { reason: 'Owner not verified.' },
    }),
    check: (res) => expect(res.body.kycState).toBe('REJECTED'),
  },
  {
    endpoint: 'POST /organizations/:id/kyc/suspend',
    target: 'organization',
    fresh: 'APPROVED',
    expect: '401 401 | 200 200 | 200 200 | 403 403 | 403 403 | 403 403',
    request: ({ target }) => ({ method: 'POST', path: `/organizations/${target.org.id}/kyc/suspend`, body: { reason: 'Adverse media.' } }),
    check: (res) => expect(res.body.kycState).toBe('SUSPENDED'),
  },
  {
    endpoint: 'GET /organizations/:id/kyc/screening',
    target: 'organization',
    expect: '401 401 | 200 200 | 200 200 | 200 200 | 403 403 | 403 403',
    request: ({ target }) => ({ method: 'GET', path: `/organizations/${target.org.id}/kyc/screening` }),
    check: (res) => expect(res.body.status).toBe('CLEAR'),
  },
  {
    endpoint: 'POST /organizations/:id/kyc/screening',
    target: 'organization',
    expect: '401 401 | 403 403 | 200 200 | 403 403 | 403 403 | 403 403',
    request: ({ target }) => ({ method: 'POST', path: `/organizations/${target.org.id}/kyc/screening`, body: {} }),
    check: (res) => expect(res.body.status).toBe('CLEAR'),
  },
  {
    endpoint: 'POST /organizations/:id/kyc/screening/false-positives',
    target: 'organization',
    fresh: 'SCREENING_HIT',
    expect: '401 401 | 403 403 | 200 200 | 403 403 | 403 403 | 403 403',
    request: async ({ target }) => {
      const hitId = target.missing
        ? 'no-such-hit'
        : (await platform.kyc.get(`/api/v1/organizations/${target.org.id}/kyc/screening`)).body.hits[0].hitId;
      return {
        method: 'POST',
        path: `/organizations/${target.org.id}/kyc/screening/false-positives`,
        body: { hitId, reason: 'Different legal entity, other registry.' },
      };
    },
    check: (res) => expect(res.body.hits.some((h: { cleared: boolean }) => h.cleared)).toBe(true),
  },
  {
    endpoint: 'GET /organizations/:id/wallets',
    target: 'organization',
    expect: '401 401 | 200 200 | 200 200 | 200 200 | 200 404 | 200 404',
    request: ({ target }) => ({ method: 'GET', path: `/organizations/${target.org.id}/wallets` }),
    check: (res, { target }) => {
      expect(res.body.length).toBeGreaterThan(0);
      expect(res.body.every((w: { organizationId: string }) => w.organizationId === target.org.id)).toBe(true);
    },
  },
  {
    endpoint: 'POST /organizations/:id/wallets/challenges',
    target: 'organization',
    expect: '401 401 | 201 201 | 403 403 | 403 403 | 201 404 | 403 403',
    request: ({ target }) => ({
      method: 'POST',
      path: `/organizations/${target.org.id}/wallets/challenges`,
      body: { address: Wallet.createRandom().address },
    }),
    check: (res, { target }) => expect(res.body.message).toContain(`Organization: ${target.org.id}`),
  },
  {
    endpoint: 'POST /organizations/:id/wallets',
    target: 'organization',
    expect: '401 401 | 201 201 | 403 403 | 403 403 | 201 404 | 403 403',
    request: async ({ target }) => {
      // a valid challenge of the target (issued to its platform admin) and the right signature
      const key = Wallet.createRandom();
      if (target.missing)
        return {
          method: 'POST',
          path: `/organizations/${target.org.id}/wallets`,
          body: { challengeId: randomUUID(), signature: await key.signMessage('x') },
        };
      const c = await platform.admin.post(`/api/v1/organizations/${target.org.id}/wallets/challenges`, { address: key.address });
      expect(c.status).toBe(201);
      return {
        method: 'POST',
        path: `/organizations/${target.org.id}/wallets`,
        body: { challengeId: c.body.challengeId, signature: await key.signMessage(c.body.message) },
      };
    },
    check: (res, { target }) => expect(res.body).toMatchObject({ organizationId: target.org.id, kind: 'EXTERNAL' }),
  },
  {
    endpoint: 'POST /organizations/:id/kyc/documents',
    target: 'organization',
    expect: '401 401 | 201 201 | 403 403 | 403 403 | 201 404 | 403 403',
    request: ({ target }) => ({ method: 'POST', path: `/organizations/${target.org.id}/kyc/documents`, file: kycPdf() }),
    check: (res, { target }) => expect(res.body).toMatchObject({ kind: 'KYC', ownerOrganizationId: target.org.id }),
  },
  {
    endpoint: 'GET /organizations/:id/kyc/documents',
    target: 'organization',
    expect: '401 401 | 200 200 | 200 200 | 200 200 | 200 404 | 200 404',
    request: async ({ target }) => {
      // the target has at least one document (added by a platform admin)
      if (!target.missing)
        expect(
          (await send(actors.PLATFORM_ADMIN, { method: 'POST', path: `/organizations/${target.org.id}/kyc/documents`, file: kycPdf() }))
            .status,
        ).toBe(201);
      return { method: 'GET', path: `/organizations/${target.org.id}/kyc/documents` };
    },
    check: (res, { target }) => {
      expect(res.body.length).toBeGreaterThan(0);
      expect(res.body.every((d: { ownerOrganizationId: string }) => d.ownerOrganizationId === target.org.id)).toBe(true);
    },
  },
  {
    endpoint: 'GET /kyc/queue',
    target: 'none',
    expect: '401 | 200 | 200 | 200 | 403 | 403',
    request: () => ({ method: 'GET', path: '/kyc/queue' }),
    check: (res) => expect(Array.isArray(res.body)).toBe(true),
  },

  // ---------------------------------------------------------------- users
  {
    endpoint: 'POST /users',
    target: 'organization',
    expect: '401 401 | 201 201 | 403 403 | 403 403 | 201 404 | 403 403',
    request: ({ target }) => ({
      method: 'POST',
      path: '/users',
      body: {
        email: `matrix-${tag()}@test.tally`,
        name: 'Matrix User',
        roles: ['ORG_MEMBER'],
        organizationId: target.org.id,
      },
    }),
    check: (res, { target }) => expect(res.body.organizationId).toBe(target.org.id),
  },
  {
    endpoint: 'GET /users',
    target: 'none',
    expect: '401 | 200 | 403 | 200 | 200 | 403',
    request: () => ({ method: 'GET', path: '/users?pageSize=200' }),
    check: async (res, { actor, own }) => {
      if (ORG_ROLES.includes(actor.name)) {
        expect(res.body.items.every((u: { organizationId: string }) => u.organizationId === actor.organizationId)).toBe(true);
        expect(res.body.total).toBe(await count('SELECT count(*) AS n FROM users WHERE organization_id = $1', [actor.organizationId]));
        expect(res.body.items.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining([own.adminEmail, own.memberEmail]));
      } else {
        expect(res.body.total).toBe(await count('SELECT count(*) AS n FROM users'));
      }
    },
  },
  {
    endpoint: 'GET /users?organizationId=:id',
    target: 'organization',
    expect: '401 401 | 200 200 | 403 403 | 200 200 | 200 200 | 403 403',
    request: ({ target }) => ({ method: 'GET', path: `/users?pageSize=200&organizationId=${target.org.id}` }),
    check: async (res, { actor, target }) => {
      const visible = !ORG_ROLES.includes(actor.name) || target.column === 'A';
      expect(res.body.items.every((u: { organizationId: string }) => u.organizationId === target.org.id)).toBe(true);
      expect(res.body.total).toBe(visible ? await count('SELECT count(*) AS n FROM users WHERE organization_id = $1', [target.org.id]) : 0);
    },
  },
  {
    endpoint: 'GET /users/:id (the caller itself)',
    target: 'none',
    expect: '401 | 200 | 200 | 200 | 200 | 200',
    request: ({ actor }) => ({ method: 'GET', path: `/users/${actor.userId}` }),
    check: (res, { actor }) => expect(res.body).toMatchObject({ id: actor.userId, email: actor.email }),
  },
  {
    // A: another member of A (not the caller); B: B's member
    endpoint: 'GET /users/:id',
    target: 'user',
    expect: '401 401 | 200 200 | 404 404 | 200 200 | 200 404 | 404 404',
    request: ({ target }) => ({ method: 'GET', path: `/users/${target.user.id}` }),
    check: (res, { target }) => expect(res.body).toMatchObject({ id: target.user.id, organizationId: target.org.id }),
  },
  {
    endpoint: 'PATCH /users/:id',
    target: 'user',
    expect: '401 401 | 200 200 | 403 403 | 403 403 | 200 404 | 403 403',
    request: ({ target }) => ({ method: 'PATCH', path: `/users/${target.user.id}`, body: { name: `Renamed ${tag()}` } }),
    check: (res, { target }) => expect(res.body.id).toBe(target.user.id),
  },

  // ---------------------------------------------------------------- audit
  {
    endpoint: 'GET /audit',
    target: 'none',
    expect: '401 | 200 | 200 | 200 | 200 | 200',
    request: () => ({ method: 'GET', path: '/audit?pageSize=200' }),
    check: async (res, { actor }) => {
      const scope = ORG_ROLES.includes(actor.name) ? actor.organizationId : null;
      if (scope) expect(res.body.items.every((e: { organizationId: string }) => e.organizationId === scope)).toBe(true);
      else expect(new Set(res.body.items.map((e: { organizationId: string }) => e.organizationId)).size).toBeGreaterThan(1);
      await expectAuditTotal(res.body, scope);
    },
  },
  {
    endpoint: 'GET /audit?organizationId=:id',
    target: 'organization',
    expect: '401 401 | 200 200 | 200 200 | 200 200 | 200 200 | 200 200',
    request: ({ target }) => ({ method: 'GET', path: `/audit?pageSize=200&organizationId=${target.org.id}` }),
    check: async (res, { actor, target }) => {
      const visible = !ORG_ROLES.includes(actor.name) || target.column === 'A';
      expect(res.body.items.every((e: { organizationId: string }) => e.organizationId === target.org.id)).toBe(true);
      if (visible) await expectAuditTotal(res.body, target.org.id);
      else expect(res.body.total).toBe(0);
    },
  },
  {
    endpoint: 'GET /audit/verify',
    target: 'none',
    expect: '401 | 200 | 403 | 200 | 403 | 403',
    request: () => ({ method: 'GET', path: '/audit/verify' }),
    check: (res) => expect(res.body.ok).toBe(true),
  },
];

/** "401 401 | 200 404 | …" → per actor [status on A, status on B] (or [status]). */
function parseExpect(row: Row): Record<ActorName, number[]> {
  const cols = row.expect.split('|').map((c) => c.trim().split(/\s+/).map(Number));
  const width = row.target === 'none' ? 1 : 2;
  if (cols.length !== ACTORS.length || cols.some((c) => c.length !== width || c.some((n) => !Number.isInteger(n)))) {
    throw new Error(`${row.endpoint}: the expectation "${row.expect}" needs ${ACTORS.length} columns of ${width} status(es)`);
  }
  return Object.fromEntries(ACTORS.map((a, i) => [a, cols[i]!])) as Record<ActorName, number[]>;
}

/** A fresh organization in a given KYC state; with an admin and a member when `users`. */
async function freshOrg(state: Fresh, users: boolean, column: 'A' | 'B'): Promise<{ ref: OrgRef; org?: TestOrg }> {
  // two different names on the sanctions sample list, so A's and B's names never coincide
  const legalName =
    state === 'SCREENING_HIT'
      ? column === 'A'
        ? 'Oceanic Shadow Trading Ltd'
        : 'Crimson Delta Finance SA'
      : `Matrix ${column} ${tag()} GmbH`;
  let id: string;
  let org: TestOrg | undefined;
  if (users) {
    org = await createOrg(p.baseUrl, platform, { legalName, approve: state === 'APPROVED', submit: state !== 'DRAFT' });
    id = org.id;
  } else {
    const created = await platform.admin.post('/api/v1/organizations', { legalName, lei: freshLei(), country: 'DE', roles: ['SUPPLIER'] });
    expect(created.status).toBe(201);
    id = created.body.id;
    if (state !== 'DRAFT') expect((await platform.admin.post(`/api/v1/organizations/${id}/kyc/submit`)).status).toBe(200);
    if (state === 'APPROVED')
      expect(
        (await platform.kyc.post(`/api/v1/organizations/${id}/kyc/approve`, { note: 'Approved for the matrix.', expiresAt: expiresAt() }))
          .status,
      ).toBe(200);
  }
  if (state === 'REJECTED')
    expect((await platform.kyc.post(`/api/v1/organizations/${id}/kyc/reject`, { reason: 'Rejected for the matrix.' })).status).toBe(200);
  const row = (await q<{ lei: string; kyc_state: string }>('SELECT lei, kyc_state FROM organizations WHERE id = $1', [id]))[0]!;
  expect(row.kyc_state).toBe(state === 'SCREENING_HIT' ? 'SUBMITTED' : state);
  return { ref: { id, lei: row.lei, legalName }, org };
}

const tokens = new Map<string, string>(); // email -> access token (one login per user)
async function actorOf(name: ActorName, email: string): Promise<Actor> {
  const userId = await userIdOf(email);
  const organizationId = (await q<{ organization_id: string }>('SELECT organization_id FROM users WHERE id = $1', [userId]))[0]!
    .organization_id;
  if (name !== 'anonymous' && !tokens.has(email)) tokens.set(email, (await login(p.baseUrl, email)).accessToken);
  const token = name === 'anonymous' ? null : tokens.get(email)!;
  return { name, token, client: client(p.baseUrl, token ?? undefined), email, userId, organizationId };
}

/** Everything of B (and of a fresh B of the cell) that must never reach an actor of A. */
async function foreignSecrets(extra?: OrgRef): Promise<string[]> {
  const secrets = [
    bRef.id,
    bRef.lei,
    bRef.legalName,
    B.adminEmail,
    B.memberEmail,
    await userIdOf(B.adminEmail),
    await userIdOf(B.memberEmail),
  ];
  if (extra) secrets.push(extra.id, extra.lei, extra.legalName);
  return secrets;
}

/** The body as text, with the ids the caller itself sent replaced (a 404 message echoes them). */
function withoutEcho(body: unknown, sent: string[]): string {
  let text = JSON.stringify(body ?? null);
  for (const s of sent) text = text.split(s).join('<sent>');
  return text;
}

function comparable(res: Http, sent: string[]): unknown {
  const body = JSON.parse(withoutEcho(res.body, sent)) as unknown;
  if (body && typeof body === 'object' && !Array.isArray(body)) delete (body as Record<string, unknown>).requestId;
  return { status: res.status, body };
}

async function send(actor: Actor, r: Req): Promise<Http> {
  if (!r.file) return actor.client.call(r.method, `/api/v1${r.path}`, r.method === 'GET' ? undefined : (r.body ?? {}));
  const form = new FormData();
  form.append('file', new Blob([r.file.content]), r.file.name);
  const res = await fetch(`${p.baseUrl}/api/v1${r.path}`, {
    method: r.method,
    body: form,
    headers: actor.token ? { authorization: `Bearer ${actor.token}` } : {},
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, headers: res.headers };
}
const auditRowsBy = (email: string) => count('SELECT count(*) AS n FROM audit_log WHERE actor_label = $1', [email]);

async function runCell(row: Row, actorName: ActorName, column: 'A' | 'B' | '-', expected: number): Promise<void> {
  const isOrgRole = ORG_ROLES.includes(actorName);
  let own = { org: aRef, adminEmail: A.adminEmail, memberEmail: A.memberEmail };
  let targetOrg: OrgRef = column === 'B' ? bRef : aRef;
  let freshForeign: OrgRef | undefined;
  if (row.fresh && column !== '-') {
    const f = await freshOrg(row.fresh, isOrgRole && column === 'A', column);
    targetOrg = f.ref;
    if (column === 'B') freshForeign = f.ref;
    if (f.org) own = { org: f.ref, adminEmail: f.org.adminEmail, memberEmail: f.org.memberEmail };
  }
  const actor: Actor =
    actorName === 'ORG_ADMIN'
      ? await actorOf(actorName, own.adminEmail)
      : actorName === 'ORG_MEMBER'
        ? await actorOf(actorName, own.memberEmail)
        : actors[actorName];
  const targetUser =
    column === 'B'
      ? { id: await userIdOf(B.memberEmail), email: B.memberEmail }
      : { id: await userIdOf(colleagueEmail), email: colleagueEmail };
  const target: Target = { column, missing: false, org: targetOrg, user: targetUser };
  const ctx: CellContext = { actor, target, own };

  const req = await row.request(ctx);
  const mutating = req.method !== 'GET';
  const auditBefore = mutating && actorName !== 'anonymous' ? await auditRowsBy(actor.email) : 0;
  const res = await send(actor, req);
  const where = `${row.endpoint} as ${actorName}${column === '-' ? '' : ` on ${column}`}`;

  expect({ where, status: res.status }).toEqual({ where, status: expected });
  if (res.status >= 200 && res.status < 300) await row.check?.(res, ctx);
  else if (mutating && actorName !== 'anonymous')
    expect({ where, auditRowsByActor: await auditRowsBy(actor.email) }).toEqual({ where, auditRowsByActor: auditBefore });

  // nothing of B reaches A's users (or anonymous), except an id the caller sent itself
  if (isOrgRole || actorName === 'anonymous') {
    const sent = column === 'B' ? [targetOrg.id, targetUser.id] : [];
    const text = withoutEcho(res.body, sent);
    for (const secret of await foreignSecrets(freshForeign)) {
      if (text.includes(secret)) throw new Error(`${where}: the answer contains foreign data "${secret}": ${text.slice(0, 600)}`);
    }
  }

  // B answers exactly like an organization (or user) that does not exist
  if (isOrgRole && column === 'B') {
    const missing: Target = {
      column: 'B',
      missing: true,
      org: { id: randomUUID(), lei: freshLei(), legalName: `No Such Org ${tag()}` },
      user: { id: randomUUID(), email: `nobody-${tag()}@test.tally` },
    };
    const missingReq = await row.request({ actor, target: missing, own });
    const ghost = await send(actor, missingReq);
    expect({ where, answer: comparable(res, [targetOrg.id, targetUser.id, targetOrg.legalName]) }).toEqual({
      where,
      answer: comparable(ghost, [missing.org.id, missing.user.id, missing.org.legalName]),
    });
  }
}

describe('authorization matrix: every actor × every identity and audit endpoint × own and foreign organization', () => {
  beforeAll(async () => {
    p = await startTestPlatform({ env: { ACCESS_TOKEN_TTL_S: '3600' } });
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    [A, B] = await Promise.all([createOrg(p.baseUrl, platform), createOrg(p.baseUrl, platform)]);
    colleagueEmail = `colleague-${tag()}@test.tally`;
    const colleague = await platform.admin.post('/api/v1/users', {
      email: colleagueEmail,
      name: 'Colleague',
      roles: ['ORG_MEMBER'],
      organizationId: A.id,
    });
    expect(colleague.status).toBe(201);
    await acceptInvite(p.baseUrl, colleagueEmail);
    const ref = async (o: TestOrg): Promise<OrgRef> => {
      const r = (await platform.admin.get(`/api/v1/organizations/${o.id}`)).body;
      return { id: r.id, lei: r.lei, legalName: r.legalName };
    };
    [aRef, bRef] = await Promise.all([ref(A), ref(B)]);
    actors = {
      anonymous: await actorOf('anonymous', A.memberEmail), // on the public routes it logs in as A's member
      PLATFORM_ADMIN: await actorOf('PLATFORM_ADMIN', platform.emails.admin),
      KYC_OFFICER: await actorOf('KYC_OFFICER', platform.emails.kyc),
      AUDITOR: await actorOf('AUDITOR', platform.emails.auditor),
      ORG_ADMIN: await actorOf('ORG_ADMIN', A.adminEmail),
      ORG_MEMBER: await actorOf('ORG_MEMBER', A.memberEmail),
    };
  });

  afterAll(async () => {
    await sql?.end();
    await p?.close();
  });

  it('covers every route of the identity and audit controllers', async () => {
    const doc = (await client(p.baseUrl).get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => /^\/api\/v1\/(auth|organizations|kyc|users|audit)(\/|$)/.test(path))
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace('/api/v1', '').replace(/\{[^}]+\}/g, ':id')}`),
      );
    const covered = new Set(ROWS.map((r) => r.endpoint.split(/[?\s]/).slice(0, 2).join(' ')));
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });

  describe('separation of duties', () => {
    // a PLATFORM_ADMIN may not approve KYC, nor give itself (or anyone) KYC_OFFICER next to PLATFORM_ADMIN
    it('a PLATFORM_ADMIN cannot give itself KYC_OFFICER (403)', async () => {
      const self = actors.PLATFORM_ADMIN;
      const res = await send(self, {
        method: 'PATCH',
        path: `/users/${self.userId}`,
        body: { roles: ['PLATFORM_ADMIN', 'KYC_OFFICER'] },
      });
      if (res.status === 200) await send(self, { method: 'PATCH', path: `/users/${self.userId}`, body: { roles: ['PLATFORM_ADMIN'] } }); // undo
      expect(res.status).toBe(403);
    });
  });

  for (const row of ROWS) {
    const expected = parseExpect(row);
    describe(row.endpoint, () => {
      for (const actor of ACTORS) {
        const columns = row.target === 'none' ? (['-'] as const) : (['A', 'B'] as const);
        columns.forEach((column, i) => {
          const status = expected[actor][i]!;
          it(`${actor}${column === '-' ? '' : column === 'A' ? ' on A (own)' : ' on B (foreign)'} → ${status}`, () =>
            runCell(row, actor, column, status));
        });
      }
    });
  }
});
