import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Wallet } from 'ethers';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { client, createOrg, freshLei, login, platformClients, type Client, type Http, type TestOrg } from '../support/auth.js';

/**
 * The authorization matrix generated from the OpenAPI document of the running API (issue 12):
 * every operation × six actors (anonymous, PLATFORM_ADMIN, KYC_OFFICER, AUDITOR, ORG_ADMIN and
 * ORG_MEMBER of organization A) × A's own resource and a foreign organization B's resource.
 *
 * The table below holds, per operation, who may call it and whether an organization role meets a
 * foreign resource as a missing one. An operation of the document without a row, or a row without
 * an operation, fails the test: a new endpoint cannot ship without its line.
 *
 * For every cell:
 * - an actor outside `may` gets 401 (anonymous, on a non-public operation) or 403, on its own and
 *   on a foreign resource alike;
 * - an actor in `may` gets neither 401 nor 403 (nor 404 on its own resource) nor any 5xx: the
 *   request went past authorization (a 400/409/422 of the business rules is fine: the cell is about
 *   who may ask, the domain tests say what happens then);
 * - `foreign: 404`: an organization role in `may` acting on B's resource gets 404, and exactly the
 *   answer (status, code, message without the ids) it gets for a random id that exists nowhere:
 *   existence does not leak. Platform roles see A and B alike.
 *
 * A and B are both SUPPLIER, FINANCIER, ORIGINATOR and INVESTOR (so organization-type checks pass
 * for both and the cell isolates scoping); the buyer X of their bills and the financier F of their
 * offers are third organizations that act in no cell. Mutating bill operations get a fresh bill
 * per cell, so no cell depends on another. Resources that need a closed deal (deal, offering,
 * servicing run, bulk intake key, anchor batch, chain job) are ids that exist nowhere in both
 * columns: those rows prove the role gate only (`fixture: 'none'`), stated in the row.
 *
 * `MATRIX_RECORD=1` prints what each cell answered instead of asserting (to draft a new row).
 */

const ACTORS = ['anonymous', 'PLATFORM_ADMIN', 'KYC_OFFICER', 'AUDITOR', 'ORG_ADMIN', 'ORG_MEMBER'] as const;
type ActorName = (typeof ACTORS)[number];
const ORG_ROLES: readonly ActorName[] = ['ORG_ADMIN', 'ORG_MEMBER'];
const RECORD = process.env.MATRIX_RECORD === '1';
const UBL_FIXTURE = new URL('../fixtures/peppol-bis3/base-example.xml', import.meta.url);

/** What a path parameter names. */
type Kind = 'org' | 'user' | 'bill' | 'freshBill' | 'acceptedBill' | 'document' | 'sha256' | 'pool' | 'financingRequest' | 'offer' | 'none';

interface Fixture {
  org: string;
  user: string;
  bill: string;
  document: string;
  sha256: string;
  pool: string;
  financingRequest: string;
  offer: string;
}

interface Row {
  /** Actors that pass authorization: 'public' (everyone, anonymous included), or a list. */
  may: 'public' | readonly ActorName[];
  /** An organization role meets B's resource as a missing one (404, the same answer). */
  foreign?: 404;
  /** What each path parameter names (default: `id` → the row's `fixture`). */
  params?: Record<string, Kind>;
  fixture?: Kind;
  /** A body valid enough to reach the access check of the service. */
  body?: (ctx: { own: Fixture; target: Fixture; column: 'A' | 'B' }) => unknown;
  /** The name of the file part of a multipart body. */
  multipart?: 'file' | 'files';
  contentType?: string;
  rawBody?: string;
  query?: string;
  /**
   * Cells that the general rule does not describe, per actor: "own foreign", each a status, `*`
   * (past authorization: no 401/403/404/5xx) or `=` (exactly the answer for an id that exists nowhere).
   */
  cells?: Partial<Record<ActorName, string>>;
  /** Why the row reads as it does, where that is not obvious. */
  note?: string;
}

const AUTHENTICATED: readonly ActorName[] = ['PLATFORM_ADMIN', 'KYC_OFFICER', 'AUDITOR', 'ORG_ADMIN', 'ORG_MEMBER'];
const PLATFORM: readonly ActorName[] = ['PLATFORM_ADMIN', 'KYC_OFFICER', 'AUDITOR'];
const ORG: readonly ActorName[] = ['ORG_ADMIN', 'ORG_MEMBER'];
const ALL_BUT_ANON = AUTHENTICATED;

const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
const tag = () => randomBytes(4).toString('hex');
const offerBody = () => ({
  advanceRateBps: 9_000,
  annualDiscountRateBps: 500,
  feesMinor: '2500',
  dayCount: 'ACT/360',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
});

