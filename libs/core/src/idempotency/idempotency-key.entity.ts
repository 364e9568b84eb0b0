import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** The first answer to a mutating request, replayed for every retry with the same key. */
@Entity('idempotency_keys')
@Unique('uq_idempotency_keys_scope_key', ['scope', 'key'])
export class IdempotencyKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Caller and route: `<userId> <METHOD> <route>`. */
  @Column('text')
  scope: string;

  @Column('text')
  key: string;

  /** SHA-256 of the request (params, query, body): one key may not be reused for another request. */
  @Column('text')
  requestHash: string;

  /**
   * IN_PROGRESS: an attempt runs under a lease; COMMITTED: its business transaction committed with
   * the answer stored, the final record not yet written (a crash in between); DONE: final answer.
   */
  @Column('text')
  state: 'IN_PROGRESS' | 'COMMITTED' | 'DONE';

  /** Until then the attempt owns the key; after it, a retry takes the key over. */
  @Column('timestamptz', { default: () => 'now()' })
  leaseExpiresAt: Date;

  /** Attempts that took the key (1 + lease takeovers). */
  @Column('integer', { default: 1 })
  attempt: number;

  @Column('integer', { nullable: true })
  responseStatus: number | null;

  @Column('jsonb', { nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
