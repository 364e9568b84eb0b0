import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '#core';

export enum AnchorBatchStatus {
  /** Tree built and stored, outbox job committed; waiting for the chain. */
  SEALED = 'SEALED',
  /** The root is on chain: receipts can be served. */
  ANCHORED = 'ANCHORED',
  /** The chain job failed; the leaves went back to the pending pool for the next batch. */
  FAILED = 'FAILED',
}

/** A sealed Merkle batch and, once confirmed, where its root sits on chain. */
@Entity('anchor_batches')
@Index('ix_anchor_batches_sealed_at', ['sealedAt'])
@Check('ck_anchor_batches_status', `"status" IN ('SEALED','ANCHORED','FAILED')`)
@Check('ck_anchor_batches_anchored_has_tx', `"status" <> 'ANCHORED' OR ("tx_hash" IS NOT NULL AND "block_number" IS NOT NULL)`)
export class AnchorBatchEntity {
  /** Chosen by the sealer (so the outbox job's key and payload can name it before the insert). */
  @PrimaryColumn('uuid')
  id: string;

  /** The bytes32 batch id written on chain: the uuid's 16 bytes, left-padded with zeros. */
  @Column({ type: 'text', unique: true })
  chainBatchId: string;

  /** 0x-prefixed Merkle root. */
  @Column('text')
  root: string;

  @Column('integer')
  leafCount: number;

  @Column('text')
  status: AnchorBatchStatus;

  @Column('integer')
  chainId: number;

  @Column('uuid')
  chainJobId: string;

  @Column('text', { nullable: true })
  contractAddress: string | null;

  @Column('text', { nullable: true })
  txHash: string | null;

  @Column('bigint', { nullable: true, transformer: bigintTransformer })
  blockNumber: bigint | null;

  /** The anchoring block's timestamp: the time the receipt proves. */
  @Column('timestamptz', { nullable: true })
  blockTimestamp: Date | null;

  @Column('text', { nullable: true })
  failureReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  sealedAt: Date;

  /** When the confirmation reached the database. */
  @Column('timestamptz', { nullable: true })
  confirmedAt: Date | null;
}
