import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintTransformer } from '#core';
import type { ChainRole } from '../chain-context.js';

export enum ChainJobStatus {
  /** Committed with its business change; not signed yet. */
  PENDING = 'PENDING',
  /** Signed and persisted (then broadcast); waiting for the receipt and confirmations. */
  SUBMITTED = 'SUBMITTED',
  CONFIRMED = 'CONFIRMED',
  /** Reverted (in simulation or on chain) or given up after the maximum attempts. */
  FAILED = 'FAILED',
}

/** Transactional outbox row: one on-chain effect of a business change. */
@Entity('chain_jobs')
@Index('ix_chain_jobs_due', ['status', 'nextAttemptAt'])
@Check('ck_chain_jobs_status', `"status" IN ('PENDING','SUBMITTED','CONFIRMED','FAILED')`)
@Check('ck_chain_jobs_signer_role', `"signer_role" IS NULL OR "signer_role" IN ('admin','registrar','anchorer','settlement-agent','bill-operator')`)
@Check('ck_chain_jobs_submitted_has_tx', `"status" <> 'SUBMITTED' OR ("tx_hash" IS NOT NULL AND "nonce" IS NOT NULL)`)
export class ChainJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Client-chosen; a second enqueue with the same key returns the first job. */
  @Column({ type: 'text', unique: true })
  idempotencyKey: string;

  @Column('text')
  kind: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('text')
  status: ChainJobStatus;

  @Column('integer')
  chainId: number;

  /** Failed tries before signing (simulation or node errors), for the backoff. */
  @Column('integer', { default: 0 })
  attempts: number;

  @Column('timestamptz', { default: () => 'now()' })
  nextAttemptAt: Date;

  @Column('text', { nullable: true })
  lockedBy: string | null;

  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;

  /** The role whose key signed the job (its call's `signer`), set with `fromAddress` and the nonce; null before signing. */
  @Column('text', { nullable: true })
  signerRole: ChainRole | null;

  @Column('text', { nullable: true })
  fromAddress: string | null;

  @Column('text', { nullable: true })
  toAddress: string | null;

  @Column('numeric', { precision: 78, scale: 0, nullable: true, transformer: bigintTransformer })
  nonce: bigint | null;

  /** Hash of the latest signed attempt, or of the mined one once confirmed/failed on chain. */
  @Column('text', { nullable: true })
  txHash: string | null;

  @Column('bigint', { nullable: true, transformer: bigintTransformer })
  blockNumber: bigint | null;

  @Column('text', { nullable: true })
  blockHash: string | null;

  @Column('numeric', { precision: 78, scale: 0, nullable: true, transformer: bigintTransformer })
  gasUsed: bigint | null;

  @Column('numeric', { precision: 78, scale: 0, nullable: true, transformer: bigintTransformer })
  effectiveGasPrice: bigint | null;

  @Column('text', { nullable: true })
  revertReason: string | null;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
