import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The bill's lifecycle timeline (append-only): who did what, when, with which transaction. */
@Entity('bill_events')
@Index('ix_bill_events_bill', ['billId', 'createdAt'])
export class BillEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  billId: string;

  @Column('text')
  action: string;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('uuid', { nullable: true })
  actorOrgId: string | null;

  @Column('uuid', { nullable: true })
  chainJobId: string | null;

  @Column('text', { nullable: true })
  txHash: string | null;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
