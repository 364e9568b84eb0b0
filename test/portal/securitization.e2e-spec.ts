import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectTrancheToken } from '#contracts';
import { TAPE_COLUMNS } from '#securitization';
import { createOrg, platformClients, TEST_PASSWORD, waitForVerifiedWallet, type TestOrg } from '../support/auth.js';
import { launchBrowser, pageProblems, signInPortal, type Browser, type BrowserContext, type Page } from '../support/browser.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { deposit, issueAcceptedBills, waitFor } from '../securitization/closing-setup.js';

const DAY_MS = 86_400_000;
const OUT = new URL('./out/', import.meta.url).pathname;

const plusDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
/** EUR minor units as the portal shows them (`1,491.09 EUR`), computed independently of the portal. */
const eur = (minor: string | bigint) => {
  const digits = minor.toString().padStart(3, '0');
  return `${digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${digits.slice(-2)} EUR`;
};
/** Basis points as the portal shows them (`20.9 %`), computed independently. */
const pct = (bps: number) => {
  const rest = bps % 100;
  return `${(bps - rest) / 100}${rest === 0 ? '' : `.${String(rest).padStart(2, '0').replace(/0$/, '')}`} %`;
};

/**
 * Securitization in Chromium (issue 10 item 8): the bank creates a pool with criteria and limits,
 * adds its accepted bills in bulk from the picker (one is refused and the page names why), cuts
 * the pool off, downloads the tape, looks up an asset's proof (checked in the browser, root
 * anchored), structures the deal (tranches, fees, reserve, a trigger; credit enhancement as the
 * API computes it) and opens a subscription; the investor subscribes; the bank allocates; the
 * investor sees its allocation; the bank closes the deal (confirmation dialog, the closing panel
 * polls to CLOSED) and the investor sees its notes delivered on its home page (balance = the
 * allocation = its TrancheToken balance on chain). The bills are issued and accepted through the
 * API (on chain: the true sale moves them); everything after the organizations, their wallets and
 * the investor's deposit is done in the portal. Every page is checked for id fragments in its
 * text and, at 390 px, for sideways scrolling.
 */
