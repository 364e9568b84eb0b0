import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../money/bigint.transformer.js';

/**
 * One row per state change, chained by SHA-256: `hash = sha256(canonical row without hash)`
 * includes `prevHash`, so changing or removing any row breaks every hash after it. The table is
 * append-only: a trigger refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity('audit_log')
@Index('ix_audit_log_entity', ['entity', 'entityId'])
@Index('ix_audit_log_organization', ['organizationId', 'seq'])
export class AuditEntryEntity {
  /** Position in the chain (1, 2, 3, ...), assigned under an advisory lock. */
  @PrimaryColumn('bigint', { transformer: bigintTransformer })
  seq: bigint;

  @Column('timestamptz')
  at: Date;

  /** User id, or null for the system (scheduled jobs, chain confirmations, seed). */
  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('text')
  actorLabel: string;

  @Column('uuid', { nullable: true })
  organizationId: string | null;

  @Column('text')
  action: string;

  @Column('text')
  entity: string;

  @Column('text')
  entityId: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('text')
  prevHash: string;

  @Column({ type: 'text', unique: true })
  hash: string;
}
