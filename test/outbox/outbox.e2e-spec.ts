import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hexlify, randomBytes } from 'ethers';
import { In, type DataSource } from 'typeorm';
import {
  ANCHOR_ROOT_JOB,
  AnchorRootJobHandler,
  ChainJobEntity,
  ChainJobHandlerRegistry,
  ChainJobsService,
  ChainJobStatus,
  ChainTxAttemptEntity,
  ContractRegistry,
  OutboxWorker,
  type ChainContext,
  type OutboxWorkerHooks,
  type OutboxWorkerOptions,
  ChainRole,
} from '#chain';
import { connectDocumentAnchor, DocumentAnchorInterface } from '#contracts';
import { createTestDatabase, migratedDataSource, type TestDatabase } from '../support/database.js';
import { startTestChain, type TestChain } from '../support/chain.js';

const bytes32 = () => hexlify(randomBytes(32));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class SimulatedCrash extends Error {}

describe('chain outbox (real PostgreSQL, real anvil, real DocumentAnchor)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let chain: TestChain;
  let registry: ChainJobHandlerRegistry;
  let contracts: ContractRegistry;
  let jobs: ChainJobsService;
  const extraDataSources: DataSource[] = [];

  const options: OutboxWorkerOptions = { pollMs: 20, batchSize: 50, leaseMs: 60_000, stuckAfterMs: 60_000, maxAttempts: 5 };

  const worker = (over: Partial<OutboxWorkerOptions> = {}, hooks: OutboxWorkerHooks = {}, dataSource = ds, context: ChainContext = chain.context) =>
    new OutboxWorker(dataSource, context, registry, { ...options, ...over }, undefined, hooks);

  const enqueue = (batchId = bytes32(), root = bytes32(), key = `anchor:${batchId}`) =>
    ds.transaction((m) => jobs.enqueue(m, { kind: ANCHOR_ROOT_JOB, idempotencyKey: key, payload: { batchId, root } }));

  /** The nonce count of the anchorer's key, which signs anchor jobs. */
  const operatorNonce = () => chain.provider.getTransactionCount(chain.context.addresses[ChainRole.ANCHORER], 'latest');
  const attemptsOf = (jobId: string) => ds.getRepository(ChainTxAttemptEntity).findBy({ jobId });
  const reload = (id: string) => ds.getRepository(ChainJobEntity).findOneByOrFail({ id });
  const anchor = () => connectDocumentAnchor(contracts.address('DocumentAnchor'), chain.provider);

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, 10);
    chain = await startTestChain();
    registry = new ChainJobHandlerRegistry();
    contracts = new ContractRegistry(ds, chain.context, { autoDeploy: true });
    await contracts.initialise({ autoDeploy: true });
    new AnchorRootJobHandler(registry, contracts).onModuleInit();
    jobs = new ChainJobsService(ds, registry, chain.context);
  });

  afterAll(async () => {
    for (const d of extraDataSources) await d.destroy();
    await ds?.destroy();
    await chain?.stop();
    await db?.drop();
  });

  it('commits a job with its business transaction, or not at all', async () => {
    const batchId = bytes32();
    await expect(
      ds.transaction(async (m) => {
        await jobs.enqueue(m, { kind: ANCHOR_ROOT_JOB, idempotencyKey: `anchor:${batchId}`, payload: { batchId, root: bytes32() } });
        throw new Error('business rule failed after the enqueue');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await ds.getRepository(ChainJobEntity).countBy({ idempotencyKey: `anchor:${batchId}` })).toBe(0);
  });

  it('returns the first job for a repeated key and refuses the key for another payload', async () => {
    const batchId = bytes32();
    const root = bytes32();
    const first = await enqueue(batchId, root);
    const again = await enqueue(batchId, root);
    expect(again.id).toBe(first.id);
    await expect(enqueue(batchId, bytes32())).rejects.toMatchObject({ code: 'CHAIN_JOB_KEY_CONFLICT' });
    await worker().drain([first.id]);
  });

  it('confirms a job on chain exactly once', async () => {
    const before = await operatorNonce();
    const batchId = bytes32();
    const root = bytes32();
    const job = await enqueue(batchId, root);
    const w = worker();
    const [done] = await w.drain([job.id]);
    expect(done).toMatchObject({ status: ChainJobStatus.CONFIRMED, revertReason: null });
    expect(done!.blockNumber).not.toBeNull();
    expect(done!.gasUsed! > 0n).toBe(true);
    const onChain = await anchor().batchOf(batchId);
    expect(onChain.root).toBe(root);
    // more ticks change nothing
    await w.tick();
    await w.tick();
    expect(await operatorNonce()).toBe(before + 1);
    expect(await attemptsOf(job.id)).toHaveLength(1);
    const receipt = await chain.provider.getTransactionReceipt(done!.txHash!);
    expect(receipt!.logs.map((l) => DocumentAnchorInterface.parseLog(l)?.name)).toContain('RootAnchored');
  });

  it('waits for the configured confirmations', async () => {
    const job = await enqueue();
    const w = worker({}, {}, ds, { ...chain.context, confirmations: 3 });
    await w.tick(); // submit (automine: mined at once, 1 confirmation)
    await w.tick();
    expect((await reload(job.id)).status).toBe(ChainJobStatus.SUBMITTED);
    await chain.provider.send('evm_mine', []);
    await chain.provider.send('evm_mine', []);
    const [done] = await w.drain([job.id], 5_000);
    expect(done!.status).toBe(ChainJobStatus.CONFIRMED);
  });

  it('has two racing workers submit each of 200 jobs exactly once', async () => {
    const before = await operatorNonce();
    const created: ChainJobEntity[] = [];
    for (let i = 0; i < 200; i++) created.push(await enqueue());
    const ds2 = await migratedDataSource(db.url, 10);
    extraDataSources.push(ds2);
    const a = worker({ batchSize: 20 });
    const b = worker({ batchSize: 20 }, {}, ds2);
    a.start();
    b.start();
    const ids = created.map((j) => j.id);
    // inside jest's 60 s: on a stall the assertions below say how many jobs finished (the race takes ~4 s)
    const deadline = Date.now() + 45_000;
    let finished: ChainJobEntity[] = [];
    try {
      while (Date.now() < deadline) {
        finished = await ds.getRepository(ChainJobEntity).find({ where: ids.map((id) => ({ id })) });
        if (finished.every((j) => j.status === ChainJobStatus.CONFIRMED || j.status === ChainJobStatus.FAILED)) break;
        await sleep(100);
      }
    } finally {
      // stopped whatever happens: two workers left running would take the next tests' jobs
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(finished.filter((j) => j.status === ChainJobStatus.CONFIRMED)).toHaveLength(200);
    expect(await operatorNonce()).toBe(before + 200);
    const attempts = await ds.query(`SELECT job_id, count(*)::int AS n FROM chain_tx_attempts WHERE job_id = ANY($1) GROUP BY job_id`, [ids]);
    expect(attempts).toHaveLength(200);
    expect(attempts.every((r: { n: number }) => r.n === 1)).toBe(true);
    expect(new Set(finished.map((j) => j.nonce!.toString())).size).toBe(200);
    const logs = await chain.provider.getLogs({
      address: contracts.address('DocumentAnchor'),
      topics: [DocumentAnchorInterface.getEvent('RootAnchored')!.topicHash],
      fromBlock: 0,
    });
    const batchIds = new Set(logs.map((l) => DocumentAnchorInterface.parseLog(l)!.args[0] as string));
    for (const j of finished) expect(batchIds.has(j.payload.batchId as string)).toBe(true);
  });

  it('resumes a job whose worker died after signing, before the broadcast, without a second transaction', async () => {
    const before = await operatorNonce();
    const job = await enqueue();
    const dying = worker({ leaseMs: 1_000 }, { afterPersist: () => Promise.reject(new SimulatedCrash('killed after persist')) });
    await expect(dying.tick()).rejects.toThrow(SimulatedCrash);
    const stuck = await reload(job.id);
    expect(stuck.status).toBe(ChainJobStatus.SUBMITTED);
    expect(await chain.provider.getTransaction(stuck.txHash!)).toBeNull(); // never reached the node

    const heir = worker();
    expect(await heir.tick()).toBe(0); // the dead worker's lease still holds
    await sleep(1_100);
    const [done] = await heir.drain([job.id]);
    expect(done!.status).toBe(ChainJobStatus.CONFIRMED);
    expect(done!.txHash).toBe(stuck.txHash); // the very same signed bytes
    expect(await attemptsOf(job.id)).toHaveLength(1);
    expect(await operatorNonce()).toBe(before + 1);
  });

  it('resumes a job whose worker died between broadcast and confirmation without a second submission', async () => {
    const before = await operatorNonce();
    const job = await enqueue();
    const dying = worker({ leaseMs: 1_000 }, { afterBroadcast: () => Promise.reject(new SimulatedCrash('killed after broadcast')) });
    await expect(dying.tick()).rejects.toThrow(SimulatedCrash);
    await sleep(1_100);
    const [done] = await worker().drain([job.id]);
    expect(done!.status).toBe(ChainJobStatus.CONFIRMED);
    expect(await attemptsOf(job.id)).toHaveLength(1);
    expect(await operatorNonce()).toBe(before + 1);
  });

  it('signs anew only when its nonce was provably taken by another transaction', async () => {
    const job = await enqueue();
    const dying = worker({ leaseMs: 1_000 }, { afterPersist: () => Promise.reject(new SimulatedCrash('killed after persist')) });
    await expect(dying.tick()).rejects.toThrow(SimulatedCrash);
    const stuck = await reload(job.id);
    // someone else spends the reserved nonce with the same key (an operator's manual transaction)
    const anchorer = chain.context.signers[ChainRole.ANCHORER];
    const tx = await anchorer.sendTransaction({ to: chain.context.addresses[ChainRole.ANCHORER], value: 0n, nonce: Number(stuck.nonce) });
    await tx.wait();
    await sleep(1_100);
    const [done] = await worker().drain([job.id]);
    expect(done!.status).toBe(ChainJobStatus.CONFIRMED);
    expect(done!.nonce).not.toBe(stuck.nonce);
    expect(await attemptsOf(job.id)).toHaveLength(2);
    expect((await anchor().batchOf(job.payload.batchId as string)).root).toBe(job.payload.root);
  });

  /** The test chain's provider with some of its methods replaced (a node or network misbehaving). */
  const misbehaving = (over: Record<string, (...args: never[]) => unknown>): ChainContext => {
    const provider = new Proxy(chain.provider, {
      get(target, prop) {
        if (typeof prop === 'string' && prop in over) return over[prop];
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    return { ...chain.context, provider };
  };

  it('gives the jobs of a failed tick back at once instead of holding them for the whole lease', async () => {
    const job = await enqueue();
    let failures = 1;
    const flaky = misbehaving({
      getFeeData: () => (failures-- > 0 ? Promise.reject(new Error('socket hang up')) : chain.provider.getFeeData()),
    });
    const w = worker({ leaseMs: 60_000 }, {}, ds, flaky);
    await expect(w.tick()).rejects.toThrow('socket hang up');
    const after = await reload(job.id);
    expect({ status: after.status, lockedBy: after.lockedBy }).toEqual({ status: ChainJobStatus.PENDING, lockedBy: null });
    // the same live worker takes it up again after a short pause, not after the 60 s lease
    await sleep(300);
    const [done] = await w.drain([job.id], 10_000);
    expect(done!.status).toBe(ChainJobStatus.CONFIRMED);
    expect(await attemptsOf(job.id)).toHaveLength(1);
  });

  it('does not sign a job anew when its own transaction was mined while the node answered "unknown"', async () => {
    const before = await operatorNonce();
    const job = await enqueue();
    expect(await worker().tick()).toBe(1); // signed and sent: automine puts it in a block at once
    const sent = await reload(job.id);
    expect(sent.status).toBe(ChainJobStatus.SUBMITTED);
    // the node's view while it mines: the receipt is not there yet, and the transaction is neither
    // in the pool nor in a block; by the time the nonce is counted, the block is in
    let receiptLookups = 0;
    const racing = misbehaving({
      getTransaction: () => Promise.resolve(null),
      getTransactionReceipt: (hash: never) => (receiptLookups++ === 0 ? Promise.resolve(null) : chain.provider.getTransactionReceipt(hash)),
    });
    const [done] = await worker({}, {}, ds, racing).drain([job.id], 10_000);
    expect(done!.status).toBe(ChainJobStatus.CONFIRMED);
    expect(done!.txHash).toBe(sent.txHash);
    expect(await attemptsOf(job.id)).toHaveLength(1);
    expect(await operatorNonce()).toBe(before + 1);
  });

  it('records a call that would revert as FAILED with its reason, without spending a nonce', async () => {
    const batchId = bytes32();
    await worker().drain([(await enqueue(batchId)).id]);
    const before = await operatorNonce();
    const dup = await enqueue(batchId, bytes32(), `anchor:again:${batchId}`);
    const [failed] = await worker().drain([dup.id]);
    expect(failed!.status).toBe(ChainJobStatus.FAILED);
    expect(failed!.revertReason).toBe(`DocumentAnchor__BatchAlreadyAnchored(${batchId})`);
    expect(failed!.txHash).toBeNull();
    expect(await attemptsOf(dup.id)).toHaveLength(0);
    expect(await operatorNonce()).toBe(before);
  });

  it('records a transaction that reverted on chain as FAILED with its reason', async () => {
    // both pass the simulation (neither is mined yet); the second one reverts in its block
    const root = bytes32();
    const first = await enqueue(bytes32(), root);
    const second = await enqueue(bytes32(), root);
    const done = await worker().drain([first.id, second.id]);
    const byId = new Map(done.map((j) => [j.id, j]));
    expect(byId.get(first.id)!.status).toBe(ChainJobStatus.CONFIRMED);
    const failed = byId.get(second.id)!;
    expect(failed.status).toBe(ChainJobStatus.FAILED);
    expect(failed.revertReason).toBe(`DocumentAnchor__RootAlreadyAnchored(${root})`);
    const receipt = await chain.provider.getTransactionReceipt(failed.txHash!);
    expect(receipt!.status).toBe(0);
    expect(failed.blockNumber).toBe(BigInt(receipt!.blockNumber));
  });

  it('sends a call whose handler gives its gas limit without simulating it; a revert on chain still fails the job with its reason', async () => {
    // the same anchor call, with the handler's own gas limit: no estimateGas before signing
    const GIVEN_LIMIT = 150_000n;
    const kind = 'test.anchor-with-gas-limit';
    if (!registry.has(kind)) {
      const inner = registry.get(ANCHOR_ROOT_JOB);
      registry.register({ kind, buildCall: async (job) => ({ ...(await inner.buildCall(job)), gasLimit: GIVEN_LIMIT }) });
    }
    const batchId = bytes32();
    const enqueueGiven = (root: string, key: string) => ds.transaction((m) => jobs.enqueue(m, { kind, idempotencyKey: key, payload: { batchId, root } }));
    const good = await enqueueGiven(bytes32(), `given:${batchId}`);
    const [done] = await worker().drain([good.id]);
    expect(done!.status).toBe(ChainJobStatus.CONFIRMED);
    expect((await attemptsOf(good.id)).map((a) => a.gasLimit)).toEqual([GIVEN_LIMIT]);
    expect((await chain.provider.getTransaction(done!.txHash!))!.gasLimit).toBe(GIVEN_LIMIT);

    // the same batch id again: a simulation would have failed it before signing; here it is mined and reverts
    const before = await operatorNonce();
    const dup = await enqueueGiven(bytes32(), `given:again:${batchId}`);
    const [failed] = await worker().drain([dup.id]);
    expect(failed!.status).toBe(ChainJobStatus.FAILED);
    expect(failed!.revertReason).toBe(`DocumentAnchor__BatchAlreadyAnchored(${batchId})`);
    expect(await operatorNonce()).toBe(before + 1);
    const receipt = await chain.provider.getTransactionReceipt(failed!.txHash!);
    expect(receipt!.status).toBe(0);
    expect(failed!.blockNumber).toBe(BigInt(receipt!.blockNumber));
    expect((await attemptsOf(dup.id)).map((a) => a.gasLimit)).toEqual([GIVEN_LIMIT]);
  });

  it('replaces a stuck transaction (same nonce, higher fee) and confirms exactly one of them', async () => {
    await chain.provider.send('evm_setAutomine', [false]);
    try {
      const before = await operatorNonce();
      const job = await enqueue();
      const w = worker({ stuckAfterMs: 300 });
      await w.tick(); // signed and broadcast; sits in the mempool
      await sleep(400);
      await w.tick(); // still unmined after stuckAfterMs: replaced
      const attempts = await attemptsOf(job.id);
      expect(attempts).toHaveLength(2);
      expect(attempts[0]!.nonce).toBe(attempts[1]!.nonce);
      const [older, newer] = attempts.sort((x, y) => (x.maxFeePerGas < y.maxFeePerGas ? -1 : 1));
      expect(newer!.maxFeePerGas > older!.maxFeePerGas).toBe(true);
      await chain.provider.send('evm_mine', []);
      const [done] = await w.drain([job.id]);
      expect(done!.status).toBe(ChainJobStatus.CONFIRMED);
      expect(done!.txHash).toBe(newer!.txHash);
      expect(await chain.provider.getTransactionReceipt(older!.txHash)).toBeNull();
      expect(await operatorNonce()).toBe(before + 1);
    } finally {
      await chain.provider.send('evm_setAutomine', [true]);
    }
  });

  it('finishes the jobs of one block together; a handler that throws holds back only its own job', async () => {
    const kind = 'test.confirm-effect';
    const anchorCalls = new AnchorRootJobHandler(new ChainJobHandlerRegistry(), contracts);
    let failuresLeft = 2; // in the batch, then alone
    await ds.query(`CREATE TABLE test_confirm_effects (job_id uuid PRIMARY KEY)`);
    registry.register({
      kind,
      buildCall: (job) => anchorCalls.buildCall(job),
      onConfirmed: async (job, _receipt, m) => {
        if (job.payload.flaky && failuresLeft-- > 0) throw new Error('handler failed');
        await m.query(`INSERT INTO test_confirm_effects (job_id) VALUES ($1)`, [job.id]); // twice would violate the key
      },
    });
    const enqueueAll = (flags: boolean[]) =>
      ds.transaction(async (m) => {
        const out: string[] = [];
        for (const flaky of flags) {
          const batchId = bytes32();
          out.push((await jobs.enqueue(m, { kind, idempotencyKey: `effect:${batchId}`, payload: { batchId, root: bytes32(), flaky } })).id);
        }
        return out;
      });
    const load = async (ids: string[]) => new Map((await ds.getRepository(ChainJobEntity).findBy({ id: In(ids) })).map((j) => [j.id, j]));
    await chain.provider.send('evm_setAutomine', [false]);
    try {
      const w = worker();
      // three jobs mined in one block are finished in one database transaction (one now())
      const together = await enqueueAll([false, false, false]);
      expect(await w.tick()).toBe(3);
      await chain.provider.send('evm_mine', []);
      await sleep(50);
      await w.tick();
      const finished = [...(await load(together)).values()];
      expect(finished.map((j) => j.status)).toEqual([ChainJobStatus.CONFIRMED, ChainJobStatus.CONFIRMED, ChainJobStatus.CONFIRMED]);
      expect(new Set(finished.map((j) => j.finishedAt!.getTime())).size).toBe(1);

      // a handler that throws rolls that transaction back: the others are finished one by one
      const ids = await enqueueAll([false, true, false]);
      const [steady1, flaky, steady2] = ids;
      expect(await w.tick()).toBe(3);
      await chain.provider.send('evm_mine', []);
      await sleep(50);
      await w.tick();
      const after = await load(ids);
      expect(after.get(steady1!)!.status).toBe(ChainJobStatus.CONFIRMED);
      expect(after.get(steady2!)!.status).toBe(ChainJobStatus.CONFIRMED);
      expect(after.get(steady1!)!.blockNumber).toBe(after.get(steady2!)!.blockNumber);
      expect(after.get(flaky!)!.status).toBe(ChainJobStatus.SUBMITTED);
      const done = await w.drain(ids, 5_000);
      expect(done.every((j) => j.status === ChainJobStatus.CONFIRMED)).toBe(true);
      const effects: { job_id: string }[] = await ds.query(`SELECT job_id FROM test_confirm_effects`);
      expect(effects.map((e) => e.job_id).sort()).toEqual([...together, ...ids].sort());
      for (const id of ids) expect(await attemptsOf(id)).toHaveLength(1);
    } finally {
      await chain.provider.send('evm_setAutomine', [true]);
    }
  });

  it('keeps signed attempts append-only in the database', async () => {
    const [row] = await ds.getRepository(ChainTxAttemptEntity).find({ take: 1 });
    await expect(ds.query(`UPDATE chain_tx_attempts SET raw_tx = '0x' WHERE id = $1`, [row!.id])).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM chain_tx_attempts WHERE id = $1`, [row!.id])).rejects.toThrow(/append-only/);
  });
});
