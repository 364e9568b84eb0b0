import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { client, createOrg, login, platformClients, TEST_PASSWORD, type Client, type TestOrg } from '../support/auth.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// Debian's Chromium (TOOLCHAIN.md). Missing is a failure, not a skip: the portal must be tested.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The portal renews the access token 30 s before it expires: a 35 s token is renewed after 5 s. */
const ACCESS_TOKEN_TTL_S = 35;
const SESSION_KEY = 'tally.session';

interface Wallet {
  address: string;
  kind: string;
}

/**
 * The identity pages of the portal in Chromium, against the real API (fresh database, fresh
 * anvil, the outbox worker running): login, the KYC review queue, the organization page with its
 * wallets' on-chain status, organization scoping, logout. Each test has its own browser profile,
 * and fails on any console error, page error, failed request or 4xx/5xx answer it did not expect.
 */
describe('portal identity pages (Chromium against the real API)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  /** Submitted, awaiting the KYC officer (the one `createOrg` gives with `submit: true`). */
  let supplier: TestOrg;
  let supplierName: string;
  /** Approved, with a wallet: another organization the supplier must not see. */
  let buyer: TestOrg;
  let buyerName: string;
  let buyerLei: string;

  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  /** Answers a test expects (`"<status> <METHOD> <path>"`); they are not problems. */
  let expected: Set<string>;

  const url = (hashPath: string) => `${p.baseUrl}/#${hashPath}`;
  // Access tokens live 35 s here, so API calls from the test log in afresh.
  const as = async (email: string): Promise<Client> => client(p.baseUrl, (await login(p.baseUrl, email)).accessToken);
  const platformNow = async () => ({ admin: await as(platform.emails.admin), kyc: await as(platform.emails.kyc) });
  const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);
  const text = async (id: string) => ((await byTestId(id).textContent()) ?? '').trim();
  const expect404 = (path: string) => expected.add(`404 GET ${path}`);
  const session = async (): Promise<{ accessToken: string; refreshToken: string } | null> => {
    const origin = (await context.storageState()).origins.find((o) => o.origin === p.baseUrl);
    const raw = origin?.localStorage.find((item) => item.name === SESSION_KEY)?.value;
    return raw ? JSON.parse(raw) : null;
  };

  async function logIn(email: string): Promise<void> {
    await page.goto(url('/'));
    // requireAuth: an anonymous visitor lands on the login page
    await page.waitForURL(/#\/login$/);
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(TEST_PASSWORD);
    await page.locator('button[type=submit]').click();
    await byTestId('app-user-name').waitFor();
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
    }
    p = await startTestPlatform({ blockTimeSec: 1, env: { ACCESS_TOKEN_TTL_S: String(ACCESS_TOKEN_TTL_S) } });
    platform = await platformClients(p.baseUrl, p.db.url);
    const tag = Date.now().toString(36);
    supplierName = `Portal Supplier ${tag} GmbH`;
    buyerName = `Portal Buyer ${tag} SE`;
    supplier = await createOrg(p.baseUrl, platform, { legalName: supplierName, approve: false, submit: true });
    buyer = await createOrg(p.baseUrl, platform, { legalName: buyerName, roles: ['BUYER'], approve: true });
    buyerLei = (await platform.admin.get(`/api/v1/organizations/${buyer.id}`)).body.lei;
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  beforeEach(async () => {
    problems = [];
    expected = new Set();
    // A fresh profile per test: no session, storage or cache carried over.
    userDataDir = mkdtempSync(join(tmpdir(), 'tally-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1400, height: 900 },
    });
    // Chromium reports CSP violations on the console too; this makes them explicit. A string, as
    // the test is compiled without the DOM library.
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) =>
        console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')'));`,
    });
    // Generous: the first render of the portal is CPU-bound, and CI machines are shared.
    context.setDefaultTimeout(120_000); // a loaded 2-core machine renders slowly
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      // Chromium logs every 4xx answer on the console too (without the method); an expected
      // answer is not a problem.
      const status = /status of (\d{3})/.exec(msg.text())?.[1];
      const resource = msg.location().url;
      if (status && resource && isExpected(Number(status), null, resource)) return;
      problems.push(`console error: ${msg.text()} (${resource})`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    // a request the page cancels itself (the poll of a page being left) is not a failure
    page.on('requestfailed', (req) => {
      if (req.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText})`);
    });
    page.on('response', (res) => {
      const method = res.request().method();
      if (res.status() >= 400 && !isExpected(res.status(), method, res.url())) {
        problems.push(`HTTP ${res.status()}: ${method} ${res.url()}`);
      }
    });
  }, 60_000);

  function isExpected(status: number, method: string | null, resourceUrl: string): boolean {
    const path = new URL(resourceUrl).pathname;
    if (method) return expected.has(`${status} ${method} ${path}`);
    return [...expected].some((e) => e.startsWith(`${status} `) && e.endsWith(` ${path}`));
  }

  afterEach(async () => {
    await context?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  });

  it('lets the KYC officer approve the submitted supplier in the queue and see its wallet verified on chain', async () => {
    await logIn(platform.emails.kyc);
    expect(await text('app-user-name')).toBe('kyc');
    expect(await text('app-user-organization')).toBe('Tally Platform Operator');
    // role-aware menu: the queue and the audit log, not the users
    await expect(page.getByRole('menuitem', { name: 'Audit log' }).count()).resolves.toBe(1);
    await expect(page.getByRole('menuitem', { name: 'Users' }).count()).resolves.toBe(0);

    await page.getByRole('menuitem', { name: 'KYC queue' }).click();
    const item = byTestId(`kyc-item-${supplier.id}`);
    await item.waitFor();
    expect(await item.textContent()).toContain(supplierName);
    expect(await text(`kyc-screening-status-${supplier.id}`)).toBe('CLEAR');

    await byTestId(`kyc-approve-${supplier.id}`).click();
    const expiry = byTestId('kyc-approve-expires');
    await expiry.waitFor();
    // the expiry defaults to one year from today
    const inOneYear = new Date();
    inOneYear.setFullYear(inOneYear.getFullYear() + 1);
    expect(await expiry.inputValue()).toBe(localIsoDate(inOneYear));
    await byTestId('kyc-approve-note').fill('Register extract and UBO declaration checked.');
    await byTestId('kyc-approve-dialog-confirm').click();
    // approved: it leaves the queue
    await item.waitFor({ state: 'detached' });
    await page.getByText(`${supplierName} approved`).waitFor();

    // to its page through the organization list
    await page.getByRole('menuitem', { name: 'Organizations' }).click();
    await page.locator('input[name=q]').fill(supplierName);
    await byTestId(`org-row-${supplier.id}`).click();
    await page.waitForURL(url(`/organizations/${supplier.id}/show`));
    expect(await text('org-legal-name')).toBe(supplierName);
    expect(await text('org-kyc-state')).toBe('APPROVED');
    expect(await text('org-kyc-note')).toBe('Register extract and UBO declaration checked.');

    // approval created the custodial wallet in the same transaction; the outbox registers it
    const kyc = await as(platform.emails.kyc);
    const wallets = (await kyc.get(`/api/v1/organizations/${supplier.id}/wallets`)).body as Wallet[];
    expect(wallets).toHaveLength(1);
    const { address } = wallets[0]!;
    await byTestId(`wallet-${address}`).waitFor();
    // the page polls the wallets; wait for the registry's own answer to turn true
    await byTestId(`wallet-verified-${address}`).waitFor();
    // the chain answers before the outbox has confirmed its job: the status follows within a tick or two
    for (let i = 0; i < 300 && (await text(`wallet-chain-status-${address}`)) !== 'REGISTERED'; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await text(`wallet-chain-status-${address}`)).toBe('REGISTERED');

    // The polling goes on past the access token's renewal margin: the token is refreshed
    // (rotating the refresh token) and the session continues without a login.
    const before = await session();
    const refreshed = await page.waitForResponse((res) => res.url().endsWith('/api/v1/auth/refresh'));
    expect(refreshed.status()).toBe(200);
    const walletsAfter = await page.waitForResponse((res) => res.url().endsWith(`/api/v1/organizations/${supplier.id}/wallets`));
    expect(walletsAfter.status()).toBe(200);
    const after = await session();
    expect(after?.refreshToken).toBeDefined();
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(page.url()).toBe(url(`/organizations/${supplier.id}/show`));
    expect(await byTestId(`wallet-verified-${address}`).count()).toBe(1);

    expect(problems).toEqual([]);
  }, 360_000);

  it('shows the KYC officer the screening hits, the API refusal as a notification, and approves once every hit is a recorded false positive', async () => {
    // A name on the sample sanctions list: submitted with open hits.
    const officials = await platformNow();
    const flagged = await createOrg(p.baseUrl, officials, { legalName: 'Oceanic Shadow Trading Ltd', approve: false, submit: true });
    const approvePath = `/api/v1/organizations/${flagged.id}/kyc/approve`;
    expected.add(`409 POST ${approvePath}`);

    await logIn(platform.emails.kyc);
    await page.goto(url('/kyc'));
    await byTestId(`kyc-item-${flagged.id}`).waitFor();
    expect(await text(`kyc-screening-status-${flagged.id}`)).toBe('HIT');
    const hits = (await officials.kyc.get(`/api/v1/organizations/${flagged.id}/kyc/screening`)).body.hits as {
      hitId: string;
      matchedName: string;
    }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(await byTestId(`kyc-hit-${hits[0]!.hitId}`).textContent()).toContain(hits[0]!.matchedName);

    // approving with an open hit: 409 KYC_SCREENING_HIT, its message in a notification, still SUBMITTED
    await byTestId(`kyc-approve-${flagged.id}`).click();
    await byTestId('kyc-approve-note').fill('Documents complete.');
    const refused = page.waitForResponse((res) => res.url().endsWith(approvePath));
    await byTestId('kyc-approve-dialog-confirm').click();
    const refusal = await refused;
    expect(refusal.status()).toBe(409);
    const body = (await refusal.json()) as { code: string; message: string };
    expect(body.code).toBe('KYC_SCREENING_HIT');
    await page.getByText(body.message).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await text(`kyc-screening-status-${flagged.id}`)).toBe('HIT');

    for (const hit of hits) {
      await byTestId(`kyc-false-positive-${hit.hitId}`).click();
      await byTestId('kyc-false-positive-reason').fill('Different legal entity: registered in Germany, other directors.');
      await byTestId('kyc-false-positive-dialog-confirm').click();
      await byTestId(`kyc-false-positive-${hit.hitId}`).waitFor({ state: 'detached' });
      expect(await text(`kyc-hit-cleared-${hit.hitId}`)).toContain('False positive');
    }
    expect(await text(`kyc-screening-status-${flagged.id}`)).toBe('CLEARED');

    await byTestId(`kyc-approve-${flagged.id}`).click();
    await byTestId('kyc-approve-note').fill('Hits cleared as false positives; documents complete.');
    await byTestId('kyc-approve-dialog-confirm').click();
    await byTestId(`kyc-item-${flagged.id}`).waitFor({ state: 'detached' });
    expect((await (await as(platform.emails.kyc)).get(`/api/v1/organizations/${flagged.id}`)).body.kycState).toBe('APPROVED');

    expect(problems).toEqual([]);
  }, 300_000);

  it("does not show a supplier user another organization's page", async () => {
    const buyerPath = `/api/v1/organizations/${buyer.id}`;
    expect404(buyerPath);
    const buyerWallets = (await (await as(platform.emails.admin)).get(`${buyerPath}/wallets`)).body as Wallet[];
    expect(buyerWallets.length).toBeGreaterThan(0);

    await logIn(supplier.adminEmail);
    expect(await text('app-user-organization')).toBe(supplierName);
    // its own organization only, and no KYC queue in its menu
    await page.getByRole('menuitem', { name: 'Organizations' }).click();
    await byTestId(`org-row-${supplier.id}`).waitFor();
    await expect(page.locator('[data-testid^="org-row-"]').count()).resolves.toBe(1);
    await expect(page.getByRole('menuitem', { name: 'KYC queue' }).count()).resolves.toBe(0);

    const requested: string[] = [];
    page.on('request', (req) => requested.push(new URL(req.url()).pathname));
    const answer = page.waitForResponse((res) => new URL(res.url()).pathname === buyerPath);
    await page.goto(url(`/organizations/${buyer.id}/show`));
    expect((await answer).status()).toBe(404);
    await byTestId('org-not-found').waitFor();
    expect(await byTestId('org-page').count()).toBe(0);
    // nothing of the buyer anywhere in the document, and its wallets were never asked for
    const html = await page.content();
    for (const secret of [buyerName, buyerLei, ...buyerWallets.map((w) => w.address)]) {
      expect(html).not.toContain(secret);
      expect(html.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(requested).not.toContain(`${buyerPath}/wallets`);

    // its own page still opens
    await page.goto(url(`/organizations/${supplier.id}/show`));
    await byTestId('org-page').waitFor();
    expect(await text('org-legal-name')).toBe(supplierName);

    expect(problems).toEqual([]);
  }, 300_000);

  it('logs out to the login page, ends the session on the server, and sends a protected page to the login', async () => {
    await logIn(supplier.memberEmail);
    // an ORG_MEMBER: neither the queue nor the users in the menu
    await expect(page.getByRole('menuitem', { name: 'Users' }).count()).resolves.toBe(0);
    await expect(page.getByRole('menuitem', { name: 'KYC queue' }).count()).resolves.toBe(0);
    const before = await session();
    expect(before).not.toBeNull();

    await byTestId('user-menu').click();
    const loggedOut = page.waitForResponse((res) => res.url().endsWith('/api/v1/auth/logout'));
    await byTestId('logout').click();
    expect((await loggedOut).status()).toBe(204);
    await page.waitForURL(/#\/login$/);
    await page.locator('input[name=email]').waitFor();
    expect(await session()).toBeNull();
    // the refresh token is dead on the server too
    const reuse = await fetch(`${p.baseUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: before!.refreshToken }),
    });
    expect(reuse.status).toBe(401);

    await page.goto(url(`/organizations/${supplier.id}/show`));
    await page.waitForURL(/#\/login$/);
    await page.locator('input[name=email]').waitFor();
    expect(await byTestId('org-page').count()).toBe(0);
    expect(await page.content()).not.toContain(supplierName);

    expect(problems).toEqual([]);
  }, 300_000);
});

/** `YYYY-MM-DD` in the local calendar (what a date input shows). */
function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
