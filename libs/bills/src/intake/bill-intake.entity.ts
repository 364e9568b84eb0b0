import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type BillIntakeState = 'RUNNING' | 'DONE';

/** One bulk intake request (and its retries with the same idempotency key): the file's rows are its `bill_intake_rows`. */
@Entity('bill_intakes')
@Index('uq_bill_intakes_key', ['organizationId', 'idempotencyKey'], { unique: true })
export class BillIntakeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  userId: string;

  /** The client's key (a fresh uuid when none was given): a retry with it resumes the intake. */
  @Column('text')
  idempotencyKey: string;

  @Column('text')
  format: string;

  @Column('text')
  state: BillIntakeState;

  /** Rows seen by the last request that read the file to its end. */
  @Column('integer', { default: 0 })
  rowCount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The result of one row of an intake: the bill it became, or why not. Written with the bill, in the same transaction. */
@Entity('bill_intake_rows')
export class BillIntakeRowEntity {
  @PrimaryColumn('uuid')
  intakeId: string;

  /** 1-based, counting the file's non-empty data lines (a CSV header is not a row). */
  @PrimaryColumn('integer')
  row: number;

  @Column('boolean')
  ok: boolean;

  @Column('uuid', { nullable: true })
  billId: string | null;

  @Column('text', { nullable: true })
  errorCode: string | null;

  @Column('text', { nullable: true })
  errorMessage: string | null;
}
