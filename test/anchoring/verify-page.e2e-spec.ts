import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { client, createOrg, login, platformClients, TEST_PASSWORD, type TestOrg } from '../support/auth.js';
import { eventually, pdfBytes, sha256Hex, uploadDocument } from '../documents/support/documents-http.js';

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

describe('portal: the public verify page and the documents pages (Chromium against the real API)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let work: string;
  let org: TestOrg;
  let token: string;
  let doc: { id: string; sha256: string; anchoring: { txHash: string; blockNumber: number } };
  let docPath: string;
  const contexts: BrowserContext[] = [];
  /** Console errors (CSP violations included), page errors, failed requests. */
  const problems: string[] = [];

  const url = (path: string) => `${p.baseUrl}/#${path}`;
  const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

  async function newPage(label: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, acceptDownloads: true });
    contexts.push(context);
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) =>
        console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));`,
    });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 40[134]/.test(msg.text())) problems.push(`${label}: console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`${label}: page error: ${err.message}`));
    page.on('requestfailed', (req) =>
      problems.push(`${label}: request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText})`),
    );
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
    work = mkdtempSync(join(tmpdir(), 'tally-verify-page-'));
    p = await startTestPlatform({ env: { DOCUMENTS_DIR: join(work, 'store'), ANCHOR_BATCH_WINDOW_MS: '150' } });
    const platform = await platformClients(p.baseUrl, p.db.url);
    org = await createOrg(p.baseUrl, platform);
    token = (await login(p.baseUrl, org.memberEmail)).accessToken;
    const bytes = pdfBytes(`purchase order ${randomUUID()}`);
    docPath = join(work, 'purchase-order.pdf');
    writeFileSync(docPath, bytes);
    const up = await uploadDocument(p.baseUrl, token, bytes, { filename: 'purchase-order.pdf', kind: 'INVOICE' });
    doc = await eventually(async () => {
      const r = await client(p.baseUrl, token).get(`/api/v1/documents/${up.body.id}`);
      return r.body.anchoring.state === 'ANCHORED' ? r.body : undefined;
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await p?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('verifies a real file without login: hashed in the browser, only the hash is sent', async () => {
    const page = await newPage('anonymous');
    const sent: { url: string; body: string | null; contentType: string | undefined }[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST') sent.push({ url: req.url(), body: req.postData(), contentType: req.headers()['content-type'] });
    });
    await page.goto(url('/verify'));
    await byTestId(page, 'verify-drop-zone').waitFor();
    expect(page.url()).toMatch(/#\/verify$/); // not sent to the login page
    await byTestId(page, 'verify-file-input').setInputFiles(docPath);
    const result = byTestId(page, 'verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-anchored')).toBe('true');
    expect(await byTestId(page, 'verify-picked-document').getAttribute('data-sha256')).toBe(doc.sha256);
    expect((await byTestId(page, 'verify-tx').textContent())?.trim()).toBe(doc.anchoring.txHash);
    expect((await byTestId(page, 'verify-block').textContent())?.trim()).toBe(String(doc.anchoring.blockNumber));
    expect(await byTestId(page, 'verify-anchored-at').textContent()).toMatch(/\d{4}-\d\d-\d\dT/);
    // the file never left the machine: one JSON request with the hash, no upload
    const verifyCalls = sent.filter((s) => s.url.includes('/api/v1/verify'));
    expect(verifyCalls).toHaveLength(1);
    expect(verifyCalls[0]!.contentType).toContain('application/json');
    expect(JSON.parse(verifyCalls[0]!.body!)).toEqual({ sha256: doc.sha256 });
    expect(sent.some((s) => s.contentType?.includes('multipart'))).toBe(false);
    expect(problems).toEqual([]);
  });

  it('says why a file with one byte changed is not verified', async () => {
    const page = await newPage('anonymous-changed');
    const changed = readFileSync(docPath);
    changed[10] ^= 0x01;
    const changedPath = join(work, 'purchase-order-changed.pdf');
    writeFileSync(changedPath, changed);
    await page.goto(url('/verify'));
    await byTestId(page, 'verify-file-input').setInputFiles(changedPath);
    const result = byTestId(page, 'verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-anchored')).toBe('false');
    expect(await result.getAttribute('data-status')).toBe('NOT_FOUND');
    expect(await byTestId(page, 'verify-reason').textContent()).toBe('This SHA-256 was never submitted for anchoring on this platform');
    expect(await byTestId(page, 'verify-picked-document').getAttribute('data-sha256')).toBe(sha256Hex(changed));
  });

  it('checks a dropped receipt together with its document, and opens a certificate QR link', async () => {
    const receipt = await client(p.baseUrl, token).get(`/api/v1/documents/${doc.id}/receipt.json`);
    const receiptPath = join(work, 'purchase-order.receipt.json');
    writeFileSync(receiptPath, JSON.stringify(receipt.body));
    const page = await newPage('anonymous-receipt');
    await page.goto(url('/verify'));
    await byTestId(page, 'verify-file-input').setInputFiles([docPath, receiptPath]);
    const result = byTestId(page, 'verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-anchored')).toBe('true');
    await byTestId(page, 'verify-picked-receipt').waitFor();

    const qr = await newPage('anonymous-qr');
    await qr.goto(url(`/verify?sha256=${doc.sha256}`));
    const fromQr = byTestId(qr, 'verify-result');
    await fromQr.waitFor();
    expect(await fromQr.getAttribute('data-anchored')).toBe('true');
    expect(await byTestId(qr, 'verify-sha256-input').inputValue()).toBe(doc.sha256);
  });

  it('lists the documents with their anchoring state and downloads the certificate (signed in)', async () => {
    const page = await newPage('member');
    await page.goto(url('/'));
    await page.waitForURL(/#\/login$/);
    await page.locator('input[name=email]').fill(org.memberEmail);
    await page.locator('input[name=password]').fill(TEST_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((u) => !u.hash.startsWith('#/login'));
    await page.goto(url('/documents'));
    await byTestId(page, `document-row-${doc.id}`).waitFor();
    expect(await byTestId(page, `document-state-${doc.id}`).getAttribute('data-state')).toBe('ANCHORED');
    await byTestId(page, `document-row-${doc.id}`).click();
    await byTestId(page, 'document-page').waitFor();
    expect((await byTestId(page, 'document-sha256').textContent())?.trim()).toBe(doc.sha256);
    expect((await byTestId(page, 'document-tx').textContent())?.trim()).toBe(doc.anchoring.txHash);
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'document-certificate').click()]);
    expect(download.suggestedFilename()).toBe('purchase-order.certificate.pdf');
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    await page.goto(url('/anchors/batches'));
    await page.locator('[data-testid^="batch-row-"]').first().waitFor();
    expect(problems).toEqual([]);
  });
});
