import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrg, platformClients, TEST_PASSWORD, waitForVerifiedWallet, type TestOrg } from '../support/auth.js';
import { DESKTOP, launchBrowser, pageProblems, PHONE, signInPortal, type Browser, type BrowserContext, type Page } from '../support/browser.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const FIXTURE = 'base-example.xml';
const DAY_MS = 86_400_000;
/** Screenshots of every role's home page, desktop and phone (git-ignored; see .gitignore). */
const OUT = new URL('./out/', import.meta.url).pathname;

const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** EUR minor units as the portal shows them (`1,491.09`), computed independently of the portal. */
const eur = (minor: string) => {
  const digits = minor.padStart(3, '0');
  return `${digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${digits.slice(-2)}`;
};

/**
 * The whole trade flow in Chromium, one browser context per role, without calling the API from
 * the test once the organizations exist (issue 14, acceptance): the settlement agent deposits
 * for a bank, the supplier imports a shipped sample invoice, the buyer accepts it, an unfunded
 * bank's offer is refused at offer time (the dialog keeps the values typed, the error speaks in
 * currency amounts) while the funded bank's offer is made, the supplier accepts it, and the
 * statements and balances show the money. Every page visited is checked for id fragments in its
 * text and, at 390 × 844, for horizontal scrolling.
 */
