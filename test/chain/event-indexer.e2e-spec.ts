import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hexlify, randomBytes, type Log } from 'ethers';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ANCHOR_ROOT_JOB,
  AnchorRootJobHandler,
  ChainEventIndexer,
  ChainJobHandlerRegistry,
  ChainJobsService,
  ContractRegistry,
  OutboxWorker,
  type ChainContext,
  type ChainEventSubscriber,
  type ChainIndexerOptions,
  type ChainIndexTick,
  type ChainReorg,
  type IndexedContractSpec,
  ChainRole,
} from '#chain';
import { connectDocumentAnchor, DocumentAnchorInterface } from '#contracts';
import { createTestDatabase, migratedDataSource, type TestDatabase } from '../support/database.js';
import { startTestChain, type TestChain } from '../support/chain.js';

/**
 * libs/chain's event indexer on its own: a subscriber of the DocumentAnchor's RootAnchored events
 * (no bills anywhere), real PostgreSQL with the real migrations, real anvil.
 */
const batchIdOf = (uuid: string) => '0x' + '00'.repeat(16) + uuid.replace(/-/g, '');
const uuidOf = (batchId: string) => {
  const h = batchId.slice(-32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

class AnchorSubscriber implements ChainEventSubscriber {
  readonly name = 'test.anchors';
  readonly reorgs: { reorg: ChainReorg; eventsAboveAncestorInTx: number }[] = [];

  contracts(): IndexedContractSpec[] {
    return [
      {
        name: 'DocumentAnchor',
        decode: (log: Pick<Log, 'topics' | 'data'>) => {
          const d = DocumentAnchorInterface.parseLog(log);
          if (!d) return null;
          return {
            eventName: d.name,
            args: { batchId: d.args.batchId, root: d.args.root },
            subjectIds: d.name === 'RootAnchored' ? [uuidOf(d.args.batchId)] : [],
          };
        },
      },
    ];
  }

  /** Runs inside the rewind's transaction: the abandoned fork's events are already gone there. */
  async onReorg(m: EntityManager, reorg: ChainReorg) {
    const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM chain_events WHERE block_number > $1`, [reorg.ancestor]);
    this.reorgs.push({ reorg, eventsAboveAncestorInTx: n });
    return { seen: true };
  }

  async afterTick(t: ChainIndexTick) {
    return { events: t.events };
  }
}

describe('chain event indexer (libs/chain; real PostgreSQL, real anvil, DocumentAnchor events)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let chain: TestChain;
  let contracts: ContractRegistry;
  let jobs: ChainJobsService;
  let registry: ChainJobHandlerRegistry;

  const options: ChainIndexerOptions = { enabled: false, pollMs: 1_000, keepBlocks: 16 };
  /** A fresh indexer object on the same database: what a restarted process has. */
  const indexer = (confirmations = 1) => {
    const context: ChainContext = { ...chain.context, confirmations };
    const i = new ChainEventIndexer(ds, context, contracts, jobs, options);
    const sub = new AnchorSubscriber();
    i.register(sub);
    return { i, sub };
  };
  const rpc = (method: string, params: unknown[] = []) => chain.provider.send(method, params);
  const head = () => chain.provider.getBlockNumber();
  /** Anchors a root for a new batch; the batch's uuid and the block the transaction was mined in. */
  const anchor = async () => {
    const uuid = randomUUID();
    const tx = await connectDocumentAnchor(contracts.address('DocumentAnchor'), chain.context.signers[ChainRole.ANCHORER]).anchor(
      batchIdOf(uuid),
      hexlify(randomBytes(32)),
    );
    const receipt = await tx.wait();
    return { uuid, block: receipt!.blockNumber, txHash: receipt!.hash };
  };
  const rowsOf = async (uuid: string) =>
    (await ds.query(`SELECT block_number, block_hash, event_name FROM chain_events WHERE $1 = ANY(bill_ids)`, [uuid])) as {
      block_number: string;
      block_hash: string;
      event_name: string;
    }[];
  /** Every indexed row lies on the canonical chain. */
  const allOnCanonicalChain = async () => {
    const rows: { block_number: string; block_hash: string }[] = await ds.query(
      `SELECT DISTINCT block_number, block_hash FROM chain_events`,
    );
    for (const r of rows) expect((await chain.provider.getBlock(Number(r.block_number)))?.hash).toBe(r.block_hash);
    return rows.length;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, 6);
    chain = await startTestChain();
    registry = new ChainJobHandlerRegistry();
    contracts = new ContractRegistry(ds, chain.context, { autoDeploy: true });
    await contracts.initialise({ autoDeploy: true });
    new AnchorRootJobHandler(registry, contracts).onModuleInit();
    jobs = new ChainJobsService(ds, registry, chain.context);
  });

  afterAll(async () => {
    await ds?.destroy();
    await chain?.stop();
    await db?.drop();
  });

  it('reads only blocks with the configured confirmations (depth 3)', async () => {
    const { i } = indexer(3);
    const a = await anchor();
    expect(await head()).toBe(a.block);
    let t = await i.tick();
    expect(t.safeBlock).toBe(a.block - 2);
    expect(t.cursor.blockNumber).toBe(a.block - 2);
    expect(await rowsOf(a.uuid)).toEqual([]);

    await rpc('evm_mine');
    t = await i.tick();
    expect({ safe: t.safeBlock, cursor: t.cursor.blockNumber, rows: (await rowsOf(a.uuid)).length }).toEqual({
      safe: a.block - 1,
      cursor: a.block - 1,
      rows: 0,
    });

    await rpc('evm_mine');
    t = await i.tick();
    expect({ safe: t.safeBlock, cursor: t.cursor.blockNumber, events: t.events }).toEqual({ safe: a.block, cursor: a.block, events: 1 });
    expect(t.projections['test.anchors']).toEqual({ events: 1 });
    const rows = await rowsOf(a.uuid);
    expect(rows).toEqual([
      { block_number: String(a.block), block_hash: (await chain.provider.getBlock(a.block))!.hash, event_name: 'RootAnchored' },
    ]);
  });

  it('restarts from its cursor: a new indexer reads from the block after it, nothing twice', async () => {
    const first = indexer(1);
    const before = await first.i.tick();
    const cursor = before.cursor.blockNumber;
    expect(cursor).toBe(await head());
    const [b, c] = [await anchor(), await anchor()];

    const restarted = indexer(1);
    expect((await restarted.i.cursor()).blockNumber).toBe(cursor);
    const t = await restarted.i.tick();
    expect({ from: t.fromBlock, to: t.toBlock, events: t.events, cursor: t.cursor.blockNumber }).toEqual({
      from: cursor + 1,
      to: c.block,
      events: 2,
      cursor: c.block,
    });
    expect((await rowsOf(b.uuid)).length + (await rowsOf(c.uuid)).length).toBe(2);

    const again = await indexer(1).i.tick();
    expect({ from: again.fromBlock, events: again.events, reorg: again.reorg }).toEqual({ from: null, events: 0, reorg: null });
    // the three anchors, once each (the deployment's RoleGranted events are indexed too)
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM chain_events WHERE event_name = 'RootAnchored'`);
    expect(n).toBe(3);
    expect(await allOnCanonicalChain()).toBeGreaterThan(0);
  });

  it("detects a reorg by block hash (evm_snapshot / evm_revert), drops the abandoned events in the subscribers' transaction, and replays", async () => {
    const { i, sub } = indexer(1);
    await i.tick();
    const snapshotBlock = await head();
    const snapshot = await rpc('evm_snapshot');
    const x = await anchor();
    await i.tick();
    expect(await rowsOf(x.uuid)).toHaveLength(1);

    expect(await rpc('evm_revert', [snapshot])).toBe(true);
    const y = await anchor(); // the same height, another block
    await rpc('evm_mine');
    expect(y.block).toBe(x.block);

    const t = await i.tick();
    expect(t.reorg).toMatchObject({
      detectedAt: x.block,
      ancestor: snapshotBlock,
      deep: false,
      removedEvents: 1,
      touchedSubjects: [x.uuid],
      orphanedJobs: [],
    });
    expect(t.reorg!.projections['test.anchors']).toEqual({ seen: true });
    expect(sub.reorgs.map((r) => r.eventsAboveAncestorInTx)).toEqual([0]);
    // replayed in the same tick: the canonical block's event is in, the abandoned one is gone
    expect(t.cursor.blockNumber).toBe(await head());
    expect(await rowsOf(x.uuid)).toEqual([]);
    expect((await rowsOf(y.uuid)).map((r) => r.block_hash)).toEqual([(await chain.provider.getBlock(y.block))!.hash]);
    await allOnCanonicalChain();

    const after = await i.tick();
    expect(after.reorg).toBeNull();
  });

  it('has the outbox send a confirmed job again when a reorg abandons its block (same bytes, mined once in the new fork)', async () => {
    const { i } = indexer(1);
    await i.tick();
    const snapshotBlock = await head();
    const snapshot = await rpc('evm_snapshot');
    const uuid = randomUUID();
    const job = await ds.transaction((m) =>
      jobs.enqueue(m, {
        kind: ANCHOR_ROOT_JOB,
        idempotencyKey: `anchor:${uuid}`,
        payload: { batchId: batchIdOf(uuid), root: hexlify(randomBytes(32)) },
      }),
    );
    const [done] = await new OutboxWorker(ds, chain.context, registry, {
      pollMs: 20,
      batchSize: 10,
      leaseMs: 60_000,
      stuckAfterMs: 60_000,
      maxAttempts: 3,
    }).drain([job.id]);
    expect(done!.status).toBe('CONFIRMED');
    await i.tick();
    expect(await rowsOf(uuid)).toHaveLength(1);

    expect(await rpc('evm_revert', [snapshot])).toBe(true);
    await rpc('evm_mine');
    await rpc('evm_mine');
    expect(await chain.provider.getTransactionReceipt(done!.txHash!)).toBeNull();

    const t = await i.tick();
    expect(t.reorg).toMatchObject({ ancestor: snapshotBlock, touchedSubjects: [uuid] });
    expect(t.reorg!.orphanedJobs.map((o) => ({ id: o.job.id, txHash: o.job.txHash, rebroadcast: o.rebroadcast }))).toEqual([
      { id: job.id, txHash: done!.txHash, rebroadcast: 'sent' },
    ]);
    await rpc('evm_mine');
    const receipt = await chain.provider.getTransactionReceipt(done!.txHash!);
    expect(receipt?.status).toBe(1); // the same transaction (same hash, same nonce), in the new fork
    await i.tick();
    expect((await rowsOf(uuid)).map((r) => r.block_hash)).toEqual([receipt!.blockHash]);
    await allOnCanonicalChain();
  });

  it('survives anvil_reorg (blocks replaced under the cursor) and leaves only canonical events', async () => {
    const { i } = indexer(1);
    const z = await anchor();
    await rpc('evm_mine');
    await rpc('evm_mine');
    const t0 = await i.tick();
    expect(t0.cursor.blockNumber).toBe(z.block + 2);
    const oldHash = (await chain.provider.getBlock(z.block))!.hash;

    await rpc('anvil_reorg', [3, []]);
    expect((await chain.provider.getBlock(z.block))!.hash).not.toBe(oldHash);

    const t = await i.tick();
    expect(t.reorg).toMatchObject({ detectedAt: z.block + 2, ancestor: z.block - 1, removedEvents: 1, touchedSubjects: [z.uuid] });
    // whatever the new fork holds, the index holds exactly that
    const receipt = await chain.provider.getTransactionReceipt(z.txHash);
    expect((await rowsOf(z.uuid)).map((r) => r.block_hash)).toEqual(receipt ? [receipt.blockHash] : []);
    await allOnCanonicalChain();
  });
});
