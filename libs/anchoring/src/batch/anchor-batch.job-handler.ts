import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { TransactionReceipt } from 'ethers';
import type { EntityManager } from 'typeorm';
import {
  CHAIN_CONTEXT,
  ChainJobHandlerRegistry,
  ChainRole,
  ContractRegistry,
  type ChainCall,
  type ChainContext,
  type ChainJobEntity,
  type ChainJobHandler,
} from '#chain';
import { DocumentAnchorInterface } from '#contracts';

export const ANCHOR_BATCH_JOB = 'anchoring.batch';

export interface AnchorBatchPayload {
  [key: string]: unknown;
  /** `anchor_batches.id` */
  batchUuid: string;
  /** bytes32 batch id written on chain */
  batchId: string;
  /** bytes32 Merkle root */
  root: string;
}

/**
 * Anchors a sealed batch's root with `DocumentAnchor.anchor(batchId, root)` through the outbox.
 * Confirmation writes where and when the root was anchored into the batch, in the outbox's own
 * transaction: the batch is ANCHORED exactly when its job is CONFIRMED. A failed job (a revert, or
 * given up before signing) fails the batch and returns its leaves to the pending pool, so they are
 * anchored by a later batch instead of being lost.
 */
@Injectable()
export class AnchorBatchJobHandler implements ChainJobHandler, OnModuleInit {
  readonly kind = ANCHOR_BATCH_JOB;

  constructor(
    private readonly registry: ChainJobHandlerRegistry,
    private readonly contracts: ContractRegistry,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
  ) {}

  onModuleInit(): void {
    if (!this.registry.has(this.kind)) this.registry.register(this);
  }

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const { batchId, root } = job.payload as AnchorBatchPayload;
    return { to: this.contracts.address('DocumentAnchor'), data: DocumentAnchorInterface.encodeFunctionData('anchor', [batchId, root]), signer: ChainRole.ANCHORER };
  }

  async onConfirmed(job: ChainJobEntity, receipt: TransactionReceipt, manager: EntityManager): Promise<void> {
    const { batchUuid } = job.payload as AnchorBatchPayload;
    const block = await this.chain.provider.getBlock(receipt.blockNumber);
    if (!block) throw new Error(`block ${receipt.blockNumber} of anchoring transaction ${receipt.hash} not found`);
    await manager.query(
      `UPDATE anchor_batches SET status = 'ANCHORED', contract_address = $2, tx_hash = $3, block_number = $4,
         block_timestamp = to_timestamp($5), confirmed_at = now(), failure_reason = NULL
       WHERE id = $1 AND status = 'SEALED'`,
      [batchUuid, receipt.to ?? job.toAddress, receipt.hash, receipt.blockNumber, block.timestamp],
    );
  }

  async onFailed(job: ChainJobEntity, reason: string, manager: EntityManager): Promise<void> {
    const { batchUuid } = job.payload as AnchorBatchPayload;
    const failed: unknown[] = await manager.query(
      `WITH u AS (UPDATE anchor_batches SET status = 'FAILED', failure_reason = $2 WHERE id = $1 AND status = 'SEALED' RETURNING id) SELECT id FROM u`,
      [batchUuid, reason.slice(0, 1000)],
    );
    if (failed.length) await manager.query(`UPDATE anchor_leaves SET batch_id = NULL, leaf_index = NULL WHERE batch_id = $1`, [batchUuid]);
  }
}
