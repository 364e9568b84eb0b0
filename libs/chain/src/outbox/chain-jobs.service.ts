import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isDeepStrictEqual } from 'node:util';
import { CHAIN_CONTEXT, type ChainContext } from '../chain-context.js';
import { ChainErrorCode, ChainException } from '../chain.errors.js';
import { ChainJobHandlerRegistry } from './chain-job-handler.js';
import { ChainJobEntity, ChainJobStatus } from './chain-job.entity.js';
import { ChainTxAttemptEntity } from './chain-tx-attempt.entity.js';

export interface EnqueueChainJob {
  kind: string;
  /** Derive it from the business fact (e.g. `anchor:<batchId>`), so a retry maps to the same job. */
  idempotencyKey: string;
  payload: Record<string, unknown>;
}

/** A confirmed job as other libs see it. */
export interface ConfirmedJobView {
  id: string;
  kind: string;
  txHash: string;
  blockNumber: number;
  blockHash: string | null;
  nonce: number | null;
  payload: Record<string, unknown>;
}

/** What became of re-sending a confirmed job's signed bytes. */
export type RebroadcastResult = { sent: true } | { sent: false; error: string };

/** Not final: a REORGED job is on its way back to the chain. */
const IN_FLIGHT = [ChainJobStatus.PENDING, ChainJobStatus.SUBMITTED, ChainJobStatus.REORGED];

export type ChainJobCounts = Record<'pending' | 'submitted' | 'confirmed' | 'failed' | 'reorged', number>;

