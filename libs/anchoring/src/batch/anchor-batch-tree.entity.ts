import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AnchorBatchEntity } from './anchor-batch.entity.js';

/**
 * The whole tree of a batch (OpenZeppelin's array layout, 32 bytes per node), kept apart from
 * `anchor_batches` so that listing batches never reads it. Stored uncompressed (the hashes do not
 * compress), so that a proof reads its ~log2(n) nodes with `substring` without loading the rest.
 */
@Entity('anchor_batch_trees')
export class AnchorBatchTreeEntity {
  @PrimaryColumn('uuid')
  batchId: string;

  @OneToOne(() => AnchorBatchEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_anchor_batch_trees_batch' })
  batch?: Relation<AnchorBatchEntity>;

  @Column('bytea')
  nodes: Buffer;
}
