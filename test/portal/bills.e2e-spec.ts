import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createOrg, platformClients, TEST_PASSWORD, waitForVerifiedWallet, type TestOrg } from '../support/auth.js';
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
/** Set it to a directory to keep screenshots of the pages the test walks through. */
const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS_DIR;
const FIXTURE = 'base-example.xml';
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of the UTC calendar day: how the API dates bills and counts tenors. */
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** EUR minor units as the portal shows them (`1,491.09`), computed independently of the portal. */
const eur = (minor: string) => {
  const digits = minor.padStart(3, '0');
  return `${digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${digits.slice(-2)}`;
};

/** Integer division rounded half to even, for positive operands. */
const halfEven = (numerator: bigint, denominator: bigint) => {
  const quotient = numerator / denominator;
  const twice = 2n * (numerator % denominator);
  return twice > denominator || (twice === denominator && quotient % 2n === 1n) ? quotient + 1n : quotient;
};

interface UserSession {
  label: string;
  context: BrowserContext;
  page: Page;
}

/**
 * The acceptance scenario of digital bills in Chromium, against the real API (fresh database,
 * fresh anvil, the outbox worker running), one browser context per user: a supplier imports a
 * Peppol invoice on the import page, the buyer accepts the bill (the page shows it settling on
 * chain, then follows the chain), the supplier asks for financing, the bank offers in the
 * marketplace and sees the server's quote, the supplier accepts the offer, and its balances page
 * shows the net proceeds to the minor unit. Every page fails the test on a console error, a page
 * error, a failed request or a 4xx/5xx answer.
 */
