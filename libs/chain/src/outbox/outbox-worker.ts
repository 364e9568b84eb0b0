import { Transaction, isError, keccak256, type TransactionReceipt } from 'ethers';
import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { mapLimit } from '#core';
import { roleOfAddress, type ChainContext } from '../chain-context.js';
import type { ChainCall, ChainJobHandlerRegistry, ConfirmedJob } from './chain-job-handler.js';
import { ChainJobEntity, ChainJobStatus } from './chain-job.entity.js';
import { ChainTxAttemptEntity } from './chain-tx-attempt.entity.js';
import { NonceManager } from './nonce-manager.js';
import { describeRevertData, isRevert, revertReasonOf } from './revert-reason.js';

export interface OutboxWorkerOptions {
  pollMs: number;
  batchSize: number;
  leaseMs: number;
  stuckAfterMs: number;
  maxAttempts: number;
  workerId?: string;
}

/** Test seams that stand for a crash at the two dangerous points; a hook that throws aborts the tick. */
export interface OutboxWorkerHooks {
  afterPersist?(jobs: ChainJobEntity[]): Promise<void> | void;
  afterBroadcast?(jobs: ChainJobEntity[]): Promise<void> | void;
}

export interface OutboxLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

interface Prepared {
  job: ChainJobEntity;
  call: ChainCall;
  /** The address of the key of `call.signer`. */
  from: string;
  gasLimit: bigint;
}

/** Node requests in flight at once while building or tracking a batch of jobs. */
const RPC_PARALLEL = 16;

/** How long the jobs of a failed tick wait before the next try (a node or database hiccup). */
const TICK_FAILURE_BACKOFF_MS = 250;

/** Wraps what a test hook threw: the tick ends as if the process had died. */
class Crash extends Error {
  constructor(override readonly cause: unknown) {
    super('outbox worker crash point');
  }
}

const silent: OutboxLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

/**
 * The chain outbox relayer. Each tick claims due jobs with `FOR UPDATE SKIP LOCKED` under a
 * lease, then:
 *  - PENDING jobs are simulated from the key of their call's `signer` role (a revert fails the job
 *    with its reason, no nonce spent; skipped for a call whose handler gives its gas limit, see
 *    `ChainCall.gasLimit`), signed by that key with nonces reserved from its own `chain_nonces`
 *    sequence, and the signed bytes are committed to
 *    `chain_tx_attempts` BEFORE they are broadcast;
 *  - SUBMITTED jobs are looked up by every hash they ever had, all of a tick's together: receipts with
 *    enough confirmations finish their jobs (CONFIRMED, or FAILED with the decoded revert reason)
 *    in the same transaction as the business side's handlers, one transaction for all the jobs
 *    a tick confirms; a transaction the node does not know is re-broadcast byte for byte; one
 *    stuck past `stuckAfterMs` is replaced (same nonce, higher fee).
 * A job is therefore never signed twice with two different nonces, so a crash at any point
 * neither loses nor repeats an on-chain effect.
 */
