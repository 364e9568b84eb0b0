import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isDeepStrictEqual } from 'node:util';
import { CHAIN_CONTEXT, type ChainContext } from '../chain-context.js';
import { ChainErrorCode, ChainException } from '../chain.errors.js';
import { ChainJobHandlerRegistry } from './chain-job-handler.js';
import { ChainJobEntity, ChainJobStatus } from './chain-job.entity.js';

export interface EnqueueChainJob {
  kind: string;
  /** Derive it from the business fact (e.g. `anchor:<batchId>`), so a retry maps to the same job. */
  idempotencyKey: string;
  payload: Record<string, unknown>;
}

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
