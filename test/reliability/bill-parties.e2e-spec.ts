import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, login, platformClients, waitForVerifiedWallet, type TestOrg } from '../support/auth.js';
import { pdfBytes, uploadDocument } from '../documents/support/documents-http.js';

const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

describe('POST /bills names only the right parties', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;
  let supplier: TestOrg;
  let buyer: TestOrg;
  let investor: TestOrg;
  let financier: TestOrg;
  let other: TestOrg;
  let operatorOrgId: string;

  const bills = async () => Number((await sql.query('SELECT count(*)::int AS n FROM bills')).rows[0].n);
  const issue = (buyerOrganizationId: string, documentId?: string) =>
    supplier.admin.post('/api/v1/bills', {
      buyerOrganizationId,
      invoiceNumber: `P-${randomBytes(4).toString('hex')}`,
      amountMinor: '500000',
      currency: 'EUR',
      issueDate: today(),
      dueDate: plusDays(60),
      ...(documentId ? { documentId } : {}),
    });
  const docOf = async (org: TestOrg) => {
    const up = await uploadDocument(p.baseUrl, (await login(p.baseUrl, org.adminEmail)).accessToken, pdfBytes(`inv ${randomBytes(4).toString('hex')}`), { kind: 'INVOICE' });
    expect(up.status).toBe(201);
    return up.body.id as string;
  };

  beforeAll(async () => {
    p = await startTestPlatform();
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    [supplier, buyer, investor, financier, other] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'] }),
      createOrg(p.baseUrl, platform, { roles: ['BUYER'] }),
      createOrg(p.baseUrl, platform, { roles: ['INVESTOR'] }),
      createOrg(p.baseUrl, platform, { roles: ['FINANCIER'] }),
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'] }),
    ]);
    await Promise.all([supplier, buyer, investor, financier].map((o) => waitForVerifiedWallet(o)));
    operatorOrgId = (await sql.query(`SELECT id FROM organizations WHERE 'PLATFORM' = ANY(roles) LIMIT 1`)).rows[0].id;
  }, 180_000);

  afterAll(async () => {
    await sql?.end();
    await p?.close();
  });

  it('an organization that is not an approved BUYER is refused as buyer (403), nothing written', async () => {
    const before = await bills();
    for (const id of [investor.id, financier.id, operatorOrgId]) {
      const r = await issue(id);
      expect({ id, status: r.status, code: r.body?.code }).toEqual({ id, status: 403, code: 'BILL_WRONG_PARTY' });
    }
    expect(await bills()).toBe(before);
  });

  it("another organization's document and a document that does not exist answer alike (404), nothing written", async () => {
    const before = await bills();
    const foreign = await issue(buyer.id, await docOf(other));
    const missing = await issue(buyer.id, randomUUID());
    expect([foreign.status, foreign.body.code]).toEqual([404, 'BILL_DOCUMENT_NOT_FOUND']);
    expect([missing.status, missing.body.code]).toEqual([404, 'BILL_DOCUMENT_NOT_FOUND']);
    expect(foreign.body.message.replace(/[0-9a-f-]{36}/, '<id>')).toBe(missing.body.message.replace(/[0-9a-f-]{36}/, '<id>'));
    expect(await bills()).toBe(before);
  });

  it('an approved BUYER with the supplier’s own document is accepted', async () => {
    const r = await issue(buyer.id, await docOf(supplier));
    expect(r.status).toBe(201);
  });
});
