import { JoinColumn, ManyToOne, type Relation, Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';

export enum WalletKind {
  CUSTODIAL = 'CUSTODIAL',
  EXTERNAL = 'EXTERNAL',
}

/** Where the wallet stands in the on-chain IdentityRegistry, as far as the outbox knows. */
export enum WalletChainStatus {
  NOT_REGISTERED = 'NOT_REGISTERED',
  REGISTERING = 'REGISTERING',
  REGISTERED = 'REGISTERED',
  REMOVING = 'REMOVING',
}

@Entity('wallets')
@Index('ix_wallets_organization', ['organizationId'])
@Check('ck_wallets_custodial_key', `("kind" = 'CUSTODIAL') = ("encrypted_key" IS NOT NULL)`)
export class WalletEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_wallets_organization' })
  organization?: Relation<OrganizationEntity>;

  /** Checksummed address; unique across the platform. */
  @Column({ type: 'text', unique: true })
  address: string;

  @Column('text')
  kind: WalletKind;

  /** Custodial only: AES-256-GCM of the private key under the wallet master key. */
  @Column('text', { nullable: true })
  encryptedKey: string | null;

  @Column('text')
  chainStatus: WalletChainStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
