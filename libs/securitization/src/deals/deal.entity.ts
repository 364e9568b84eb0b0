import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum DealState {
  /** Structured on a locked pool; subscriptions and closing come next. */
  STRUCTURED = 'STRUCTURED',
}

/**
 * A deal on one locked pool: the arranger's terms as given (money as decimal strings), and the
 * same deal in the waterfall engine's format (`structure`, `engineDates`, `dealStatusAtStart` of
 * `tally-waterfall-case/1`), which the engine runs as stored.
 */
@Entity('deals')
@Index('uq_deals_pool', ['poolId'], { unique: true })
export class DealEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  poolId: string;

  @Column('uuid')
  arrangerOrgId: string;

  @Column('text')
  name: string;

  @Column('text')
  currency: string;

  @Column('text')
  state: DealState;

  @Column('jsonb')
  terms: Record<string, unknown>;

  @Column('jsonb')
  structure: Record<string, unknown>;

  @Column('jsonb')
  engineDates: Record<string, unknown>;

  @Column('jsonb')
  dealStatusAtStart: Record<string, unknown>;

  @Column('jsonb')
  creditEnhancement: Record<string, unknown>[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
