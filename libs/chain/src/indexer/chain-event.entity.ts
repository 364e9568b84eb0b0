import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { bigintTransformer } from '#core';

/**
 * One decoded log of a subscribed contract (BillRegistry, BillDvP, …), as the indexer read it at
 * the configured confirmation depth. Append-only (the database refuses UPDATE); rows are deleted
 * only when a reorg abandons the block they were read from (see `ChainEventIndexer`).
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

  /** Deployment name (`BillRegistry`, `BillDvP`, …). */
  @Column('text')
  contractName: string;

  @Column('text')
  contractAddress: string;

  @Column('text')
  eventName: string;

  /** The decoded arguments by name; integers as decimal strings. */
  @Column('jsonb')
  args: Record<string, unknown>;

  /**
   * The domain records (uuids) the event touches, as its subscriber decoded them: for bills, the
   * bill ids (a split names parent and parts). The column keeps the name it was created with.
   */
  @Column('uuid', { array: true, name: 'bill_ids' })
  subjectIds: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
