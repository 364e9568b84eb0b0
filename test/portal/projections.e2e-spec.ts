// The projections page in Chromium against the real API: it runs the seeded sample tape through
// the deal and draws the tranche balance over time per scenario and the loss by scenario.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { bootstrapPlatformUsers, login, TEST_PASSWORD } from '../support/auth.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('portal projections page (Chromium against the real API)', () => {
  let p: TestPlatform;
  let userDataDir: string | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let email: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
    p = await startTestPlatform({ worker: false });
    email = (await bootstrapPlatformUsers(p.db.url)).auditor;
    userDataDir = mkdtempSync(join(tmpdir(), 'tally-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));`,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await p?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('draws a scenario: balances over time per scenario and loss by scenario, and the base metrics', async () => {
    await page.goto(`${p.baseUrl}/#/projections`);
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(TEST_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/#\/projections$/, { timeout: 30_000 }).catch(() => page.goto(`${p.baseUrl}/#/projections`));
    await page.locator('[data-testid=projection-run]').click();
    const chart = page.locator('[data-testid=projection-balance-chart]');
    await chart.waitFor({ timeout: 60_000 });
    expect(await chart.getAttribute('data-scenarios')).toBe('4');
    // one drawn line per scenario, each a path with points
    const lines = chart.locator('path.recharts-line-curve');
    await expect(lines.count()).resolves.toBe(4);
    for (const d of await lines.evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''))) expect(d.length).toBeGreaterThan(50);
    // the loss bars: one series per tranche
    const bars = page.locator('[data-testid=projection-loss-chart] .recharts-bar');
    await expect(bars.count()).resolves.toBe(3);
    // CDR 30 % is beyond the mezzanine's breakeven: its loss bar has a height
    expect(await page.locator('[data-testid=projection-loss-chart] .recharts-bar-rectangle path').count()).toBeGreaterThan(0);

    // the base metrics are the API's figures for the same tape and assumptions
    const tape = await page.locator('[data-testid=projection-tape]').inputValue();
    const assets = tape.split('\n').slice(1).map((l) => {
      const [balance, rate, term] = l.split(',');
      return { balance, rate, remainingTerm: Number(term) };
    });
    const { accessToken } = await login(p.baseUrl, email);
    const res = await fetch(`${p.baseUrl}/api/v1/projections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ assets, assumptions: { cdr: '0.02', cpr: '0.10', recoveryRate: '0.40', recoveryLag: 6, delinquency: '0.02' }, breakeven: true }),
    });
    const want = (await res.json()) as { tranches: { tranche: string; walYears: number; lossPct: number; breakevenCdr: number | null }[] };
    expect(want.tranches.map((t) => t.tranche)).toEqual(['A', 'M', 'E']);
    for (const t of want.tranches) {
      const row = page.locator(`[data-testid=metric-${t.tranche}]`);
      expect(Number(await row.getAttribute('data-wal'))).toBe(t.walYears);
      expect(Number(await row.getAttribute('data-loss'))).toBe(t.lossPct);
      expect(await row.getAttribute('data-breakeven')).toBe(t.breakevenCdr === null ? '' : String(t.breakevenCdr));
    }
    expect(problems).toEqual([]);
  });
});
