import { Injectable } from '@nestjs/common';
import type { TransactionReceipt } from 'ethers';
import type { EntityManager } from 'typeorm';
import type { ChainRole } from '../chain-context.js';
import { ChainErrorCode, ChainException } from '../chain.errors.js';
import type { ChainJobEntity } from './chain-job.entity.js';

export interface ChainCall {
  /**
   * The contract called; null creates a contract from `data` (its address is the receipt's
   * `contractAddress`). A creation is exactly-once like any job: its signed bytes are kept and
   * re-sent, never signed again with another nonce.
   */
  to: string | null;
  data: string;
  value?: bigint;
  /**
   * The role whose key signs the call (the contract checks that role): the outbox signs with that
   * key and takes the nonce from that key's own sequence. Recorded on the job (`signer_role`).
   */
  signer: ChainRole;
  /**
   * A gas limit the handler worked out itself (e.g. from a per-item gas model): the worker then
   * sends the call without simulating it first (no `estimateGas`, which executes the whole call
   * once more). A call that reverts is then mined, spends its nonce and gas, and fails the job with
   * the reason decoded from the chain (call trace, or a replay). Leave it out to have the call
   * simulated: a revert then fails the job before any nonce is spent.
   */
  gasLimit?: bigint;
}

/** A job whose transaction is mined with enough confirmations, and its receipt. */
export interface ConfirmedJob {
  job: ChainJobEntity;
  receipt: TransactionReceipt;
}

/** What a job kind does on chain, and what the business side does once it is final. */
export interface ChainJobHandler {
  readonly kind: string;
  /** Builds the call from the job's payload; may read the database (contract addresses, ...). */
  buildCall(job: ChainJobEntity): Promise<ChainCall>;
  /** Runs in the same database transaction that marks the job CONFIRMED. */
  onConfirmed?(job: ChainJobEntity, receipt: TransactionReceipt, manager: EntityManager): Promise<void>;
  /**
   * Set-based `onConfirmed` for the jobs of this kind one block confirmed (a few statements for
   * all of them); used instead of `onConfirmed` when present.
   */
  onConfirmedMany?(done: ConfirmedJob[], manager: EntityManager): Promise<void>;
  /** Runs in the same database transaction that marks the job FAILED. */
  onFailed?(job: ChainJobEntity, reason: string, manager: EntityManager): Promise<void>;
}

@Injectable()
export class ChainJobHandlerRegistry {
  private readonly handlers = new Map<string, ChainJobHandler>();

  register(handler: ChainJobHandler): void {
    if (this.handlers.has(handler.kind)) throw new Error(`chain job kind ${handler.kind} registered twice`);
    this.handlers.set(handler.kind, handler);
  }

  has(kind: string): boolean {
    return this.handlers.has(kind);
  }

  get(kind: string): ChainJobHandler {
    const handler = this.handlers.get(kind);
    if (!handler) throw new ChainException(ChainErrorCode.CHAIN_JOB_KIND_UNKNOWN, `No handler for chain job kind "${kind}"`);
    return handler;
  }
}
