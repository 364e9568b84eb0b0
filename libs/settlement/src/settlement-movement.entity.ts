import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { moneyColumn } from '#core';

export enum MovementKind {
  DEPOSIT = 'DEPOSIT',
  WITHDRAWAL = 'WITHDRAWAL',
}

export enum MovementState {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  FAILED = 'FAILED',
}

/**
 * A fiat deposit recorded by the settlement agent (tokens minted against it), or a withdrawal
 * (tokens burned). The bank reference is unique: the same deposit is never minted twice.
 */
@Entity('settlement_movements')
@Index('ix_settlement_movements_org', ['organizationId', 'createdAt'])
@Check('ck_settlement_movements_amount', `"amount_minor" > 0`)
export class SettlementMovementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: MovementKind;

  @Column('uuid')
  organizationId: string;

  @Column('text')
  wallet: string;

  @Column(moneyColumn)
  amountMinor: bigint;

  @Column('text')
  currency: string;

  /** The bank's reference of the fiat movement. */
  @Column({ type: 'text', unique: true })
  reference: string;

  @Column('text')
  state: MovementState;

  @Column('uuid', { nullable: true })
  chainJobId: string | null;

  @Column('text', { nullable: true })
  failureReason: string | null;

  @Column('uuid')
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
