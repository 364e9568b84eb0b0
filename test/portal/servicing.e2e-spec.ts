// Servicing and investor reports in Chromium (issue 11, acceptance "the investor opens the period's
// report and sees its distribution in its balance"), real PostgreSQL, anvil and worker: a deal
// closed on chain through the API, three of its bills paid into the vault; then in the portal the
// servicer proposes period 1 from the deal, the trustee reviews the waterfall and approves it, the
// vault pays the holders, the servicer publishes the report (CSV, then the PDF once the CSV is
// anchored), and the investor opens the period's report, sees its figures and their anchoring,
// downloads the PDF (the anchored bytes) and finds its distribution on its home page — the amount
// its wallet received on chain.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectSettlementToken } from '#contracts';
import { createOrg, platformClients, TEST_PASSWORD, type TestOrg } from '../support/auth.js';
import { launchBrowser, pageProblems, signInPortal, type Browser, type BrowserContext, type Page } from '../support/browser.js';
import { closeDeal, type ClosedDeal, SERVICED_ORDERS, SERVICED_TRANCHES, SERVICED_FACES } from '../support/closed-deal.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { deposit, plusDays, waitFor } from '../securitization/closing-setup.js';

const OUT = new URL('./out/', import.meta.url).pathname;
const FACES = SERVICED_FACES; // minor units: 13,500.00 EUR in all, due in 60..64 days
const TRANCHES = SERVICED_TRANCHES;

/** EUR minor units as the portal shows them (`1,491.09 EUR`), computed independently of the portal. */
const eur = (minor: string | bigint) => {
  const digits = minor.toString().padStart(3, '0');
  return `${digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${digits.slice(-2)} EUR`;
};
const sha256 = (bytes: Buffer) => `0x${createHash('sha256').update(bytes).digest('hex')}`;

interface Line {
  section: string;
  item: string;
  field: string;
  value: string;
}
interface Payment {
  tranche: string;
  holder: string;
  interestMinor: string;
  principalMinor: string;
}

