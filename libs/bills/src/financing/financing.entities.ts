import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { moneyColumn } from '#core';
import { FinancingRequestState, FinancingState, OfferState } from '../lifecycle/financing-lifecycle.js';

export { FinancingRequestState, FinancingState, OfferState };

/** The holder asks financiers to finance a bill. */
@Entity('financing_requests')
@Index('ix_financing_requests_bill', ['billId'])
export class FinancingRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  billId: string;

  @Column('uuid')
  requestedByOrgId: string;

  @Column('text')
  state: FinancingRequestState;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** A financier's terms, with the quote computed at offer time (exact integers). */
@Entity('financing_offers')
@Index('ix_financing_offers_request', ['requestId'])
@Check('ck_financing_offers_rates', `"advance_rate_bps" BETWEEN 1 AND 10000 AND "annual_discount_rate_bps" BETWEEN 0 AND 100000`)
export class FinancingOfferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

  @Column('uuid')
  billId: string;

  @Column('uuid')
  financierOrgId: string;

  @Column('integer')
  advanceRateBps: number;

  @Column('integer')
  annualDiscountRateBps: number;

  @Column(moneyColumn)
  feesMinor: bigint;

  @Column('text')
  dayCount: 'ACT/360' | 'ACT/365';

  @Column('date')
  valueDate: string;

  @Column('integer')
  tenorDays: number;

  @Column(moneyColumn)
  advanceAmountMinor: bigint;

  @Column(moneyColumn)
  discountMinor: bigint;

  /** What the seller receives on chain at settlement. */
  @Column(moneyColumn)
  netProceedsMinor: bigint;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('text')
  state: OfferState;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** An accepted offer being (or having been) settled by DvP. At most one live per bill. */
@Entity('financings')
@Index('uq_financings_live_per_bill', ['billId'], { unique: true, where: `"state" IN ('SETTLING', 'SETTLED')` })
export class FinancingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  billId: string;

  @Column('uuid')
  offerId: string;

  @Column('uuid')
  sellerOrgId: string;

  @Column('uuid')
  financierOrgId: string;

  @Column(moneyColumn)
  priceMinor: bigint;

  @Column('text')
  currency: string;

  @Column('text')
  state: FinancingState;

  @Column('uuid', { nullable: true })
  chainJobId: string | null;

  @Column('text', { nullable: true })
  failureReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** The obligor's payment of a bill at maturity (DvP repayment). At most one live per bill. */
@Entity('bill_payments')
@Index('uq_bill_payments_live_per_bill', ['billId'], { unique: true, where: `"state" IN ('SETTLING', 'SETTLED')` })
export class BillPaymentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  billId: string;

  @Column('uuid')
  obligorOrgId: string;

  @Column('uuid')
  payeeOrgId: string;

  @Column(moneyColumn)
  amountMinor: bigint;

  @Column('text')
  state: FinancingState;

  @Column('boolean', { default: false })
  autoDebit: boolean;

  /** The business day of the payment (BusinessDate at the request), the bill's `paid_on` once confirmed. */
  @Column('date')
  paidOn: string;

  @Column('uuid', { nullable: true })
  chainJobId: string | null;

  @Column('text', { nullable: true })
  failureReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
