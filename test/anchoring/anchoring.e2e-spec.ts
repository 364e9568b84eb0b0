import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { id as keccakId } from 'ethers';
import {
  AnchorBatchStatus,
  ANCHOR_BATCH_JOB,
  EthersAnchorReader,
  LeafState,
  VerificationFailure,
  buildMerkleTree,
  leafHash,
  verifyReceipt,
  type AnchorReceipt,
} from '#anchoring';
import { ChainJobEntity, ChainJobStatus, ChainRole, ChainTxAttemptEntity } from '#chain';
import { connectDocumentAnchor, DocumentAnchorInterface } from '#contracts';
import { randomSha256, sha256Of, startAnchoringHarness, type AnchoringHarness } from './support/anchoring-harness.js';

class SimulatedCrash extends Error {}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('anchoring (real PostgreSQL, real anvil, real DocumentAnchor)', () => {
  let h: AnchoringHarness;

  const submit = async (n: number) => {
    const hashes = Array.from({ length: n }, randomSha256);
    const results = await h.anchoring.submitHashes(hashes);
    expect(results.every((r) => r.ok && r.created)).toBe(true);
    return hashes;
  };
  const pendingCount = async () => Number((await h.ds.query(`SELECT count(*) AS n FROM anchor_leaves WHERE batch_id IS NULL`))[0].n);
  const anchor = () => connectDocumentAnchor(h.anchorAddress, h.chain.provider);
  const rootAnchoredEvents = async (batchId: string) =>
    (
      await h.chain.provider.getLogs({
        address: h.anchorAddress,
        topics: [DocumentAnchorInterface.getEvent('RootAnchored')!.topicHash, batchId],
        fromBlock: 0,
      })
    ).length;
  /** Seals (forced) and anchors everything pending. */
  const sealAndAnchor = async () => {
    const batches = await h.sealer().sealDue({ force: true });
    await h.drainAnchoring();
    return batches;
  };

  beforeAll(async () => {
    h = await startAnchoringHarness();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('anchors a batch whose proofs verify on chain with MerkleProof.sol and with @openzeppelin/merkle-tree', async () => {
    const hashes = await submit(50);
    const [batch] = await sealAndAnchor();
    expect(batch!.leafCount).toBe(50);
    const receipts = await h.anchoring.receiptsOf(hashes);
    expect(receipts.size).toBe(50);
    const oz = StandardMerkleTree.of(
      hashes.map((v) => [v]),
      ['bytes32'],
    );
    expect(batch!.root).toBe(oz.root);
    const contract = anchor();
    const onChain = await contract.batchOf(batch!.chainBatchId);
    expect(onChain.root).toBe(batch!.root);
    for (const sha256 of hashes) {
      const r = receipts.get(sha256)!;
      expect(r).toMatchObject({
        documentHash: sha256,
        root: batch!.root,
        batchId: batch!.chainBatchId,
        chainId: 31337,
        contract: h.anchorAddress,
        leafCount: 50,
      });
      expect(r.leaf).toBe(leafHash(sha256));
      expect(StandardMerkleTree.verify(r.root, ['bytes32'], [sha256], r.proof)).toBe(true);
      expect(r.proof).toEqual(oz.getProof([sha256]));
      expect(await contract.verify(r.root, r.proof, r.documentHash)).toBe(true);
      expect(r.blockNumber).toBe(Number(onChain.blockNumber));
      expect(r.blockTimestamp).toBe(Number(onChain.anchoredAt));
      const tx = await h.chain.provider.getTransactionReceipt(r.txHash);
      expect(tx!.blockNumber).toBe(r.blockNumber);
    }
    // a single receipt reads only its proof nodes from the stored tree: same answer
    const single = await h.anchoring.receiptOf(hashes[7]!);
    expect(single).toEqual(receipts.get(hashes[7]!));
  });

  it('fails verification of a one-byte change, a wrong root, a wrong chain id and a root that is not on chain, each with its reason', async () => {
    const document = Buffer.from('%PDF-1.7 an invoice of 1,000.00 EUR');
    const [sha256] = [sha256Of(document)];
    await h.anchoring.submitHashes([sha256, randomSha256(), randomSha256()]);
    await sealAndAnchor();
    const receipt = await h.anchoring.receiptOf(sha256);
    const reader = new EthersAnchorReader(h.chain.provider);

    const ok = await verifyReceipt(receipt, reader, { documentSha256: sha256, onChainProof: true });
    expect(ok).toMatchObject({ ok: true, blockNumber: receipt.blockNumber, anchoredAt: receipt.anchoredAt });
    expect(ok.checks.map((c) => c.check)).toEqual(['document', 'proof', 'chain', 'anchoring', 'transaction', 'on-chain proof']);

    const changed = Buffer.from(document);
    changed[changed.length - 1] ^= 0x01;
    const byte = await verifyReceipt(receipt, reader, { documentSha256: sha256Of(changed) });
    expect(byte).toMatchObject({ ok: false, code: VerificationFailure.DOCUMENT_MISMATCH });
    expect(byte.reason).toContain('is not the receipt');
    // the changed document's hash was never anchored: the platform says so too
    expect(await h.verification.verifyHash(sha256Of(changed))).toMatchObject({
      anchored: false,
      status: 'NOT_FOUND',
      code: VerificationFailure.NOT_SUBMITTED,
    });

    const wrongRoot = await verifyReceipt({ ...receipt, root: randomSha256() }, reader);
    expect(wrongRoot).toMatchObject({ ok: false, code: VerificationFailure.PROOF_INVALID });
    expect(wrongRoot.reason).toMatch(/not to the receipt's root/);

    const wrongChain = await verifyReceipt({ ...receipt, chainId: 1 }, reader);
    expect(wrongChain).toMatchObject({ ok: false, code: VerificationFailure.CHAIN_MISMATCH });
    expect(wrongChain.reason).toBe('The receipt is for chain 1, but the node answers for chain 31337: ask a node of chain 1');

    // a self-consistent receipt of a tree that was never anchored
    const values = [sha256, randomSha256(), randomSha256()];
    const { tree, order } = buildMerkleTree(Buffer.concat(values.map((v) => Buffer.from(v.slice(2), 'hex'))));
    const p = order.indexOf(0);
    const forged: AnchorReceipt = { ...receipt, root: tree.root, proof: tree.proof(p), leafIndex: p, leafCount: 3 };
    const notOnChain = await verifyReceipt(forged, reader);
    expect(notOnChain).toMatchObject({ ok: false, code: VerificationFailure.ROOT_NOT_ANCHORED });
    expect(notOnChain.reason).toBe(`Root ${tree.root} is not anchored in DocumentAnchor ${h.anchorAddress} on chain 31337`);

    const otherBlock = await verifyReceipt({ ...receipt, blockNumber: receipt.blockNumber + 1 }, reader);
    expect(otherBlock).toMatchObject({ ok: false, code: VerificationFailure.BLOCK_MISMATCH });
    const otherTx = await verifyReceipt({ ...receipt, txHash: randomSha256() }, reader);
    expect(otherTx).toMatchObject({ ok: false, code: VerificationFailure.TX_MISMATCH });
    expect(otherTx.reason).toContain('the node does not know it');
  });

  it('seals by size: full batches at once, the rest waits for the window', async () => {
    await submit(25);
    const sealer = h.sealer({ batchMax: 10, batchWindowMs: 3_600_000 });
    const sealed = await sealer.sealDue();
    expect(sealed.map((b) => b.leafCount)).toEqual([10, 10]);
    expect(await pendingCount()).toBe(5);
    expect(await sealer.sealOnce()).toBeNull();
    await sealAndAnchor();
  });

  it('seals by time: a partial batch once its oldest leaf has waited the window', async () => {
    await submit(3);
    const sealer = h.sealer({ batchMax: 10, batchWindowMs: 400 });
    expect(await sealer.sealOnce()).toBeNull();
    await sleep(450);
    const batch = await sealer.sealOnce();
    expect(batch!.leafCount).toBe(3);
    expect(await pendingCount()).toBe(0);
    // the running loop does the same on its own
    await submit(2);
    const running = h.sealer({ batchMax: 10, batchWindowMs: 200, pollMs: 20 });
    running.start();
    try {
      const deadline = Date.now() + 5_000;
      while ((await pendingCount()) > 0 && Date.now() < deadline) await sleep(25);
    } finally {
      await running.stop();
    }
    expect(await pendingCount()).toBe(0);
    await h.drainAnchoring();
  });

  it('has two concurrent sealers seal each of 1,000 leaves exactly once', async () => {
    const hashes = await submit(1_000);
    const ds2 = await h.extraDataSource();
    const a = h.sealer({ batchMax: 100 });
    const b = h.sealer({ batchMax: 100 }, {}, ds2);
    const [fromA, fromB] = await Promise.all([a.sealDue(), b.sealDue()]);
    const all = [...fromA, ...fromB];
    expect(all.reduce((n, x) => n + x.leafCount, 0)).toBe(1_000);
    expect(all.every((x) => x.leafCount === 100)).toBe(true);
    const rows: { batch_id: string; n: number }[] = await h.ds.query(
      `SELECT batch_id, count(*)::int AS n FROM anchor_leaves WHERE sha256 = ANY (SELECT decode(x, 'hex') FROM unnest($1::text[]) x) GROUP BY batch_id`,
      [hashes.map((x) => x.slice(2))],
    );
    expect(rows.map((r) => r.batch_id).sort()).toEqual(all.map((x) => x.id).sort());
    const jobs = await h.ds.getRepository(ChainJobEntity).findBy(all.map((x) => ({ id: x.chainJobId })));
    expect(jobs).toHaveLength(10);
    await h.drainAnchoring();
  });

  it('leaves the leaves pending when the sealer dies before its commit', async () => {
    const hashes = await submit(5);
    const jobsBefore = await h.ds.getRepository(ChainJobEntity).countBy({ kind: ANCHOR_BATCH_JOB });
    const dying = h.sealer({}, { beforeCommit: () => Promise.reject(new SimulatedCrash('killed before commit')) });
    await expect(dying.sealOnce({ force: true })).rejects.toThrow(SimulatedCrash);
    expect(await pendingCount()).toBe(5);
    expect(await h.ds.getRepository(ChainJobEntity).countBy({ kind: ANCHOR_BATCH_JOB })).toBe(jobsBefore);
    expect(Number((await h.ds.query(`SELECT count(*) AS n FROM anchor_batches WHERE status = 'SEALED'`))[0].n)).toBe(0);
    const [batch] = await sealAndAnchor();
    expect(batch!.leafCount).toBe(5);
    expect((await h.anchoring.receiptsOf(hashes)).size).toBe(5);
  });

  it.each([
    ['after signing, before the broadcast', 'afterPersist'],
    ['after the broadcast, before the confirmation', 'afterBroadcast'],
  ] as const)('neither loses leaves nor anchors twice when the worker dies %s', async (_when, hook) => {
    const hashes = await submit(40);
    const [batch] = await h.sealer().sealDue({ force: true });
    const before = await h.chain.provider.getTransactionCount(h.chain.context.addresses[ChainRole.ANCHORER], 'latest');
    const dying = h.worker({ leaseMs: 1_000 }, { [hook]: () => Promise.reject(new SimulatedCrash(`killed ${hook}`)) });
    await expect(dying.tick()).rejects.toThrow(SimulatedCrash);
    // the batch is sealed, its leaves stay in it, nothing is confirmed yet
    expect((await h.anchoring.getBatch(batch!.id)).status).toBe(AnchorBatchStatus.SEALED);
    expect([...(await h.anchoring.statusOf(hashes)).values()].every((s) => s.state === LeafState.SEALED)).toBe(true);
    // another sealer finds nothing to take
    expect(await h.sealer().sealOnce({ force: true })).toBeNull();
    await sleep(1_100); // the dead worker's lease runs out
    const [job] = await h.worker().drain([batch!.chainJobId]);
    expect(job!.status).toBe(ChainJobStatus.CONFIRMED);
    expect(await h.ds.getRepository(ChainTxAttemptEntity).countBy({ jobId: job!.id })).toBe(1);
    expect(await h.chain.provider.getTransactionCount(h.chain.context.addresses[ChainRole.ANCHORER], 'latest')).toBe(before + 1);
    expect(await rootAnchoredEvents(batch!.chainBatchId)).toBe(1);
    const anchored = await h.anchoring.getBatch(batch!.id);
    expect(anchored).toMatchObject({ status: AnchorBatchStatus.ANCHORED, txHash: job!.txHash, blockNumber: Number(job!.blockNumber) });
    expect((await h.anchoring.receiptsOf(hashes)).size).toBe(40);
  });

  it('returns the leaves of a batch whose anchoring failed to the pool, and anchors them in a later batch', async () => {
    const hashes = await submit(4);
    const ANCHORER_ROLE = keccakId('ANCHORER_ROLE');
    const admin = anchor().connect(h.chain.context.signers[ChainRole.ADMIN]);
    await (await admin.revokeRole(ANCHORER_ROLE, h.chain.context.addresses[ChainRole.ANCHORER])).wait();
    try {
      const [batch] = await h.sealer().sealDue({ force: true });
      const [job] = await h.worker().drain([batch!.chainJobId]);
      expect(job!.status).toBe(ChainJobStatus.FAILED);
      expect(job!.revertReason).toContain('AccessControlUnauthorizedAccount');
      const failed = await h.anchoring.getBatch(batch!.id);
      expect(failed.status).toBe(AnchorBatchStatus.FAILED);
      expect(failed.failureReason).toContain('AccessControlUnauthorizedAccount');
      expect([...(await h.anchoring.statusOf(hashes)).values()].every((s) => s.state === LeafState.PENDING)).toBe(true);
    } finally {
      await (await admin.grantRole(ANCHORER_ROLE, h.chain.context.addresses[ChainRole.ANCHORER])).wait();
    }
    const [again] = await sealAndAnchor();
    expect(again!.leafCount).toBe(4);
    expect((await h.anchoring.receiptsOf(hashes)).size).toBe(4);
  });

  it('answers the bulk submission per item and anchors a hash once whoever submits it again', async () => {
    const [a, b] = [randomSha256(), randomSha256()];
    const results = await h.anchoring.submitHashes([a, 'not-a-hash', b.slice(2).toUpperCase(), a, 42]);
    expect(results.map((r) => [r.index, r.ok, r.created ?? null, r.error?.code ?? null])).toEqual([
      [0, true, true, null],
      [1, false, null, 'HASH_MALFORMED'],
      [2, true, true, null],
      [3, true, true, null],
      [4, false, null, 'HASH_MALFORMED'],
    ]);
    expect(results[2]!.sha256).toBe(b);
    await sealAndAnchor();
    const again = await h.anchoring.submitHashes([a]);
    expect(again[0]).toMatchObject({ ok: true, created: false, state: LeafState.ANCHORED });
    await expect(h.anchoring.submitHashes(new Array(100_001).fill(a))).rejects.toMatchObject({ code: 'TOO_MANY_HASHES' });
  });

  it('anchors an artifact only if the caller commits (the audit log head hook)', async () => {
    const head = randomSha256();
    await expect(
      h.ds.transaction(async (m) => {
        await h.anchoring.anchorArtifact(m, { kind: 'AUDIT_HEAD', sha256: head, reference: 'audit:41' });
        throw new Error('the audit append failed');
      }),
    ).rejects.toThrow('the audit append failed');
    expect((await h.anchoring.statusOf([head])).size).toBe(0);
    const created = await h.ds.transaction((m) =>
      h.anchoring.anchorArtifact(m, { kind: 'AUDIT_HEAD', sha256: head, reference: 'audit:42' }),
    );
    expect(created.created).toBe(true);
    expect(await h.anchoring.hasReference('audit:42')).toBe(true);
    expect(await h.anchoring.hasReference('audit:41')).toBe(false); // rolled back with its transaction
    await expect(h.ds.transaction((m) => h.anchoring.anchorArtifact(m, { kind: 'audit head', sha256: head }))).rejects.toMatchObject({
      code: 'ARTIFACT_KIND_INVALID',
    });
    await sealAndAnchor();
    const [result] = await h.verification.verifyHashes([head]);
    expect(result).toMatchObject({ anchored: true, status: 'ANCHORED' });
    expect((await h.anchoring.statusOf([head])).get(head)).toMatchObject({ kind: 'AUDIT_HEAD', state: LeafState.ANCHORED });
  });
});
