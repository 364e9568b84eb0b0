import { Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintTransformer } from '#core';

/**
 * How far the bill indexer has read one chain: the last indexed block by number AND hash (a
 * different hash at that height means a reorg), and up to where every bill touched by an indexed
 * event has been compared with the chain.
 */
@Entity('chain_index_cursors')
export class ChainIndexCursorEntity {
  @PrimaryColumn('integer')
  chainId: number;

  @Column('bigint', { transformer: bigintTransformer })
  blockNumber: bigint;

  /** Null only when the cursor stands before block 0. */
  @Column('text', { nullable: true })
  blockHash: string | null;

  /** Bills touched by events up to this block have been reconciled (or had nothing to reconcile). */
  @Column('bigint', { transformer: bigintTransformer })
  reconciledBlock: bigint;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
