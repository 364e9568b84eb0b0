import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One hash to anchor: a document's SHA-256, an internal artifact's (the audit log head, a pool
 * tape) or one submitted through the bulk endpoint. A hash is anchored once, whoever submits it
 * again: the first anchoring is the strongest proof of existence. Committed in the same
 * transaction as what it proves (the document row, the audit entry); a sealer later assigns it
 * to a batch (`batchId`, `leafIndex` = its position among the batch's sorted leaves).
 */
@Entity('anchor_leaves')
@Index('ix_anchor_leaves_pending', ['id'], { where: '"batch_id" IS NULL' })
@Index('ix_anchor_leaves_batch', ['batchId', 'leafIndex'], { where: '"batch_id" IS NOT NULL' })
@Index('ix_anchor_leaves_reference', ['reference'], { where: '"reference" IS NOT NULL' })
@Check('ck_anchor_leaves_batched', `("batch_id" IS NULL) = ("leaf_index" IS NULL)`)
export class AnchorLeafEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** The 32 bytes of the SHA-256. */
  @Column({ type: 'bytea', unique: true })
  sha256: Buffer;

  /** What the hash is of: DOCUMENT, HASH (bulk endpoint), AUDIT_HEAD, POOL_TAPE, ... */
  @Column('text')
  kind: string;

  /** The submitter's reference (e.g. `document:<uuid>`, an audit sequence number). */
  @Column('text', { nullable: true })
  reference: string | null;

  /**
   * The batch (`anchor_batches.id`). No foreign key on purpose: sealing sets it on thousands of
   * rows at once and the per-row referential check doubled the cost of a seal; the sealer inserts
   * the batch before it points leaves at it, and batches are never deleted.
   */
  @Column('uuid', { nullable: true })
  batchId: string | null;

  @Column('integer', { nullable: true })
  leafIndex: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
