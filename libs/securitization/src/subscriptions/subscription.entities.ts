import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { moneyColumn } from '#core';

export enum OfferingState {
  /** Orders are taken until `closesAt` or the allocation, whichever comes first. */
  OPEN = 'OPEN',
  /** Allocated (pro rata when oversubscribed): no more orders. */
  ALLOCATED = 'ALLOCATED',
}

/** A tranche's subscription window. Its row is the lock between orders and the allocation. */
@Entity('tranche_offerings')
@Index('uq_tranche_offerings_class', ['dealId', 'className'], { unique: true })
export class TrancheOfferingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  dealId: string;

  @Column('text')
  className: string;

  @Column(moneyColumn)
  sizeMinor: bigint;

  @Column(moneyColumn)
  denominationMinor: bigint;

  @Column('text')
  currency: string;

  @Column('timestamptz')
  closesAt: Date;

  @Column('text')
  state: OfferingState;

  @Column('timestamptz', { nullable: true })
  allocatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  version: number;
}

/** One investor's order for one tranche (one per investor and tranche). */
@Entity('subscription_orders')
@Index('uq_subscription_orders_investor', ['offeringId', 'investorOrgId'], { unique: true })
export class SubscriptionOrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  offeringId: string;

  @Column('uuid')
  investorOrgId: string;

  @Column(moneyColumn)
  amountMinor: bigint;

  /** Set by the allocation. */
  @Column({ ...moneyColumn, nullable: true })
  allocatedMinor: bigint | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
