import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, organizationScope, pageOf, TALLY_CONFIG, type Page, type Principal, type TallyConfig } from '#core';
import { AnchoringService, LeafState, type AnchorReceipt, type LeafStatus } from '#anchoring';
import { renderCertificate } from './certificate/certificate.renderer.js';
import { DocumentKind } from './document-kind.js';
import { DocumentEntity } from './document.entity.js';
import { DocumentsErrorCode, DocumentsException } from './documents.errors.js';
import { receiveDocument, type ReceivedDocument } from './intake/document-intake.js';
import { extensionOf } from './intake/media-type.util.js';
import { DOCUMENT_STORE, type DocumentStore } from './store/document-store.js';

/** Where a document's hash is on its way to the chain, and where it landed. */
export interface DocumentAnchoring {
  state: LeafState;
  batchId: string | null;
  root: string | null;
  txHash: string | null;
  blockNumber: number | null;
  anchoredAt: string | null;
  chainId: number | null;
  contract: string | null;
}

/** A document as the API shows it. */
export interface DocumentView {
  id: string;
  ownerOrganizationId: string;
  kind: DocumentKind;
  name: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByUserId: string | null;
  createdAt: string;
  anchoring: DocumentAnchoring;
}

export interface DocumentListQuery {
  page: number;
  pageSize: number;
  kind?: DocumentKind;
  /** Exact content hash. */
  sha256?: string;
}

export interface DocumentFile {
  stream: Readable;
  mediaType: string;
  sizeBytes: number;
  /** A safe download name. */
  filename: string;
}

interface DocumentRow {
  id: string;
  owner_organization_id: string;
  kind: DocumentKind;
  name: string;
  media_type: string;
  size_bytes: string;
  sha256: Buffer;
  uploaded_by_user_id: string | null;
  created_at: Date;
}

const COLUMNS = `id, owner_organization_id, kind, name, media_type, size_bytes, sha256, uploaded_by_user_id, created_at`;

