import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '#core';

/** Hash of a recently indexed block (the last ~128 are kept): where a reorg walks back to. */
@Entity('chain_index_blocks')
export class ChainIndexBlockEntity {
  @PrimaryColumn('integer')
  chainId: number;

  @PrimaryColumn('bigint', { transformer: bigintTransformer })
  blockNumber: bigint;

  @Column('text')
  blockHash: string;

  @Column('text')
  parentHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