export class OutboxWorker {
  readonly workerId: string;
  private readonly nonces = new NonceManager();
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: ChainContext,
    private readonly registry: ChainJobHandlerRegistry,
    private readonly options: OutboxWorkerOptions,
    private readonly logger: OutboxLogger = silent,
    private readonly hooks: OutboxWorkerHooks = {},
  ) {
    this.workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the tick in progress, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = 0;
      try {
        worked = await this.tick();
      } catch (err) {
        this.logger.error({ err, workerId: this.workerId }, 'outbox tick failed');
      }
      if (worked === 0 && this.running) {
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

  /** One pass over the due jobs; returns how many were claimed. Exposed for tests and tooling. */
  async tick(): Promise<number> {
    const jobs = await this.claim();
    if (jobs.length === 0) return 0;
    const pending = jobs.filter((j) => j.status === ChainJobStatus.PENDING);
    const inflight = jobs.filter((j) => j.status === ChainJobStatus.SUBMITTED);
    try {
      if (pending.length) await this.submit(pending);
      if (inflight.length) await this.track(inflight);
    } catch (err) {
      if (err instanceof Crash) throw err.cause;
      // a failed tick (a node or database error) gives its jobs back at once: left locked, they
      // would wait out the whole lease (30 s by default) although this worker is alive and well.
      // Every step keeps its job consistent on its own (signed bytes are committed before they
      // are sent), so a later tick resumes each job wherever this one stopped.
      await this.release(
        jobs.map((j) => j.id),
        Math.max(this.options.pollMs, TICK_FAILURE_BACKOFF_MS),
      ).catch(() => undefined);
      throw err;
    }
    return jobs.length;
  }

  /** A test hook stands for the process dying there: nothing may be released after it. */
  private async crashPoint(hook: (() => Promise<void> | void) | undefined): Promise<void> {
    try {
      await hook?.();
    } catch (err) {
      throw new Crash(err);
    }
  }

  /** Polls until every given job is CONFIRMED or FAILED (tests, CLI). */
  async drain(ids: string[], timeoutMs = 60_000): Promise<ChainJobEntity[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const jobs = await this.dataSource.getRepository(ChainJobEntity).findBy({ id: In(ids) });
      if (jobs.every((j) => j.status === ChainJobStatus.CONFIRMED || j.status === ChainJobStatus.FAILED)) return jobs;
      if (Date.now() > deadline) throw new Error(`chain jobs not final after ${timeoutMs} ms`);
      if ((await this.tick()) === 0) await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async claim(): Promise<ChainJobEntity[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE chain_jobs SET locked_by = $1, locked_until = now() + make_interval(secs => $2::double precision / 1000)
         WHERE id IN (
           SELECT id FROM chain_jobs
           WHERE status IN ('PENDING', 'SUBMITTED') AND chain_id = $4 AND next_attempt_at <= now()
             AND (locked_until IS NULL OR locked_until < now())
           ORDER BY next_attempt_at, created_at
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
         RETURNING id)
       SELECT id FROM claimed`,
      [this.workerId, this.options.leaseMs, this.options.batchSize, this.chain.chainId],
    );
    if (rows.length === 0) return [];
    const jobs = await this.dataSource.getRepository(ChainJobEntity).findBy({ id: In(rows.map((r) => r.id)) });
    return jobs.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  private async release(ids: string[], delayMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE chain_jobs SET locked_by = NULL, locked_until = NULL,
         next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
       WHERE id = ANY($1) AND locked_by = $2`,
      [ids, this.workerId, delayMs],
    );
  }

  // ---- PENDING → SUBMITTED -------------------------------------------------------------------

  private async submit(jobs: ChainJobEntity[]): Promise<void> {
    const built = await mapLimit(jobs, RPC_PARALLEL, async (job): Promise<Prepared | { job: ChainJobEntity; err: unknown }> => {
      try {
        const call = await this.registry.get(job.kind).buildCall(job);
        const from = this.chain.addresses[call.signer];
        if (!from) throw new Error(`chain job ${job.id} (${job.kind}) names no known signer role: ${String(call.signer)}`);
        // the handler's own limit: no simulation; a revert is mined and decoded at confirmation
        if (call.gasLimit !== undefined) return { job, call, from, gasLimit: call.gasLimit };
        // the simulation, from the role's key: a call that would revert fails here, before any nonce is spent
        const estimate = await this.chain.provider.estimateGas({ from, to: call.to, data: call.data, value: call.value ?? 0n });
        return { job, call, from, gasLimit: (estimate * 125n) / 100n + 10_000n };
      } catch (err) {
        return { job, err };
      }
    });
    const prepared: Prepared[] = [];
    for (const b of built) {
      if (!('err' in b)) prepared.push(b);
      else if (isRevert(b.err)) await this.finishFailed(b.job, revertReasonOf(b.err), null);
      else await this.retryLater(b.job, b.err);
    }
    if (prepared.length === 0) return;

    // one nonce sequence per signing key: the jobs of each signer in claim order, the signers in
    // address order (two workers lock the `chain_nonces` rows in the same order: no deadlock)
    const bySigner = new Map<string, Prepared[]>();
    for (const p of prepared) bySigner.set(p.from, [...(bySigner.get(p.from) ?? []), p]);
    const signers = [...bySigner.keys()].sort();
    const [fees, ...chainPending] = await Promise.all([
      this.chain.provider.getFeeData(),
      ...signers.map((from) => this.chain.provider.getTransactionCount(from, 'pending')),
    ]);
    const maxPriorityFeePerGas = fees.maxPriorityFeePerGas ?? 1_000_000_000n;
    const maxFeePerGas = fees.maxFeePerGas ?? (fees.gasPrice ?? 1_000_000_000n) * 2n;

    const signed: { job: ChainJobEntity; raw: string }[] = await this.dataSource.transaction(async (manager) => {
      const out: { job: ChainJobEntity; raw: string }[] = [];
      for (const [k, from] of signers.entries()) {
        const group = bySigner.get(from)!;
        const first = await this.nonces.reserve(manager, this.chain.chainId, from, group.length, BigInt(chainPending[k]!));
        for (const [i, p] of group.entries()) {
          const nonce = first + BigInt(i);
          const raw = await this.chain.signers[p.call.signer].signTransaction({
            type: 2,
            chainId: this.chain.chainId,
            from,
            to: p.call.to,
            data: p.call.data,
            value: p.call.value ?? 0n,
            nonce: Number(nonce),
            gasLimit: p.gasLimit,
            maxFeePerGas,
            maxPriorityFeePerGas,
          });
          const txHash = keccak256(raw);
          await manager.insert(ChainTxAttemptEntity, {
            jobId: p.job.id,
            nonce,
            txHash,
            rawTx: raw,
            gasLimit: p.gasLimit,
            maxFeePerGas,
            maxPriorityFeePerGas,
          });
          const res: unknown[] = await manager.query(
            `WITH u AS (UPDATE chain_jobs SET status = 'SUBMITTED', nonce = $3, tx_hash = $4, from_address = $5, to_address = $6, signer_role = $7,
               submitted_at = now(), updated_at = now(), version = version + 1
             WHERE id = $1 AND locked_by = $2 AND status = 'PENDING' RETURNING id) SELECT id FROM u`,
            [p.job.id, this.workerId, nonce.toString(), txHash, from, p.call.to, p.call.signer],
          );
          // lost the lease to another worker: roll back everything, the nonces included
          if (res.length === 0) throw new Error(`lease on chain job ${p.job.id} lost before signing`);
          Object.assign(p.job, { status: ChainJobStatus.SUBMITTED, nonce, txHash, fromAddress: from, toAddress: p.call.to, signerRole: p.call.signer });
          out.push({ job: p.job, raw });
        }
      }
      return out;
    });
    await this.crashPoint(this.hooks.afterPersist && (() => this.hooks.afterPersist!(signed.map((s) => s.job))));

    await Promise.all(signed.map((s) => this.broadcast(s.raw, s.job.id)));
    await this.crashPoint(this.hooks.afterBroadcast && (() => this.hooks.afterBroadcast!(signed.map((s) => s.job))));
    this.logger.info({ workerId: this.workerId, count: signed.length, signers: signers.length }, 'chain jobs submitted');
    await this.release(
      signed.map((s) => s.job.id),
      0,
    );
  }

  /**
   * Sends signed bytes; "already known" means an earlier send got through, which is fine. A plain
   * `eth_sendRawTransaction`: ethers' broadcastTransaction would parse the bytes and recover the
   * sender's key again (milliseconds of CPU per transaction).
   */
  private async broadcast(raw: string, jobId: string): Promise<void> {
    try {
      await this.chain.provider.send('eth_sendRawTransaction', [raw]);
    } catch (err) {
      const text = message(err).toLowerCase();
      if (text.includes('already known') || text.includes('already imported') || text.includes('known transaction')) return;
      // the job stays SUBMITTED: tracking re-broadcasts the same bytes or sees that the nonce is gone
      this.logger.warn({ err: message(err), jobId }, 'broadcast failed; will retry with the same signed bytes');
    }
  }

  private async retryLater(job: ChainJobEntity, err: unknown): Promise<void> {
    const attempts = job.attempts + 1;
    if (attempts >= this.options.maxAttempts) {
      await this.finishFailed(job, `gave up after ${attempts} attempts: ${message(err)}`, null);
      return;
    }
    const delayMs = Math.min(60_000, 500 * 2 ** (attempts - 1));
    this.logger.warn({ err: message(err), jobId: job.id, attempts, delayMs }, 'chain job will be retried');
    await this.dataSource.query(
      `UPDATE chain_jobs SET attempts = $3, last_error = $4, locked_by = NULL, locked_until = NULL,
         next_attempt_at = now() + make_interval(secs => $5::double precision / 1000), updated_at = now(), version = version + 1
       WHERE id = $1 AND locked_by = $2`,
      [job.id, this.workerId, attempts, message(err), delayMs],
    );
  }

  // ---- SUBMITTED → CONFIRMED | FAILED ----------------------------------------------------------

  /**
   * Looks up the receipts of the claimed SUBMITTED jobs, finishes every confirmed one in a single
   * database transaction, and releases the rest until the next poll.
   */
  private async track(jobs: ChainJobEntity[]): Promise<void> {
    const provider = this.chain.provider;
    const head = await provider.getBlockNumber();
    const attempts = await this.dataSource
      .getRepository(ChainTxAttemptEntity)
      .find({ where: { jobId: In(jobs.map((j) => j.id)) }, order: { createdAt: 'DESC' } });
    const attemptsOf = new Map<string, ChainTxAttemptEntity[]>();
    for (const a of attempts) attemptsOf.set(a.jobId, [...(attemptsOf.get(a.jobId) ?? []), a]);

    const wait: string[] = [];
    const confirmed: ConfirmedJob[] = [];
    await mapLimit(jobs, RPC_PARALLEL, async (job) => {
      const mine = attemptsOf.get(job.id) ?? [];
      try {
        for (const attempt of mine) {
          const receipt = await provider.getTransactionReceipt(attempt.txHash);
          if (!receipt) continue;
          if (head - receipt.blockNumber + 1 < this.chain.confirmations) return wait.push(job.id);
          if (receipt.status === 1) return confirmed.push({ job, receipt });
          return await this.finishFailed(job, await this.replayRevert(job, attempt, receipt), receipt);
        }
        if (!mine[0]) throw new Error(`chain job ${job.id} is SUBMITTED without a signed transaction`);
        if (await this.unmined(job, mine)) wait.push(job.id);
      } catch (err) {
        this.logger.warn({ err: message(err), jobId: job.id }, 'tracking a chain job failed; will retry');
        wait.push(job.id);
      }
    });
    await this.finishConfirmed(confirmed);
    await this.release(wait, this.options.pollMs);
  }

  /**
   * A job none of whose transactions is mined: re-broadcast when the node does not know it,
   * replace it when stuck, or sign anew when its nonce provably went to another transaction.
   * Returns whether the job keeps waiting.
   */
  private async unmined(job: ChainJobEntity, attempts: ChainTxAttemptEntity[]): Promise<boolean> {
    const provider = this.chain.provider;
    const latest = attempts[0]!;
    const known = await provider.getTransaction(latest.txHash);
    if (!known) {
      // the nonce sequence of the key that signed this job (each role's key has its own)
      const used = await provider.getTransactionCount(this.senderOf(job, latest), 'latest');
      // our nonce was consumed and none of our hashes was mined: only then is signing anew safe. The
      // receipts are looked up again AFTER the count: one mined between the first lookup and the
      // count (a node may answer "unknown" for a transaction it is mining) must not be taken for
      // another transaction's, or the job would run twice
      if (BigInt(used) > latest.nonce) {
        const receipts = await Promise.all(attempts.map((a) => provider.getTransactionReceipt(a.txHash)));
        if (receipts.some((r) => r !== null)) return true; // the next tick finishes it from its receipt
        await this.resetToPending(job, `nonce ${latest.nonce} was used by another transaction`);
        return false;
      }
      await this.broadcast(latest.rawTx, job.id);
    } else if (known.blockNumber === null && Date.now() - latest.createdAt.getTime() > this.options.stuckAfterMs) {
      await this.replace(job, latest);
    }
    return true;
  }

  /** The address that signed the job's transactions: recorded with its nonce, else recovered from the signed bytes. */
  private senderOf(job: ChainJobEntity, attempt: ChainTxAttemptEntity): string {
    return job.fromAddress ?? Transaction.from(attempt.rawTx).from!;
  }

  /**
   * Same nonce, fees raised by at least 12.5 % (the minimum most nodes accept for a replacement),
   * signed by the same key as the transaction it replaces (the nonce is that key's).
   */
  private async replace(job: ChainJobEntity, latest: ChainTxAttemptEntity): Promise<void> {
    const from = this.senderOf(job, latest);
    const role = roleOfAddress(this.chain, from);
    if (!role) {
      // a key this installation no longer holds: nothing can replace its transaction (it is re-sent as it is)
      this.logger.warn({ jobId: job.id, from }, 'stuck transaction of a key not configured any more; cannot replace it');
      return;
    }
    const fees = await this.chain.provider.getFeeData();
    const bump = (old: bigint, now: bigint | null) => {
      const min = (old * 1125n) / 1000n + 1n;
      return now && now > min ? now : min;
    };
    const maxPriorityFeePerGas = bump(latest.maxPriorityFeePerGas, fees.maxPriorityFeePerGas);
    const maxFeePerGas = bump(latest.maxFeePerGas, fees.maxFeePerGas);
    const previous = Transaction.from(latest.rawTx);
    const raw = await this.chain.signers[role].signTransaction({
      type: 2,
      chainId: this.chain.chainId,
      from,
      to: previous.to,
      data: previous.data,
      value: previous.value,
      nonce: Number(latest.nonce),
      gasLimit: latest.gasLimit,
      maxFeePerGas: maxFeePerGas > maxPriorityFeePerGas ? maxFeePerGas : maxPriorityFeePerGas,
      maxPriorityFeePerGas,
    });
    const txHash = keccak256(raw);
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ChainTxAttemptEntity, {
        jobId: job.id,
        nonce: latest.nonce,
        txHash,
        rawTx: raw,
        gasLimit: latest.gasLimit,
        maxFeePerGas,
        maxPriorityFeePerGas,
      });
      await manager.query(`UPDATE chain_jobs SET tx_hash = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [job.id, txHash]);
    });
    this.logger.warn({ jobId: job.id, nonce: latest.nonce.toString(), txHash }, 'stuck transaction replaced with a higher fee');
    await this.broadcast(raw, job.id);
  }

  private async resetToPending(job: ChainJobEntity, reason: string): Promise<void> {
    this.logger.warn({ jobId: job.id, reason }, 'chain job goes back to PENDING');
    await this.dataSource.query(
      `UPDATE chain_jobs SET status = 'PENDING', nonce = NULL, tx_hash = NULL, last_error = $3,
         locked_by = NULL, locked_until = NULL, next_attempt_at = now(), updated_at = now(), version = version + 1
       WHERE id = $1 AND locked_by = $2 AND status = 'SUBMITTED'`,
      [job.id, this.workerId, reason],
    );
  }

  /**
   * Why a mined transaction reverted: the node's call trace when it offers one (exact), else a
   * replay of the call on the state before its block, then after it (approximate when other
   * transactions of the same block changed the outcome).
   */
  private async replayRevert(job: ChainJobEntity, attempt: ChainTxAttemptEntity, receipt: TransactionReceipt): Promise<string> {
    try {
      const trace = (await this.chain.provider.send('debug_traceTransaction', [receipt.hash, { tracer: 'callTracer' }])) as {
        output?: string;
        error?: string;
      };
      if (trace.output && trace.output !== '0x') return describeRevertData(trace.output);
      if (trace.error) return trace.error;
    } catch {
      /* the node has no debug namespace */
    }
    const tx = Transaction.from(attempt.rawTx);
    for (const blockTag of [receipt.blockNumber - 1, receipt.blockNumber]) {
      try {
        await this.chain.provider.call({
          from: this.senderOf(job, attempt),
          to: tx.to,
          data: tx.data,
          value: tx.value,
          gasLimit: tx.gasLimit,
          blockTag,
        });
      } catch (err) {
        if (isError(err, 'CALL_EXCEPTION')) return revertReasonOf(err);
        const data = (err as { data?: string }).data;
        return data ? describeRevertData(data) : `reverted on chain: ${message(err)}`;
      }
    }
    return receipt.gasUsed >= tx.gasLimit ? 'out of gas' : 'reverted on chain (not reproducible by replay)';
  }

  /**
   * Finishes confirmed jobs with their handlers in one database transaction. A handler that
   * throws rolls the batch back; the jobs are then finished one transaction each, and the one
   * that keeps failing is released for a later tick without holding the others back. Returns
   * whether all of them were finished.
   */
  private async finishConfirmed(done: ConfirmedJob[]): Promise<boolean> {
    const finishAll = (batch: ConfirmedJob[]) =>
      this.dataSource.transaction(async (manager) => {
        const ours = await this.markConfirmed(manager, batch);
        const byKind = new Map<string, ConfirmedJob[]>();
        for (const d of ours) byKind.set(d.job.kind, [...(byKind.get(d.job.kind) ?? []), d]);
        for (const [kind, items] of byKind) {
          const handler = this.registry.get(kind);
          if (handler.onConfirmedMany) await handler.onConfirmedMany(items, manager);
          else for (const { job, receipt } of items) await handler.onConfirmed?.(job, receipt, manager);
        }
      });
    if (done.length === 0) return true;
    try {
      await finishAll(done);
      return true;
    } catch (err) {
      if (done.length > 1) this.logger.warn({ err: message(err), count: done.length }, 'finishing confirmed jobs together failed; one at a time');
      else {
        this.logger.warn({ err: message(err), jobId: done[0]!.job.id }, 'finishing a confirmed chain job failed; will retry');
        await this.release([done[0]!.job.id], this.options.pollMs);
        return false;
      }
    }
    let all = true;
    for (const one of done) all = (await this.finishConfirmed([one])) && all;
    return all;
  }

  private async finishFailed(job: ChainJobEntity, reason: string, receipt: TransactionReceipt | null): Promise<void> {
    this.logger.warn({ jobId: job.id, kind: job.kind, reason, txHash: receipt?.hash }, 'chain job failed');
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.finish(manager, job, ChainJobStatus.FAILED, receipt, reason))) return;
      await this.registry.get(job.kind).onFailed?.(job, reason, manager);
    });
  }

  /** Marks the jobs CONFIRMED in one statement; returns those this worker still held. */
  private async markConfirmed(manager: EntityManager, batch: ConfirmedJob[]): Promise<ConfirmedJob[]> {
    const rows: { id: string }[] = await manager.query(
      `WITH v AS (SELECT * FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::numeric[], $7::numeric[])
                    AS v(id, tx_hash, block_number, block_hash, gas_used, gas_price)),
            u AS (UPDATE chain_jobs c SET status = 'CONFIRMED', tx_hash = v.tx_hash, block_number = v.block_number, block_hash = v.block_hash,
                    gas_used = v.gas_used, effective_gas_price = v.gas_price, revert_reason = NULL, finished_at = now(),
                    locked_by = NULL, locked_until = NULL, updated_at = now(), version = c.version + 1
                  FROM v WHERE c.id = v.id AND c.locked_by = $1 AND c.status IN ('PENDING', 'SUBMITTED') RETURNING c.id)
       SELECT id FROM u`, // a SELECT: TypeORM answers an UPDATE with [rows, count]
      [
        this.workerId,
        batch.map((d) => d.job.id),
        batch.map((d) => d.receipt.hash),
        batch.map((d) => d.receipt.blockNumber),
        batch.map((d) => d.receipt.blockHash),
        batch.map((d) => d.receipt.gasUsed.toString()),
        batch.map((d) => d.receipt.gasPrice.toString()),
      ],
    );
    const ids = new Set(rows.map((r) => r.id));
    const ours = batch.filter((d) => ids.has(d.job.id));
    for (const { job, receipt } of ours) {
      Object.assign(job, { status: ChainJobStatus.CONFIRMED, revertReason: null, txHash: receipt.hash, blockNumber: BigInt(receipt.blockNumber) });
    }
    return ours;
  }

  private async finish(
    manager: EntityManager,
    job: ChainJobEntity,
    status: ChainJobStatus,
    receipt: TransactionReceipt | null,
    reason: string | null,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH u AS (UPDATE chain_jobs SET status = $3, tx_hash = COALESCE($4, tx_hash), block_number = $5, block_hash = $6,
         gas_used = $7, effective_gas_price = $8, revert_reason = $9, finished_at = now(),
         locked_by = NULL, locked_until = NULL, updated_at = now(), version = version + 1
       WHERE id = $1 AND locked_by = $2 AND status IN ('PENDING', 'SUBMITTED') RETURNING id) SELECT id FROM u`,
      [
        job.id,
        this.workerId,
        status,
        receipt?.hash ?? null,
        receipt?.blockNumber ?? null,
        receipt?.blockHash ?? null,
        receipt?.gasUsed.toString() ?? null,
        receipt?.gasPrice.toString() ?? null,
        reason,
      ],
    );
    if (rows.length === 0) return false;
    Object.assign(job, { status, revertReason: reason, txHash: receipt?.hash ?? job.txHash, blockNumber: receipt ? BigInt(receipt.blockNumber) : null });
    return true;
  }
}
