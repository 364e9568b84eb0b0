import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { bigintTransformer } from '#core';
import { ChainJobEntity } from './chain-job.entity.js';

/**
 * Append-only: every transaction ever signed for a job (the first one and each fee-bumped
 * replacement of the same nonce). Persisted before the broadcast, so after a crash the worker
 * looks the transaction up by hash, or re-broadcasts the very same bytes, instead of signing anew.
 */
@Entity('chain_tx_attempts')
@Index('ix_chain_tx_attempts_job', ['jobId'])
export class ChainTxAttemptEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  jobId: string;

  @ManyToOne(() => ChainJobEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'fk_chain_tx_attempts_job' })
  job?: Relation<ChainJobEntity>;

  @Column('numeric', { precision: 78, scale: 0, transformer: bigintTransformer })
  nonce: bigint;

  @Column({ type: 'text', unique: true })
  txHash: string;

  @Column('text')
  rawTx: string;

  @Column('numeric', { precision: 78, scale: 0, transformer: bigintTransformer })
  gasLimit: bigint;

  @Column('numeric', { precision: 78, scale: 0, transformer: bigintTransformer })
  maxFeePerGas: bigint;

  @Column('numeric', { precision: 78, scale: 0, transformer: bigintTransformer })
  maxPriorityFeePerGas: bigint;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
