import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintTransformer, moneyColumn } from '#core';

/** A deal's closing; the moves between these states are `CLOSING_TRANSITIONS` (closing-plan.util.ts). */
export enum ClosingState {
  /** Recorded; contracts being deployed and set up, bills being sold to the vault. */
  REQUESTED = 'REQUESTED',
  /** Every true-sale batch confirmed: the vault holds the pool's bills. */
  ASSETS_SOLD = 'ASSETS_SOLD',
  /** Every investor's DvP confirmed: notes in the investors' wallets, cash in the vault. */
  NOTES_ISSUED = 'NOTES_ISSUED',
  /** The originator was paid the purchase price minus the reserve funding. */
  CLOSED = 'CLOSED',
  /** A step's chain job failed (its reason is kept); no later step is sent. */
  FAILED = 'FAILED',
}

export enum ClosingStepState {
  /** Waiting for the steps it depends on. */
  PLANNED = 'PLANNED',
  /** Its outbox job exists. */
  ENQUEUED = 'ENQUEUED',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

/** One closing per deal (unique): the request, the contracts it deployed, the money it moves. */
@Entity('deal_closings')
@Index('uq_deal_closings_deal', ['dealId'], { unique: true })
export class DealClosingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  dealId: string;

  @Column('uuid')
  poolId: string;

  @Column('uuid')
  originatorOrgId: string;

  @Column('uuid')
  requestedByUserId: string;

  @Column('text')
  state: ClosingState;

  @Column('text', { nullable: true })
  failureReason: string | null;

  @Column('text')
  currency: string;

  /** What the investors pay in total (the notes at par). */
  @Column(moneyColumn)
  purchasePriceMinor: bigint;

  /** Kept in the vault at closing: the deal's reserve target. */
  @Column(moneyColumn)
  reserveMinor: bigint;

  /** Paid to the originator: purchase price minus reserve. */
  @Column(moneyColumn)
  proceedsMinor: bigint;

  @Column('text')
  originatorWallet: string;

  @Column('text', { nullable: true })
  vaultAddress: string | null;

  @Column('text', { nullable: true })
  dvpAddress: string | null;

  /** Tranche class → TrancheToken address, filled as the deployments confirm. */
  @Column('jsonb')
  trancheTokens: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** One on-chain step of a closing: one outbox job, sent once the steps it depends on are DONE. */
@Entity('deal_closing_steps')
@Index('uq_deal_closing_steps_key', ['closingId', 'key'], { unique: true })
export class ClosingStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  closingId: string;

  /** e.g. `deploy-vault`, `true-sale:0`, `dvp:<orderId>`, `proceeds`. */
  @Column('text')
  key: string;

  /** The outbox job kind. */
  @Column('text')
  kind: string;

  @Column('text', { array: true })
  dependsOn: string[];

  /** What the step does (closing-plan.util.ts `StepSpec`). */
  @Column('jsonb')
  spec: Record<string, unknown>;

  @Column('text')
  state: ClosingStepState;

  @Column('uuid', { nullable: true })
  jobId: string | null;

  @Column('text', { nullable: true })
  txHash: string | null;

  @Column('numeric', { precision: 78, scale: 0, nullable: true, transformer: bigintTransformer })
  gasUsed: bigint | null;

  /** Bills the step moves (true-sale batches), else 0. */
  @Column('integer', { default: 0 })
  billCount: number;

  @Column('text', { nullable: true })
  failureReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
