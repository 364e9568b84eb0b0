import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintTransformer } from '#core';

/** Where a contract of Tally lives on a chain, and since which block (for the event indexers). */
@Entity('chain_deployments')
@Unique('uq_chain_deployments_chain_name', ['chainId', 'name'])
export class ChainDeploymentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('integer')
  chainId: number;

  @Column('text')
  name: string;

  @Column('text')
  address: string;

  @Column('bigint', { transformer: bigintTransformer })
  deploymentBlock: bigint;

  @Column('text', { nullable: true })
  txHash: string | null;

  /** keccak256 of the deployed bytecode the artifact expects. */
  @Column('text')
  codeHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
