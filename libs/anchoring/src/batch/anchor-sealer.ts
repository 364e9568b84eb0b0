import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { ChainJobsService } from '#chain';
import { buildMerkleTree } from '../merkle/merkle-tree.js';
import { ANCHOR_BATCH_JOB, type AnchorBatchPayload } from './anchor-batch.job-handler.js';
import { chainBatchIdOf } from './batch-id.util.js';

export interface AnchorSealerOptions {
  /** Seal as soon as this many leaves are pending... */
  batchMax: number;
  /** ...or when the oldest pending leaf has waited this long. */
  batchWindowMs: number;
  /** Idle wait between two looks at the pending leaves. */
  pollMs: number;
}

export interface SealedBatch {
  id: string;
  chainBatchId: string;
  root: string;
  leafCount: number;
  chainJobId: string;
}

/** Test seam standing for a crash of the sealer after the tree is built, before the commit. */
export interface AnchorSealerHooks {
  beforeCommit?(batch: SealedBatch): Promise<void> | void;
}

export interface SealerLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const silent: SealerLogger = { info: () => undefined, error: () => undefined };

/**
 * Turns pending leaves into batches. One seal is one transaction: take up to `batchMax` pending
 * leaves oldest first with `FOR UPDATE SKIP LOCKED` (so concurrent sealers on several workers
 * never take the same leaf), and unless they are a full batch or the oldest has waited
 * `batchWindowMs`, put them back (roll back). Otherwise build the tree, store it, assign each
 * leaf its batch and sorted position, and enqueue the one outbox job that anchors the root (key
 * derived from the batch id). Everything commits together or not at all: a crash before the
 * commit leaves the leaves pending, a crash after it leaves a job the outbox finishes exactly once.
 */
export class AnchorSealer {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: ChainJobsService,
    private readonly chainId: number,
    private readonly options: AnchorSealerOptions,
    private readonly logger: SealerLogger = silent,
    private readonly hooks: AnchorSealerHooks = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Look again now (new leaves arrived in this process). */
  nudge(): void {
    this.wake?.();
  }

  /** Seals one batch if one is due (or, with `force`, whatever is pending); null when there was nothing to seal. */
  async sealOnce(options: { force?: boolean } = {}): Promise<SealedBatch | null> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; sha256: Buffer; due: boolean }[] = await manager.query(
        `SELECT id, sha256, created_at <= now() - make_interval(secs => $2::double precision / 1000) AS due
         FROM anchor_leaves WHERE batch_id IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchMax, this.options.batchWindowMs],
      );
      if (rows.length === 0) return null;
      if (rows.length < this.options.batchMax && !options.force && !rows.some((r) => r.due)) return null;
      return this.seal(manager, rows);
    });
  }

  /** Seals every due batch; returns them. */
  async sealDue(options: { force?: boolean } = {}): Promise<SealedBatch[]> {
    const out: SealedBatch[] = [];
    for (let b = await this.sealOnce(options); b; b = await this.sealOnce(options)) out.push(b);
    return out;
  }

  private async seal(manager: EntityManager, rows: { id: string; sha256: Buffer }[]): Promise<SealedBatch> {
    const { tree, order } = buildMerkleTree(Buffer.concat(rows.map((r) => r.sha256)));
    const id = randomUUID();
    const chainBatchId = chainBatchIdOf(id);
    const payload: AnchorBatchPayload = { batchUuid: id, batchId: chainBatchId, root: tree.root };
    const job = await this.jobs.enqueue(manager, { kind: ANCHOR_BATCH_JOB, idempotencyKey: `anchoring.batch:${id}`, payload });
    await manager.query(
      `INSERT INTO anchor_batches (id, chain_batch_id, root, leaf_count, status, chain_id, chain_job_id) VALUES ($1, $2, $3, $4, 'SEALED', $5, $6)`,
      [id, chainBatchId, tree.root, rows.length, this.chainId, job.id],
    );
    await manager.query(`INSERT INTO anchor_batch_trees (batch_id, nodes) VALUES ($1, $2)`, [id, tree.nodes]);
    const ids = new Array<string>(rows.length);
    const positions = new Array<number>(rows.length);
    for (let p = 0; p < rows.length; p++) {
      ids[p] = rows[order[p]!]!.id;
      positions[p] = p;
    }
    await manager.query(
      `UPDATE anchor_leaves AS l SET batch_id = $1, leaf_index = u.leaf_index
       FROM unnest($2::bigint[], $3::int[]) AS u(id, leaf_index) WHERE l.id = u.id`,
      [id, ids, positions],
    );
    const sealed: SealedBatch = { id, chainBatchId, root: tree.root, leafCount: rows.length, chainJobId: job.id };
    await this.hooks.beforeCommit?.(sealed);
    this.logger.info({ batchId: id, leaves: rows.length, root: tree.root }, 'anchor batch sealed');
    return sealed;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sealed = 0;
      try {
        sealed = (await this.sealDue()).length;
      } catch (err) {
        this.logger.error({ err }, 'sealing an anchor batch failed');
      }
      if (sealed === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.options.pollMs);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    }
  }
}
