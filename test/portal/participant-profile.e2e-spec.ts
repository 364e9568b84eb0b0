import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrg, platformClients, TEST_PASSWORD, type TestOrg } from '../support/auth.js';
import { CSP_REPORTER, launchBrowser, watchProblems, type Browser, type Page } from '../support/browser.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

/**
 * A participant maintains its own data (issue 14): after a KYC rejection its admin registers the
 * Peppol ids and the VAT id, adds a KYC document and resubmits, all in the portal.
 */
describe('portal participant self-service (Chromium against the real API)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let org: TestOrg;
  let browser: Browser;
  let workDir: string;
  const problems: string[] = [];
  const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    platform = await platformClients(p.baseUrl, p.db.url);
    org = await createOrg(p.baseUrl, platform, { legalName: `Profile Supplier ${Date.now().toString(36)} GmbH`, approve: false, submit: true });
    expect((await platform.kyc.post(`/api/v1/organizations/${org.id}/kyc/reject`, { reason: 'Peppol and VAT ids missing.' })).status).toBe(200);
    workDir = mkdtempSync(join(tmpdir(), 'tally-portal-profile-'));
    writeFileSync(join(workDir, 'register-extract.pdf'), '%PDF-1.4\n% a register extract for the test\n');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await p?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('edits Peppol ids and VAT id, uploads a KYC document and resubmits the rejected file', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript({ content: CSP_REPORTER });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    watchProblems(page, 'supplier admin', problems);
    await page.goto(`${p.baseUrl}/#/`);
    await page.locator('input[name=email]').fill(org.adminEmail);
    await page.locator('input[name=password]').fill(TEST_PASSWORD);
    await page.locator('button[type=submit]').click();
    // the home page's to-do leads to the organization
    await byTestId(page, 'todo-kyc').getByRole('link', { name: 'Complete your KYC file' }).click();
    await byTestId(page, 'org-page').waitFor();
    expect(await byTestId(page, 'org-kyc-state').textContent()).toContain('REJECTED');

    await byTestId(page, 'org-edit-profile').click();
    await byTestId(page, 'org-profile-peppol-ids').fill('0088:7300010000001\nnot-an-id');
    await byTestId(page, 'org-profile-dialog-confirm').click();
    await page.getByText('Not a Peppol participant id').waitFor();
    await byTestId(page, 'org-profile-peppol-ids').fill('0088:7300010000001\n0088:9482348239847239874');
    await byTestId(page, 'org-profile-vat-id').fill('DE123456789');
    const saved = page.waitForResponse((res) => res.request().method() === 'PATCH');
    await byTestId(page, 'org-profile-dialog-confirm').click();
    const answer = await saved;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ peppolIds: ['0088:7300010000001', '0088:9482348239847239874'], vatId: 'DE123456789' });
    await page.locator('[data-testid="org-peppol-ids"]', { hasText: '0088:9482348239847239874' }).waitFor();
    expect(await byTestId(page, 'org-vat-id').textContent()).toBe('DE123456789');

    await byTestId(page, 'org-kyc-upload').setInputFiles(join(workDir, 'register-extract.pdf'));
    await page.locator('[data-testid="org-kyc-document"][data-name="register-extract.pdf"]').waitFor();

    await byTestId(page, 'org-resubmit-kyc').click();
    await page.getByRole('button', { name: 'Resubmit' }).click();
    await page.locator('[data-testid="org-kyc-state"]', { hasText: 'SUBMITTED' }).waitFor();

    // the audit log shows it, filtered by actor, and exports the filtered entries as CSV
    await page.getByRole('menuitem', { name: 'Audit log' }).click();
    const filtered = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/v1/audit' && new URL(res.url()).searchParams.get('actor') === org.adminEmail);
    await byTestId(page, 'audit-filter-actor').fill(org.adminEmail);
    expect((await filtered).status()).toBe(200);
    await page.getByRole('cell', { name: 'kyc.resubmit' }).waitFor();
    const csv = page.waitForEvent('download');
    await byTestId(page, 'audit-export-csv').click();
    const csvPath = join(workDir, 'audit.csv');
    await (await csv).saveAs(csvPath);
    const lines = readFileSync(csvPath, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,organization_id,action,entity,entity_id,payload,prev_hash,hash');
    expect(lines.slice(1).every((line) => line.split(',')[2] === org.adminEmail)).toBe(true);
    expect(lines.some((line) => line.includes(',kyc.resubmit,'))).toBe(true);

    const stored = await platform.admin.get(`/api/v1/organizations/${org.id}`);
    expect(stored.body).toMatchObject({ kycState: 'SUBMITTED', vatId: 'DE123456789', peppolIds: ['0088:7300010000001', '0088:9482348239847239874'] });
    const docs = await platform.kyc.get(`/api/v1/organizations/${org.id}/kyc/documents`);
    expect((docs.body as { name: string }[]).map((d) => d.name)).toEqual(['register-extract.pdf']);
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);
});
