import { JoinColumn, ManyToOne, type Relation, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';

export interface ScreeningHit {
  /** Stable within the run: `<list>:<entry line>:<matched name>` */
  hitId: string;
  queryName: string;
  matchedName: string;
  listName: string;
  country: string | null;
  score: number;
}

/** One screening of an organization's names against the sanctions list (append-only history). */
@Entity('screening_runs')
@Index('ix_screening_runs_org', ['organizationId', 'createdAt'])
export class ScreeningRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_screening_runs_organization' })
  organization?: Relation<OrganizationEntity>;

  /** SHA-256 of the list file that was used. */
  @Column('text')
  listSha256: string;

  @Column('double precision')
  threshold: number;

  @Column('text', { array: true })
  names: string[];

  @Column('jsonb')
  hits: ScreeningHit[];

  @Column('uuid', { nullable: true })
  runBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
