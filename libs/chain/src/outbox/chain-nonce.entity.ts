import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '#core';

/** Next nonce per signing address, locked FOR UPDATE while a worker signs (shared by all workers). */
@Entity('chain_nonces')
export class ChainNonceEntity {
  @PrimaryColumn('integer')
  chainId: number;

  @PrimaryColumn('text')
  address: string;

  @Column('numeric', { precision: 78, scale: 0, transformer: bigintTransformer })
  nextNonce: bigint;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