/**
 * The table: `METHOD /path` as the OpenAPI document spells it (without /api/v1).
 * Each line was reviewed against docs/architecture.md's access rules, not copied from the code.
 */
const TABLE: Record<string, Row> = {
  // ---- operational
  'GET /health': { may: 'public' },
  'GET /status': { may: 'public' },
  'GET /chain/jobs/summary': { may: ['PLATFORM_ADMIN', 'AUDITOR'] },
  'GET /chain/jobs/{id}': { may: ['PLATFORM_ADMIN', 'AUDITOR'], fixture: 'none' },
  // ---- auth (public; /me needs a token)
  'POST /auth/login': { may: 'public', body: () => ({ email: `nobody-${tag()}@test.tally`, password: 'wrong password' }) },
  'POST /auth/refresh': { may: 'public', body: () => ({ refreshToken: 'not-a-token' }) },
  'POST /auth/logout': { may: 'public', body: () => ({ refreshToken: 'not-a-token' }) },
  'POST /auth/invites/accept': { may: 'public', body: () => ({ token: 'not-a-token', password: 'correct horse battery staple' }) },
  'GET /auth/me': { may: AUTHENTICATED },
  // ---- organizations and KYC
  'POST /organizations/{id}/kyc/documents': { may: ['PLATFORM_ADMIN', 'ORG_ADMIN'], foreign: 404, fixture: 'org', multipart: 'file' },
  'GET /organizations/{id}/kyc/documents': { may: AUTHENTICATED, foreign: 404, fixture: 'org' },
  'POST /organizations': {
    may: ['PLATFORM_ADMIN'],
    body: () => ({ legalName: `Matrix ${tag()} GmbH`, lei: freshLei(), country: 'DE', roles: ['BUYER'] }),
  },
  'GET /organizations': { may: AUTHENTICATED },
  'GET /organizations/{id}': { may: AUTHENTICATED, foreign: 404, fixture: 'org' },
  'PATCH /organizations/{id}': {
    may: ['PLATFORM_ADMIN', 'ORG_ADMIN'],
    foreign: 404,
    fixture: 'org',
    body: () => ({ peppolIds: [`0088:${Date.now()}${tag().slice(0, 3)}`] }),
  },
  'POST /organizations/{id}/kyc/submit': { may: ['PLATFORM_ADMIN', 'ORG_ADMIN'], foreign: 404, fixture: 'org' },
  'POST /organizations/{id}/kyc/resubmit': { may: ['PLATFORM_ADMIN', 'ORG_ADMIN'], foreign: 404, fixture: 'org' },
  'POST /organizations/{id}/kyc/approve': {
    may: ['KYC_OFFICER'],
    fixture: 'org',
    body: () => ({ note: 'Documents complete.', expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString() }),
  },
  'POST /organizations/{id}/kyc/reject': { may: ['KYC_OFFICER'], fixture: 'org', body: () => ({ reason: 'Owner not verified.' }) },
  // suspending A would end every later cell of A: an id that exists nowhere (the identity matrix suspends fresh organizations)
  'POST /organizations/{id}/kyc/suspend': {
    may: ['PLATFORM_ADMIN', 'KYC_OFFICER'],
    fixture: 'none',
    body: () => ({ reason: 'Adverse media.' }),
  },
  'GET /organizations/{id}/kyc/screening': { may: PLATFORM, fixture: 'org' },
  'POST /organizations/{id}/kyc/screening': { may: ['KYC_OFFICER'], fixture: 'org' },
  'POST /organizations/{id}/kyc/screening/false-positives': {
    may: ['KYC_OFFICER'],
    fixture: 'org',
    body: () => ({ hitId: 'no-such-hit', reason: 'Different legal entity.' }),
    cells: { KYC_OFFICER: '404 404' },
    note: 'A and B have no screening hit: the officer gets past the gate to the hit lookup (the identity matrix clears a real hit)',
  },
  'GET /organizations/{id}/wallets': { may: AUTHENTICATED, foreign: 404, fixture: 'org' },
  'POST /organizations/{id}/wallets': {
    may: ['PLATFORM_ADMIN', 'ORG_ADMIN'],
    fixture: 'org',
    body: () => ({ challengeId: randomUUID(), signature: '0x' + '11'.repeat(65) }),
    cells: { PLATFORM_ADMIN: '404 404', ORG_ADMIN: '404 =' },
    note: 'a challenge that exists nowhere: past the gate to the challenge lookup (the identity matrix binds a real signed challenge)',
  },
  'POST /organizations/{id}/wallets/challenges': {
    may: ['PLATFORM_ADMIN', 'ORG_ADMIN'],
    foreign: 404,
    fixture: 'org',
    body: () => ({ address: Wallet.createRandom().address }),
  },
  'GET /counterparties': { may: AUTHENTICATED },
  'GET /kyc/queue': { may: PLATFORM },
  // ---- users
  'POST /users': {
    may: ['PLATFORM_ADMIN', 'ORG_ADMIN'],
    body: ({ own }) => ({ email: `matrix-${tag()}@test.tally`, name: 'Matrix', roles: ['ORG_MEMBER'], organizationId: own.org }),
  },
  'GET /users': { may: ['PLATFORM_ADMIN', 'AUDITOR', 'ORG_ADMIN'] },
  // B's user is B's member; A's is A's member (ORG_MEMBER reads itself). The KYC officer sees no user: 404, not 403
  'GET /users/{id}': {
    may: ['PLATFORM_ADMIN', 'AUDITOR', 'ORG_ADMIN', 'ORG_MEMBER'],
    foreign: 404,
    fixture: 'user',
    cells: { KYC_OFFICER: '404 404' },
  },
  'PATCH /users/{id}': { may: ['PLATFORM_ADMIN', 'ORG_ADMIN'], foreign: 404, fixture: 'user', body: () => ({ name: `Renamed ${tag()}` }) },
  // ---- audit
  'GET /audit': { may: AUTHENTICATED },
  'GET /audit/verify': { may: ['PLATFORM_ADMIN', 'AUDITOR'] },
  // ---- bills
  'POST /bills/bulk': { may: ['ORG_ADMIN'], contentType: 'application/x-ndjson', rawBody: '{"invoiceNumber":"x"}\n' },
  'GET /bills/bulk/{key}': { may: AUTHENTICATED, params: { key: 'none' } },
  'GET /bills/export.csv': { may: AUTHENTICATED },
  'GET /bills/{id}/bill.pdf': { may: AUTHENTICATED, foreign: 404, fixture: 'bill' },
  // who asks is checked before the upload is read (BillIssuerGuard): the platform roles and an ORG_MEMBER get 403, not the invoice's parties
  'POST /bills/import/ubl': { may: ['ORG_ADMIN'], multipart: 'files' },
  'POST /bills': {
    may: ['ORG_ADMIN'],
    body: () => ({
      buyerOrganizationId: X.id,
      invoiceNumber: `M-${tag()}`,
      amountMinor: '100000',
      currency: 'EUR',
      issueDate: day(0),
      dueDate: day(90),
    }),
  },
  'GET /bills': { may: AUTHENTICATED },
  'POST /bills/fingerprint-check': {
    may: ['PLATFORM_ADMIN', 'KYC_OFFICER', 'ORG_ADMIN', 'ORG_MEMBER'],
    body: ({ own }) => ({
      sellerOrganizationId: own.org,
      buyerOrganizationId: own.org,
      invoiceNumber: `M-${tag()}`,
      amountMinor: '100000',
      currency: 'EUR',
      issueDate: day(0),
    }),
  },
  'GET /bills/duplicate-alerts': { may: ['PLATFORM_ADMIN', 'AUDITOR'] },
  'GET /bills/marketplace': { may: ORG },
  'GET /bills/{id}': { may: AUTHENTICATED, foreign: 404, fixture: 'bill' },
  // the buyer's acts (accept, reject, pay): A is the supplier of its bills, so A's admin is refused on its own bill
  // (403 BILL_WRONG_PARTY) and meets B's as a missing one; the buyer X acts in no cell (test/bills proves its side)
  'POST /bills/{id}/accept': { may: [], foreign: 404, fixture: 'freshBill', body: () => ({}) },
  'POST /bills/{id}/reject': { may: [], foreign: 404, fixture: 'freshBill', body: () => ({ reason: 'Not ours.' }) },
  'POST /bills/{id}/cancel': { may: ['ORG_ADMIN'], foreign: 404, fixture: 'freshBill', body: () => ({ reason: 'Issued twice.' }) },
  'POST /bills/{id}/transfer': { may: ['ORG_ADMIN'], foreign: 404, fixture: 'freshBill', body: () => ({ toOrganizationId: F.id }) },
  'POST /bills/{id}/split': { may: ['ORG_ADMIN'], foreign: 404, fixture: 'freshBill', body: () => ({ amountsMinor: ['50000', '50000'] }) },
  'POST /bills/{id}/financing-requests': { may: ['ORG_ADMIN'], foreign: 404, fixture: 'freshBill' },
  'GET /bills/{id}/offers': { may: AUTHENTICATED, foreign: 404, fixture: 'bill' },
  'POST /bills/{id}/pay': { may: [], foreign: 404, fixture: 'freshBill' },
  'POST /financing/requests/{id}/offers': {
    may: ['ORG_ADMIN'],
    fixture: 'financingRequest',
    body: offerBody,
    cells: { ORG_ADMIN: '403 *' },
    note: "requests are offered to every financier (the marketplace): A may offer on B's request, not on its own",
  },
  // B's offer is not A's to know (A neither made it nor holds its bill): the 404 of an offer that exists nowhere
  'POST /financing/offers/{id}/accept': { may: ['ORG_ADMIN'], foreign: 404, fixture: 'offer' },
  // ---- settlement
  'POST /settlement/deposits': {
    may: ['PLATFORM_ADMIN'],
    body: ({ target }) => ({ organizationId: target.org, currency: 'EUR', amountMinor: '100', reference: `M-${tag()}` }),
  },
  'POST /settlement/withdrawals': {
    may: ['PLATFORM_ADMIN'],
    body: ({ target }) => ({ organizationId: target.org, currency: 'EUR', amountMinor: '100', reference: `M-${tag()}` }),
  },
  'GET /settlement/organizations/{id}/balances': { may: AUTHENTICATED, foreign: 404, fixture: 'org' },
  'GET /settlement/organizations/{id}/movements': { may: AUTHENTICATED, foreign: 404, fixture: 'org' },
  'GET /settlement/organizations/{id}/statement': { may: AUTHENTICATED, foreign: 404, fixture: 'org' },
  'GET /settlement/organizations/{id}/statement.pdf': { may: AUTHENTICATED, foreign: 404, fixture: 'org' },
  'GET /financing/portfolio': { may: AUTHENTICATED },
  'GET /investors/{id}/portfolio': { may: AUTHENTICATED, foreign: 404, fixture: 'org' },
  'GET /reconciliation': { may: ['PLATFORM_ADMIN', 'AUDITOR'] },
  // ---- projections and servicing
  'POST /projections': { may: AUTHENTICATED, body: () => ({}) },
  'POST /projections/grid': { may: AUTHENTICATED, body: () => ({}) },
  // the gate lets every role but the auditor reach validation; who may propose (a SERVICER organization) is the service's rule, proven in test/servicing
  'POST /servicing/runs': { may: ['PLATFORM_ADMIN', 'KYC_OFFICER', 'ORG_ADMIN', 'ORG_MEMBER'], body: () => ({}) },
  'POST /servicing/runs/from-deal': { may: ['PLATFORM_ADMIN', 'KYC_OFFICER', 'ORG_ADMIN', 'ORG_MEMBER'], body: () => ({}) },
  // every reader: servicers, trustees and staff see every run, a holder the approved runs naming its wallets (test/portal/servicing), others none
  'GET /servicing/deals': { may: AUTHENTICATED },
  'GET /servicing/runs': { may: AUTHENTICATED },
  'GET /servicing/runs/{id}': { may: AUTHENTICATED, fixture: 'none' },
  'GET /servicing/runs/{id}/report': { may: AUTHENTICATED, fixture: 'none' },
  'GET /servicing/runs/{id}/report.pdf': { may: AUTHENTICATED, fixture: 'none' },
  'GET /servicing/runs/{id}/report.csv': { may: AUTHENTICATED, fixture: 'none' },
  // only a TRUSTEE (approve, reject) or SERVICER/TRUSTEE organization's users (reports): A and B are neither
  'POST /servicing/runs/{id}/approve': { may: [], fixture: 'none' },
  'POST /servicing/runs/{id}/reject': { may: [], fixture: 'none', body: () => ({ reason: 'Record date is wrong.' }) },
  'POST /servicing/runs/{id}/report/csv': { may: [], fixture: 'none' },
  'POST /servicing/runs/{id}/report/pdf': { may: [], fixture: 'none' },
  // ---- pools and deals
  'POST /pools': { may: ['ORG_ADMIN'], body: () => ({ name: `Matrix pool ${tag()}`, currency: 'EUR', cutOffDate: day(30) }) },
  'GET /pools': { may: AUTHENTICATED },
  'GET /pools/{id}': { may: AUTHENTICATED, foreign: 404, fixture: 'pool' },
  'POST /pools/{id}/bills': { may: ['ORG_ADMIN'], foreign: 404, fixture: 'pool', body: () => ({ billIds: [randomUUID()] }) },
  'GET /pools/{id}/analytics': { may: AUTHENTICATED, foreign: 404, fixture: 'pool' },
  'POST /pools/{id}/lock': { may: ['ORG_ADMIN'], foreign: 404, fixture: 'pool' },
  'GET /pools/{id}/assets': { may: AUTHENTICATED, foreign: 404, fixture: 'pool' },
  'GET /pools/{id}/tape': { may: AUTHENTICATED, foreign: 404, fixture: 'pool' },
  'GET /pools/{id}/tape.csv': { may: AUTHENTICATED, foreign: 404, fixture: 'pool' },
  'GET /pools/{id}/tape.pdf': { may: AUTHENTICATED, foreign: 404, fixture: 'pool' },
  'GET /pools/{id}/assets/{billId}/proof': { may: AUTHENTICATED, foreign: 404, params: { id: 'pool', billId: 'bill' } },
  // an empty body: the gate (not the auditor) and validation; structuring a locked pool is test/securitization's
  'POST /pools/{id}/deal': { may: ['PLATFORM_ADMIN', 'KYC_OFFICER', 'ORG_ADMIN', 'ORG_MEMBER'], fixture: 'pool', body: () => ({}) },
  'GET /pools/{id}/deal': {
    may: AUTHENTICATED,
    foreign: 404,
    fixture: 'pool',
    cells: { PLATFORM_ADMIN: '404 404', KYC_OFFICER: '404 404', AUDITOR: '404 404', ORG_ADMIN: '404 =', ORG_MEMBER: '404 =' },
    note: "A's and B's pools have no deal yet",
  },
  'GET /deals': { may: AUTHENTICATED },
  'GET /deals/{id}/offerings': { may: AUTHENTICATED, fixture: 'none' },
  'GET /orders': { may: AUTHENTICATED },
  'GET /deals/{id}': { may: AUTHENTICATED, fixture: 'none' },
  'POST /deals/{id}/close': {
    may: ['PLATFORM_ADMIN', 'KYC_OFFICER', 'ORG_ADMIN', 'ORG_MEMBER'],
    fixture: 'none',
    note: "the gate lets every role but the auditor reach the deal lookup; only the arranger's org admin closes (member 403, stranger 404: test/securitization/closing)",
  },
  'GET /deals/{id}/closing': { may: AUTHENTICATED, fixture: 'none' },
  'POST /deals/{id}/tranches/{className}/subscription': {
    may: ['PLATFORM_ADMIN', 'KYC_OFFICER', 'ORG_ADMIN', 'ORG_MEMBER'],
    params: { id: 'none', className: 'none' },
    body: () => ({ closesAt: new Date(Date.now() + 86_400_000).toISOString() }),
  },
  'GET /offerings': { may: AUTHENTICATED },
  'POST /offerings/{id}/orders': { may: ['ORG_ADMIN'], fixture: 'none', body: () => ({ amountMinor: '100000' }) },
  'GET /offerings/{id}/orders': { may: AUTHENTICATED, fixture: 'none' },
  'POST /offerings/{id}/allocate': {
    may: ['PLATFORM_ADMIN', 'KYC_OFFICER', 'ORG_ADMIN', 'ORG_MEMBER'],
    fixture: 'none',
    note: 'the gate lets every role but the auditor reach the offering lookup',
  },
  // ---- documents and anchoring
  'POST /documents': { may: ['PLATFORM_ADMIN', 'KYC_OFFICER', 'ORG_ADMIN', 'ORG_MEMBER'], multipart: 'file' },
  'GET /documents': { may: AUTHENTICATED },
  'GET /documents/{id}': { may: AUTHENTICATED, foreign: 404, fixture: 'document' },
  'GET /documents/{id}/receipt.json': { may: AUTHENTICATED, foreign: 404, fixture: 'document' },
  'GET /documents/{id}/certificate.pdf': { may: AUTHENTICATED, foreign: 404, fixture: 'document' },
  'GET /documents/{id}/content': { may: AUTHENTICATED, foreign: 404, fixture: 'document' },
  'POST /anchors/hashes': {
    may: ['PLATFORM_ADMIN', 'KYC_OFFICER', 'ORG_ADMIN', 'ORG_MEMBER'],
    body: () => ({ hashes: ['0x' + randomBytes(32).toString('hex')] }),
  },
  // whoever holds a document's hash may ask whether it is anchored (the public /verify answers the same)
  'GET /anchors/hashes/{sha256}': { may: AUTHENTICATED, params: { sha256: 'sha256' } },
  'GET /anchors/batches': { may: AUTHENTICATED },
  'GET /anchors/batches/{id}': { may: AUTHENTICATED, fixture: 'none' },
  'POST /verify': { may: 'public', body: () => ({ sha256: randomBytes(32).toString('hex') }) },
  'POST /verify/receipt': { may: 'public', body: () => ({ receipt: {} }) },
  'POST /verify/batch': { may: 'public', body: () => ({ sha256: [randomBytes(32).toString('hex')] }) },
};
void ALL_BUT_ANON;

