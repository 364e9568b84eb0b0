import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum OrganizationRole {
  SUPPLIER = 'SUPPLIER',
  BUYER = 'BUYER',
  FINANCIER = 'FINANCIER',
  ORIGINATOR = 'ORIGINATOR',
  INVESTOR = 'INVESTOR',
  AUDITOR = 'AUDITOR',
  SERVICER = 'SERVICER',
  TRUSTEE = 'TRUSTEE',
  /** The platform operator itself (home of platform staff). */
  PLATFORM = 'PLATFORM',
}

export enum KycState {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  SUSPENDED = 'SUSPENDED',
  EXPIRED = 'EXPIRED',
}

@Entity('organizations')
@Check('ck_organizations_kyc_state', `"kyc_state" IN ('DRAFT','SUBMITTED','APPROVED','REJECTED','SUSPENDED','EXPIRED')`)
@Check('ck_organizations_country', `"country" ~ '^[A-Z]{2}$'`)
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  legalName: string;

  /** ISO 17442 (20 characters, mod-97 check digits); unique across the platform. */
  @Column({ type: 'text', unique: true })
  lei: string;

  /** ISO 3166-1 alpha-2 */
  @Column('text')
  country: string;

  @Column('text', { array: true })
  roles: OrganizationRole[];

  /** Peppol participant ids `scheme:id`, used to match e-invoices. */
  @Column('text', { array: true, default: () => "'{}'" })
  peppolIds: string[];

  /**
   * VAT identifier (BT-31 / BT-48 of an e-invoice): country prefix and number, stored normalised
   * (upper case, no spaces, dots or dashes); unique across the platform.
   */
  @Column({ type: 'text', unique: true, nullable: true })
  vatId: string | null;

  @Column('text')
  kycState: KycState;

  @Column('timestamptz', { nullable: true })
  kycSubmittedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  kycDecidedAt: Date | null;

  @Column('uuid', { nullable: true })
  kycDecidedBy: string | null;

  /** Officer's note on approval, or the reason of a rejection or suspension. */
  @Column('text', { nullable: true })
  kycNote: string | null;

  @Column('timestamptz', { nullable: true })
  kycExpiresAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
