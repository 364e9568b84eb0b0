import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createOrg, platformClients, waitForVerifiedWallet, type TestOrg } from '../support/auth.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const DAY_MS = 86_400_000;
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The bill list searches by invoice number and sorts by a column (issue 14: lists). */
describe('GET /api/v1/bills ?q= &sort= &order=', () => {
  let p: TestPlatform;
  let supplier: TestOrg;
  let buyer: TestOrg;
  const numbers = ['LIST-A_1', 'LIST-B%2', 'OTHER-3'];

  beforeAll(async () => {
    p = await startTestPlatform();
    const platform = await platformClients(p.baseUrl, p.db.url);
    [supplier, buyer] = await Promise.all([createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'] }), createOrg(p.baseUrl, platform, { roles: ['BUYER'] })]);
    for (const org of [supplier, buyer]) await waitForVerifiedWallet(org, 60_000);
    const amounts = ['300', '100', '200'];
    for (let i = 0; i < numbers.length; i++) {
      const res = await supplier.admin.post('/api/v1/bills', {
        buyerOrganizationId: buyer.id,
        invoiceNumber: numbers[i],
        amountMinor: amounts[i],
        currency: 'EUR',
        issueDate: utcDate(Date.now() - (3 - i) * DAY_MS),
        dueDate: utcDate(Date.now() + (30 + 10 * ((i + 1) % 3)) * DAY_MS),
      });
      expect(res.status).toBe(201);
    }
  }, 180_000);

  afterAll(async () => {
    await p?.close();
  });

  const invoices = async (query: string) => {
    const res = await buyer.member.get(`/api/v1/bills?${query}`);
    expect(res.status).toBe(200);
    return (res.body.items as { invoiceNumber: string }[]).map((b) => b.invoiceNumber);
  };

  it('searches part of the invoice number, case-insensitively, with % and _ taken literally', async () => {
    expect((await invoices('q=list-')).sort()).toEqual(['LIST-A_1', 'LIST-B%2']);
    expect(await invoices(`q=${encodeURIComponent('%')}`)).toEqual(['LIST-B%2']);
    expect(await invoices('q=_')).toEqual(['LIST-A_1']);
    expect(await invoices('q=nothing')).toEqual([]);
  });

  it('sorts by face amount, issue date, invoice number and due date, both ways', async () => {
    expect(await invoices('sort=faceAmount&order=DESC')).toEqual(['LIST-A_1', 'OTHER-3', 'LIST-B%2']);
    expect(await invoices('sort=faceAmount')).toEqual(['LIST-B%2', 'OTHER-3', 'LIST-A_1']);
    expect(await invoices('sort=issueDate&order=DESC')).toEqual(['OTHER-3', 'LIST-B%2', 'LIST-A_1']);
    expect(await invoices('sort=invoiceNumber')).toEqual(['LIST-A_1', 'LIST-B%2', 'OTHER-3']);
    // due in 40, 50 and 30 days
    expect(await invoices('')).toEqual(['OTHER-3', 'LIST-A_1', 'LIST-B%2']);
  });

  it('refuses an unknown sort field or order with 400', async () => {
    for (const query of ['sort=tokenId', 'sort=dueDate&order=sideways', 'q=']) {
      const res = await buyer.member.get(`/api/v1/bills?${query}`);
      expect(res.status).toBe(400);
    }
  });
});
