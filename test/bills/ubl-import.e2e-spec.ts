import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, login, platformClients, waitForVerifiedWallet, type TestOrg } from '../support/auth.js';
import { answerBeforeBodyEnds } from '../support/unfinished-upload.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/peppol-bis3/${name}`, import.meta.url));

describe('Peppol BIS 3.0 / UBL 2.1 import (real PostgreSQL, real anvil)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let supplier: TestOrg;
  let buyerDk: string;

  // multipart requests need the raw token (the JSON test client keeps its own)
  let tokens: Map<string, string>;
  /** Files are fixture names, or [name, content] for an invoice derived from a fixture in the test. */
  async function post(org: TestOrg, files: (string | [string, string])[], fields: Record<string, string> = {}) {
    const form = new FormData();
    for (const f of files) {
      const [name, content] = typeof f === 'string' ? [f, fixture(f)] : f;
      form.append('files', new Blob([content], { type: 'application/xml' }), name);
    }
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const res = await fetch(`${p.baseUrl}/api/v1/bills/import/ubl`, { method: 'POST', body: form, headers: { authorization: `Bearer ${tokens.get(org.id)}` } });
    return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  beforeAll(async () => {
    p = await startTestPlatform();
    platform = await platformClients(p.baseUrl, p.db.url);
    supplier = await createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], peppolIds: ['0088:7300010000001', '0088:9482348239847239874'] });
    for (const org of [
      supplier,
      await createOrg(p.baseUrl, platform, { roles: ['BUYER'], peppolIds: ['0184:12345678'], country: 'DK' }),
      await createOrg(p.baseUrl, platform, { roles: ['BUYER'], peppolIds: ['0002:4598375937'], country: 'FR' }),
    ]) {
      await waitForVerifiedWallet(org);
    }
    tokens = new Map([[supplier.id, (await login(p.baseUrl, supplier.adminEmail)).accessToken]]);
    buyerDk = (await p.app.get(DataSource).query(`SELECT id FROM organizations WHERE '0184:12345678' = ANY(peppol_ids)`))[0].id;
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('refuses an invoice whose buyer is not a participant, naming its id', async () => {
    const res = await post(supplier, ['base-example.xml']);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('UBL_UNKNOWN_PARTY');
    expect(res.body.message).toContain('0002:FR23342');
  });

  it('imports one invoice: the bill, with the XML stored and anchored as its document', async () => {
    await waitForVerifiedWallet(await createOrg(p.baseUrl, platform, { roles: ['BUYER'], peppolIds: ['0002:FR23342'], country: 'FR' }));
    await waitForVerifiedWallet(supplier);
    const res = await post(supplier, ['base-example.xml']);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ invoiceNumber: 'Snippet1', faceAmountMinor: '165625', currency: 'EUR', issueDate: '2017-11-13', dueDate: '2017-12-01' });
    const sha = '0x' + createHash('sha256').update(fixture('base-example.xml')).digest('hex');
    expect(res.body.documentSha256).toBe(sha);
    const doc = await supplier.admin.get(`/api/v1/documents/${res.body.documentId}`);
    expect(doc.status).toBe(200);
    expect(doc.body.kind).toBe('UBL_INVOICE');

    const auth = { authorization: `Bearer ${tokens.get(supplier.id)}` };
    const pdf = await fetch(`${p.baseUrl}/api/v1/bills/${res.body.id}/bill.pdf`, { headers: auth });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await (await fetch(`${p.baseUrl}/api/v1/bills/export.csv`, { headers: auth })).text();
    const [header, ...lines] = csv.trim().split('\r\n');
    expect(header).toBe('id,invoice_number,supplier,buyer,holder,face_amount_minor,face_amount,currency,issue_date,due_date,state,encumbrance,fingerprint,token_id,document_sha256');
    expect(lines.find((l) => l.startsWith(res.body.id))).toContain(',Snippet1,');
    expect(lines.find((l) => l.startsWith(res.body.id))).toContain(',165625,1656.25,EUR,2017-11-13,2017-12-01,');
  });

  it('imports a batch with one result per file: the same receivable twice, a credit note, a missing due date', async () => {
    const noDue = await post(supplier, ['vat-category-E.xml']);
    expect(noDue.status).toBe(422);
    expect(noDue.body.code).toBe('UBL_DUE_DATE_REQUIRED');

    const res = await post(supplier, ['Allowance-example.xml', 'Vat-category-S.xml', 'vat-category-E.xml', 'vat-category-Z.xml', 'base-creditnote-correction.xml'], {
      dueDate: '2018-10-01',
    });
    expect(res.status).toBe(200);
    const byFile = Object.fromEntries(res.body.results.map((r: { file: string }) => [r.file, r]));
    expect(byFile['Allowance-example.xml']).toMatchObject({ ok: true, bill: { faceAmountMinor: '612500', currency: 'EUR' } });
    expect(byFile['Vat-category-S.xml']).toMatchObject({ ok: true, bill: { faceAmountMinor: '855000' } });
    expect(byFile['vat-category-E.xml']).toMatchObject({ ok: true, bill: { faceAmountMinor: '120000', currency: 'GBP', dueDate: '2018-10-01' } });
    // E and Z are two documents for one receivable: the second is refused
    expect(byFile['vat-category-Z.xml']).toMatchObject({ ok: false, error: { statusCode: 409, code: 'BILL_DUPLICATE' } });
    expect(byFile['base-creditnote-correction.xml']).toMatchObject({ ok: false, error: { statusCode: 422, code: 'UBL_NOT_AN_INVOICE' } });
    const alerts = await platform.admin.get('/api/v1/bills/duplicate-alerts');
    expect(alerts.body.some((a: { source: string }) => a.source === 'ubl')).toBe(true);
  });

  it('matches a party by its VAT id (BT-31 / BT-48) when its endpoint id is not registered; ids naming two participants → 422', async () => {
    // base-example.xml from another seller: an endpoint id nobody registered, the seller's VAT id GB1232434
    const fromVatSeller = fixture('base-example.xml')
      .toString()
      .replace('<cbc:EndpointID schemeID="0088">9482348239847239874</cbc:EndpointID>', '<cbc:EndpointID schemeID="0088">1111111111111</cbc:EndpointID>')
      .replace('<cbc:ID>Snippet1</cbc:ID>', '<cbc:ID>VAT-MATCH-1</cbc:ID>');
    const vatSeller = await createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], country: 'GB', vatId: 'gb 123-2434' });
    expect((await vatSeller.admin.get(`/api/v1/organizations/${vatSeller.id}`)).body.vatId).toBe('GB1232434'); // stored normalised
    await waitForVerifiedWallet(vatSeller);
    tokens.set(vatSeller.id, (await login(p.baseUrl, vatSeller.adminEmail)).accessToken);
    const res = await post(vatSeller, [['vat-seller.xml', fromVatSeller]]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ invoiceNumber: 'VAT-MATCH-1', supplierOrganizationId: vatSeller.id });

    // a VAT id names one participant
    const taken = await platform.admin.patch(`/api/v1/organizations/${buyerDk}`, { vatId: 'GB1232434' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('VAT_ID_TAKEN');
    const malformed = await platform.admin.patch(`/api/v1/organizations/${buyerDk}`, { vatId: '12345' });
    expect(malformed.status).toBe(400);

    // the buyer's endpoint id 0002:FR23342 and VAT id SE4598375937 now name two different participants
    expect((await platform.admin.patch(`/api/v1/organizations/${buyerDk}`, { vatId: 'SE4598375937' })).status).toBe(200);
    const countBills = () => p.app.get(DataSource).query(`SELECT count(*)::int AS n FROM bills`);
    const before = await countBills();
    const ambiguous = await post(vatSeller, [['ambiguous.xml', fromVatSeller.replace('VAT-MATCH-1', 'VAT-MATCH-2')]]);
    expect(ambiguous.status).toBe(422);
    expect(ambiguous.body.code).toBe('UBL_AMBIGUOUS_PARTY');
    expect(ambiguous.body.message).toContain('SE4598375937');
    expect(await countBills()).toEqual(before);
  });

  it('asks who the caller is before it reads the upload: a member, a buyer\'s admin and the platform roles get 403, the invoice unread', async () => {
    const buyerOrg = await createOrg(p.baseUrl, platform, { roles: ['BUYER'] });
    const callers = [
      ['member of the supplier', supplier.memberEmail, 'Only an organization admin acts on bills'],
      ["a buyer's admin", buyerOrg.adminEmail, 'Only a supplier organization issues bills'],
      ['platform admin', platform.emails.admin, 'Only an organization admin acts on bills'],
      ['KYC officer', platform.emails.kyc, 'Only an organization admin acts on bills'],
    ] as const;
    // an invoice whose parties nobody registered: read, it answers 422 UBL_UNKNOWN_PARTY naming the ids it looked up
    const unknownParties = fixture('base-example.xml')
      .toString()
      .replace('<cbc:EndpointID schemeID="0088">9482348239847239874</cbc:EndpointID>', '<cbc:EndpointID schemeID="0088">5555555555555</cbc:EndpointID>')
      .replace('<cbc:ID>Snippet1</cbc:ID>', '<cbc:ID>WHO-ASKS-1</cbc:ID>');
    const db = p.app.get(DataSource);
    const counts = async () => (await db.query(`SELECT (SELECT count(*) FROM documents)::int AS documents, (SELECT count(*) FROM bills)::int AS bills`))[0];
    const before = await counts();
    for (const [who, email, message] of callers) {
      const token = (await login(p.baseUrl, email)).accessToken;
      for (const file of [unknownParties, fixture('base-example.xml').toString().replace('<cbc:ID>Snippet1</cbc:ID>', '<cbc:ID>WHO-ASKS-2</cbc:ID>')]) {
        const form = new FormData();
        form.append('files', new Blob([file], { type: 'application/xml' }), 'invoice.xml');
        const res = await fetch(`${p.baseUrl}/api/v1/bills/import/ubl`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { code: string; message: string };
        expect({ who, status: res.status, code: body.code, message: body.message }).toEqual({ who, status: 403, code: 'BILL_WRONG_PARTY', message });
      }
      // the answer comes while the upload is still unfinished: the body is not read at all
      const boundary = `tally${Date.now()}`;
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="invoice.xml"\r\nContent-Type: application/xml\r\n\r\n`;
      const early = await answerBeforeBodyEnds(`${p.baseUrl}/api/v1/bills/import/ubl`, {
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        firstBytes: head + unknownParties.slice(0, 300),
        declaredBytes: 4 * 1_048_576,
      });
      expect({ who, status: early.status, code: early.body?.code }).toEqual({ who, status: 403, code: 'BILL_WRONG_PARTY' });
    }
    // nothing stored for a refused caller (the supplier's member used to get the XML stored and anchored, then 403 on the issue)
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('refuses a request without files and unknown fields with 400', async () => {
    const form = new FormData();
    form.append('surprise', 'x');
    const res = await fetch(`${p.baseUrl}/api/v1/bills/import/ubl`, { method: 'POST', body: form, headers: { authorization: `Bearer ${tokens.get(supplier.id)}` } });
    expect(res.status).toBe(400);
  });
});