describe('portal bills, financing and settlement (Chromium against the real API)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let supplier: TestOrg;
  let buyer: TestOrg;
  let bank: TestOrg;
  let supplierName: string;
  let bankName: string;
  let browser: Browser;
  let workDir: string;
  let invoicePath: string;
  let invoiceSha256: string;
  const sessions: UserSession[] = [];
  const problems: string[] = [];

  const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
  const text = async (page: Page, id: string) => ((await byTestId(page, id).textContent()) ?? '').trim();
  const url = (hashPath: string) => `${p.baseUrl}/#${hashPath}`;
  const isApi = (method: string, path: string | RegExp) => (res: { url(): string; request(): { method(): string } }) => {
    const pathname = new URL(res.url()).pathname;
    return res.request().method() === method && (typeof path === 'string' ? pathname === path : path.test(pathname));
  };
  const shot = async (page: Page, name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `bills-${name}.png`), fullPage: true });
  };
  const mining = async (on: boolean) => {
    await p.chain.provider.send('evm_setAutomine', [on]);
    if (on) await p.chain.provider.send('evm_mine', []);
  };

  async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not reached; last ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function fund(org: TestOrg, amountMinor: string): Promise<void> {
    const deposit = await platform.admin.post('/api/v1/settlement/deposits', {
      organizationId: org.id,
      currency: 'EUR',
      amountMinor,
      reference: `portal-${randomBytes(6).toString('hex')}`,
    });
    expect(deposit.status).toBe(201);
    await waitFor(
      () => org.admin.get(`/api/v1/settlement/organizations/${org.id}/movements`),
      (r) => r.body?.[0]?.state === 'CONFIRMED',
      `deposit of ${org.id} confirmed`,
    );
  }

  /**
   * The page's action buttons for the bill are exactly its `allowedActions` from the API for the
   * same user (`finance` is the Accept of an offer, in the offers table, not a button of its own);
   * waits until the page shows the read it polls. Returns the actions.
   */
  async function offeredActions(page: Page, org: TestOrg, billId: string): Promise<string[]> {
    const seen = await waitFor(
      async () => {
        const api = ((await org.admin.get(`/api/v1/bills/${billId}`)).body.allowedActions as string[]).filter((a) => a !== 'finance');
        const buttons = await page.locator('[data-testid="bill-actions"] [data-testid^="bill-action-"]').all();
        const shown = (await Promise.all(buttons.map((button) => button.getAttribute('data-testid'))))
          .map((id) => id!.slice('bill-action-'.length))
          .filter((a) => a !== 'pdf');
        return { api: [...api].sort(), shown: shown.sort() };
      },
      (v) => JSON.stringify(v.api) === JSON.stringify(v.shown),
      `the buttons of bill ${billId} equal its allowedActions`,
    );
    return seen.api;
  }

  /** Clicks a bill action, after checking that the API offers it to this user and the page shows exactly the offered ones. */
  async function clickAction(page: Page, org: TestOrg, billId: string, action: string): Promise<void> {
    await byTestId(page, `bill-action-${action}`).waitFor();
    expect(await offeredActions(page, org, billId)).toContain(action);
    await byTestId(page, `bill-action-${action}`).click();
  }

  /** A fresh browser context (own storage, own session) for one user, signed in through the login page. */
  async function signIn(label: string, email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    // Chromium reports CSP violations on the console too; this makes them explicit. A string, as
    // the test is compiled without the DOM library.
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) =>
        console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')'));`,
    });
    // Generous: the first render of the portal is CPU-bound, and CI machines are shared.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`${label}: console error: ${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => problems.push(`${label}: page error: ${err.message}`));
    // a request the page cancels itself (the poll of a page being left) is not a failure
    page.on('requestfailed', (req) => {
      if (req.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`${label}: request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText})`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`${label}: HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    });
    sessions.push({ label, context, page });

    await page.goto(url('/'));
    await page.waitForURL(/#\/login$/);
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(TEST_PASSWORD);
    await page.locator('button[type=submit]').click();
    await byTestId(page, 'app-user-name').waitFor();
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
    }
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
    p = await startTestPlatform();
    platform = await platformClients(p.baseUrl, p.db.url);
    const tag = Date.now().toString(36);
    supplierName = `Portal Supplier ${tag} GmbH`;
    // The invoice's parties by their Peppol endpoint ids: seller 0088:9482348239847239874, buyer 0002:FR23342.
    [supplier, buyer, bank] = await Promise.all([
      createOrg(p.baseUrl, platform, { legalName: supplierName, roles: ['SUPPLIER'], peppolIds: ['0088:9482348239847239874'] }),
      createOrg(p.baseUrl, platform, { legalName: `Portal Buyer ${tag} SA`, roles: ['BUYER'], peppolIds: ['0002:FR23342'], country: 'FR' }),
      createOrg(p.baseUrl, platform, { legalName: (bankName = `Portal Bank ${tag} AG`), roles: ['FINANCIER'] }),
    ]);
    for (const org of [supplier, buyer, bank]) await waitForVerifiedWallet(org, 60_000);
    await fund(bank, '100000000');
    await fund(buyer, '1000000');

    // The committed fixture is due 2017-12-01: long past, so it could not be financed. The upload
    // is a copy dated today, due in 60 days; the fixture itself stays untouched.
    const now = Date.now();
    const xml = readFileSync(new URL(`../fixtures/peppol-bis3/${FIXTURE}`, import.meta.url), 'utf8');
    const dated = xml
      .replace('<cbc:IssueDate>2017-11-13</cbc:IssueDate>', `<cbc:IssueDate>${utcDate(now)}</cbc:IssueDate>`)
      .replace('<cbc:DueDate>2017-12-01</cbc:DueDate>', `<cbc:DueDate>${utcDate(now + 60 * DAY_MS)}</cbc:DueDate>`);
    expect(dated).not.toBe(xml);
    expect(dated).toContain(`<cbc:DueDate>${utcDate(now + 60 * DAY_MS)}</cbc:DueDate>`);
    workDir = mkdtempSync(join(tmpdir(), 'tally-portal-bills-'));
    invoicePath = join(workDir, FIXTURE);
    writeFileSync(invoicePath, dated);
    invoiceSha256 = '0x' + createHash('sha256').update(dated).digest('hex');

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 300_000);

  afterAll(async () => {
    // Where each user ended up: the first thing to look at when the test failed.
    for (const session of sessions) await shot(session.page, `end-${session.label}`).catch(() => undefined);
    if (problems.length) console.error(`problems seen in the browser:\n${problems.join('\n')}`);
    for (const session of sessions) await session.context.close().catch(() => undefined);
    await browser?.close();
    if (p) await p.chain.provider.send('evm_setAutomine', [true]).catch(() => undefined);
    await p?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('imports an invoice, lets the buyer accept it, the bank finance it, and shows the supplier the net proceeds in its balance', async () => {
    // ---- the supplier imports the invoice ------------------------------------------------------
    const s = await signIn('supplier', supplier.adminEmail);
    expect(await text(s, 'app-user-organization')).toBe(supplierName);
    await s.getByRole('menuitem', { name: 'Import UBL' }).click();
    await s.waitForURL(url('/import'));
    await byTestId(s, 'ubl-file-input').setInputFiles(invoicePath);
    await byTestId(s, `ubl-selected-${FIXTURE}`).waitFor();
    const imported = s.waitForResponse(isApi('POST', '/api/v1/bills/import/ubl'));
    await byTestId(s, 'ubl-import-submit').click();
    const importAnswer = await imported;
    expect(importAnswer.status()).toBe(201);
    const issued = (await importAnswer.json()) as {
      id: string;
      invoiceNumber: string;
      faceAmountMinor: string;
      pendingAction: string | null;
      documentSha256: string;
    };
    expect(issued).toMatchObject({
      invoiceNumber: 'Snippet1',
      faceAmountMinor: '165625',
      pendingAction: 'issue',
      documentSha256: invoiceSha256,
    });
    const billId = issued.id;
    const billPath = `/api/v1/bills/${billId}`;

    const result = byTestId(s, `ubl-result-${FIXTURE}`);
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await text(s, 'ubl-summary')).toBe('1 imported, 0 refused');
    expect(await text(s, `ubl-result-link-${FIXTURE}`)).toBe('Bill Snippet1');
    expect(await result.textContent()).toContain('1,656.25 EUR');
    await shot(s, '1-import');

    // the per-file result links to the bill; its registration settles on chain
    await byTestId(s, `ubl-result-link-${FIXTURE}`).click();
    await s.waitForURL(url(`/bills/${billId}/show`));
    await byTestId(s, 'bill-page').waitFor();
    expect(await text(s, 'bill-invoice-number')).toBe('Snippet1');
    expect(await byTestId(s, 'bill-amount').getAttribute('data-minor')).toBe('165625');
    expect(await byTestId(s, 'bill-document-sha256').getAttribute('data-value')).toBe(invoiceSha256);
    await s.locator('[data-testid="bill-timeline-step"][data-action="issue.confirmed"]').waitFor();
    await byTestId(s, 'bill-pending').waitFor({ state: 'detached' });
    expect(await text(s, 'bill-state')).toBe('ISSUED');
    expect(await text(s, 'bill-holder')).toBe(`${supplierName} (you)`);
    // the supplier holds an issued bill: cancel, transfer, split, but not accept
    await byTestId(s, 'bill-action-cancel').waitFor();
    expect(await offeredActions(s, supplier, billId)).toEqual(['cancel', 'split', 'transfer']);
    expect(await byTestId(s, 'bill-action-split').count()).toBe(1);
    expect(await byTestId(s, 'bill-action-accept').count()).toBe(0);
    expect(await byTestId(s, 'bill-action-request-financing').count()).toBe(0);

    // ---- the buyer accepts; the page shows the acceptance settling, then follows the chain -----
    const b = await signIn('buyer', buyer.adminEmail);
    await b.getByRole('menuitem', { name: 'Bills' }).click();
    await byTestId(b, `bill-row-${billId}`).click();
    await b.waitForURL(url(`/bills/${billId}/show`));
    expect(await text(b, 'bill-state')).toBe('ISSUED');
    await clickAction(b, buyer, billId, 'accept');
    await byTestId(b, 'bill-accept-dialog').waitFor();
    // Hold the chain so the acceptance is visibly in flight, whatever the machine's speed.
    await mining(false);
    try {
      const accepted = b.waitForResponse(isApi('POST', `${billPath}/accept`));
      await byTestId(b, 'bill-accept-dialog-confirm').click();
      const acceptAnswer = await accepted;
      expect(acceptAnswer.status()).toBe(200);
      expect(((await acceptAnswer.json()) as { pendingAction: string }).pendingAction).toBe('accept');
      const pending = byTestId(b, 'bill-pending');
      await pending.waitFor();
      expect(await pending.getAttribute('data-action')).toBe('accept');
      expect(await pending.textContent()).toContain('settling on chain');
      await byTestId(b, 'bill-settling').waitFor();
      expect(await byTestId(b, 'bill-action-accept').count()).toBe(0);
      expect(await text(b, 'bill-state')).toBe('ISSUED');
      await shot(b, '2-accept-settling');
    } finally {
      await mining(true);
    }
    // no reload: the page polls while the action is pending
    await b.locator('[data-testid="bill-state"]', { hasText: 'ACCEPTED' }).waitFor();
    await byTestId(b, 'bill-pending').waitFor({ state: 'detached' });
    const acceptStep = b.locator('[data-testid="bill-timeline-step"][data-action="accept.confirmed"]');
    await acceptStep.waitFor();
    const steps = await Promise.all(
      (await b.locator('[data-testid="bill-timeline-step"]').all()).map((row) => row.getAttribute('data-action')),
    );
    const acceptTx = await byTestId(b, `bill-timeline-tx-${steps.indexOf('accept.confirmed')}`).getAttribute('data-value');
    expect(acceptTx).toMatch(/^0x[0-9a-f]{64}$/);
    // the hash shown is the registry's transaction, mined and successful
    expect((await p.chain.provider.getTransactionReceipt(acceptTx!))?.status).toBe(1);
    // the obligor of an accepted bill may pay it at maturity
    await byTestId(b, 'bill-action-pay').waitFor();
    expect(await offeredActions(b, buyer, billId)).toEqual(['pay']);
    await shot(b, '3-accepted');

    // ---- the supplier asks for financing -------------------------------------------------------
    await s.reload();
    await s.locator('[data-testid="bill-state"]', { hasText: 'ACCEPTED' }).waitFor();
    const requested = s.waitForResponse(isApi('POST', `${billPath}/financing-requests`));
    await clickAction(s, supplier, billId, 'request-financing');
    expect((await requested).status()).toBe(201);
    await byTestId(s, 'bill-financing-requested').waitFor();
    await byTestId(s, 'bill-offers-empty').waitFor();

    // ---- the bank makes an offer in the marketplace and sees the server's quote ------------------
    const k = await signIn('bank', bank.adminEmail);
    await k.getByRole('menuitem', { name: 'Marketplace' }).click();
    await k.waitForURL(url('/financing/marketplace'));
    await byTestId(k, `marketplace-row-${billId}`).waitFor();
    expect(await byTestId(k, `marketplace-amount-${billId}`).getAttribute('data-minor')).toBe('165625');
    expect(await text(k, `marketplace-amount-${billId}`)).toBe('1,656.25 EUR');
    await shot(k, '4-marketplace');
    await byTestId(k, `marketplace-offer-${billId}`).click();
    await byTestId(k, 'offer-dialog').waitFor();
    await byTestId(k, 'offer-advance-rate').fill('90');
    await byTestId(k, 'offer-discount-rate').fill('4.5');
    await byTestId(k, 'offer-fees').fill('25.00');
    const offered = k.waitForResponse(isApi('POST', /^\/api\/v1\/financing\/requests\/[0-9a-f-]+\/offers$/));
    await byTestId(k, 'offer-dialog-confirm').click();
    const offerAnswer = await offered;
    expect(offerAnswer.status()).toBe(201);
    expect(offerAnswer.request().postDataJSON()).toMatchObject({
      advanceRateBps: 9_000,
      annualDiscountRateBps: 450,
      feesMinor: '2500',
      dayCount: 'ACT/360',
    });
    const offer = (await offerAnswer.json()) as {
      id: string;
      netProceedsMinor: string;
      advanceAmountMinor: string;
      discountMinor: string;
      tenorDays: number;
    };
    // 90 % of 1,656.25 is 1,490.625: half-even to the cent. Due in 60 days (59 or 61 only if the
    // test straddles midnight UTC); the discount is 4.5 % a year on the advance, ACT/360.
    expect(offer.advanceAmountMinor).toBe('149062');
    expect(offer.tenorDays).toBeGreaterThanOrEqual(59);
    expect(offer.tenorDays).toBeLessThanOrEqual(61);
    expect(offer.discountMinor).toBe(halfEven(149_062n * 450n * BigInt(offer.tenorDays), 10_000n * 360n).toString());
    expect(offer.netProceedsMinor).toBe((149_062n - BigInt(offer.discountMinor) - 2_500n).toString());
    await byTestId(k, 'offer-quote').waitFor();
    expect(await byTestId(k, 'offer-quote-net').getAttribute('data-minor')).toBe(offer.netProceedsMinor);
    expect(await text(k, 'offer-quote-net')).toBe(`${eur(offer.netProceedsMinor)} EUR`);
    expect(await text(k, 'offer-quote-tenor')).toBe(`${offer.tenorDays} days`);
    await shot(k, '5-offer-quote');
    await byTestId(k, 'offer-dialog-done').click();

    // ---- the supplier accepts the offer (its offers table polls) ---------------------------------
    const acceptOffer = byTestId(s, `offer-accept-${offer.id}`);
    await acceptOffer.waitFor();
    expect(await byTestId(s, `offer-net-${offer.id}`).getAttribute('data-minor')).toBe(offer.netProceedsMinor);
    await shot(s, '6-offers');
    // the holder may finance the bill, and this offer is one it may accept
    expect((await supplier.admin.get(billPath)).body.allowedActions).toContain('finance');
    expect((await supplier.admin.get(`${billPath}/offers`)).body.find((o: { id: string }) => o.id === offer.id).allowedActions).toEqual(['accept']);
    await acceptOffer.click();
    await byTestId(s, 'offer-accept-dialog').waitFor();
    const sold = s.waitForResponse(isApi('POST', `/api/v1/financing/offers/${offer.id}/accept`));
    await byTestId(s, 'offer-accept-dialog-confirm').click();
    expect((await sold).status()).toBe(200);
    // DvP: the bill goes to the bank and is financed, once the outbox confirms
    await s.locator('[data-testid="bill-encumbrance"]', { hasText: 'FINANCED' }).waitFor();
    await byTestId(s, 'bill-pending').waitFor({ state: 'detached' });
    expect(await byTestId(s, 'bill-holder').getAttribute('data-organization-id')).toBe(bank.id);
    // the supplier may not read the bank's organization, but the bill names its own parties
    expect(await text(s, 'bill-holder')).toBe(bankName);
    await s.locator('[data-testid="bill-timeline-step"][data-action="finance.confirmed"]').waitFor();
    expect(await byTestId(s, 'bill-action-transfer').count()).toBe(0);
    // sold: the supplier may do nothing more with it
    expect(await offeredActions(s, supplier, billId)).toEqual([]);
    await shot(s, '7-financed');

    // the bill as a PDF, and the list as CSV
    const pdf = s.waitForEvent('download');
    await byTestId(s, 'bill-action-pdf').click();
    expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);
    await s.getByRole('menuitem', { name: 'Bills' }).click();
    await byTestId(s, `bill-row-${billId}`).waitFor();
    expect(await text(s, `bill-amount-${billId}`)).toBe('1,656.25 EUR');
    expect(await text(s, `bill-encumbrance-${billId}`)).toBe('FINANCED');
    const csv = s.waitForEvent('download');
    await byTestId(s, 'bills-export-csv').click();
    const csvDownload = await csv;
    expect(csvDownload.suggestedFilename()).toBe('bills.csv');
    const csvPath = join(workDir, 'bills.csv');
    await csvDownload.saveAs(csvPath);
    expect(readFileSync(csvPath, 'utf8')).toContain(`${billId},Snippet1,`);
    await shot(s, '8-list');

    // ---- the supplier's balance holds the net proceeds, to the minor unit ------------------------
    // The supplier sold the bill, so only the bank (the holder now, and the offer's author) reads the offer.
    const offersNow = await bank.admin.get(`${billPath}/offers`);
    const accepted = (offersNow.body as { id: string; state: string; netProceedsMinor: string }[]).find((o) => o.id === offer.id)!;
    expect(accepted.state).toBe('ACCEPTED');
    await s.getByRole('menuitem', { name: 'Balances' }).click();
    await s.waitForURL(url('/settlement/balances'));
    const balance = byTestId(s, 'balance-EUR');
    await balance.waitFor();
    expect(await balance.getAttribute('data-minor')).toBe(accepted.netProceedsMinor);
    expect(await text(s, 'balance-EUR')).toBe(eur(accepted.netProceedsMinor));
    const api = await supplier.admin.get(`/api/v1/settlement/organizations/${supplier.id}/balances`);
    expect(api.body.find((row: { currency: string }) => row.currency === 'EUR').balanceMinor).toBe(accepted.netProceedsMinor);
    await shot(s, '9-balances');

    expect(problems).toEqual([]);
  }, 420_000);

  it('splits a bill with the amount editor, which refuses parts that do not add up, and transfers a part by organization id', async () => {
    // An accepted bill of 1,656.25 EUR, issued and accepted through the API.
    const issuedAnswer = await supplier.admin.post('/api/v1/bills', {
      buyerOrganizationId: buyer.id,
      invoiceNumber: `SPLIT-${randomBytes(3).toString('hex')}`,
      amountMinor: '165625',
      currency: 'EUR',
      issueDate: utcDate(Date.now()),
      dueDate: utcDate(Date.now() + 90 * DAY_MS),
    });
    expect(issuedAnswer.status).toBe(201);
    const billId = issuedAnswer.body.id as string;
    const settled = () =>
      waitFor(
        () => supplier.admin.get(`/api/v1/bills/${billId}`),
        (r) => r.body?.pendingAction === null,
        `bill ${billId} settled`,
      );
    await settled();
    expect((await buyer.admin.post(`/api/v1/bills/${billId}/accept`, {})).status).toBe(200);
    await settled();

    const s = await signIn('supplier-2', supplier.adminEmail);
    await s.goto(url(`/bills/${billId}/show`));
    await s.locator('[data-testid="bill-state"]', { hasText: 'ACCEPTED' }).waitFor();
    await clickAction(s, supplier, billId, 'split');
    const dialog = byTestId(s, 'bill-split-dialog');
    await dialog.waitFor();
    const confirm = byTestId(s, 'bill-split-dialog-confirm');
    const remaining = byTestId(s, 'split-remaining');

    // nothing allocated yet: the whole face amount remains, and the split is refused
    expect(await remaining.getAttribute('data-minor')).toBe('165625');
    expect(await confirm.isDisabled()).toBe(true);
    await byTestId(s, 'split-part-0').fill('1,000.00');
    await byTestId(s, 'split-part-1').fill('500');
    expect(await remaining.getAttribute('data-minor')).toBe('15625');
    expect(await remaining.textContent()).toContain('Remaining to allocate: 156.25 EUR');
    expect(await confirm.isDisabled()).toBe(true);
    // too much is refused as well
    await byTestId(s, 'split-part-1').fill('700.00');
    expect(await remaining.getAttribute('data-minor')).toBe('-4375');
    expect(await remaining.textContent()).toContain('exceed the face amount by 43.75 EUR');
    expect(await confirm.isDisabled()).toBe(true);
    // a third part; a malformed amount is flagged and blocks the split
    await byTestId(s, 'split-add-part').click();
    await byTestId(s, 'split-part-1').fill('500.00');
    await byTestId(s, 'split-part-2').fill('1,56.25');
    await dialog.getByText('Not an amount').waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await byTestId(s, 'split-part-2').fill('');
    await byTestId(s, 'split-fill-last').click();
    expect(await byTestId(s, 'split-part-2').inputValue()).toBe('156.25');
    expect(await remaining.getAttribute('data-minor')).toBe('0');
    expect(await confirm.isDisabled()).toBe(false);
    await shot(s, '10-split-editor');

    const split = s.waitForResponse(isApi('POST', `/api/v1/bills/${billId}/split`));
    await confirm.click();
    const splitAnswer = await split;
    expect(splitAnswer.status()).toBe(201);
    expect(splitAnswer.request().postDataJSON()).toEqual({ amountsMinor: ['100000', '50000', '15625'] });
    const parts = (await splitAnswer.json()) as { id: string; faceAmountMinor: string }[];
    expect(parts.map((part) => part.faceAmountMinor)).toEqual(['100000', '50000', '15625']);

    // once the split settles, the parent points at its parts
    await byTestId(s, 'bill-superseded').waitFor();
    await byTestId(s, 'bill-pending').waitFor({ state: 'detached' });
    await s.locator(`[data-testid="bill-superseded"] a`, { hasText: 'part 3' }).click();
    await s.waitForURL(url(`/bills/${parts[2]!.id}/show`));
    await s.locator('[data-testid="bill-amount"][data-minor="15625"]').waitFor();
    await byTestId(s, 'bill-parent-link').waitFor();
    await s.locator('[data-testid="bill-state"]', { hasText: 'ACCEPTED' }).waitFor();

    // the bank's name is not visible to the supplier: its id is pasted
    await clickAction(s, supplier, parts[2]!.id, 'transfer');
    await byTestId(s, 'bill-transfer-dialog').waitFor();
    expect(await byTestId(s, 'bill-transfer-dialog-confirm').isDisabled()).toBe(true);
    await byTestId(s, 'bill-transfer-organization').fill(bank.id);
    await shot(s, '11-transfer');
    const transfer = s.waitForResponse(isApi('POST', `/api/v1/bills/${parts[2]!.id}/transfer`));
    await byTestId(s, 'bill-transfer-dialog-confirm').click();
    expect((await transfer).status()).toBe(200);
    await s.locator(`[data-testid="bill-holder"][data-organization-id="${bank.id}"]`).waitFor();
    await byTestId(s, 'bill-pending').waitFor({ state: 'detached' });
    await s.locator('[data-testid="bill-timeline-step"][data-action="transfer.confirmed"]').waitFor();
    // no longer the holder: nothing left to do but read
    expect(await byTestId(s, 'bill-action-split').count()).toBe(0);
    expect(await byTestId(s, 'bill-action-transfer').count()).toBe(0);
    await shot(s, '12-transferred');

    // the list filters by holder: the supplier holds the two other parts, the bank the third
    await s.goto(url(`/bills?filter=${encodeURIComponent(JSON.stringify({ holderId: supplier.id }))}`));
    await byTestId(s, `bill-row-${parts[0]!.id}`).waitFor();
    expect(await byTestId(s, `bill-row-${parts[1]!.id}`).count()).toBe(1);
    expect(await byTestId(s, `bill-row-${parts[2]!.id}`).count()).toBe(0);
    expect(await byTestId(s, `bill-row-${billId}`).count()).toBe(0);

    expect(problems).toEqual([]);
  }, 300_000);
});
