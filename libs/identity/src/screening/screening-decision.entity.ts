import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A KYC officer's false-positive decision on one hit of one run (append-only). */
@Entity('screening_decisions')
@Unique('uq_screening_decisions_hit', ['screeningRunId', 'hitId'])
export class ScreeningDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  screeningRunId: string;

  @Column('uuid')
  organizationId: string;

  @Column('text')
  hitId: string;

  @Column('text')
  decision: 'FALSE_POSITIVE';

  @Column('text')
  reason: string;

  @Column('uuid')
  decidedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
