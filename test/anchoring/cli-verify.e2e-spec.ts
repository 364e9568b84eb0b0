import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { buildMerkleTree } from '#anchoring';
import { runVerify, VerifyExitCode, type VerifyOptions } from '../../apps/cli/src/verify.command.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { client, createOrg, login, platformClients } from '../support/auth.js';
import { eventually, pdfBytes, uploadDocument } from '../documents/support/documents-http.js';

// The compiled CLI, run as a user runs it (`node scripts/test.mjs` builds first).
const CLI = resolve('dist/apps/cli/src/main.js');

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => (stdout += c));
  err.on('data', (c) => (stderr += c));
  return { io: { out, err }, text: () => ({ stdout, stderr }) };
}

describe('tally verify: documents and receipts against any RPC node, with the Tally API stopped', () => {
  let p: TestPlatform;
  let work: string;
  let rpc: string;
  let apiClosed = false;
  /** name → [document path, receipt path] */
  const files: Record<string, [string, string]> = {};

  const verify = async (options: Omit<VerifyOptions, 'rpc'> & { rpc?: string }) => {
    const c = capture();
    const code = await runVerify({ rpc, ...options }, c.io);
    return { code, ...c.text() };
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'tally-verify-'));
    p = await startTestPlatform({ env: { DOCUMENTS_DIR: join(work, 'store'), ANCHOR_BATCH_WINDOW_MS: '150' } });
    rpc = p.chain.anvil.url;
    const platform = await platformClients(p.baseUrl, p.db.url);
    const org = await createOrg(p.baseUrl, platform);
    const token = (await login(p.baseUrl, org.memberEmail)).accessToken;
    const api = client(p.baseUrl, token);
    mkdirSync(join(work, 'audit'));
    for (const name of ['invoice-1', 'invoice-2', 'invoice-3']) {
      const bytes = pdfBytes(`${name} ${randomUUID()}`);
      const up = await uploadDocument(p.baseUrl, token, bytes, { filename: `${name}.pdf`, kind: 'INVOICE' });
      await eventually(async () =>
        (await api.get(`/api/v1/documents/${up.body.id}`)).body.anchoring.state === 'ANCHORED' ? true : undefined,
      );
      const receipt = await api.get(`/api/v1/documents/${up.body.id}/receipt.json`);
      const doc = join(work, 'audit', `${name}.pdf`);
      const rec = join(work, 'audit', `${name}.receipt.json`);
      writeFileSync(doc, bytes);
      writeFileSync(rec, JSON.stringify(receipt.body, null, 2));
      files[name] = [doc, rec];
    }
    // the platform is gone: only the chain remains
    await p.app.close();
    apiClosed = true;
    await expect(fetch(`${p.baseUrl}/health`)).rejects.toThrow();
  }, 120_000);

  afterAll(async () => {
    if (p && !apiClosed) await p.app.close();
    await p?.chain.stop();
    await p?.db.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('verifies a document with its receipt next to it, and a receipt alone', async () => {
    const [doc, rec] = files['invoice-1']!;
    const receipt = JSON.parse(readFileSync(rec, 'utf8'));
    const r = await verify({ path: doc });
    expect(r.code).toBe(VerifyExitCode.Verified);
    expect(r.stdout).toContain('VERIFIED  invoice-1.pdf');
    expect(r.stdout).toContain(`SHA-256      ${receipt.documentHash}`);
    expect(r.stdout).toContain(`Anchored at  ${receipt.anchoredAt} (block time)`);
    expect(r.stdout).toContain(`Transaction  ${receipt.txHash}`);
    const alone = await verify({ path: rec, json: true });
    expect(alone.code).toBe(VerifyExitCode.Verified);
    expect(JSON.parse(alone.stdout)).toMatchObject({
      ok: true,
      result: 'VERIFIED',
      receiptOnly: true,
      blockNumber: receipt.blockNumber,
      anchoredAt: receipt.anchoredAt,
    });
  });

  it('fails a one-byte change of the document, a wrong root, a wrong chain id and a root not on chain, each with its reason', async () => {
    const [doc, rec] = files['invoice-2']!;
    const receipt = JSON.parse(readFileSync(rec, 'utf8'));
    const changed = join(work, 'changed.pdf');
    const bytes = readFileSync(doc);
    bytes[12] ^= 0x01;
    writeFileSync(changed, bytes);
    const byte = await verify({ path: changed, receipt: rec });
    expect(byte.code).toBe(VerifyExitCode.Failed);
    expect(byte.stdout).toContain('FAILED  changed.pdf');
    expect(byte.stdout).toMatch(
      /Reason {7}The document's SHA-256 0x[0-9a-f]{64} is not the receipt's documentHash .* \[DOCUMENT_MISMATCH\]/,
    );

    const variant = (name: string, patch: Record<string, unknown>) => {
      const path = join(work, `${name}.receipt.json`);
      writeFileSync(path, JSON.stringify({ ...receipt, ...patch }));
      return path;
    };
    const wrongRoot = await verify({
      path: doc,
      receipt: variant('wrong-root', { root: `0x${randomBytes(32).toString('hex')}` }),
      json: true,
    });
    expect(JSON.parse(wrongRoot.stdout)).toMatchObject({ ok: false, code: 'PROOF_INVALID' });
    const wrongChain = await verify({ path: doc, receipt: variant('wrong-chain', { chainId: 1 }), json: true });
    expect(JSON.parse(wrongChain.stdout)).toMatchObject({
      ok: false,
      code: 'CHAIN_MISMATCH',
      reason: 'The receipt is for chain 1, but the node answers for chain 31337: ask a node of chain 1',
    });
    // a receipt whose proof is consistent but whose root was never anchored: the document in a tree with a stranger
    const { tree, order } = buildMerkleTree(
      Buffer.concat([receipt.documentHash, `0x${randomBytes(32).toString('hex')}`].map((h: string) => Buffer.from(h.slice(2), 'hex'))),
    );
    const p0 = order.indexOf(0);
    const forged = variant('not-on-chain', { root: tree.root, proof: tree.proof(p0), leafIndex: p0, leafCount: 2 });
    const notOnChain = await verify({ path: doc, receipt: forged, json: true });
    expect(JSON.parse(notOnChain.stdout)).toMatchObject({ ok: false, code: 'ROOT_NOT_ANCHORED' });
    expect(JSON.parse(notOnChain.stdout).reason).toBe(
      `Root ${tree.root} is not anchored in DocumentAnchor ${receipt.contract} on chain 31337`,
    );
    expect(notOnChain.code).toBe(VerifyExitCode.Failed);
  });

  it('verifies a folder with a progress bar and a summary table, and says what failed', async () => {
    const dir = join(work, 'audit');
    copyFileSync(files['invoice-3']![0], join(dir, 'orphan.pdf')); // a document without a receipt
    writeFileSync(join(dir, 'broken.receipt.json'), '{"format":"tally-anchor-receipt/1"}');
    const r = await verify({ dir });
    expect(r.code).toBe(VerifyExitCode.Failed);
    expect(r.stderr).toContain('5/5');
    const lines = r.stdout.split('\n');
    expect(lines[2]).toMatch(/^File\s+Result\s+SHA-256\s+Anchored at \(UTC\)\s+Block\s+Transaction\s+Reason$/);
    const row = (name: string) => lines.find((l) => l.startsWith(name))!;
    for (const name of ['invoice-1.pdf', 'invoice-2.pdf', 'invoice-3.pdf'])
      expect(row(name)).toMatch(/VERIFIED\s+0x[0-9a-f]{8}….{4}\s+\d{4}-\d\d-\d\dT[\d:]+Z\s+\d+\s+0x/);
    expect(row('orphan.pdf')).toContain('NO RECEIPT');
    expect(row('broken.receipt.json (receipt only)')).toContain('BAD RECEIPT');
    expect(r.stdout).toContain('3 of 5 verified, 2 failed');
    rmSync(join(dir, 'orphan.pdf'));
    rmSync(join(dir, 'broken.receipt.json'));
    const clean = await verify({ dir });
    expect(clean.code).toBe(VerifyExitCode.Verified);
    expect(clean.stdout).toContain('3 of 3 verified, 0 failed');
  });

  it('says so when it cannot do its job: an unreachable node, a missing receipt, no input', async () => {
    const down = await verify({ path: files['invoice-1']![0], rpc: 'http://127.0.0.1:9' });
    expect(down.code).toBe(VerifyExitCode.Unusable);
    expect(down.stderr).toMatch(/^tally verify: cannot use the RPC node at http:\/\/127\.0\.0\.1:9\/: /);
    const lonely = join(work, 'lonely.pdf');
    writeFileSync(lonely, pdfBytes('no receipt anywhere'));
    const none = await verify({ path: lonely });
    expect(none.code).toBe(VerifyExitCode.Failed);
    expect(none.stdout).toContain('NO RECEIPT');
    expect((await verify({})).stderr).toContain('give a document or a receipt.json, or --dir <folder>');
  });

  it('runs as the compiled `tally verify` command', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the tests with \`node scripts/test.mjs\` (it builds first)`);
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = execFile(process.execPath, [CLI, ...args], { timeout: 60_000 }, (_e, stdout, stderr) =>
          done({ code: child.exitCode, stdout, stderr }),
        );
      });
    const ok = await run(['verify', files['invoice-3']![0], '--rpc', rpc]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('VERIFIED  invoice-3.pdf');
    const dir = await run(['verify', '--dir', join(work, 'audit'), '--rpc', rpc]);
    expect(dir.code).toBe(0);
    expect(dir.stdout).toContain('3 of 3 verified, 0 failed');
    const failed = await run(['verify', join(work, 'changed.pdf'), '--receipt', files['invoice-2']![1], '--rpc', rpc]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('[DOCUMENT_MISMATCH]');
    const usage = await run(['verify', files['invoice-3']![0]]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--rpc');
  });
});
