import { Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintTransformer } from '#core';

/**
 * How far the chain event indexer has read one chain: the last indexed block by number AND hash
 * (a different hash at that height means a reorg), and up to where the subscribers have projected
 * the indexed events (`reconciled_block`, the column's first name).
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

  /** Subscribers have projected the events up to this block (bills: compared every touched bill with the chain). */
  @Column('bigint', { transformer: bigintTransformer })
  reconciledBlock: bigint;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
