import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { moneyColumn } from '#core';

/**
 * PROPOSED (servicer) → APPROVED (trustee; payout jobs enqueued in the same transaction)
 * → DISTRIBUTING (a first payout confirmed on chain) → DISTRIBUTED (every payout confirmed);
 * PROPOSED → REJECTED (trustee). A rejected period may be proposed again.
 */
export enum PeriodRunState {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  DISTRIBUTING = 'DISTRIBUTING',
  DISTRIBUTED = 'DISTRIBUTED',
  REJECTED = 'REJECTED',
}

/** One servicing period of a deal: its collections, the engine's result and the maker-checker decision. */
@Entity('servicing_period_runs')
@Index('uq_servicing_period_runs_deal_period', ['dealId', 'period'], { unique: true, where: `"state" <> 'REJECTED'` })
@Index('ix_servicing_period_runs_deal', ['dealId', 'createdAt'])
export class PeriodRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  dealId: string;

  /** 1-based period number of the deal's distribution schedule. */
  @Column('integer')
  period: number;

  @Column('text')
  currency: string;

  /** ISO date: the distribution date the engine ran this period on. */
  @Column('text')
  distributionDate: string;

  /** ISO date: holders' balances are taken as of this date. */
  @Column('text')
  recordDate: string;

  @Column('text')
  state: PeriodRunState;

  /** SHA-256 of the deal's structure (canonical JSON): every period of a deal runs the same one. */
  @Column('text')
  dealHash: string;

  /** SHA-256 of the canonical proposal: the same proposal twice is the same run. */
  @Column('text')
  inputHash: string;

  /** The proposal as given (deal case, this period's collection rows, holders, vault). */
  @Column('jsonb')
  input: Record<string, unknown>;

  /** The engine's period, trigger status, factors and the distribution per holder. */
  @Column('jsonb')
  result: Record<string, unknown>;

  @Column(moneyColumn)
  totalDistributedMinor: bigint;

  /** The deal's SPV vault that pays out. */
  @Column('text')
  vaultAddress: string;

  @Column('uuid')
  proposedByUserId: string;

  @Column('uuid')
  proposedByOrgId: string;

  @Column('uuid', { nullable: true })
  decidedByUserId: string | null;

  @Column('uuid', { nullable: true })
  decidedByOrgId: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('text', { nullable: true })
  rejectReason: string | null;

  /** SHA-256 of the published investor report CSV (set at its publication; the hash queued for anchoring). */
  @Column('text', { nullable: true })
  reportCsvSha256: string | null;

  /** SHA-256 of the published investor report PDF (with the CSV's receipt on it), in the document store. */
  @Column('text', { nullable: true })
  reportPdfSha256: string | null;

  /** The REPORT document the PDF was registered as (owned by the publishing organization). */
  @Column('uuid', { nullable: true })
  reportPdfDocumentId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

export enum PayoutState {
  PENDING = 'PENDING',
  PAID = 'PAID',
  FAILED = 'FAILED',
}

/** One holder's payment of one tranche in one period: one `SpvVault.payOut` through the outbox. */
@Entity('servicing_payouts')
@Index('uq_servicing_payouts_holder', ['runId', 'tranche', 'holder'], { unique: true })
@Index('uq_servicing_payouts_payment_id', ['paymentId'], { unique: true })
export class PayoutEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  runId: string;

  @Column('text')
  tranche: string;

  /** The holder's wallet (checksummed address). */
  @Column('text')
  holder: string;

  @Column(moneyColumn)
  interestMinor: bigint;

  @Column(moneyColumn)
  principalMinor: bigint;

  @Column(moneyColumn)
  amountMinor: bigint;

  /** bytes32 payment id of `SpvVault.payOut` (paid once per id on chain). */
  @Column('text')
  paymentId: string;

  @Column('uuid', { nullable: true })
  chainJobId: string | null;

  @Column('text')
  state: PayoutState;

  @Column('text', { nullable: true })
  txHash: string | null;

  @Column('text', { nullable: true })
  failureReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
