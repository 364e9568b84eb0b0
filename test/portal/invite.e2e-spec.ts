import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium, type BrowserContext } from 'playwright-core';
import { client, createOrg, platformClients } from '../support/auth.js';
import { inviteTokenOf } from '../support/mailbox.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A new user's invite link opens the portal's set-password page (no login): the user chooses the
 * password there, typed twice; the link works once. Real API, real mail spool, Chromium.
 */
describe('portal invite page (Chromium against the real API)', () => {
  let p: TestPlatform;
  let userDataDir: string;
  let context: BrowserContext;
  let email: string;

  beforeAll(async () => {
    p = await startTestPlatform();
    const platform = await platformClients(p.baseUrl, p.db.url);
    const org = await createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'] });
    email = `invited-${randomBytes(3).toString('hex')}@test.tally`;
    const created = await platform.admin.post('/api/v1/users', { email, name: 'Invited User', roles: ['ORG_MEMBER'], organizationId: org.id });
    expect(created.status).toBe(201);
    userDataDir = mkdtempSync(join(tmpdir(), 'tally-invite-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await p?.close();
  });

  it('sets the password from the mailed link, refuses a mismatch and a second use', async () => {
    const token = inviteTokenOf(p.baseUrl, email);
    const page = await context.newPage();
    const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);
    await page.goto(`${p.baseUrl}/#/invite?token=${encodeURIComponent(token)}`);

    await byTestId('invite-password').fill('a chosen passphrase 1');
    await byTestId('invite-confirm').fill('a different one');
    await byTestId('invite-submit').click();
    await expect(byTestId('invite-error').textContent()).resolves.toContain('differ');
    // nothing was sent: the link still works and the user still cannot log in
    expect((await client(p.baseUrl).post('/api/v1/auth/login', { email, password: 'a chosen passphrase 1' })).status).toBe(401);

    await byTestId('invite-confirm').fill('a chosen passphrase 1');
    await byTestId('invite-submit').click();
    await byTestId('invite-done').waitFor({ timeout: 30_000 });
    expect((await client(p.baseUrl).post('/api/v1/auth/login', { email, password: 'a chosen passphrase 1' })).status).toBe(200);

    // the link is used up: the page says so (the API's message), the password stays the user's
    await page.goto(`${p.baseUrl}/#/verify`);
    await page.goto(`${p.baseUrl}/#/invite?token=${encodeURIComponent(token)}`);
    await byTestId('invite-password').fill('an attacker passphrase 2');
    await byTestId('invite-confirm').fill('an attacker passphrase 2');
    await byTestId('invite-submit').click();
    await byTestId('invite-error').waitFor({ timeout: 30_000 });
    expect((await client(p.baseUrl).post('/api/v1/auth/login', { email, password: 'an attacker passphrase 2' })).status).toBe(401);
    expect((await client(p.baseUrl).post('/api/v1/auth/login', { email, password: 'a chosen passphrase 1' })).status).toBe(200);
  }, 120_000);
});