describe('portal servicing: propose, approve, report, investor distribution (Chromium against the real API)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let deal: ClosedDeal;
  let servicer: TestOrg;
  let trustee: TestOrg;
  let outsider: TestOrg;
  let eurAddress: string;
  let browser: Browser;
  const dealName = 'Portal Servicing Deal';
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  /** Pages checked: label → what was wrong (empty when fine). */
  const inspected = new Map<string, string[]>();

  const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
  const text = async (page: Page, id: string) => ((await byTestId(page, id).first().textContent()) ?? '').trim();
  const inspect = async (page: Page, label: string) => inspected.set(label, await pageProblems(page, join(OUT, `servicing-${label.replace(/[^a-z0-9]+/gi, '-')}-phone.png`)));
  const signIn = (label: string, email: string) => signInPortal(browser, { baseUrl: p.baseUrl, email, password: TEST_PASSWORD, label, problems, contexts });

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    p = await startTestPlatform({ worker: true, env: { KYC_EXPIRY_CHECK_MS: '86400000', ANCHOR_BATCH_WINDOW_MS: '200' } });
    platform = await platformClients(p.baseUrl, p.db.url);
    const status = await platform.anonymous.get('/api/v1/status');
    eurAddress = status.body.contracts.find((c: { name: string }) => c.name === 'SettlementToken.EUR').address;
    deal = await closeDeal(p, platform, {
      tag: 'Portal Servicing',
      faces: FACES,
      tranches: TRANCHES,
      orders: SERVICED_ORDERS,
      investorCash: 2_000_000n,
      cutOffDate: plusDays(0),
      closingDate: plusDays(0),
      firstDistributionDate: plusDays(40),
      statedMaturityDate: plusDays(400),
    });
    [servicer, trustee, outsider] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['SERVICER'], legalName: 'Portal Servicing Servicer GmbH' }),
      createOrg(p.baseUrl, platform, { roles: ['TRUSTEE'], legalName: 'Portal Servicing Trustee SA' }),
      createOrg(p.baseUrl, platform, { roles: ['INVESTOR'], legalName: 'Portal Servicing Outsider Fund' }),
    ]);
    // bills 1, 2 and 3 paid by their obligors into the SPV vault (the period's collections); 0 and 4 stay open
    for (const buyer of deal.parties.buyers) await deposit(platform, buyer, 1_000_000n);
    for (const i of [1, 2, 3]) {
      const r = await deal.parties.buyers[i % deal.parties.buyers.length]!.admin.post(`/api/v1/bills/${deal.billIds[i]}/pay`, {});
      expect([r.status, r.body.code]).toEqual([200, undefined]);
    }
    await waitFor(
      () => Promise.all([1, 2, 3].map(async (i) => (await deal.parties.bank.admin.get(`/api/v1/bills/${deal.billIds[i]}`)).body.state as string)),
      (s) => s.every((x) => x === 'PAID'),
      'bills paid',
    );
    browser = await launchBrowser();
  }, 900_000);

  afterAll(async () => {
    if (problems.length) console.error(`problems seen in the browser:\n${problems.join('\n')}`);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await p?.close();
  });

  it('the servicer proposes, the trustee approves, the servicer publishes, the investor reads its report and distribution', async () => {
    const token = connectSettlementToken(eurAddress, p.chain.provider);
    const [investor, otherInvestor] = deal.parties.investors as [TestOrg, TestOrg];
    const wallet = deal.parties.wallets.get(investor.id)!;
    const otherWallet = deal.parties.wallets.get(otherInvestor.id)!;

    // ---- the servicer proposes period 1 of the closed deal from the servicing page ---------------
    const s = await signIn('servicer', servicer.adminEmail);
    await byTestId(s, 'menu-servicing').click();
    await byTestId(s, 'propose-form').waitFor();
    await byTestId(s, 'servicing-none').waitFor();
    await s.getByRole('combobox', { name: 'Deal' }).click();
    await byTestId(s, `propose-deal-${dealName}`).click();
    // the first period, dated on the deal's first distribution date; holders as of today
    expect(await byTestId(s, 'propose-period').inputValue()).toBe('1');
    expect(await byTestId(s, 'propose-distribution-date').inputValue()).toBe(plusDays(40));
    await byTestId(s, 'propose-record-date').fill(plusDays(0));
    await inspect(s, 'servicing page (servicer)');
    await byTestId(s, 'propose-submit').click();
    await s.locator('[data-testid="run-state"][data-state="PROPOSED"]').waitFor();
    const runId = /\/servicing\/runs\/([0-9a-f-]{36})$/.exec(new URL(s.url()).hash)![1]!;
    expect(await text(s, 'run-title')).toBe(`${dealName}, period 1`);
    // the servicer cannot approve its own proposal: no decision buttons for it
    expect(await byTestId(s, 'run-approve').count()).toBe(0);
    await inspect(s, 'run page (servicer, proposed)');

    // what the API computed (the servicer reads the whole run): the figures the pages must show
    const run = (await servicer.admin.get(`/api/v1/servicing/runs/${runId}`)).body;
    const full = (await servicer.admin.get(`/api/v1/servicing/runs/${runId}/report`)).body as { lines: Line[] };
    const own = (run.result.distribution as Payment[]).filter((d) => d.holder === wallet);
    const ownTotal = own.reduce((sum, d) => sum + BigInt(d.interestMinor) + BigInt(d.principalMinor), 0n);
    expect(own.map((d) => d.tranche).sort()).toEqual(['A', 'B']);
    expect(ownTotal).toBeGreaterThan(0n);
    expect(BigInt(run.totalDistributedMinor)).toBeGreaterThan(ownTotal);
    // a proposed run is not an investor's to read yet
    expect((await investor.admin.get('/api/v1/servicing/runs')).body).toEqual([]);
    const early = await investor.admin.get(`/api/v1/servicing/runs/${runId}`);
    expect([early.status, early.body.code]).toEqual([404, 'SERVICING_RUN_NOT_FOUND']);

    // ---- the trustee reviews the waterfall and approves from the portal ---------------------------
    const balanceBefore = (await token.balanceOf(wallet)) as bigint;
    const t = await signIn('trustee', trustee.adminEmail);
    await byTestId(t, 'menu-servicing').click();
    await t.locator(`[data-testid="run-row-${dealName}-1"][data-state="PROPOSED"]`).waitFor();
    await inspect(t, 'servicing page (trustee)');
    await byTestId(t, `run-link-${dealName}-1`).click();
    await byTestId(t, 'run-waterfall').waitFor();
    const interestA = full.lines.find((l) => l.item === 'tranche:A' && l.field === 'interestPaidMinor')!.value;
    expect(await byTestId(t, 'run-tranche-A').getAttribute('data-interest-minor')).toBe(interestA);
    expect(await text(t, 'run-tranche-A')).toContain(eur(interestA));
    // the trustee sees every holder's line, named
    await expect(byTestId(t, 'run-distribution-line').count()).resolves.toBe((run.result.distribution as Payment[]).length);
    expect(await text(t, 'run-distribution')).toContain('Portal Servicing Investor 0 Fund');
    await inspect(t, 'run page (trustee, proposed)');
    await byTestId(t, 'run-approve').click();
    await t.locator('[data-testid="run-state"][data-state="DISTRIBUTED"]').waitFor({ timeout: 180_000 });
    await inspect(t, 'run page (trustee, distributed)');

    // ---- the servicer publishes the report: the CSV, then (CSV anchored) the PDF with its receipt ---
    await s.reload();
    await byTestId(s, 'run-publish').click();
    await s.locator('[data-testid="report-file-csv"][data-state="ANCHORED"]').waitFor({ timeout: 120_000 });
    await byTestId(s, 'run-publish').click();
    await s.locator('[data-testid="report-file-pdf"][data-state="ANCHORED"]').waitFor({ timeout: 120_000 });
    const published = (await servicer.admin.get(`/api/v1/servicing/runs/${runId}/report`)).body;
    expect(published.pdf.state).toBe('ANCHORED');

    // ---- the investor opens the period's report ----------------------------------------------------
    const i = await signIn('investor', investor.adminEmail);
    await byTestId(i, 'menu-servicing').click();
    await i.locator(`[data-testid="run-row-${dealName}-1"][data-state="DISTRIBUTED"]`).waitFor();
    await inspect(i, 'servicing page (investor)');
    await byTestId(i, `run-link-${dealName}-1`).click();
    await byTestId(i, 'run-page').waitFor();
    expect(await text(i, 'run-title')).toBe(`${dealName}, period 1`);
    expect(await byTestId(i, 'run-total').getAttribute('data-minor')).toBe(run.totalDistributedMinor);
    expect(await text(i, 'run-total')).toBe(eur(run.totalDistributedMinor));
    // the waterfall per tranche, the factors and the trigger status as the engine computed them
    for (const tranche of ['A', 'B', 'E']) {
      const row = byTestId(i, `run-tranche-${tranche}`);
      const want = (field: string) => full.lines.find((l) => l.item === `tranche:${tranche}` && l.field === field)!.value;
      expect(await row.getAttribute('data-interest-minor')).toBe(want('interestPaidMinor'));
      expect(await row.getAttribute('data-principal-minor')).toBe(want('principalPaidMinor'));
      expect(await row.textContent()).toContain(eur(want('principalPaidMinor')));
      expect(await byTestId(i, `run-factor-${tranche}`).getAttribute('data-factor')).toBe(run.result.factors[tranche].factor);
    }
    // its own distribution lines only, to the minor unit, formatted
    const lines = byTestId(i, 'run-distribution-line');
    await expect(lines.count()).resolves.toBe(own.length);
    for (const d of own) {
      const line = i.locator(`[data-testid="run-distribution-line"][data-tranche="${d.tranche}"]`);
      const amount = (BigInt(d.interestMinor) + BigInt(d.principalMinor)).toString();
      expect(await line.getAttribute('data-minor')).toBe(amount);
      expect(await line.locator('[data-testid="run-distribution-amount"]').textContent()).toBe(eur(amount));
      expect(await line.textContent()).toContain('paid');
    }
    // the report's files and their anchoring receipt
    const pdfRow = byTestId(i, 'report-file-pdf');
    expect(await pdfRow.getAttribute('data-state')).toBe('ANCHORED');
    const shownSha = await pdfRow.getAttribute('data-sha256');
    expect(shownSha).toBe(published.pdf.sha256);
    expect(await text(i, 'report-tx-pdf')).toContain(`block ${published.pdf.blockNumber}`);
    await inspect(i, 'run page (investor)');
    // the PDF download: 200, a PDF, the anchored bytes
    const [download, response] = await Promise.all([
      i.waitForEvent('download'),
      i.waitForResponse((r) => r.url().endsWith(`/servicing/runs/${runId}/report.pdf`)),
      byTestId(i, 'report-download-pdf').click(),
    ]);
    expect(response.status()).toBe(200);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sha256(pdf)).toBe(shownSha);
    const anchor = await investor.admin.get(`/api/v1/anchors/hashes/${shownSha}`);
    expect([anchor.status, anchor.body.state]).toEqual([200, 'ANCHORED']);
    expect(anchor.body.receipt.txHash).toBe(published.pdf.txHash);
    // the CSV too: the bytes whose hash is anchored and whose receipt the PDF carries
    const [csvDownload] = await Promise.all([i.waitForEvent('download'), byTestId(i, 'report-download-csv').click()]);
    expect(sha256(readFileSync((await csvDownload.path())!))).toBe(published.csv.sha256);

    // ---- its distribution on its home page, and in its wallet on chain ------------------------------
    await i.goto(`${p.baseUrl}/#/`);
    await byTestId(i, 'investor-portfolio').waitFor();
    const homeLines = i.locator('[data-testid="investor-distribution"]');
    await homeLines.first().waitFor();
    const homeMinor = await homeLines.evaluateAll((els) => els.map((e) => e.getAttribute('data-minor') ?? ''));
    expect(homeMinor.sort()).toEqual(own.map((d) => (BigInt(d.interestMinor) + BigInt(d.principalMinor)).toString()).sort());
    for (const d of own) expect(await byTestId(i, 'investor-portfolio').textContent()).toContain(eur(BigInt(d.interestMinor) + BigInt(d.principalMinor)));
    expect(((await token.balanceOf(wallet)) as bigint) - balanceBefore).toBe(ownTotal);
    await inspect(i, 'home (investor)');

    // ---- across organizations: the other holder sees its own lines only, an outsider nothing --------
    const other = (await otherInvestor.admin.get(`/api/v1/servicing/runs/${runId}`)).body;
    expect((other.result.distribution as Payment[]).map((d) => d.holder)).toEqual((run.result.distribution as Payment[]).filter((d) => d.holder === otherWallet).map((d) => d.holder));
    expect(other.payouts.every((x: { holder: string }) => x.holder === otherWallet)).toBe(true);
    const otherReport = (await otherInvestor.admin.get(`/api/v1/servicing/runs/${runId}/report`)).body as { lines: Line[] };
    const otherHolders = otherReport.lines.filter((l) => l.section === 'distribution' && l.item !== 'total').map((l) => l.item.split(':')[1]);
    expect(new Set(otherHolders)).toEqual(new Set([otherWallet]));
    expect((await outsider.admin.get('/api/v1/servicing/runs')).body).toEqual([]);
    for (const path of ['', '/report', '/report.pdf', '/report.csv']) {
      const r = await outsider.admin.get(`/api/v1/servicing/runs/${runId}${path}`);
      expect([path, r.status, r.body.code]).toEqual([path, 404, 'SERVICING_RUN_NOT_FOUND']);
    }
    const refused = await investor.admin.post(`/api/v1/servicing/runs/${runId}/approve`);
    expect([refused.status, refused.body.code]).toEqual([403, 'SERVICING_NOT_TRUSTEE']);

    expect(Object.fromEntries([...inspected].filter(([, found]) => found.length > 0))).toEqual({});
    expect(problems).toEqual([]);
  }, 900_000);
});
