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
