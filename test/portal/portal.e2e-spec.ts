import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { bootstrapPlatformUsers, TEST_PASSWORD } from '../support/auth.js';
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

describe('portal status dashboard (Chromium against the real API)', () => {
  let p: TestPlatform;
  let userDataDir: string | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let anchorAddress: string;
  /** Set when the API requires a login (`features.auth`): the portal then opens on its login page. */
  let loginEmail: string | undefined;
  /** Console errors (CSP violations included), uncaught page errors, failed and 4xx/5xx requests. */
  const problems: string[] = [];

  const text = async (testId: string) => ((await page.locator(`[data-testid=${testId}]`).textContent()) ?? '').trim();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
    }
    p = await startTestPlatform({ blockTimeSec: 1 });
    const status = (await (await fetch(`${p.baseUrl}/api/v1/status`)).json()) as {
      contracts: { name: string; address: string }[];
      features: { auth: boolean };
    };
    anchorAddress = status.contracts.find((c) => c.name === 'DocumentAnchor')!.address;
    if (status.features.auth) loginEmail = (await bootstrapPlatformUsers(p.db.url)).auditor;

    // Playwright takes the fresh profile directory as a parameter, not as --user-data-dir.
    userDataDir = mkdtempSync(join(tmpdir(), 'tally-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    // Chromium reports CSP violations on the console too; this makes them explicit. (Page code
    // as a string: the tests are type-checked without the DOM library.)
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) =>
        console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')'));`,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    // a request the page cancels itself (the poll of a page being left) is not a failure
    page.on('requestfailed', (req) => {
      if (req.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText})`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await p?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('shows the block height, and it grows as anvil mines', async () => {
    await page.goto(`${p.baseUrl}/`);
    if (loginEmail) {
      // as a user would: the login page, then the dashboard it leads to
      await page.locator('input[name=email]').fill(loginEmail);
      await page.locator('input[name=password]').fill(TEST_PASSWORD);
      await page.locator('button[type=submit]').click();
    }
    await page.locator('[data-testid=block-number]').waitFor({ timeout: 30_000 });
    const first = Number(await text('block-number'));
    expect(Number.isInteger(first)).toBe(true);
    await page.waitForTimeout(2_500);
    // anvil mines a block per second and the dashboard polls every 2 s: one refresh has happened
    // by now. On a slow machine give the next refresh a little longer before failing.
    let later = Number(await text('block-number'));
    for (let i = 0; i < 20 && !(later > first); i++) {
      await page.waitForTimeout(500);
      later = Number(await text('block-number'));
    }
    expect(later).toBeGreaterThan(first);
  });

  it('shows the database and the chain up, and chain id 31337', async () => {
    expect(await text('status-database')).toBe('up');
    expect(await text('status-chain')).toBe('up');
    expect(await text('chain-id')).toBe('31337');
  });

  it('lists DocumentAnchor at the address the API reports', async () => {
    const row = page.locator('[data-testid=contracts-table] [data-testid=contract-DocumentAnchor]');
    await row.waitFor();
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells[0]).toBe('DocumentAnchor');
    expect(cells[1]).toBe(anchorAddress);
  });

  it('logs no console error, page error, CSP violation or failed request', async () => {
    // one more poll cycle, so errors of the periodic refresh show up too
    await page.waitForTimeout(2_500);
    expect(problems).toEqual([]);
  });
});
