import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  ChainJobEntity,
  ChainJobHandlerRegistry,
  ChainJobsService,
  ContractRegistry,
  OutboxWorker,
  type ChainContext,
  type OutboxWorkerHooks,
  type OutboxWorkerOptions,
} from '#chain';
import {
  AnchorBatchJobHandler,
  AnchoringService,
  AnchorSealer,
  AnchorSealerService,
  ANCHOR_BATCH_JOB,
  VerificationService,
  type AnchorSealerHooks,
  type AnchorSealerOptions,
} from '#anchoring';
import { createTestDatabase, migratedDataSource, type TestDatabase } from '../../support/database.js';
import { startTestChain, type TestChain } from '../../support/chain.js';

export const sha256Of = (data: Buffer | string) => '0x' + createHash('sha256').update(data).digest('hex');
export const randomSha256 = () => sha256Of(randomBytes(32));

/**
 * The anchoring lib wired by hand on a fresh database (real migrations) and a fresh anvil with
 * DocumentAnchor deployed, as test/outbox does for the outbox: services called directly, workers
 * and sealers constructed per test with their crash hooks.
 */
export interface AnchoringHarness {
  db: TestDatabase;
  ds: DataSource;
  chain: TestChain;
  contracts: ContractRegistry;
  registry: ChainJobHandlerRegistry;
  jobs: ChainJobsService;
  anchoring: AnchoringService;
  verification: VerificationService;
  anchorAddress: string;
  sealer(options?: Partial<AnchorSealerOptions>, hooks?: AnchorSealerHooks, dataSource?: DataSource): AnchorSealer;
  worker(options?: Partial<OutboxWorkerOptions>, hooks?: OutboxWorkerHooks, dataSource?: DataSource, context?: ChainContext): OutboxWorker;
  /** Runs the outbox until every anchoring job is final. */
  drainAnchoring(): Promise<ChainJobEntity[]>;
  extraDataSource(): Promise<DataSource>;
  close(): Promise<void>;
}

export const OUTBOX_OPTIONS: OutboxWorkerOptions = { pollMs: 20, batchSize: 50, leaseMs: 60_000, stuckAfterMs: 60_000, maxAttempts: 5 };

export async function startAnchoringHarness(): Promise<AnchoringHarness> {
  const db = await createTestDatabase();
  const ds = await migratedDataSource(db.url, 10);
  const chain = await startTestChain();
  const registry = new ChainJobHandlerRegistry();
  const contracts = new ContractRegistry(ds, chain.context, { autoDeploy: true });
  await contracts.initialise({ autoDeploy: true });
  new AnchorBatchJobHandler(registry, contracts, chain.context).onModuleInit();
  const jobs = new ChainJobsService(ds, registry, chain.context);
  const sealerService = new AnchorSealerService(ds, jobs, chain.context, { sealer: false, batchMax: 10_000, batchWindowMs: 60_000 });
  const anchoring = new AnchoringService(ds, sealerService, chain.context);
  const verification = new VerificationService(anchoring, chain.context);
  const extra: DataSource[] = [];
  const harness: AnchoringHarness = {
    db,
    ds,
    chain,
    contracts,
    registry,
    jobs,
    anchoring,
    verification,
    anchorAddress: contracts.address('DocumentAnchor'),
    sealer: (options = {}, hooks = {}, dataSource = ds) =>
      new AnchorSealer(
        dataSource,
        jobs,
        chain.context.chainId,
        { batchMax: 10_000, batchWindowMs: 60_000, pollMs: 20, ...options },
        undefined,
        hooks,
      ),
    worker: (options = {}, hooks = {}, dataSource = ds, context = chain.context) =>
      new OutboxWorker(dataSource, context, registry, { ...OUTBOX_OPTIONS, ...options }, undefined, hooks),
    async drainAnchoring() {
      const pending = await ds.query(`SELECT id FROM chain_jobs WHERE kind = $1 AND status IN ('PENDING', 'SUBMITTED')`, [
        ANCHOR_BATCH_JOB,
      ]);
      return harness.worker().drain(pending.map((r: { id: string }) => r.id));
    },
    async extraDataSource() {
      const d = await migratedDataSource(db.url, 10);
      extra.push(d);
      return d;
    },
    async close() {
      for (const d of extra) await d.destroy();
      await ds.destroy();
      await chain.stop();
      await db.drop();
    },
  };
  return harness;
}
