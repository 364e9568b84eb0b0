import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { bigintTransformer } from '#core';
import type { DocumentKind } from './document-kind.js';

/**
 * A document an organization holds: metadata here, bytes in the content-addressed store under
 * `sha256`. One organization holds a given content once (a second upload returns the first).
 */
@Entity('documents')
@Unique('uq_documents_owner_sha256', ['ownerOrganizationId', 'sha256'])
@Index('ix_documents_owner_created', ['ownerOrganizationId', 'createdAt'])
@Check('ck_documents_kind', `"kind" IN ('INVOICE','UBL_INVOICE','KYC','POOL_TAPE','REPORT','CERTIFICATE','AUDIT_HEAD','OTHER')`)
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  ownerOrganizationId: string;

  @Column('text')
  kind: DocumentKind;

  /** The name it was uploaded under (display only: the content decides the type). */
  @Column('text')
  name: string;

  /** Sniffed from the bytes. */
  @Column('text')
  mediaType: string;

  @Column('bigint', { transformer: bigintTransformer })
  sizeBytes: bigint;

  /** The 32 bytes of the SHA-256 of the content. */
  @Column('bytea')
  sha256: Buffer;

  @Column('uuid', { nullable: true })
  uploadedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
