import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium (TOOLCHAIN.md). Missing is a failure, not a skip: the portal must be tested.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Chromium reports CSP violations on the console too; this makes them explicit. */
export const CSP_REPORTER = `document.addEventListener('securitypolicyviolation', (e) =>
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')'));`;

/**
 * Collects console errors, page errors, failed requests (not those the page cancels itself) and
 * 4xx/5xx answers into `problems`, except the answers `expected` accepts (a refusal the test
 * provokes on purpose).
 */
export function watchProblems(
  page: Page,
  label: string,
  problems: string[],
  expected: (status: number, method: string, url: string) => boolean = () => false,
): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()))
      problems.push(`${label}: console error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(`${label}: page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`${label}: request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (res) => {
    const method = res.request().method();
    if (res.status() >= 400 && !expected(res.status(), method, res.url())) problems.push(`${label}: HTTP ${res.status()}: ${method} ${res.url()}`);
  });
}

export type { Browser, BrowserContext, Page };

// ---- the portal tests' sessions and page checks (trade-flow, securitization and servicing specs)

export const DESKTOP = { width: 1400, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** An organization or record id, whole or shortened (`057736ba…20d1`); `0x…` hashes and addresses are not ids. */
export const ID_FRAGMENT = /(?<![0-9A-Za-z])[0-9a-f]{8}(?:-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|…[0-9a-f]{3,})(?![0-9A-Za-z])/gi;

/**
 * A signed-in portal session in a fresh browser context (downloads accepted, CSP violations
 * reported, problems collected as `watchProblems` does).
 */
export async function signInPortal(
  browser: Browser,
  opts: { baseUrl: string; email: string; password: string; label: string; problems: string[]; contexts?: BrowserContext[]; expected?: (status: number, method: string, url: string) => boolean },
): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  opts.contexts?.push(context);
  await context.addInitScript({ content: CSP_REPORTER });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  watchProblems(page, opts.label, opts.problems, opts.expected);
  await page.goto(`${opts.baseUrl}/#/`);
  await page.waitForURL(/#\/login$/);
  await page.locator('input[name=email]').fill(opts.email);
  await page.locator('input[name=password]').fill(opts.password);
  await page.locator('button[type=submit]').click();
  await page.locator('[data-testid="app-user-name"]').waitFor();
  return page;
}

/**
 * What is wrong with the page as it stands: id fragments in its text, and at phone width
 * anything wider than the viewport (the document scrolls sideways; the innermost culprits are
 * named). Leaves the page at desktop width. Empty when fine.
 */
export async function pageProblems(page: Page, screenshotPath?: string): Promise<string[]> {
  const found: string[] = [];
  const body = (await page.evaluate('document.body.innerText')) as string;
  const ids = body.match(ID_FRAGMENT);
  if (ids) found.push(`id fragments in the text: ${[...new Set(ids)].join(', ')}`);
  await page.setViewportSize(PHONE);
  // let the layout settle (the sidebar collapses, tables re-flow)
  await page.waitForTimeout(400);
  const overflow = (await page.evaluate(`(() => {
    const root = document.documentElement;
    const extra = root.scrollWidth - root.clientWidth;
    if (extra <= 0) return null;
    const over = (el) => el.getBoundingClientRect().right > root.clientWidth + 1;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => over(el) && ![...el.children].some(over))
      .slice(0, 6)
      .map((el) => el.tagName.toLowerCase() + (el.getAttribute('data-testid') ? '[' + el.getAttribute('data-testid') + ']' : '') + '.' + String(el.className).split(' ')[0] + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
    return 'scrolls ' + extra + ' px sideways at ' + root.clientWidth + ' px: ' + wide.join('; ');
  })()`)) as string | null;
  if (overflow) found.push(overflow);
  if (screenshotPath) await page.screenshot({ path: screenshotPath, fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(200);
  return found;
}