describe('portal trade flow per role (Chromium against the real API)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let agentEmail: string;
  let supplier: TestOrg;
  let buyer: TestOrg;
  let bank: TestOrg;
  let poorBank: TestOrg;
  let investor: TestOrg;
  const names = { supplier: '', buyer: '', bank: '', poorBank: '', investor: '' };
  let browser: Browser;
  let workDir: string;
  let invoicePath: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  /** Pages checked: label → what was wrong (empty when fine). */
  const inspected = new Map<string, string[]>();

  const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
  const text = async (page: Page, id: string) => ((await byTestId(page, id).first().textContent()) ?? '').trim();
  const url = (hashPath: string) => `${p.baseUrl}/#${hashPath}`;

  /**
   * The page as it stands: no id fragment in its text, and at phone width nothing wider than the
   * viewport (the document does not scroll sideways).
   */
  async function inspect(page: Page, label: string): Promise<void> {
    inspected.set(label, await pageProblems(page));
  }

  async function signIn(label: string, email: string, expected?: (status: number, method: string, url: string) => boolean): Promise<Page> {
    return signInPortal(browser, { baseUrl: p.baseUrl, email, password: TEST_PASSWORD, label, problems, contexts, expected });
  }

  /** The role's home page, checked and photographed at desktop and phone width. */
  async function home(page: Page, role: string): Promise<void> {
    await page.goto(url('/'));
    await byTestId(page, 'home').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, `home-${role}-desktop.png`), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, `home-${role}-phone.png`), fullPage: true });
    await page.setViewportSize(DESKTOP);
    await inspect(page, `home of ${role}`);
  }

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    p = await startTestPlatform();
    platform = await platformClients(p.baseUrl, p.db.url);
    agentEmail = platform.emails.admin;
    const tag = Date.now().toString(36);
    names.supplier = `Flow Supplier ${tag} GmbH`;
    names.buyer = `Flow Buyer ${tag} SA`;
    names.bank = `Flow Bank ${tag} AG`;
    names.poorBank = `Flow Thin Bank ${tag} AG`;
    names.investor = `Flow Investor ${tag} SA`;
    // the sample invoice's parties by their Peppol endpoint ids: seller 0088:9482348239847239874, buyer 0002:FR23342
    [supplier, buyer, bank, poorBank, investor] = await Promise.all([
      createOrg(p.baseUrl, platform, { legalName: names.supplier, roles: ['SUPPLIER'], peppolIds: ['0088:9482348239847239874'] }),
      createOrg(p.baseUrl, platform, { legalName: names.buyer, roles: ['BUYER'], peppolIds: ['0002:FR23342'], country: 'FR' }),
      createOrg(p.baseUrl, platform, { legalName: names.bank, roles: ['FINANCIER'] }),
      createOrg(p.baseUrl, platform, { legalName: names.poorBank, roles: ['FINANCIER'] }),
      createOrg(p.baseUrl, platform, { legalName: names.investor, roles: ['INVESTOR'] }),
    ]);
    for (const org of [supplier, buyer, bank, poorBank]) await waitForVerifiedWallet(org, 60_000);

    // the shipped sample is due 2017-12-01; the upload is a copy dated today, due in 60 days
    const now = Date.now();
    const xml = readFileSync(new URL(`../fixtures/peppol-bis3/${FIXTURE}`, import.meta.url), 'utf8');
    const dated = xml
      .replace('<cbc:IssueDate>2017-11-13</cbc:IssueDate>', `<cbc:IssueDate>${utcDate(now)}</cbc:IssueDate>`)
      .replace('<cbc:DueDate>2017-12-01</cbc:DueDate>', `<cbc:DueDate>${utcDate(now + 60 * DAY_MS)}</cbc:DueDate>`);
    expect(dated).not.toBe(xml);
    workDir = mkdtempSync(join(tmpdir(), 'tally-portal-flow-'));
    invoicePath = join(workDir, FIXTURE);
    writeFileSync(invoicePath, dated);
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    if (problems.length) console.error(`problems seen in the browser:\n${problems.join('\n')}`);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await p?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('runs deposit, import, acceptance, two offers (one refused), sale and statements from the portal alone', async () => {
    // ---- the settlement agent deposits for the bank --------------------------------------------
    const agent = await signIn('agent', agentEmail);
    await home(agent, 'settlement-agent');
    await agent.getByRole('menuitem', { name: 'Settlement agent' }).click();
    await byTestId(agent, 'agent-form').waitFor();
    await byTestId(agent, 'agent-organization').fill(names.bank.slice(0, 14));
    await agent.getByRole('option', { name: names.bank }).click();
    await byTestId(agent, 'agent-amount').fill('100,000.00');
    await byTestId(agent, 'agent-reference').fill(`SEPA-FLOW-${Date.now()}`);
    expect(await text(agent, 'agent-submit')).toBe('Record deposit of 100,000.00 EUR');
    await byTestId(agent, 'agent-submit').click();
    // the statement of the picked organization shows the deposit, confirmed once minted on chain
    await agent.locator('[data-testid="statement-row"][data-kind="DEPOSIT"][data-state="CONFIRMED"][data-minor="10000000"]').waitFor();
    await inspect(agent, 'settlement agent');

    // ---- the supplier imports the shipped sample invoice ---------------------------------------
    const s = await signIn('supplier', supplier.adminEmail);
    await home(s, 'supplier');
    await s.getByRole('menuitem', { name: 'Import UBL' }).click();
    await byTestId(s, 'ubl-file-input').setInputFiles(invoicePath);
    await byTestId(s, 'ubl-import-submit').click();
    await byTestId(s, `ubl-result-link-${FIXTURE}`).waitFor();
    expect(await text(s, 'ubl-summary')).toBe('1 imported, 0 refused');
    await inspect(s, 'UBL import result');
    await byTestId(s, `ubl-result-link-${FIXTURE}`).click();
    await byTestId(s, 'bill-page').waitFor();
    await s.locator('[data-testid="bill-state"]', { hasText: 'ISSUED' }).waitFor();
    await byTestId(s, 'bill-pending').waitFor({ state: 'detached' });
    const billPath = new URL(s.url()).hash.slice(1);
    expect(await text(s, 'bill-invoice-number')).toBe('Snippet1');
    await inspect(s, 'bill page (supplier, issued)');

    // ---- the buyer accepts, from its home page's to-do ------------------------------------------
    const b = await signIn('buyer', buyer.adminEmail);
    await home(b, 'buyer');
    await byTestId(b, 'todo-accept').locator('a', { hasText: 'Snippet1' }).click();
    await byTestId(b, 'bill-page').waitFor();
    expect(new URL(b.url()).hash.slice(1)).toBe(billPath);
    expect(await text(b, 'bill-supplier')).toBe(names.supplier);
    await byTestId(b, 'bill-action-accept').click();
    await byTestId(b, 'bill-accept-dialog-confirm').click();
    await b.locator('[data-testid="bill-state"]', { hasText: 'ACCEPTED' }).waitFor();
    await byTestId(b, 'bill-pending').waitFor({ state: 'detached' });
    // due in 60 days: paying is an explicit early payment, shown with the due date
    expect(await byTestId(b, 'bill-action-pay').getAttribute('data-early')).toBe('true');
    expect(await text(b, 'bill-action-pay')).toBe('Pay early');
    expect(await text(b, 'bill-pay-due')).toContain('due in 60 days');
    await inspect(b, 'bill page (buyer, accepted)');
    await b.getByRole('menuitem', { name: 'Bills' }).click();
    await b.locator('[data-testid^="bill-row-"]').first().waitFor();
    await inspect(b, 'bill list (buyer)');

    // ---- the supplier asks for financing ----------------------------------------------------------
    await s.reload();
    await s.locator('[data-testid="bill-state"]', { hasText: 'ACCEPTED' }).waitFor();
    await byTestId(s, 'bill-action-request-financing').click();
    await byTestId(s, 'bill-financing-requested').waitFor();

    // ---- the unfunded bank's offer is refused to it; the dialog keeps what was typed --------------
    const thin = await signIn('thin bank', poorBank.adminEmail, (status, method, u) => status === 409 && method === 'POST' && /\/offers$/.test(new URL(u).pathname));
    await thin.getByRole('menuitem', { name: 'Marketplace' }).click();
    await thin.locator('[data-testid^="marketplace-row-"]').first().waitFor();
    expect(await thin.locator('[data-testid^="marketplace-row-"]').first().textContent()).toContain(names.supplier);
    await inspect(thin, 'marketplace');
    await thin.locator('[data-testid^="marketplace-offer-"]').first().click();
    await byTestId(thin, 'offer-dialog').waitFor();
    await byTestId(thin, 'offer-advance-rate').fill('92');
    await byTestId(thin, 'offer-discount-rate').fill('4.5');
    await byTestId(thin, 'offer-fees').fill('25.00');
    const refused = thin.waitForResponse((res) => res.request().method() === 'POST' && /\/offers$/.test(new URL(res.url()).pathname));
    await byTestId(thin, 'offer-dialog-confirm').click();
    const refusal = await refused;
    expect(refusal.status()).toBe(409);
    const body = (await refusal.json()) as { code: string; message: string };
    expect(body.code).toBe('INSUFFICIENT_FUNDS');
    // in currency amounts, never minor units
    expect(body.message).toMatch(/^The offer pays \d{1,3}(,\d{3})*\.\d{2} EUR but your settlement account holds 0\.00 EUR/);
    await thin.getByText(body.message).waitFor();
    expect(await byTestId(thin, 'offer-advance-rate').inputValue()).toBe('92');
    expect(await byTestId(thin, 'offer-discount-rate').inputValue()).toBe('4.5');
    expect(await byTestId(thin, 'offer-fees').inputValue()).toBe('25.00');
    await thin.waitForTimeout(1_000);
    // still, after the page's polls
    expect(await byTestId(thin, 'offer-discount-rate').inputValue()).toBe('4.5');
    await thin.getByRole('button', { name: 'Cancel' }).click();

    // ---- the funded bank offers --------------------------------------------------------------------
    const k = await signIn('bank', bank.adminEmail);
    await home(k, 'bank');
    await k.getByRole('menuitem', { name: 'Marketplace' }).click();
    await k.locator('[data-testid^="marketplace-offer-"]').first().click();
    await byTestId(k, 'offer-dialog').waitFor();
    await byTestId(k, 'offer-advance-rate').fill('90');
    await byTestId(k, 'offer-discount-rate').fill('4.5');
    await byTestId(k, 'offer-fees').fill('25.00');
    const offered = k.waitForResponse((res) => res.request().method() === 'POST' && /\/offers$/.test(new URL(res.url()).pathname));
    await byTestId(k, 'offer-dialog-confirm').click();
    const offerAnswer = await offered;
    expect(offerAnswer.status()).toBe(201);
    const offer = (await offerAnswer.json()) as { id: string; netProceedsMinor: string };
    expect(offerAnswer.request().postDataJSON()).toMatchObject({ advanceRateBps: 9_000, annualDiscountRateBps: 450, feesMinor: '2500' });
    await byTestId(k, 'offer-quote').waitFor();
    await byTestId(k, 'offer-dialog-done').click();

    // ---- the supplier reviews the offer (named) and accepts it -------------------------------------
    await home(s, 'supplier-with-offer');
    await byTestId(s, 'todo-offers').locator('a', { hasText: 'Snippet1' }).click();
    const acceptOffer = byTestId(s, `offer-accept-${offer.id}`);
    await acceptOffer.waitFor();
    expect(await byTestId(s, `offer-${offer.id}`).textContent()).toContain(names.bank);
    await inspect(s, 'bill page (supplier, offers)');
    await acceptOffer.click();
    await byTestId(s, 'offer-accept-dialog-confirm').click();
    await s.locator('[data-testid="bill-encumbrance"]', { hasText: 'FINANCED' }).waitFor();
    await byTestId(s, 'bill-pending').waitFor({ state: 'detached' });
    expect(await text(s, 'bill-holder')).toBe(names.bank);
    await inspect(s, 'bill page (supplier, financed)');

    // ---- statements and balances show the money --------------------------------------------------
    await s.getByRole('menuitem', { name: 'Balances' }).click();
    const balance = byTestId(s, 'balance-EUR');
    await balance.waitFor();
    await s.locator(`[data-testid="balance-EUR"][data-minor="${offer.netProceedsMinor}"]`).waitFor();
    expect(await text(s, 'balance-EUR')).toBe(eur(offer.netProceedsMinor));
    await inspect(s, 'balances and statement (supplier)');
    // the supplier's statement: the purchase price received from the bank, for the invoice
    await s.locator(`[data-testid="statement-row"][data-kind="FINANCING_RECEIVED"][data-state="CONFIRMED"][data-minor="${offer.netProceedsMinor}"][data-invoice="Snippet1"]`).waitFor();
    expect(await s.locator('[data-testid="statement-row"][data-kind="FINANCING_RECEIVED"]').getAttribute('data-counterparty')).toBe(names.bank);
    expect(await s.locator('[data-testid="statement-row"][data-kind="FINANCING_RECEIVED"]').textContent()).toContain(`from ${names.bank}`);
    await k.getByRole('menuitem', { name: 'Balances' }).click();
    await k.locator('[data-testid="statement-row"][data-kind="DEPOSIT"][data-minor="10000000"]').waitFor();
    await k.locator(`[data-testid="balance-EUR"][data-minor="${(10_000_000n - BigInt(offer.netProceedsMinor)).toString()}"]`).waitFor();
    // the bank's statement: the deposit and the purchase price paid to the supplier; the total is the balance
    await k.locator(`[data-testid="statement-row"][data-kind="FINANCING_PAID"][data-state="CONFIRMED"][data-minor="${offer.netProceedsMinor}"][data-invoice="Snippet1"]`).waitFor();
    expect(await k.locator('[data-testid="statement-row"][data-kind="FINANCING_PAID"]').getAttribute('data-counterparty')).toBe(names.supplier);
    expect(await byTestId(k, 'statement-total-EUR').getAttribute('data-net-minor')).toBe((10_000_000n - BigInt(offer.netProceedsMinor)).toString());
    const csv = k.waitForEvent('download');
    await byTestId(k, 'statement-export-csv').click();
    const csvPath = join(workDir, 'statement.csv');
    await (await csv).saveAs(csvPath);
    const csvLines = readFileSync(csvPath, 'utf8').split('\n');
    expect(csvLines[0]).toBe('date,kind,amount,currency,counterparty,invoice_number,reference,state');
    expect(csvLines[1]).toMatch(new RegExp(`^[^,]+,FINANCING_PAID,-${eur(offer.netProceedsMinor).replaceAll(',', '').replace('.', '\\.')},EUR,${names.supplier},Snippet1,,CONFIRMED$`));
    expect(csvLines[2]).toMatch(/^[^,]+,DEPOSIT,100000\.00,EUR,Settlement agent,,SEPA-FLOW-\d+,CONFIRMED$/);
    expect(csvLines.slice(3)).toEqual(['']);
    const pdf = k.waitForEvent('download');
    await byTestId(k, 'statement-export-pdf').click();
    const pdfDownload = await pdf;
    const pdfPath = join(workDir, 'statement.pdf');
    await pdfDownload.saveAs(pdfPath);
    expect(pdfDownload.suggestedFilename()).toMatch(/^statement-flow-bank-[a-z0-9]+-ag\.pdf$/);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    await inspect(k, 'balances and statement (bank)');
    // the bank's home: the portfolio yield of its financed bill (4.5 % agreed)
    await home(k, 'bank-with-portfolio');
    expect(await byTestId(k, 'figure-portfolio-yield').getAttribute('data-bps')).toBe('450');
    expect(await text(k, 'figure-portfolio-yield')).toBe('4.50 % p.a.');
    await k.getByRole('menuitem', { name: 'Bills' }).click();
    await k.locator('[data-testid^="bill-row-"]').first().waitFor();
    // search by invoice number, and sort by a column (the API sorts)
    const searched = k.waitForResponse((res) => new URL(res.url()).pathname === '/api/v1/bills' && new URL(res.url()).searchParams.get('q') === 'nothing-like-it');
    await byTestId(k, 'bills-search').fill('nothing-like-it');
    expect((await searched).status()).toBe(200);
    await byTestId(k, 'bills-empty').waitFor();
    await byTestId(k, 'bills-search').fill('snip');
    await k.locator('[data-testid^="bill-row-"]').first().waitFor();
    const sorted = k.waitForResponse((res) => new URL(res.url()).searchParams.get('sort') === 'faceAmount');
    await k.getByRole('button', { name: 'Amount' }).click();
    expect((await sorted).status()).toBe(200);
    await k.locator('[data-testid^="bill-row-"]').first().waitFor();
    // the filtered, sorted list saved under a name, and found again
    await byTestId(k, 'bills-saved-queries').getByRole('button', { name: 'Save current query...' }).click();
    await k.getByLabel('Query name').fill('Snippets by amount');
    await k.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await byTestId(k, 'bills-saved-queries').getByText('Snippets by amount').waitFor();
    await inspect(k, 'bill list (bank)');
    await k.goto(url(billPath));
    await k.locator('[data-testid="bill-encumbrance"]', { hasText: 'FINANCED' }).waitFor();
    await inspect(k, 'bill page (bank, holder)');

    // ---- the other roles' home pages: an investor without holdings, the KYC officer, the auditor ----
    const inv = await signIn('investor', investor.adminEmail);
    await home(inv, 'investor');
    expect(await text(inv, 'investor-none')).toBe('You hold no tranche notes and have received no distributions yet.');
    await home(await signIn('kyc officer', platform.emails.kyc), 'kyc-officer');
    await home(await signIn('auditor', platform.emails.auditor), 'auditor');

    const failures = [...inspected].filter(([, found]) => found.length > 0).map(([label, found]) => `${label}: ${found.join(' | ')}`);
    expect(failures).toEqual([]);
    expect(inspected.size).toBeGreaterThanOrEqual(19);
    expect(problems).toEqual([]);
  }, 600_000);
});
