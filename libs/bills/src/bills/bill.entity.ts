import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintTransformer, moneyColumn } from '#core';
import { BillChainStatus, BillState, Encumbrance } from '../lifecycle/bill-lifecycle.js';

export { BillChainStatus };

/** A receivable: it exists once, has one holder, and moves only through the outbox on chain. */
@Entity('bills')
@Index('ix_bills_holder', ['holderOrgId', 'state'])
@Index('ix_bills_supplier', ['supplierOrgId'])
@Index('ix_bills_buyer', ['buyerOrgId'])
@Check('ck_bills_amount_positive', `"face_amount_minor" > 0`)
@Check('ck_bills_dates', `"due_date" >= "issue_date"`)
export class BillEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The creditor who issued the bill. */
  @Column('uuid')
  supplierOrgId: string;

  /** The obligor. */
  @Column('uuid')
  buyerOrgId: string;

  @Column('uuid')
  holderOrgId: string;

  @Column('text')
  invoiceNumber: string;

  @Column(moneyColumn)
  faceAmountMinor: bigint;

  @Column('text')
  currency: string;

  @Column('date')
  issueDate: string;

  @Column('date')
  dueDate: string;

  @Column('text')
  state: BillState;

  @Column('text', { default: Encumbrance.NONE })
  encumbrance: Encumbrance;

  /** Hash of the normalized receivable; unique here and on chain (no double financing). */
  @Column({ type: 'text', unique: true })
  fingerprint: string;

  @Column('uuid', { nullable: true })
  parentBillId: string | null;

  /** The anchored document (PDF or UBL XML) the bill was issued from. */
  @Column('uuid', { nullable: true })
  documentId: string | null;

  @Column('text', { nullable: true })
  documentSha256: string | null;

  @Column('text')
  chainStatus: BillChainStatus;

  /** uint256 token id on the BillRegistry (the bill id's 16 bytes). */
  @Column('numeric', { precision: 78, scale: 0, transformer: bigintTransformer })
  tokenId: bigint;

  @Column('text', { nullable: true })
  acceptanceSignature: string | null;

  @Column('timestamptz', { nullable: true })
  acceptedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  paidAt: Date | null;

  /** The business day the obligor paid (its payment's `paid_on`, set when the repayment confirms); null for older rows. */
  @Column('date', { nullable: true })
  paidOn: string | null;

  /** The business day the aging pass defaulted the bill; null unless DEFAULTED (or for older rows). */
  @Column('date', { nullable: true })
  defaultedOn: string | null;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  /**
   * An on-chain action in flight (issue, accept, transfer, split, finance, repay, cancel): the
   * database state moves when the outbox confirms it; meanwhile other actions are refused (409).
   */
  @Column('text', { nullable: true })
  pendingAction: string | null;

  @Column('uuid', { nullable: true })
  pendingJobId: string | null;

  /** Set when the bill was split: its children replace it. */
  @Column('timestamptz', { nullable: true })
  supersededAt: Date | null;

  /** The obligor pre-authorised payment on the due date. */
  @Column('boolean', { default: false })
  autoDebit: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