let p: TestPlatform;
let platform: Awaited<ReturnType<typeof platformClients>>;
let A: TestOrg;
let B: TestOrg;
let X: TestOrg;
let F: TestOrg;
let fixtures: Record<'A' | 'B', Fixture>;
let actors: Record<ActorName, { token?: string; client: Client }>;
let operations: string[];
/** Bills issued (and on chain) for the cells that change a bill, one per cell. */
const freshBills: Record<'A' | 'B', string[]> = { A: [], B: [] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not reached; last ${JSON.stringify(v).slice(0, 300)}`);
    await sleep(100);
  }
}

async function issueBill(org: TestOrg, settled = true): Promise<string> {
  const res = await org.admin.post('/api/v1/bills', {
    buyerOrganizationId: X.id,
    invoiceNumber: `M-${tag()}`,
    amountMinor: '100000',
    currency: 'EUR',
    issueDate: day(0),
    dueDate: day(90),
  });
  if (res.status !== 201) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
  if (settled)
    await waitFor(
      `bill ${res.body.id} on chain`,
      () => org.admin.get(`/api/v1/bills/${res.body.id}`),
      (r) => r.body?.pendingAction === null,
    );
  return res.body.id as string;
}

async function upload(org: TestOrg): Promise<{ id: string; sha256: string }> {
  const content = Buffer.from(`%PDF-1.4\n% ${tag()}\n%%EOF\n`);
  const form = new FormData();
  form.append('file', new Blob([content]), 'invoice.pdf');
  const token = (await login(p.baseUrl, org.adminEmail)).accessToken;
  const res = await fetch(`${p.baseUrl}/api/v1/documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { id: string; sha256: string };
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(body)}`);
  return { id: body.id, sha256: createHash('sha256').update(content).digest('hex') };
}

async function fixtureOf(org: TestOrg): Promise<Fixture> {
  const bill = await issueBill(org);
  const doc = await upload(org);
  const users = (await platform.admin.get(`/api/v1/users?pageSize=50&organizationId=${org.id}`)).body.items as {
    id: string;
    email: string;
  }[];
  const pool = await org.admin.post('/api/v1/pools', { name: `Matrix pool ${tag()}`, currency: 'EUR', cutOffDate: day(30) });
  if (pool.status !== 201) throw new Error(`pool: ${pool.status} ${JSON.stringify(pool.body)}`);
  // an accepted bill, its financing request and F's offer on it
  const financed = await issueBill(org);
  const acc = await X.admin.post(`/api/v1/bills/${financed}/accept`, {});
  if (acc.status !== 200) throw new Error(`accept: ${acc.status} ${JSON.stringify(acc.body)}`);
  await waitFor(
    'accepted on chain',
    () => org.admin.get(`/api/v1/bills/${financed}`),
    (r) => r.body?.pendingAction === null,
  );
  const req = await org.admin.post(`/api/v1/bills/${financed}/financing-requests`);
  if (req.status !== 201) throw new Error(`financing request: ${req.status} ${JSON.stringify(req.body)}`);
  const offer = await F.admin.post(`/api/v1/financing/requests/${req.body.id}/offers`, offerBody());
  if (offer.status !== 201) throw new Error(`offer: ${offer.status} ${JSON.stringify(offer.body)}`);
  return {
    org: org.id,
    user: users.find((u) => u.email === org.memberEmail)!.id,
    bill,
    document: doc.id,
    sha256: doc.sha256,
    pool: pool.body.id,
    financingRequest: req.body.id,
    offer: offer.body.id,
  };
}

/** The id a path parameter of a kind takes in a column; `missing` gives an id that exists nowhere. */
async function idOf(kind: Kind, column: 'A' | 'B' | 'missing'): Promise<string> {
  if (kind === 'sha256') return column === 'missing' ? randomBytes(32).toString('hex') : fixtures[column].sha256;
  if (column === 'missing' || kind === 'none') return randomUUID();
  if (kind === 'freshBill') {
    const id = freshBills[column].pop();
    if (!id) throw new Error(`no fresh bill of ${column} left: issue more in beforeAll`);
    return id;
  }
  if (kind === 'acceptedBill') return fixtures[column].bill;
  return fixtures[column][kind];
}

async function send(actor: ActorName, op: string, row: Row, column: 'A' | 'B' | 'missing'): Promise<{ res: Http; sent: string[] }> {
  const [method, template] = op.split(' ') as [string, string];
  const sent: string[] = [];
  let path = template;
  for (const m of template.matchAll(/\{([^}]+)\}/g)) {
    const kind = row.params?.[m[1]!] ?? row.fixture ?? 'none';
    const id = kind === 'none' && m[1] === 'className' ? 'A1' : await idOf(kind, column);
    sent.push(id);
    path = path.replace(m[0], encodeURIComponent(id));
  }
  const url = `${template.startsWith('/health') ? '' : '/api/v1'}${path}${row.query ?? ''}`;
  const own = fixtures.A;
  const target = column === 'B' ? fixtures.B : column === 'A' ? fixtures.A : { ...fixtures.A, org: randomUUID() };
  const token = actors[actor].token;
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (row.multipart || row.rawBody !== undefined) {
    let body: FormData | string;
    const headers = { ...auth };
    if (row.multipart) {
      const form = new FormData();
      // a real Peppol BIS 3 invoice for the UBL import (its number made unique), a small PDF otherwise
      const content =
        row.multipart === 'files'
          ? Buffer.from(readFileSync(UBL_FIXTURE, 'utf8').replace(/<cbc:ID>Snippet1<\/cbc:ID>/, `<cbc:ID>M-${tag()}</cbc:ID>`))
          : Buffer.from(`%PDF-1.4\n% ${tag()}\n%%EOF\n`);
      form.append(row.multipart, new Blob([content]), row.multipart === 'files' ? 'invoice.xml' : 'file.pdf');
      body = form;
    } else {
      body = row.rawBody!;
      headers['content-type'] = row.contentType!;
    }
    const r = await fetch(`${p.baseUrl}${url}`, { method, body, headers });
    const text = await r.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { res: { status: r.status, body: parsed, headers: r.headers }, sent };
  }
  const body = method === 'GET' ? undefined : (row.body?.({ own, target, column: column === 'missing' ? 'B' : column }) ?? {});
  return { res: await actors[actor].client.call(method, url, body), sent };
}

/** The answer without what differs between two ids (the ids it echoes, the request id). */
function comparable(res: Http, sent: string[]): unknown {
  let text = JSON.stringify(res.body ?? null);
  for (const s of sent) text = text.split(s).join('<id>');
  const body = JSON.parse(text) as Record<string, unknown> | null;
  if (body && typeof body === 'object') delete body.requestId;
  return { status: res.status, body };
}

const recorded: string[] = [];

/** Past authorization: not refused for who the caller is, not hidden from it (404 only where the id exists nowhere), no 5xx. */
const passes = (status: number, idMissing: boolean) => status < 500 && status !== 401 && status !== 403 && (idMissing || status !== 404);

async function runCell(op: string, row: Row, actor: ActorName, column: 'A' | 'B'): Promise<void> {
  const { res, sent } = await send(actor, op, row, column);
  const where = `${op} as ${actor} on ${column === 'A' ? 'own' : 'foreign'}`;
  const answer = `${res.status} ${res.body?.code ?? ''}`.trim();
  if (RECORD) {
    recorded.push(`${where} → ${answer}`);
    return;
  }
  const got = { where, answer: `${answer} ${String(res.body?.message ?? '').slice(0, 160)}`.trim() };
  const want = (ok: boolean, rule: string) => expect(ok ? got : { ...got, rule }).toEqual(got);
  want(res.status < 500, 'no 5xx');
  const kinds = [...op.matchAll(/\{([^}]+)\}/g)].map((m) => row.params?.[m[1]!] ?? row.fixture ?? 'none');
  const idMissing = kinds.length > 0 && kinds.every((k) => k === 'none');
  const sameAsMissing = async () => {
    const ghost = await send(actor, op, row, 'missing');
    expect({ where, answer: comparable(res, sent) }).toEqual({ where, answer: comparable(ghost.res, ghost.sent) });
  };
  const cell = row.cells?.[actor]?.split(' ')[column === 'A' ? 0 : 1];
  if (cell !== undefined) {
    if (cell === '*') want(passes(res.status, idMissing), 'past authorization');
    else if (cell === '=') await sameAsMissing();
    else want(res.status === Number(cell), `status ${cell}`);
    return;
  }
  if (row.may === 'public') return want(res.status !== 403, 'public: never 403');
  const isOrgRole = ORG_ROLES.includes(actor);
  if (!row.may.includes(actor)) {
    if (actor === 'anonymous') return want(res.status === 401, '401 without a token');
    if (column === 'B' && isOrgRole) {
      // refused either way; a foreign id must not answer differently from a missing one
      want(res.status === 403 || res.status === 404, '403 or 404');
      return sameAsMissing();
    }
    return want(res.status === 403, '403 for this role');
  }
  if (row.foreign === 404 && column === 'B' && isOrgRole) {
    want(res.status === 404, 'foreign is 404');
    return sameAsMissing();
  }
  want(passes(res.status, idMissing), 'past authorization');
}

describe('authorization matrix generated from the OpenAPI document: every operation × every role × own and foreign organization', () => {
  beforeAll(async () => {
    p = await startTestPlatform({ env: { ACCESS_TOKEN_TTL_S: '3600', VERIFY_RATE_PER_MINUTE: '1000000' } });
    platform = await platformClients(p.baseUrl, p.db.url);
    const both = { roles: ['SUPPLIER', 'FINANCIER', 'ORIGINATOR', 'INVESTOR'] };
    [A, B, X, F] = await Promise.all([
      createOrg(p.baseUrl, platform, both),
      createOrg(p.baseUrl, platform, both),
      createOrg(p.baseUrl, platform, { roles: ['BUYER'] }),
      createOrg(p.baseUrl, platform, { roles: ['FINANCIER'] }),
    ]);
    for (const o of [A, B, X, F])
      await waitFor(
        `wallet of ${o.id}`,
        () => o.admin.get(`/api/v1/organizations/${o.id}/wallets`),
        (r) => r.body?.[0]?.chainStatus === 'REGISTERED',
      );
    // F's cash for the offers it makes
    const dep = await platform.admin.post('/api/v1/settlement/deposits', {
      organizationId: F.id,
      currency: 'EUR',
      amountMinor: '100000000',
      reference: `M-${tag()}`,
    });
    expect(dep.status).toBe(201);
    await waitFor(
      'deposit confirmed',
      () => F.admin.get(`/api/v1/settlement/organizations/${F.id}/movements`),
      (r) => r.body?.[0]?.state === 'CONFIRMED',
    );
    fixtures = { A: await fixtureOf(A), B: await fixtureOf(B) };
    const perColumn = Object.values(TABLE).filter((r) => r.fixture === 'freshBill').length * ACTORS.length;
    for (const [column, org] of [
      ['A', A],
      ['B', B],
    ] as const)
      freshBills[column] = await Promise.all(Array.from({ length: perColumn }, () => issueBill(org, false)));
    const all = [...freshBills.A, ...freshBills.B];
    await waitFor(
      'fresh bills on chain',
      async () =>
        (await Promise.all(all.map((id) => platform.admin.get(`/api/v1/bills/${id}`)))).filter((r) => r.body?.pendingAction === null)
          .length,
      (n) => n === all.length,
      180_000,
    );
    const tokenOf = async (email: string) => (await login(p.baseUrl, email)).accessToken;
    const tokens = {
      PLATFORM_ADMIN: await tokenOf(platform.emails.admin),
      KYC_OFFICER: await tokenOf(platform.emails.kyc),
      AUDITOR: await tokenOf(platform.emails.auditor),
      ORG_ADMIN: await tokenOf(A.adminEmail),
      ORG_MEMBER: await tokenOf(A.memberEmail),
    };
    actors = {
      anonymous: { client: client(p.baseUrl) },
      ...(Object.fromEntries(Object.entries(tokens).map(([k, t]) => [k, { token: t, client: client(p.baseUrl, t) }])) as Record<
        Exclude<ActorName, 'anonymous'>,
        { token: string; client: Client }
      >),
    };
    const doc = (await client(p.baseUrl).get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`),
    );
  }, 300_000);

  afterAll(async () => {
    if (RECORD) process.stdout.write(`${recorded.join('\n')}\n`);
    await p?.close();
  });

  it('has a row for every operation of the OpenAPI document, and no row without an operation', () => {
    expect(operations.length).toBeGreaterThan(90);
    expect({ withoutRow: operations.filter((o) => !TABLE[o]) }).toEqual({ withoutRow: [] });
    expect({ withoutOperation: Object.keys(TABLE).filter((o) => !operations.includes(o)) }).toEqual({ withoutOperation: [] });
  });

  // one test per operation (its 12 cells): the operations come from the document, at run time
  it('answers every cell as its row says', async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const op of operations) {
      const row = TABLE[op];
      if (!row) continue; // reported by the coverage test
      for (const actor of ACTORS) {
        for (const column of ['A', 'B'] as const) {
          cells++;
          try {
            await runCell(op, row, actor, column);
          } catch (err) {
            failures.push(
              (err as Error).message
                .split('\n')
                .filter((l) => /"(where|answer|rule|status|body|code|message)"/.test(l))
                .join(' ')
                .replace(/\s+/g, ' '),
            );
          }
        }
      }
    }
    process.stdout.write(`authorization matrix: ${operations.length} operations, ${cells} cells, ${failures.length} failed\n`);
    expect(failures).toEqual([]);
  }, 900_000);
});
