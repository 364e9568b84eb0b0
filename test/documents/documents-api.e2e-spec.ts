import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnchorSealerService } from '#anchoring';
import { connectDocumentAnchor } from '#contracts';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { client, createOrg, login, platformClients, type Client, type TestOrg } from '../support/auth.js';
import { eventually, getBytes, pdfBytes, sha256Hex, uploadDocument } from './support/documents-http.js';

const MAX_BYTES = 64 * 1024;

describe('documents API (real PostgreSQL, real anvil, HTTP)', () => {
  let p: TestPlatform;
  let docsDir: string;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let orgA: TestOrg;
  let orgB: TestOrg;
  let tokenA: string;
  let tokenB: string;
  let auditorToken: string;

  const url = (path: string) => `${p.baseUrl}${path}`;
  const as = (token: string): Client => client(p.baseUrl, token);
  /** Uploads and waits until the document is anchored. */
  const anchored = async (token: string, id: string) =>
    eventually(
      async () => {
        const r = await as(token).get(`/api/v1/documents/${id}`);
        return r.body.anchoring.state === 'ANCHORED' ? r.body : undefined;
      },
      30_000,
      `document ${id} anchored`,
    );

  beforeAll(async () => {
    docsDir = mkdtempSync(join(tmpdir(), 'tally-docs-'));
    p = await startTestPlatform({
      env: {
        DOCUMENTS_DIR: docsDir,
        DOCUMENT_MAX_BYTES: String(MAX_BYTES),
        ANCHOR_BATCH_WINDOW_MS: '200',
        PUBLIC_URL: 'https://tally.example',
      },
    });
    platform = await platformClients(p.baseUrl, p.db.url);
    orgA = await createOrg(p.baseUrl, platform);
    orgB = await createOrg(p.baseUrl, platform);
    tokenA = (await login(p.baseUrl, orgA.memberEmail)).accessToken;
    tokenB = (await login(p.baseUrl, orgB.memberEmail)).accessToken;
    auditorToken = (await login(p.baseUrl, platform.emails.auditor)).accessToken;
  }, 120_000);

  afterAll(async () => {
    await p?.close();
    if (docsDir) rmSync(docsDir, { recursive: true, force: true });
  });

  it('stores an upload by content, sniffs its type, deduplicates per organization and anchors it', async () => {
    const bytes = pdfBytes(`invoice ${randomUUID()}`);
    // the name and the client's Content-Type say text; the bytes say PDF
    const first = await uploadDocument(p.baseUrl, tokenA, bytes, {
      filename: 'INV-2025-001.txt',
      contentType: 'text/plain',
      kind: 'INVOICE',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      ownerOrganizationId: orgA.id,
      kind: 'INVOICE',
      name: 'INV-2025-001.txt',
      mediaType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: sha256Hex(bytes),
    });
    expect(['PENDING', 'SEALED', 'ANCHORED']).toContain(first.body.anchoring.state);

    const again = await uploadDocument(p.baseUrl, tokenA, bytes, { kind: 'OTHER' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.kind).toBe('INVOICE');

    // another organization holding the same content gets its own document; the hash is anchored once
    const other = await uploadDocument(p.baseUrl, tokenB, bytes);
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);

    const doc = await anchored(tokenA, first.body.id);
    expect(doc.anchoring).toMatchObject({ state: 'ANCHORED', chainId: 31337 });
    expect(doc.anchoring.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const docB = await anchored(tokenB, other.body.id);
    expect(docB.anchoring.batchId).toBe(doc.anchoring.batchId);

    const content = await getBytes(url(`/api/v1/documents/${first.body.id}/content`), tokenA);
    expect(content.status).toBe(200);
    expect(content.bytes.equals(bytes)).toBe(true);
    expect(content.headers.get('content-type')).toBe('application/pdf');
    expect(content.headers.get('content-disposition')).toBe('attachment; filename="INV-2025-001.pdf"');
  });

  it('serves a receipt that OpenZeppelin and DocumentAnchor.verify accept, and a deterministic PDF certificate', async () => {
    const bytes = pdfBytes(`report ${randomUUID()}`);
    const up = await uploadDocument(p.baseUrl, tokenA, bytes, { filename: 'Q3 report.pdf', kind: 'REPORT' });
    const doc = await anchored(tokenA, up.body.id);

    const res = await as(tokenA).get(`/api/v1/documents/${doc.id}/receipt.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="Q3_report.receipt.json"');
    const r = res.body;
    expect(Object.keys(r)).toEqual([
      'format',
      'documentHash',
      'leafEncoding',
      'leaf',
      'leafIndex',
      'leafCount',
      'proof',
      'root',
      'batchId',
      'chainId',
      'contract',
      'txHash',
      'blockNumber',
      'blockTimestamp',
      'anchoredAt',
    ]);
    expect(r).toMatchObject({
      documentHash: sha256Hex(bytes),
      chainId: 31337,
      txHash: doc.anchoring.txHash,
      blockNumber: doc.anchoring.blockNumber,
    });
    expect(StandardMerkleTree.verify(r.root, ['bytes32'], [r.documentHash], r.proof)).toBe(true);
    const anchor = connectDocumentAnchor(r.contract, p.chain.provider);
    expect(await anchor.verify(r.root, r.proof, r.documentHash)).toBe(true);
    expect(Number(await anchor.rootAnchoredAt(r.root))).toBe(r.blockTimestamp);

    const a = await getBytes(url(`/api/v1/documents/${doc.id}/certificate.pdf`), tokenA);
    const b = await getBytes(url(`/api/v1/documents/${doc.id}/certificate.pdf`), tokenA);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('application/pdf');
    expect(a.headers.get('content-disposition')).toBe('attachment; filename="Q3_report.certificate.pdf"');
    expect(a.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.bytes.toString('latin1')).toContain(`(SHA-256 ${r.documentHash})`); // the PDF's Subject
  });

  it('answers 409 for the receipt and certificate of a document not anchored yet', async () => {
    // no sealer: the upload stays pending (one platform per test file: passport's strategies are process-wide)
    const sealer = p.app.get(AnchorSealerService).sealer;
    await sealer.stop();
    try {
      const up = await uploadDocument(p.baseUrl, tokenA, pdfBytes(randomUUID()));
      expect(up.status).toBe(201);
      expect(up.body.anchoring.state).toBe('PENDING');
      for (const path of ['receipt.json', 'certificate.pdf']) {
        const res = await as(tokenA).get(`/api/v1/documents/${up.body.id}/${path}`);
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'DOCUMENT_NOT_ANCHORED', details: { state: 'PENDING' } });
        expect(res.body.message).toContain('not anchored yet');
      }
    } finally {
      sealer.start();
    }
  });

  describe('bad input gets a clear 4xx in the shared error body', () => {
    const expectError = (res: { status: number; body: Record<string, unknown> }, status: number, code?: string) => {
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ statusCode: status, ...(code ? { code } : {}) });
      expect(typeof res.body.message).toBe('string');
      expect(typeof res.body.requestId).toBe('string');
    };

    it('an empty file: 400', async () => {
      const res = await uploadDocument(p.baseUrl, tokenA, Buffer.alloc(0));
      expectError(res, 400, 'DOCUMENT_EMPTY');
      expect(res.body.message).toBe('The document is empty');
    });

    it('a file over DOCUMENT_MAX_BYTES: 413', async () => {
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(MAX_BYTES)]);
      const res = await uploadDocument(p.baseUrl, tokenA, big);
      expectError(res, 413, 'DOCUMENT_TOO_LARGE');
      expect(res.body.message).toBe('The document is larger than the 65536 bytes allowed');
      // nothing of a refused upload is kept, not even a temporary file
      expect(readdirSync(join(docsDir, 'tmp'))).toEqual([]);
      // exactly at the limit is fine
      const atLimit = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(MAX_BYTES - 9)]);
      expect((await uploadDocument(p.baseUrl, tokenA, atLimit)).status).toBe(201);
    });

    it.each([
      ['a Windows executable named .pdf', Buffer.concat([Buffer.from('MZ'), randomBytes(200)]), 'evil.pdf'],
      ['plain text', Buffer.from('just some words, not a document format'), 'notes.pdf'],
      ['an HTML page', Buffer.from('<!DOCTYPE html><html><body>hi</body></html>'), 'page.xml'],
      ['a ZIP archive', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(100)]), 'invoice.xml'],
    ])('a type not allowed (%s): 415', async (_what, bytes, filename) => {
      const res = await uploadDocument(p.baseUrl, tokenA, bytes, { filename, contentType: 'application/pdf' });
      expectError(res, 415, 'DOCUMENT_TYPE_NOT_ALLOWED');
      expect(res.body.details).toEqual({ allowed: ['application/pdf', 'application/xml', 'image/png', 'image/jpeg'] });
    });

    it.each([
      [
        'UBL XML with a declaration',
        Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'),
        'application/xml',
      ],
      [
        'XML with a BOM and no declaration',
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('  <Invoice><ID>1</ID></Invoice>')]),
        'application/xml',
      ],
      ['PNG', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]), 'image/png'],
      ['JPEG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]), 'image/jpeg'],
    ])('an allowed type (%s) is sniffed from its bytes', async (_what, bytes, mediaType) => {
      const res = await uploadDocument(p.baseUrl, tokenA, bytes, { filename: 'upload.bin', kind: 'UBL_INVOICE' });
      expect(res.status).toBe(201);
      expect(res.body.mediaType).toBe(mediaType);
    });

    it('no file part, another field name, a bad kind: 400', async () => {
      const form = new FormData();
      form.append('kind', 'INVOICE');
      const noFile = await fetch(url('/api/v1/documents'), { method: 'POST', body: form, headers: { authorization: `Bearer ${tokenA}` } });
      expectError({ status: noFile.status, body: (await noFile.json()) as Record<string, unknown> }, 400, 'DOCUMENT_FILE_MISSING');
      const json = await as(tokenA).post('/api/v1/documents', { file: 'not multipart' });
      expect(json.status).toBe(400);
      const wrongField = await uploadDocument(p.baseUrl, tokenA, pdfBytes('x'), { field: 'document' });
      expectError(wrongField, 400);
      expect(wrongField.body.message).toContain('document');
      const badKind = await uploadDocument(p.baseUrl, tokenA, pdfBytes(randomUUID()), { kind: 'PASSPORT' });
      expectError(badKind, 400, 'VALIDATION_FAILED');
      expect(badKind.body.message).toContain('kind must be one of INVOICE, UBL_INVOICE, KYC');
    });

    it('a malformed id: 400; an unknown id: 404; a bad page size: 400; a malformed hash filter: 400', async () => {
      expectError(await as(tokenA).get('/api/v1/documents/not-a-uuid'), 400);
      const missing = await as(tokenA).get(`/api/v1/documents/${randomUUID()}`);
      expectError(missing, 404, 'DOCUMENT_NOT_FOUND');
      expectError(await as(tokenA).get('/api/v1/documents?pageSize=500'), 400, 'VALIDATION_FAILED');
      expectError(await as(tokenA).get('/api/v1/documents?sha256=abc'), 400, 'VALIDATION_FAILED');
    });

    it('no token: 401', async () => {
      expectError(await uploadDocument(p.baseUrl, undefined, pdfBytes('anonymous')), 401);
      expectError(await client(p.baseUrl).get('/api/v1/documents'), 401);
    });
  });

  it("scopes documents to the caller's organization: another organization's document is not found", async () => {
    const up = await uploadDocument(p.baseUrl, tokenA, pdfBytes(`secret ${randomUUID()}`), { kind: 'KYC' });
    const id = up.body.id as string;
    for (const path of ['', '/receipt.json', '/certificate.pdf', '/content']) {
      const foreign = await as(tokenB).get(`/api/v1/documents/${id}${path}`);
      const missingId = randomUUID();
      const missing = await as(tokenB).get(`/api/v1/documents/${missingId}${path}`);
      expect(foreign.status).toBe(404);
      // exactly the answer for an id that exists nowhere (but for the id echoed back)
      expect({ ...foreign.body, message: foreign.body.message.replace(id, 'ID'), requestId: '' }).toEqual({
        ...missing.body,
        message: missing.body.message.replace(missingId, 'ID'),
        requestId: '',
      });
    }
    const listB = await as(tokenB).get('/api/v1/documents?pageSize=200');
    expect(listB.body.items.every((d: { ownerOrganizationId: string }) => d.ownerOrganizationId === orgB.id)).toBe(true);
    const bySha = await as(tokenB).get(`/api/v1/documents?sha256=${up.body.sha256}`);
    expect(bySha.body).toMatchObject({ items: [], total: 0 });
    // platform roles see every organization's documents
    const audited = await as(auditorToken).get(`/api/v1/documents/${id}`);
    expect(audited.status).toBe(200);
    const all = await as(auditorToken).get('/api/v1/documents?pageSize=200');
    const owners = new Set(all.body.items.map((d: { ownerOrganizationId: string }) => d.ownerOrganizationId));
    expect(owners.has(orgA.id) && owners.has(orgB.id)).toBe(true);
    // an auditor reads, it does not upload
    expect((await uploadDocument(p.baseUrl, auditorToken, pdfBytes(randomUUID()))).status).toBe(403);
  });

  it('pages the list: ?page=&pageSize= → {items, total, page, pageSize}, newest first', async () => {
    const org = await createOrg(p.baseUrl, platform);
    const token = (await login(p.baseUrl, org.adminEmail)).accessToken;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (await uploadDocument(p.baseUrl, token, pdfBytes(`page ${i} ${randomUUID()}`), { kind: i % 2 ? 'INVOICE' : 'REPORT' })).body.id,
      );
    const page1 = await as(token).get('/api/v1/documents?page=1&pageSize=2');
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.body.items.map((d: { id: string }) => d.id)).toEqual([ids[4], ids[3]]);
    const page3 = await as(token).get('/api/v1/documents?page=3&pageSize=2');
    expect(page3.body.items.map((d: { id: string }) => d.id)).toEqual([ids[0]]);
    const page9 = await as(token).get('/api/v1/documents?page=9&pageSize=2');
    expect(page9.body).toEqual({ items: [], total: 5, page: 9, pageSize: 2 });
    const invoices = await as(token).get('/api/v1/documents?kind=INVOICE');
    expect(invoices.body.total).toBe(2);
  });
});
