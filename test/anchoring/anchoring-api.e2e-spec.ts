import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnchorSealerService, leafHash } from '#anchoring';
import { connectDocumentAnchor } from '#contracts';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { client, createOrg, login, platformClients, type Client, type Http } from '../support/auth.js';
import { eventually, pdfBytes, send, sha256Hex, uploadDocument } from '../documents/support/documents-http.js';

/** A distinct client address per call (the API trusts X-Forwarded-For from loopback), so the per-IP verify budget is not shared. */
let ipCounter = 1;
const freshIp = () => `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter++ % 250) + 1}`;
const randomSha = () => sha256Hex(randomBytes(32));

describe('anchoring and public verification API (real PostgreSQL, real anvil, HTTP)', () => {
  let p: TestPlatform;
  let docsDir: string;
  let member: Client;
  let memberToken: string;
  let auditorToken: string;
  let anonymous: Client;

  const verify = (path: string, body: unknown, ip = freshIp()) => anonymous.post(`/api/v1/verify${path}`, body, { 'x-forwarded-for': ip });
  const verifyFile = (bytes: Buffer, ip = freshIp()) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'whatever.bin');
    return send(`${p.baseUrl}/api/v1/verify`, form, undefined, { 'x-forwarded-for': ip });
  };
  const anchoredDocument = async (bytes: Buffer) => {
    const up = await uploadDocument(p.baseUrl, memberToken, bytes, { kind: 'INVOICE' });
    expect(up.status).toBe(201);
    return eventually(async () => {
      const r = await member.get(`/api/v1/documents/${up.body.id}`);
      return r.body.anchoring.state === 'ANCHORED'
        ? (r.body as { id: string; sha256: string; anchoring: { txHash: string; blockNumber: number } })
        : undefined;
    });
  };

  beforeAll(async () => {
    docsDir = mkdtempSync(join(tmpdir(), 'tally-docs-'));
    p = await startTestPlatform({ env: { DOCUMENTS_DIR: docsDir, ANCHOR_BATCH_WINDOW_MS: '150', VERIFY_RATE_PER_MINUTE: '5' } });
    const platform = await platformClients(p.baseUrl, p.db.url);
    const org = await createOrg(p.baseUrl, platform);
    memberToken = (await login(p.baseUrl, org.memberEmail)).accessToken;
    auditorToken = (await login(p.baseUrl, platform.emails.auditor)).accessToken;
    member = client(p.baseUrl, memberToken);
    anonymous = client(p.baseUrl);
  }, 120_000);

  afterAll(async () => {
    await p?.close();
    if (docsDir) rmSync(docsDir, { recursive: true, force: true });
  });

  describe('POST /api/v1/anchors/hashes (authenticated)', () => {
    it('takes 100,000 precomputed hashes in one request (past the 1 MB JSON limit) and answers per item', async () => {
      const hashes = Array.from({ length: 100_000 }, randomSha);
      hashes[5] = 'nope';
      const res = await member.post('/api/v1/anchors/hashes', { hashes });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accepted: 99_999, rejected: 1 });
      expect(res.body.items).toHaveLength(100_000);
      expect(res.body.items[5]).toEqual({
        index: 5,
        ok: false,
        error: { code: 'HASH_MALFORMED', message: 'not a SHA-256: expected 64 hex digits, optionally 0x-prefixed' },
      });
      expect(res.body.items[0]).toEqual({ index: 0, ok: true, sha256: hashes[0], created: true, state: 'PENDING' });

      // the sealer cuts them into batches of ANCHOR_BATCH_MAX (10,000) and anchors them
      const status = await eventually(async () => {
        const r = await member.get(`/api/v1/anchors/hashes/${hashes[99_999]}`);
        return r.body.state === 'ANCHORED' ? r.body : undefined;
      }, 60_000);
      // 99,999 valid hashes: batches of ANCHOR_BATCH_MAX (10,000), the last one sealed by the window
      expect(status.batch.leafCount).toBeLessThanOrEqual(10_000);
      const batches = (await member.get('/api/v1/anchors/batches?pageSize=200')).body.items as { leafCount: number }[];
      expect(batches.map((b) => b.leafCount).sort((a, b) => b - a)).toEqual([...new Array(9).fill(10_000), 9_999]);
      const receipt = status.receipt;
      expect(StandardMerkleTree.verify(receipt.root, ['bytes32'], [hashes[99_999]], receipt.proof)).toBe(true);
      expect(await connectDocumentAnchor(receipt.contract, p.chain.provider).verify(receipt.root, receipt.proof, receipt.documentHash)).toBe(true);
      const again = await member.post('/api/v1/anchors/hashes', { hashes: [hashes[99_999]] });
      expect(again.body.items[0]).toMatchObject({ ok: true, created: false, state: 'ANCHORED' });
    }, 120_000);

    it('refuses more than 100,000 hashes, a missing array, and callers without a token', async () => {
      const tooMany = await member.post('/api/v1/anchors/hashes', { hashes: new Array(100_001).fill(randomSha()) });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.message).toContain('hashes must contain no more than 100000 elements');
      const missing = await member.post('/api/v1/anchors/hashes', {});
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
      expect((await anonymous.post('/api/v1/anchors/hashes', { hashes: [randomSha()] })).status).toBe(401);
      // other routes keep the 1 MB limit
      const big = await member.post('/api/v1/documents?x=1', { padding: 'x'.repeat(2_000_000) });
      expect(big.status).toBe(413);
    });

    it('parses a body past the 1 MB limit only for a caller who may submit: anonymous, a forged token, the auditor get 413, not 401/403 after 16 MB parsed', async () => {
      // 40,000 hashes: ~2.7 MB, within the route's 16 MB, over the application-wide 1 MB
      const body = JSON.stringify({ hashes: Array.from({ length: 40_000 }, randomSha) });
      const send = async (authorization?: string) => {
        const res = await fetch(`${p.baseUrl}/api/v1/anchors/hashes`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        });
        return { status: res.status, message: ((await res.json()) as { message: string }).message };
      };
      for (const [who, authorization] of [
        ['anonymous', undefined],
        ['not a token', 'Bearer not.a.token'],
        ['a forged signature', `Bearer ${memberToken.slice(0, -4)}AAAA`],
        ['the auditor', `Bearer ${auditorToken}`],
      ] as const) {
        expect({ who, ...(await send(authorization)) }).toEqual({ who, status: 413, message: 'Request body too large' });
      }
      // a small body answers as before: 401 without a token, 403 for the auditor
      expect((await anonymous.post('/api/v1/anchors/hashes', { hashes: [randomSha()] })).status).toBe(401);
      expect((await client(p.baseUrl, auditorToken).post('/api/v1/anchors/hashes', { hashes: [randomSha()] })).status).toBe(403);
      // (a member's large body is read: the 100,000-hash test above sends ~6.7 MB)
    }, 120_000);

    it('answers 404 for a hash never submitted and 400 for a malformed one', async () => {
      const unknown = await member.get(`/api/v1/anchors/hashes/${randomSha()}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('HASH_NOT_FOUND');
      const malformed = await member.get('/api/v1/anchors/hashes/xyz');
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('HASH_MALFORMED');
    });
  });

  describe('anchor batches (authenticated)', () => {
    it('lists batches newest first with root, leaf count, transaction and confirmations, and shows one', async () => {
      const doc = await anchoredDocument(pdfBytes(`batch ${randomUUID()}`));
      const list = await member.get('/api/v1/anchors/batches?page=1&pageSize=5');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ page: 1, pageSize: 5 });
      expect(list.body.total).toBeGreaterThan(0);
      const sealedAt = list.body.items.map((b: { sealedAt: string }) => Date.parse(b.sealedAt));
      expect([...sealedAt].sort((a, b) => b - a)).toEqual(sealedAt);
      const withDoc = await member.get(`/api/v1/anchors/batches?status=ANCHORED&pageSize=200`);
      const batch = withDoc.body.items.find((b: { txHash: string }) => b.txHash === doc.anchoring.txHash);
      expect(batch).toMatchObject({ status: 'ANCHORED', chainId: 31337, blockNumber: doc.anchoring.blockNumber });
      expect(batch.confirmations).toBeGreaterThanOrEqual(1);
      expect(batch.root).toMatch(/^0x[0-9a-f]{64}$/);
      const one = await member.get(`/api/v1/anchors/batches/${batch.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: batch.id, leafCount: batch.leafCount, root: batch.root, chainBatchId: batch.chainBatchId });
      expect((await member.get(`/api/v1/anchors/batches/${randomUUID()}`)).body.code).toBe('ANCHOR_BATCH_NOT_FOUND');
      expect((await member.get('/api/v1/anchors/batches/nope')).status).toBe(400);
      expect((await member.get('/api/v1/anchors/batches?status=LOST')).status).toBe(400);
      expect((await anonymous.get('/api/v1/anchors/batches')).status).toBe(401);
    });
  });

  describe('POST /api/v1/verify (public)', () => {
    let bytes: Buffer;
    let doc: { id: string; sha256: string; anchoring: { txHash: string; blockNumber: number } };

    beforeAll(async () => {
      bytes = pdfBytes(`verify me ${randomUUID()}`);
      doc = await anchoredDocument(bytes);
    });

    it('says anchored, when, in which transaction, for a hash and for the file itself, without login', async () => {
      const byHash = await verify('', { sha256: doc.sha256 });
      expect(byHash.status).toBe(200);
      expect(byHash.body).toMatchObject({
        documentHash: doc.sha256,
        anchored: true,
        status: 'ANCHORED',
        txHash: doc.anchoring.txHash,
        blockNumber: doc.anchoring.blockNumber,
        chainId: 31337,
      });
      expect(Date.parse(byHash.body.anchoredAt)).toBeGreaterThan(0);
      expect(byHash.body.checks.map((c: { check: string }) => c.check)).toEqual([
        'proof',
        'chain',
        'anchoring',
        'transaction',
        'on-chain proof',
      ]);
      expect(byHash.body.receipt.documentHash).toBe(doc.sha256);
      const byFile = await verifyFile(bytes);
      expect(byFile.status).toBe(200);
      expect(byFile.body).toMatchObject({ anchored: true, documentHash: doc.sha256, txHash: doc.anchoring.txHash });
    });

    it('says why not: a one-byte change, a hash never submitted, a pending one', async () => {
      const changed = Buffer.from(bytes);
      changed[20] ^= 0x01;
      const res = await verifyFile(changed);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ anchored: false, status: 'NOT_FOUND', code: 'NOT_SUBMITTED', documentHash: sha256Hex(changed) });
      expect(res.body.reason).toBe('This SHA-256 was never submitted for anchoring on this platform');
      const s = p.app.get(AnchorSealerService).sealer;
      await s.stop();
      try {
        const fresh = randomSha();
        await member.post('/api/v1/anchors/hashes', { hashes: [fresh] });
        const pending = await verify('', { sha256: fresh });
        expect(pending.body).toMatchObject({ anchored: false, status: 'PENDING', code: 'NOT_YET_ANCHORED' });
        expect(pending.body.reason).toContain('waiting for the next batch');
      } finally {
        s.start();
      }
    });

    it('checks a receipt: ok, wrong root, wrong chain id, root not on chain, another document, each with its reason', async () => {
      const receipt = (await member.get(`/api/v1/documents/${doc.id}/receipt.json`)).body;
      const ok = await verify('/receipt', { receipt, sha256: doc.sha256 });
      expect(ok.body).toMatchObject({ anchored: true, status: 'ANCHORED', blockNumber: receipt.blockNumber });
      const wrongRoot = await verify('/receipt', { receipt: { ...receipt, root: randomSha() } });
      expect(wrongRoot.body).toMatchObject({ anchored: false, status: 'INVALID', code: 'PROOF_INVALID' });
      const wrongChain = await verify('/receipt', { receipt: { ...receipt, chainId: 137 } });
      expect(wrongChain.body).toMatchObject({
        anchored: false,
        code: 'CHAIN_MISMATCH',
        reason: 'The receipt is for chain 137, but the node answers for chain 31337: ask a node of chain 137',
      });
      const other = randomSha(); // a consistent receipt of a one-leaf tree that was never anchored
      const single = {
        ...receipt,
        documentHash: other,
        leaf: leafHash(other),
        root: leafHash(other),
        proof: [],
        leafIndex: 0,
        leafCount: 1,
      };
      const notOnChain = await verify('/receipt', { receipt: single });
      expect(notOnChain.body).toMatchObject({ anchored: false, code: 'ROOT_NOT_ANCHORED' });
      expect(notOnChain.body.reason).toContain('is not anchored in DocumentAnchor');
      const otherDoc = await verify('/receipt', { receipt, sha256: randomSha() });
      expect(otherDoc.body).toMatchObject({ anchored: false, code: 'DOCUMENT_MISMATCH' });
    });

    it('verifies many hashes at once, each on its own', async () => {
      const unknown = randomSha();
      const res = await verify('/batch', { sha256: [doc.sha256, unknown, 'bad'] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ anchored: 1, notAnchored: 2 });
      expect(res.body.items.map((i: { status: string }) => i.status)).toEqual(['ANCHORED', 'NOT_FOUND', 'INVALID']);
      expect(res.body.items[2]).toMatchObject({ code: 'MALFORMED' });
      const tooMany = await verify('/batch', { sha256: new Array(1_001).fill(doc.sha256) });
      expect(tooMany.status).toBe(400);
    });

    it('answers bad input with a clear 4xx: malformed hash, no input, malformed receipt, empty file', async () => {
      const malformed = await verify('', { sha256: '12345' });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'HASH_MALFORMED', message: 'sha256 must be 64 hex digits, optionally 0x-prefixed' });
      const nothing = await verify('', {});
      expect(nothing.status).toBe(400);
      expect(nothing.body.code).toBe('VERIFY_INPUT_MISSING');
      const badReceipt = await verify('/receipt', { receipt: { format: 'something', root: 'x' } });
      expect(badReceipt.status).toBe(400);
      expect(badReceipt.body.code).toBe('RECEIPT_MALFORMED');
      expect(badReceipt.body.details.problems).toEqual(
        expect.arrayContaining(['root must be a 0x-prefixed 32-byte hex value', 'format must be "tally-anchor-receipt/1"']),
      );
      const notObject = await verify('/receipt', { receipt: 'hello' });
      expect(notObject.status).toBe(400);
      const empty = await verifyFile(Buffer.alloc(0));
      expect(empty.status).toBe(400);
      expect(empty.body.code).toBe('DOCUMENT_EMPTY');
    });

    it('rate limits per client address: 429 with Retry-After past VERIFY_RATE_PER_MINUTE', async () => {
      const ip = freshIp();
      const answers: Http[] = [];
      for (let i = 0; i < 6; i++) answers.push(await verify('', { sha256: doc.sha256 }, ip));
      expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      const limited = answers[5]!;
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('VERIFY_RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(12);
      // another address is not affected
      expect((await verify('', { sha256: doc.sha256 }, freshIp())).status).toBe(200);
    });
  });
});
