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

const IN_FLIGHT = [ChainJobStatus.PENDING, ChainJobStatus.SUBMITTED];

export type ChainJobCounts = Record<'pending' | 'submitted' | 'confirmed' | 'failed', number>;

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

  /** Not final yet: PENDING or SUBMITTED. */
  static isInFlight(status: ChainJobStatus | undefined | null): boolean {
    return !!status && IN_FLIGHT.includes(status);
  }

  /** Ids of every job not final yet (PENDING or SUBMITTED). */
  async inFlightIds(): Promise<Set<string>> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM chain_jobs WHERE status = ANY($1)`, [IN_FLIGHT]);
    return new Set(rows.map((r) => r.id));
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
   * so it is mined at most once): what a reorg that abandoned its block calls for. The outbox owns
   * the signed bytes; nobody else re-sends them.
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
    const counts: ChainJobCounts = { pending: 0, submitted: 0, confirmed: 0, failed: 0 };
    for (const r of rows) counts[r.status.toLowerCase() as keyof ChainJobCounts] = Number(r.n);
    return counts;
  }
}