@Injectable()
export class ChainJobsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ChainJobHandlerRegistry,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
  ) {}

  /**
   * Adds a job inside the caller's transaction: the business change and its chain effect
   * commit (or roll back) together. Enqueueing the same key twice returns the first job.
   */
  async enqueue(manager: EntityManager, input: EnqueueChainJob): Promise<ChainJobEntity> {
    this.registry.get(input.kind);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO chain_jobs (idempotency_key, kind, payload, status, chain_id, version)
       VALUES ($1, $2, $3, 'PENDING', $4, 1)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [input.idempotencyKey, input.kind, JSON.stringify(input.payload), this.chain.chainId],
    );
    const job = await manager.findOneByOrFail(ChainJobEntity, inserted[0] ? { id: inserted[0].id } : { idempotencyKey: input.idempotencyKey });
    if (!inserted[0] && (job.kind !== input.kind || !isDeepStrictEqual(job.payload, input.payload))) {
      throw new ChainException(ChainErrorCode.CHAIN_JOB_KEY_CONFLICT, `Chain job key "${input.idempotencyKey}" was used for a different job`);
    }
    return job;
  }

  async findById(id: string): Promise<ChainJobEntity> {
    const job = await this.dataSource.getRepository(ChainJobEntity).findOneBy({ id });
    if (!job) throw new ChainException(ChainErrorCode.CHAIN_JOB_NOT_FOUND, `Chain job ${id} not found`);
    return job;
  }

  /** Status of each job id (unknown ids are absent). */
  async statuses(ids: (string | null)[], m: EntityManager = this.dataSource.manager): Promise<Map<string, ChainJobStatus>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (wanted.length === 0) return new Map();
    const rows: { id: string; status: ChainJobStatus }[] = await m.query(`SELECT id, status FROM chain_jobs WHERE id = ANY($1::uuid[])`, [wanted]);
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /** Not final yet: PENDING, SUBMITTED or REORGED. */
  static isInFlight(status: ChainJobStatus | undefined | null): boolean {
    return !!status && IN_FLIGHT.includes(status);
  }

  /** Ids of every job not final yet (PENDING, SUBMITTED or REORGED). */
  async inFlightIds(): Promise<Set<string>> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM chain_jobs WHERE status = ANY($1)`, [IN_FLIGHT]);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Whether one of the given jobs is on its way back to the chain after a reorg took its confirmed
   * transaction away (REORGED, or sent again and not CONFIRMED yet): what it did is off the chain
   * for now, although its business effect was applied at its first confirmation.
   */
  async anyRecovering(m: EntityManager, ids: (string | null)[]): Promise<boolean> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (wanted.length === 0) return false;
    const [row]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM chain_jobs WHERE id = ANY($1::uuid[]) AND reorgs > 0 AND status = ANY($2)`,
      [wanted, IN_FLIGHT],
    );
    return row!.n > 0;
  }

  /**
   * Whether a CONFIRMED one of the given jobs was confirmed in a block the chain no longer has: a
   * reorg nobody has handled yet (the indexer marks the job REORGED on its next tick). Asks the node
   * for each such block; meant for the rare path (a row about to be corrected from the chain).
   */
  async anyConfirmedOffChain(m: EntityManager, ids: (string | null)[]): Promise<boolean> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (wanted.length === 0) return false;
    const rows: { block_number: string; block_hash: string }[] = await m.query(
      `SELECT DISTINCT block_number, block_hash FROM chain_jobs WHERE id = ANY($1::uuid[]) AND status = $2 AND block_hash IS NOT NULL`,
      [wanted, ChainJobStatus.CONFIRMED],
    );
    for (const r of rows) if ((await this.chain.provider.getBlock(Number(r.block_number)))?.hash !== r.block_hash) return true;
    return false;
  }

  /**
   * A CONFIRMED job whose transaction `txHash` is not in the canonical chain any more: REORGED, due
   * at once, for the outbox worker to send again. False when the job was not in that state (another
   * indexer got there first, or it was confirmed again meanwhile).
   */
  async markReorged(jobId: string, txHash: string, blockHash: string | null): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH u AS (UPDATE chain_jobs SET status = $3, reorgs = reorgs + 1, block_number = NULL, block_hash = NULL, finished_at = NULL,
         last_error = $5, next_attempt_at = now(), locked_by = NULL, locked_until = NULL, updated_at = now(), version = version + 1
       WHERE id = $1 AND tx_hash = $2 AND status = $4 RETURNING id) SELECT id FROM u`,
      [jobId, txHash, ChainJobStatus.REORGED, ChainJobStatus.CONFIRMED, `transaction left the canonical chain (was in block ${blockHash ?? '?'})`],
    );
    return rows.length > 0;
  }

  /** A CONFIRMED job whose transaction a reorg moved to another block (the same bytes, mined again in the new fork). */
  async moveConfirmed(jobId: string, txHash: string, blockNumber: number, blockHash: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE chain_jobs SET block_number = $3, block_hash = $4, updated_at = now(), version = version + 1
       WHERE id = $1 AND tx_hash = $2 AND status = $5 AND block_hash IS DISTINCT FROM $4`,
      [jobId, txHash, blockNumber, blockHash, ChainJobStatus.CONFIRMED],
    );
  }

  /** The newest job of `kind` whose payload has `field` = `value` (e.g. the registration a removal must wait for). */
  async latestIdWith(m: EntityManager, kind: string, field: string, value: string): Promise<string | null> {
    const [row]: { id: string }[] = await m.query(
      `SELECT id FROM chain_jobs WHERE kind = $1 AND payload->>$2 = $3 ORDER BY created_at DESC LIMIT 1`,
      [kind, field, value],
    );
    return row?.id ?? null;
  }

  /** CONFIRMED jobs of this chain whose kind starts with `kindPrefix`, mined above `aboveBlock` and at most `upToBlock`, in nonce order. */
  async confirmed(opts: { kindPrefix?: string; aboveBlock?: number; upToBlock?: number }): Promise<ConfirmedJobView[]> {
    const qb = this.dataSource
      .getRepository(ChainJobEntity)
      .createQueryBuilder('j')
      .where('j.chain_id = :chainId AND j.status = :status AND j.tx_hash IS NOT NULL', { chainId: this.chain.chainId, status: ChainJobStatus.CONFIRMED });
    if (opts.kindPrefix) qb.andWhere('starts_with(j.kind, :prefix)', { prefix: opts.kindPrefix });
    if (opts.aboveBlock !== undefined) qb.andWhere('j.block_number > :above', { above: opts.aboveBlock });
    if (opts.upToBlock !== undefined) qb.andWhere('j.block_number <= :upTo', { upTo: opts.upToBlock });
    const jobs = await qb.orderBy('j.nonce', 'ASC').addOrderBy('j.block_number', 'ASC').getMany();
    return jobs.map((j) => ({
      id: j.id,
      kind: j.kind,
      txHash: j.txHash!,
      blockNumber: Number(j.blockNumber),
      blockHash: j.blockHash,
      nonce: j.nonce === null || j.nonce === undefined ? null : Number(j.nonce),
      payload: j.payload,
    }));
  }

  /**
   * Sends the kept signed bytes of a job's confirmed transaction again, byte for byte (same nonce,
   * so it is mined at most once): the first thing a reorg that abandoned its block calls for (the
   * worker then follows the REORGED job up, and signs it anew if that nonce went to another
   * transaction). The outbox owns the signed bytes; nobody else re-sends them.
   */
  async rebroadcastConfirmed(txHash: string): Promise<RebroadcastResult> {
    const attempt = await this.dataSource.getRepository(ChainTxAttemptEntity).findOneBy({ txHash });
    if (!attempt) return { sent: false, error: 'no signed transaction kept for it' };
    try {
      await this.chain.provider.send('eth_sendRawTransaction', [attempt.rawTx]);
      return { sent: true };
    } catch (err) {
      const text = (err instanceof Error ? err.message : String(err)).slice(0, 300);
      if (/already known|already imported|known transaction/i.test(text)) return { sent: true };
      return { sent: false, error: text };
    }
  }

  /** One SQL query: jobs per status. */
  async counts(): Promise<ChainJobCounts> {
    const rows: { status: ChainJobStatus; n: string }[] = await this.dataSource.query(
      `SELECT status, count(*) AS n FROM chain_jobs GROUP BY status`,
    );
    const counts: ChainJobCounts = { pending: 0, submitted: 0, confirmed: 0, failed: 0, reorged: 0 };
    for (const r of rows) counts[r.status.toLowerCase() as keyof ChainJobCounts] = Number(r.n);
    return counts;
  }
}
