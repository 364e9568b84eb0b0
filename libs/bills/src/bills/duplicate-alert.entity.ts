import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A refused second registration of an existing receivable: visible to platform admins. */
@Entity('bill_duplicate_alerts')
export class DuplicateAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  fingerprint: string;

  @Column('uuid')
  existingBillId: string;

  @Column('uuid')
  attemptedByOrgId: string;

  @Column('uuid', { nullable: true })
  attemptedByUserId: string | null;

  @Column('text', { nullable: true })
  documentSha256: string | null;

  @Column('text')
  source: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
