import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { bigintTransformer } from '#core';

/**
 * One decoded log of the BillRegistry or the BillDvP, as the indexer read it at the configured
 * confirmation depth. Append-only (the database refuses UPDATE); rows are deleted only when a
 * reorg abandons the block they were read from (see `BillChainIndexer`).
 */
@Entity('chain_events')
@Unique('uq_chain_events_block_log', ['blockHash', 'logIndex'])
@Index('ix_chain_events_block', ['chainId', 'blockNumber'])
@Index('ix_chain_events_tx', ['txHash'])
export class ChainEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('integer')
  chainId: number;

  @Column('bigint', { transformer: bigintTransformer })
  blockNumber: bigint;

  @Column('text')
  blockHash: string;

  @Column('text')
  txHash: string;

  @Column('integer')
  logIndex: number;

  /** Deployment name: `BillRegistry` or `BillDvP`. */
  @Column('text')
  contractName: string;

  @Column('text')
  contractAddress: string;

  @Column('text')
  eventName: string;

  /** The decoded arguments by name; integers as decimal strings. */
  @Column('jsonb')
  args: Record<string, unknown>;

  /** Tally bills the event touches (bill ids that are uuids; a split names parent and parts). */
  @Column('uuid', { array: true })
  billIds: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