describe('portal securitization: pool, tape, deal, subscription, closing (Chromium against the real API)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;
  let bank: TestOrg;
  let investor: TestOrg;
  let obligors: TestOrg[];
  const names = { bank: '', investor: '', obligors: [] as string[], pool: '' };
  const invoices = new Map<string, string>(); // bill id → invoice number
  let tooLong: string;
  let browser: Browser;
  let workDir: string;
  const wallets = new Map<string, string>();
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const inspected = new Map<string, string[]>();

  const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
  const text = async (page: Page, id: string) => ((await byTestId(page, id).first().textContent()) ?? '').trim();
  const url = (hashPath: string) => `${p.baseUrl}/#${hashPath}`;

  async function inspect(page: Page, label: string): Promise<void> {
    inspected.set(label, await pageProblems(page, join(OUT, `securitization-${label.replace(/[^a-z0-9]+/gi, '-')}-phone.png`)));
  }

  async function signIn(label: string, email: string): Promise<Page> {
    return signInPortal(browser, { baseUrl: p.baseUrl, email, password: TEST_PASSWORD, label, problems, contexts });
  }

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    p = await startTestPlatform();
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    const tag = Date.now().toString(36);
    names.bank = `Sec Bank ${tag} AG`;
    names.investor = `Sec Investor ${tag} SA`;
    names.obligors = [0, 1, 2].map((i) => `Sec Obligor ${i} ${tag} SE`);
    names.pool = `Receivables ${tag}`;
    [bank, investor, ...obligors] = await Promise.all([
      createOrg(p.baseUrl, platform, { legalName: names.bank, roles: ['SUPPLIER', 'ORIGINATOR', 'FINANCIER'] }),
      createOrg(p.baseUrl, platform, { legalName: names.investor, roles: ['INVESTOR'] }),
      ...names.obligors.map((legalName) => createOrg(p.baseUrl, platform, { legalName, roles: ['BUYER'] })),
    ]);
    // the bank, its obligors and the investor with wallets registered on chain (the closing moves bills,
    // cash and notes between them); the investor's cash for its notes
    for (const org of [bank, investor, ...obligors]) wallets.set(org.id, await waitForVerifiedWallet(org, 60_000));
    await deposit(platform, investor, 1_000_000n);
    // six bills of 10,000.00 EUR, two per obligor, due within 180 days; a seventh due in 300 days;
    // issued and accepted through the API, on chain (the true sale moves them)
    const ids = await issueAcceptedBills(
      { bank, buyers: [obligors[0]!, obligors[1]!, obligors[2]!, obligors[0]!, obligors[1]!, obligors[2]!, obligors[0]!], investors: [investor], wallets },
      Array.from({ length: 7 }, () => 1_000_000n),
      [...Array.from({ length: 6 }, (_, i) => 60 + i * 10), 300],
    );
    tooLong = ids[6]!;
    const rows = (await sql.query(`SELECT id, invoice_number FROM bills WHERE id = ANY($1::uuid[])`, [ids])).rows as {
      id: string;
      invoice_number: string;
    }[];
    for (const id of ids) invoices.set(id, rows.find((r) => r.id === id)!.invoice_number); // in issue order
    workDir = mkdtempSync(join(tmpdir(), 'tally-portal-sec-'));
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    if (problems.length) console.error(`problems seen in the browser:\n${problems.join('\n')}`);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await sql?.end();
    await p?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('pools, cuts off, proves, structures, allocates and closes from the portal; the investor sees its notes', async () => {
    // ---- the bank: menu per role, new pool with criteria and limits ---------------------------
    const k = await signIn('bank', bank.adminEmail);
    await byTestId(k, 'menu-pools').waitFor();
    await byTestId(k, 'menu-deals').waitFor();
    expect(await byTestId(k, 'menu-offerings').count()).toBe(0);
    await byTestId(k, 'menu-pools').click();
    await byTestId(k, 'pool-list-empty').waitFor();
    await byTestId(k, 'pool-create').click();
    await k.locator('input[name=name]').fill(names.pool);
    await k.locator('input[name=cutOffDate]').fill(plusDays(1));
    await k.locator('input[name=maxRemainingTermDays]').fill('180');
    await k.locator('input[name=maxSingleObligorPercent]').fill('50');
    await k.locator('input[name=concentrationBase]').fill('60,000.00');
    const created = k.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/v1/pools');
    await byTestId(k, 'pool-submit').click();
    const createdAnswer = await created;
    expect(createdAnswer.status()).toBe(201);
    expect(createdAnswer.request().postDataJSON()).toMatchObject({
      name: names.pool,
      currency: 'EUR',
      eligibility: { maxRemainingTermDays: 180 },
      limits: { maxSingleObligorBps: 5_000, concentrationBaseMinor: '6000000' },
    });
    const poolId = ((await createdAnswer.json()) as { id: string }).id;
    await byTestId(k, 'pool-show').waitFor();
    expect(await text(k, 'pool-name')).toBe(names.pool);

    // ---- bulk add from the picker: six added, the long one refused with its reason -------------
    await byTestId(k, 'pool-picker').locator('[data-testid="pool-pick-all"]').waitFor();
    for (const invoice of invoices.values()) await byTestId(k, `pool-pick-${invoice}`).waitFor();
    await byTestId(k, 'pool-pick-all').check();
    expect(await text(k, 'pool-add-selected')).toBe('Add 7 selected');
    await byTestId(k, 'pool-add-selected').click();
    await byTestId(k, 'pool-add-results').waitFor();
    expect(await text(k, 'pool-add-summary')).toBe('6 added, 1 refused');
    const refusedRow = byTestId(k, `pool-add-result-${invoices.get(tooLong)}`);
    expect(await refusedRow.getAttribute('data-ok')).toBe('false');
    expect(await refusedRow.locator('[data-testid="pool-add-reason"]').getAttribute('data-code')).toBe('REMAINING_TERM_TOO_LONG');
    expect(await refusedRow.locator('[data-testid="pool-add-reason"]').textContent()).toMatch(
      /^\d+ days remaining, the pool takes at most 180$/,
    );
    for (const [id, invoice] of invoices)
      if (id !== tooLong) expect(await byTestId(k, `pool-add-result-${invoice}`).getAttribute('data-ok')).toBe('true');
    await byTestId(k, `pool-asset-${invoices.get(ids(0))}`).waitFor();
    expect(await byTestId(k, 'pool-assets').locator('[data-testid^="pool-asset-"]').count()).toBe(6);
    expect(await byTestId(k, `pool-asset-${invoices.get(ids(0))}`).textContent()).toContain(names.obligors[0]);
    // analytics: exact figures and the three charts
    await k.locator('[data-testid="pool-figure-count"]', { hasText: '6' }).waitFor();
    expect(await text(k, 'pool-figure-balance')).toBe(eur(6_000_000n));
    const analytics = (await bank.admin.get(`/api/v1/pools/${poolId}/analytics`)).body as {
      obligorHhi: number;
      top5ObligorsShareBps: number;
      waRemainingTermDays: string;
    };
    expect(analytics.top5ObligorsShareBps).toBe(10_000);
    expect(await text(k, 'pool-figure-top5')).toBe('100 %');
    expect(await text(k, 'pool-figure-hhi')).toBe(String(analytics.obligorHhi));
    expect(await text(k, 'pool-figure-wa-term')).toBe(`${analytics.waRemainingTermDays} days`);
    // no deal, no purchase price: the yield says so rather than showing a number
    expect(await text(k, 'pool-figure-wa-yield')).toBe('— (no deal price yet)');
    for (const chart of ['obligors', 'maturity', 'delinquency']) await byTestId(k, `pool-chart-${chart}`).locator('svg').first().waitFor();
    expect(await text(k, 'pool-chart-obligors')).toContain(`${names.obligors[0]}: ${eur(2_000_000n)} · 2 bills`);
    await inspect(k, 'pool page (open, additions)');

    // ---- cut-off, tape download, proof lookup ----------------------------------------------------
    await byTestId(k, 'pool-cutoff').click();
    await byTestId(k, 'pool-cutoff-confirm').click();
    await k.locator('[data-testid="pool-state"][data-state="LOCKED"]').waitFor();
    expect(await byTestId(k, 'pool-picker').count()).toBe(0);
    const download = k.waitForEvent('download');
    await byTestId(k, 'pool-tape-csv').click();
    const csvPath = join(workDir, 'tape.csv');
    await (await download).saveAs(csvPath);
    const csv = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(TAPE_COLUMNS.join(','));
    expect(csv).toHaveLength(7);
    // the PDF summary next to them: the very bytes whose hash the cut-off anchored
    const pdfDownload = k.waitForEvent('download');
    await byTestId(k, 'pool-tape-pdf').click();
    const pdfPath = join(workDir, 'tape.pdf');
    await (await pdfDownload).saveAs(pdfPath);
    const pdfBytes = readFileSync(pdfPath);
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pdfSha256 } = (await bank.admin.get(`/api/v1/pools/${poolId}/tape`)).body as { pdfSha256: string };
    expect('0x' + createHash('sha256').update(pdfBytes).digest('hex')).toBe(pdfSha256);
    // the proof verifies in the browser at once; the root's anchoring confirms through the outbox
    const deadline = Date.now() + 90_000;
    for (;;) {
      await byTestId(k, 'pool-proof-lookup').click();
      await byTestId(k, 'pool-proof-result').waitFor();
      expect(await byTestId(k, 'pool-proof-result').getAttribute('data-verified')).toBe('true');
      if ((await byTestId(k, 'pool-proof-anchor').getAttribute('data-status')) === 'CONFIRMED') break;
      if (Date.now() > deadline) throw new Error(`the tape root was not anchored: ${await text(k, 'pool-proof-anchor')}`);
      await k.waitForTimeout(1_000);
    }
    expect(await text(k, 'pool-proof-anchor')).toMatch(/^Root anchored on chain \d+ in block \d+/);
    await inspect(k, 'pool page (cut off, proof)');
    await byTestId(k, 'menu-pools').click();
    await byTestId(k, `pool-row-${names.pool}`).waitFor();
    expect(await text(k, `pool-row-${names.pool}`)).toContain(eur(6_000_000n));
    await inspect(k, 'pool list');

    // ---- the deal: tranches, fees, reserve, a trigger; credit enhancement from the API ----------
    await k.goto(url(`/pools/${poolId}`));
    await byTestId(k, 'pool-structure-deal').click();
    await byTestId(k, 'deal-tranche-form').waitFor();
    await k.locator('input[name=closingDate]').fill(plusDays(10));
    await k.locator('input[name=firstDistributionDate]').fill(plusDays(40));
    await k.locator('input[name=statedMaturityDate]').fill(plusDays(400));
    await k.locator('input[name=tranche-0-size]').fill('48,000.00');
    await k.locator('input[name=tranche-1-size]').fill('6,000.00');
    await k.locator('input[name=tranche-2-size]').fill('6,000.00');
    await byTestId(k, 'deal-add-trigger').click();
    await inspect(k, 'deal structuring form');
    const structured = k.waitForResponse(
      (res) => res.request().method() === 'POST' && new URL(res.url()).pathname === `/api/v1/pools/${poolId}/deal`,
    );
    await byTestId(k, 'deal-submit').click();
    const dealAnswer = await structured;
    expect(dealAnswer.status()).toBe(201);
    expect(dealAnswer.request().postDataJSON()).toMatchObject({
      tranches: [
        { className: 'A', sizeMinor: '4800000', couponBps: 350, rank: 1, equity: false, denominationMinor: '100000' },
        { className: 'B', sizeMinor: '600000', couponBps: 600, rank: 2, equity: false, denominationMinor: '100000' },
        { className: 'E', sizeMinor: '600000', couponBps: 0, rank: 3, equity: true, denominationMinor: '100000' },
      ],
      servicerFeeBpsPerAnnum: 50,
      trusteeFeePerPeriodMinor: '0',
      reserveTargetBps: 100,
      triggers: [{ kind: 'OC_RATIO_BELOW', thresholdBps: 10_500, effect: 'SEQUENTIAL_PRINCIPAL' }],
    });
    const deal = (await dealAnswer.json()) as { id: string; name: string; creditEnhancement: { className: string; totalBps: number }[] };
    expect(await dealAnswer.json()).toMatchObject({ closable: false, notClosableReason: 'OFFERING_NOT_ALLOCATED', closingState: null });
    await byTestId(k, 'deal-show').waitFor();
    // A: B + E below it (20 %) + the reserve (1 % of 54,000.00 = 540.00, 0.9 % of the pool)
    expect(deal.creditEnhancement.find((c) => c.className === 'A')!.totalBps).toBe(2_090);
    for (const ce of deal.creditEnhancement) expect(await text(k, `deal-ce-${ce.className}`)).toBe(pct(ce.totalBps));
    expect(await text(k, 'deal-term-Reserve')).toContain(eur(54_000n));
    await inspect(k, 'deal page (structured)');
    await byTestId(k, 'deal-open-A').click();
    await k.locator('[data-testid="deal-offering-A"][data-state="OPEN"]').waitFor();
    expect(await byTestId(k, 'deal-close').count()).toBe(0);
    expect((await bank.admin.get(`/api/v1/deals/${deal.id}`)).body).toMatchObject({ closable: false, notClosableReason: 'OFFERING_NOT_ALLOCATED' });
    await inspect(k, 'deal page (subscription open)');

    // ---- the investor subscribes -------------------------------------------------------------------
    const v = await signIn('investor', investor.adminEmail);
    await byTestId(v, 'menu-offerings').waitFor();
    expect(await byTestId(v, 'menu-pools').count()).toBe(0);
    await byTestId(v, 'menu-offerings').click();
    const row = byTestId(v, `offering-${deal.name} A`);
    await row.waitFor();
    expect(await row.textContent()).toContain(eur(4_800_000n));
    await byTestId(v, 'offering-amount-A').fill('10,000.00');
    const ordered = v.waitForResponse((res) => res.request().method() === 'POST' && /\/orders$/.test(new URL(res.url()).pathname));
    await byTestId(v, 'offering-order-A').click();
    const orderAnswer = await ordered;
    expect(orderAnswer.status()).toBe(201);
    expect(orderAnswer.request().postDataJSON()).toEqual({ amountMinor: '1000000' });
    await byTestId(v, 'offering-ordered-A').waitFor();
    await inspect(v, 'offerings (investor)');

    // ---- the bank allocates ---------------------------------------------------------------------------
    await k.reload();
    await k.locator(`[data-testid="deal-order-${names.investor}"]`).waitFor();
    await byTestId(k, 'deal-allocate-A').click();
    await k.locator('[data-testid="deal-offering-A"][data-state="ALLOCATED"]').waitFor();
    await k.locator(`[data-testid="deal-order-${names.investor}"][data-allocated="1000000"]`).waitFor();
    await inspect(k, 'deal page (allocated)');
    await byTestId(k, 'menu-deals').click();
    await byTestId(k, `deal-row-${deal.name}`).waitFor();
    await inspect(k, 'deal list');

    // ---- the investor sees its allocation -----------------------------------------------------------
    await byTestId(v, 'menu-my-orders').click();
    await v.locator(`[data-testid="my-order-${deal.name} A"][data-allocated="1000000"]`).waitFor();
    expect(await text(v, 'my-order-allocated-A')).toBe(eur(1_000_000n));
    await inspect(v, 'my orders (investor)');

    // ---- the bank closes the deal; the investor sees its notes ------------------------------------
    expect((await bank.admin.get(`/api/v1/deals/${deal.id}`)).body).toMatchObject({ closable: true, notClosableReason: null, closingState: null });
    await k.goto(url(`/deals/${deal.id}`));
    await k.locator('[data-testid="deal-closing"][data-state="NONE"]').waitFor();
    await byTestId(k, 'deal-close').click();
    await byTestId(k, 'deal-close-dialog').waitFor();
    const closeAsked = k.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname === `/api/v1/deals/${deal.id}/close`);
    await byTestId(k, 'deal-close-dialog-confirm').click();
    expect((await closeAsked).status()).toBe(202);
    await k.locator('[data-testid="deal-closing"]:not([data-state="NONE"])').waitFor();
    expect(await byTestId(k, 'deal-close').count()).toBe(0);
    // the panel polls while the closing is in progress; the page is not reloaded
    await k.locator('[data-testid="deal-closing"][data-state="CLOSED"], [data-testid="deal-closing"][data-state="FAILED"]').waitFor({ timeout: 300_000 });
    const closing = (await bank.admin.get(`/api/v1/deals/${deal.id}/closing`)).body as {
      state: string;
      failureReason: string | null;
      done: number;
      total: number;
      trancheTokens: Record<string, string>;
      trueSale: { billsSold: number; gasPerBill: string | null };
      steps: { state: string; txHash: string | null }[];
    };
    expect({ state: closing.state, reason: closing.failureReason }).toEqual({ state: 'CLOSED', reason: null });
    expect((await bank.admin.get(`/api/v1/deals/${deal.id}`)).body).toMatchObject({ closable: false, notClosableReason: 'CLOSING_EXISTS', closingState: 'CLOSED' });
    expect(await byTestId(k, 'deal-closing').getAttribute('data-state')).toBe('CLOSED');
    expect(await text(k, 'deal-closing-progress')).toBe(`${closing.total} of ${closing.total} steps done`);
    expect(await byTestId(k, 'deal-closing-step').count()).toBe(closing.steps.length);
    expect(await k.locator('[data-testid="deal-closing-step"][data-state="DONE"]').count()).toBe(closing.steps.length);
    expect(closing.trueSale.billsSold).toBe(6);
    expect(await text(k, 'deal-closing-gas-per-bill')).toBe(
      `True sale: 6 of 6 bills sold in 1 batch, ${Number(closing.trueSale.gasPerBill).toLocaleString('en')} gas per bill.`,
    );
    const firstTx = closing.steps[0]!.txHash!;
    expect(await k.locator('[data-testid="deal-closing-step"]').first().textContent()).toContain(`${firstTx.slice(0, 6)}…${firstTx.slice(-4)}`);
    await inspect(k, 'deal page (closed)');

    // the notes on chain, and as the portfolio reports them (from the settled DvP step)
    const onChain = await connectTrancheToken(closing.trancheTokens.A!, p.chain.provider).balanceOf(wallets.get(investor.id)!);
    expect(onChain).toBe(1_000_000n);
    const portfolio = await waitFor(
      () => investor.admin.get(`/api/v1/investors/${investor.id}/portfolio`),
      (r) => r.status === 200,
      'portfolio',
    );
    expect(portfolio.body.holdings).toMatchObject([
      { dealId: deal.id, tranche: 'A', allocatedMinor: '1000000', noteBalanceMinor: onChain.toString(), closingState: 'CLOSED' },
    ]);
    await v.goto(url('/'));
    await v.locator('[data-testid="investor-holding"][data-tranche="A"][data-note-balance-minor="1000000"]').waitFor();
    expect(await byTestId(v, 'investor-holding').count()).toBe(1);
    expect(await v.locator('[data-testid="investor-holding"]').textContent()).toContain(eur(1_000_000n));
    expect(await text(v, 'investor-holding-status')).toBe('delivered');
    await inspect(v, 'investor home (notes delivered)');

    // ---- the read endpoints the pages use, as an API client sees them ------------------------------
    const assets = (await bank.admin.get(`/api/v1/pools/${poolId}/assets`)).body as {
      billId: string;
      invoiceNumber: string;
      obligorLegalName: string;
      sellerLegalName: string;
    }[];
    expect(assets.map((a) => a.invoiceNumber).sort()).toEqual(
      [...invoices]
        .filter(([id]) => id !== tooLong)
        .map(([, n]) => n)
        .sort(),
    );
    expect(new Set(assets.map((a) => a.obligorLegalName))).toEqual(new Set(names.obligors));
    expect(new Set(assets.map((a) => a.sellerLegalName))).toEqual(new Set([names.bank]));
    expect((await obligors[0]!.admin.get(`/api/v1/pools/${poolId}/assets`)).status).toBe(404);
    expect(((await bank.admin.get('/api/v1/deals')).body as { id: string }[]).map((d) => d.id)).toEqual([deal.id]);
    expect((await investor.admin.get('/api/v1/deals')).body).toEqual([]);
    expect((await bank.admin.get(`/api/v1/deals/${deal.id}/offerings`)).body).toMatchObject([
      { className: 'A', state: 'ALLOCATED', orderCount: 1, orderedMinor: '1000000', allocatedMinor: '1000000' },
    ]);
    expect((await investor.admin.get(`/api/v1/deals/${deal.id}/offerings`)).status).toBe(404);
    expect((await investor.admin.get('/api/v1/orders')).body).toMatchObject([
      {
        investorLegalName: names.investor,
        amountMinor: '1000000',
        allocatedMinor: '1000000',
        offering: { dealName: deal.name, className: 'A', state: 'ALLOCATED' },
      },
    ]);
    expect((await bank.admin.get('/api/v1/orders')).body).toEqual([]);

    const failures = [...inspected].filter(([, found]) => found.length > 0).map(([label, found]) => `${label}: ${found.join(' | ')}`);
    expect(failures).toEqual([]);
    expect(inspected.size).toBe(12);
    expect(problems).toEqual([]);

    function ids(i: number): string {
      return [...invoices.keys()].filter((id) => id !== tooLong)[i]!;
    }
  }, 600_000);
});