/**
 * Documents of organizations: uploads streamed into the content-addressed store, one row per
 * (organization, content), each content's hash queued for anchoring in the same transaction as
 * its row; receipts and PDF certificates once anchored. Every read is scoped by
 * `organizationScope`: another organization's document is "not found".
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    private readonly anchoring: AnchoringService,
    private readonly audit: AuditService,
    @Inject(TALLY_CONFIG) private readonly config: TallyConfig,
  ) {}

  /** Streams an upload into the store after checking size, emptiness and type (see receiveDocument). */
  receive(source: Readable): Promise<ReceivedDocument> {
    return receiveDocument(source, this.store, this.config.documents.maxBytes);
  }

  /**
   * Records a received document for the caller's organization and queues its hash for anchoring,
   * in one transaction. The same content uploaded again by the same organization returns the
   * first document (`created: false`).
   */
  async register(
    principal: Principal,
    received: ReceivedDocument,
    meta: { name?: string; kind?: DocumentKind; anchor?: boolean },
  ): Promise<{ document: DocumentView; created: boolean }> {
    const name = cleanName(meta.name) || `document.${extensionOf(received.mediaType)}`;
    const kind = meta.kind ?? DocumentKind.OTHER;
    const { row, created } = await this.dataSource.transaction(async (manager) => {
      const inserted: DocumentRow[] = await manager.query(
        `INSERT INTO documents (owner_organization_id, kind, name, media_type, size_bytes, sha256, uploaded_by_user_id)
         VALUES ($1, $2, $3, $4, $5, decode($6, 'hex'), $7)
         ON CONFLICT (owner_organization_id, sha256) DO NOTHING RETURNING ${COLUMNS}`,
        [principal.organizationId, kind, name, received.mediaType, received.sizeBytes, received.sha256.slice(2), principal.userId],
      );
      if (!inserted[0]) {
        const [existing] = (await manager.query(
          `SELECT ${COLUMNS} FROM documents WHERE owner_organization_id = $1 AND sha256 = decode($2, 'hex')`,
          [principal.organizationId, received.sha256.slice(2)],
        )) as DocumentRow[];
        return { row: existing!, created: false };
      }
      const doc = inserted[0];
      // deferred for an organization not yet KYC-approved (see anchorPendingOf): no operator gas before approval
      if (meta.anchor !== false) await this.anchoring.anchorArtifact(manager, { kind: 'DOCUMENT', sha256: received.sha256, reference: `document:${doc.id}` });
      await this.audit.append(manager, {
        actor: principal,
        organizationId: principal.organizationId,
        action: 'document.uploaded',
        entity: 'document',
        entityId: doc.id,
        payload: { sha256: received.sha256, kind, name, mediaType: received.mediaType, sizeBytes: received.sizeBytes },
      });
      return { row: doc, created: true };
    });
    return { document: (await this.withAnchoring([row]))[0]!, created };
  }

  /** `receive` then `register` (for callers that hold a stream, e.g. other libs and tests). */
  async upload(
    principal: Principal,
    source: Readable,
    meta: { name?: string; kind?: DocumentKind; anchor?: boolean },
  ): Promise<{ document: DocumentView; created: boolean }> {
    return this.register(principal, await this.receive(source), meta);
  }

  /** Queues for anchoring every document of the organization whose anchoring was deferred (at KYC approval). */
  async anchorPendingOf(manager: EntityManager, organizationId: string): Promise<number> {
    const rows: { id: string; sha256: string }[] = await manager.query(
      `SELECT d.id, encode(d.sha256, 'hex') AS sha256 FROM documents d WHERE d.owner_organization_id = $1`,
      [organizationId],
    );
    // anchoring keeps one leaf per hash: a document already anchored is not queued again
    let queued = 0;
    for (const r of rows) {
      if ((await this.anchoring.anchorArtifact(manager, { kind: 'DOCUMENT', sha256: `0x${r.sha256}`, reference: `document:${r.id}` })).created) queued++;
    }
    return queued;
  }

  /** Whether the document exists and belongs to the organization (no access check: the caller names its own organization). */
  async isOwnedBy(documentId: string, organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(DocumentEntity, { id: documentId, ownerOrganizationId: organizationId });
  }

  async list(principal: Principal, q: DocumentListQuery): Promise<Page<DocumentView>> {
    const scope = organizationScope(principal);
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope) {
      params.push(scope);
      where.push(`owner_organization_id = ANY($${params.length}::uuid[])`);
    }
    if (q.kind) {
      params.push(q.kind);
      where.push(`kind = $${params.length}`);
    }
    if (q.sha256) {
      params.push(q.sha256.replace(/^0x/, '').toLowerCase());
      where.push(`sha256 = decode($${params.length}, 'hex')`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const rows: (DocumentRow & { total: string })[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM documents ${filter} ORDER BY created_at DESC, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (rows.length === 0 && q.page > 1) {
      const [c] = (await this.dataSource.query(`SELECT count(*) AS n FROM documents ${filter}`, params.slice(0, -2))) as { n: string }[];
      total = Number(c!.n);
    }
    return pageOf(await this.withAnchoring(rows), total, q);
  }

  async get(principal: Principal, id: string): Promise<DocumentView> {
    return (await this.withAnchoring([await this.findVisible(principal, id)]))[0]!;
  }

  /** The self-contained proof file of an anchored document. */
  async receipt(principal: Principal, id: string): Promise<{ receipt: AnchorReceipt; filename: string }> {
    const row = await this.findVisible(principal, id);
    return { receipt: await this.receiptOf(row), filename: `${baseName(row.name)}.receipt.json` };
  }

  /** The PDF certificate of an anchored document (same inputs, same bytes). */
  async certificate(principal: Principal, id: string): Promise<{ pdf: Buffer; filename: string }> {
    const row = await this.findVisible(principal, id);
    const receipt = await this.receiptOf(row);
    const pdf = await renderCertificate({
      document: { name: row.name, kind: row.kind, mediaType: row.media_type, sizeBytes: Number(row.size_bytes) },
      receipt,
      verifyUrl: `${this.config.publicUrl}/#/verify?sha256=${receipt.documentHash}`,
    });
    return { pdf, filename: `${baseName(row.name)}.certificate.pdf` };
  }

  /** The document's bytes. */
  async content(principal: Principal, id: string): Promise<DocumentFile> {
    const row = await this.findVisible(principal, id);
    const sha256 = `0x${row.sha256.toString('hex')}`;
    const stream = await this.store.open(sha256);
    if (!stream)
      throw new DocumentsException(
        DocumentsErrorCode.DOCUMENT_CONTENT_UNAVAILABLE,
        `The content of document ${id} is not in the document store`,
      );
    return { stream, mediaType: row.media_type, sizeBytes: Number(row.size_bytes), filename: safeFilename(row.name, row.media_type) };
  }

  /** Access first: a document the caller's organizations may not read does not exist for them. */
  private async findVisible(principal: Principal, id: string): Promise<DocumentRow> {
    const scope = organizationScope(principal);
    const [row] = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM documents WHERE id = $1 ${scope ? 'AND owner_organization_id = ANY($2::uuid[])' : ''}`,
      scope ? [id, scope] : [id],
    )) as DocumentRow[];
    if (!row) throw new DocumentsException(DocumentsErrorCode.DOCUMENT_NOT_FOUND, `Document ${id} not found`);
    return row;
  }

  private async receiptOf(row: DocumentRow): Promise<AnchorReceipt> {
    const sha256 = `0x${row.sha256.toString('hex')}`;
    const receipt = (await this.anchoring.receiptsOf([sha256])).get(sha256);
    if (!receipt) {
      const state = (await this.anchoring.statusOf([sha256])).get(sha256)?.state ?? LeafState.PENDING;
      throw new DocumentsException(
        DocumentsErrorCode.DOCUMENT_NOT_ANCHORED,
        `Document ${row.id} is not anchored yet (${state.toLowerCase()}): its receipt and certificate exist once its batch is confirmed on chain`,
        { state },
      );
    }
    return receipt;
  }

  private async withAnchoring(rows: DocumentRow[]): Promise<DocumentView[]> {
    const statuses = await this.anchoring.statusOf(rows.map((r) => `0x${r.sha256.toString('hex')}`));
    return rows.map((r) => {
      const sha256 = `0x${r.sha256.toString('hex')}`;
      return {
        id: r.id,
        ownerOrganizationId: r.owner_organization_id,
        kind: r.kind,
        name: r.name,
        mediaType: r.media_type,
        sizeBytes: Number(r.size_bytes),
        sha256,
        uploadedByUserId: r.uploaded_by_user_id,
        createdAt: r.created_at.toISOString(),
        anchoring: anchoringOf(statuses.get(sha256)),
      };
    });
  }
}

function anchoringOf(s: LeafStatus | undefined): DocumentAnchoring {
  const b = s?.batch;
  const anchored = s?.state === LeafState.ANCHORED;
  return {
    state: s?.state ?? LeafState.PENDING,
    batchId: b?.id ?? null,
    root: b?.root ?? null,
    txHash: anchored ? b!.txHash : null,
    blockNumber: anchored ? b!.blockNumber : null,
    anchoredAt: anchored ? (b!.blockTimestamp?.toISOString() ?? null) : null,
    chainId: b?.chainId ?? null,
    contract: anchored ? b!.contractAddress : null,
  };
}

/** A display name: no path, no control characters, at most 255 characters. */
function cleanName(name: string | undefined): string {
  return (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/\p{Cc}/gu, '') // control characters
    .trim()
    .slice(0, 255);
}

function baseName(name: string): string {
  return safeFilename(name.replace(/\.[A-Za-z0-9]{1,5}$/, ''), '') || 'document';
}

/** ASCII letters, digits, dot, dash, underscore (for Content-Disposition), with the type's extension. */
function safeFilename(name: string, mediaType: string): string {
  const ext = mediaType ? `.${extensionOf(mediaType)}` : '';
  const stem = name
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120);
  return `${stem || 'document'}${ext}`;
}
