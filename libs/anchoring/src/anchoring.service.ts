import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pageOf, type Page } from '#core';
import { CHAIN_CONTEXT, type ChainContext } from '#chain';
import { AnchoringErrorCode, AnchoringException } from './anchoring.errors.js';
import { BULK_HASHES_MAX } from './anchoring.options.js';
import { AnchorBatchStatus } from './batch/anchor-batch.entity.js';
import { AnchorSealerService } from './batch/anchor-sealer.service.js';
import { LeafState, type LeafStatus } from './leaf/leaf-status.js';
import { normalizeSha256 } from './leaf/sha256.util.js';
import { leafHash } from './merkle/merkle-proof.js';
import { MerkleTree, proofNodeIndexes } from './merkle/merkle-tree.js';
import { canonicalReceipt, RECEIPT_FORMAT, type AnchorReceipt } from './receipt/anchor-receipt.js';

/** An internal artifact to anchor (the audit log head, a pool tape, a report). */
export interface ArtifactToAnchor {
  /** Upper-case identifier: AUDIT_HEAD, POOL_TAPE, REPORT, ... */
  kind: string;
  /** SHA-256 of the artifact, 0x-prefixed or bare hex. */
  sha256: string;
  /** The caller's reference to find it again (e.g. the audit sequence number). */
  reference?: string | null;
}

export interface AnchoredArtifact {
  sha256: string;
  leafId: string;
  /** False when the hash was already submitted (by anyone): it is anchored once. */
  created: boolean;
}

export interface BulkHashResult {
  index: number;
  ok: boolean;
  sha256?: string;
  state?: LeafState;
  /** False when the hash had been submitted before. */
  created?: boolean;
  error?: { code: string; message: string };
}

/** A batch as the API shows it (the tree stays in the database). */
export interface AnchorBatchView {
  id: string;
  chainBatchId: string;
  root: string;
  leafCount: number;
  status: AnchorBatchStatus;
  chainId: number;
  chainJobId: string;
  contractAddress: string | null;
  txHash: string | null;
  blockNumber: number | null;
  blockTimestamp: Date | null;
  failureReason: string | null;
  sealedAt: Date;
  confirmedAt: Date | null;
  /** Blocks on top of the anchoring one, counting it (null while unanchored or when the chain is unreachable). */
  confirmations: number | null;
}

export interface BatchPageQuery {
  page: number;
  pageSize: number;
  status?: AnchorBatchStatus;
}

interface StatusRow {
  h: string;
  kind: string;
  created_at: Date;
  leaf_index: number | null;
  batch_id: string | null;
  chain_batch_id: string | null;
  root: string | null;
  leaf_count: number | null;
  status: AnchorBatchStatus | null;
  sealed_at: Date | null;
  tx_hash: string | null;
  block_number: string | null;
  block_timestamp: Date | null;
  contract_address: string | null;
  chain_id: number | null;
}

const KIND = /^[A-Z][A-Z0-9_]{0,39}$/;
const TREE_CACHE_BYTES = 64 * 1_048_576;

/**
 * Hashes in, receipts out. Other libs anchor their artifacts with `anchorArtifact` inside their
 * own transaction; systems send precomputed hashes in bulk; the sealer (see AnchorSealer) batches
 * them and the outbox puts each batch's root on chain. Receipts are built from the stored tree.
 */
@Injectable()
export class AnchoringService {
  private readonly trees = new Map<string, MerkleTree>();
  private treeBytes = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sealer: AnchorSealerService,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
  ) {}

  /**
   * Queues an artifact's hash for anchoring inside the caller's transaction (it becomes a leaf
   * only if the caller commits). A hash already submitted is not queued again.
   */
  async anchorArtifact(manager: EntityManager, artifact: ArtifactToAnchor): Promise<AnchoredArtifact> {
    const sha256 = normalizeSha256(artifact.sha256);
    if (!sha256)
      throw new AnchoringException(AnchoringErrorCode.HASH_MALFORMED, `"${String(artifact.sha256)}" is not a SHA-256 (64 hex digits)`);
    if (!KIND.test(artifact.kind)) {
      throw new AnchoringException(
        AnchoringErrorCode.ARTIFACT_KIND_INVALID,
        `Artifact kind "${artifact.kind}" must be an upper-case identifier (e.g. AUDIT_HEAD)`,
      );
    }
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO anchor_leaves (sha256, kind, reference) VALUES (decode($1, 'hex'), $2, $3) ON CONFLICT (sha256) DO NOTHING RETURNING id`,
      [sha256.slice(2), artifact.kind, artifact.reference ?? null],
    );
    if (inserted[0]) return { sha256, leafId: String(inserted[0].id), created: true };
    const [existing] = (await manager.query(`SELECT id FROM anchor_leaves WHERE sha256 = decode($1, 'hex')`, [sha256.slice(2)])) as {
      id: string;
    }[];
    return { sha256, leafId: String(existing!.id), created: false };
  }

  /** Whether an artifact with this reference was ever queued (e.g. `audit:<seq>`); indexed. */
  async hasReference(reference: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM anchor_leaves WHERE reference = $1 LIMIT 1`, [reference]);
    return rows.length > 0;
  }

  /**
   * Up to BULK_HASHES_MAX precomputed SHA-256 hashes in one transaction, answered per item: a
   * malformed item fails alone, the others are queued (or reported as already submitted).
   */
  async submitHashes(values: readonly unknown[], kind = 'HASH'): Promise<BulkHashResult[]> {
    if (values.length > BULK_HASHES_MAX) {
      throw new AnchoringException(
        AnchoringErrorCode.TOO_MANY_HASHES,
        `At most ${BULK_HASHES_MAX} hashes per request (got ${values.length})`,
      );
    }
    const results: BulkHashResult[] = new Array(values.length);
    const wanted = new Set<string>();
    for (let index = 0; index < values.length; index++) {
      const sha256 = normalizeSha256(values[index]);
      if (!sha256) {
        results[index] = {
          index,
          ok: false,
          error: { code: AnchoringErrorCode.HASH_MALFORMED, message: 'not a SHA-256: expected 64 hex digits, optionally 0x-prefixed' },
        };
      } else {
        results[index] = { index, ok: true, sha256 };
        wanted.add(sha256.slice(2));
      }
    }
    const hexes = [...wanted];
    const created = new Set<string>();
    const states = new Map<string, LeafState>();
    if (hexes.length) {
      await this.dataSource.transaction(async (m) => {
        const rows: { h: string }[] = await m.query(
          `INSERT INTO anchor_leaves (sha256, kind) SELECT decode(h, 'hex'), $2 FROM unnest($1::text[]) AS t(h)
           ON CONFLICT (sha256) DO NOTHING RETURNING encode(sha256, 'hex') AS h`,
          [hexes, kind],
        );
        for (const r of rows) created.add(r.h);
        const existing = hexes.filter((h) => !created.has(h));
        if (existing.length) {
          const found: { h: string; status: AnchorBatchStatus | null }[] = await m.query(
            `SELECT encode(l.sha256, 'hex') AS h, b.status FROM anchor_leaves l LEFT JOIN anchor_batches b ON b.id = l.batch_id
             WHERE l.sha256 = ANY (SELECT decode(x, 'hex') FROM unnest($1::text[]) AS t(x))`,
            [existing],
          );
          for (const f of found) states.set(f.h, stateOf(f.status));
        }
      });
      this.sealer.nudge();
    }
    for (const r of results) {
      if (!r.ok) continue;
      const h = r.sha256!.slice(2);
      r.created = created.has(h);
      r.state = r.created ? LeafState.PENDING : (states.get(h) ?? LeafState.PENDING);
    }
    return results;
  }

  /** Where each of the given hashes is (absent from the map: never submitted). One query. */
  async statusOf(sha256s: readonly string[]): Promise<Map<string, LeafStatus>> {
    const hexes = [...new Set(sha256s.map((s) => normalizeSha256(s)).filter((s): s is string => s !== null))].map((s) => s.slice(2));
    const out = new Map<string, LeafStatus>();
    if (hexes.length === 0) return out;
    const rows: StatusRow[] = await this.dataSource.query(
      `SELECT encode(l.sha256, 'hex') AS h, l.kind, l.created_at, l.leaf_index, b.id AS batch_id, b.chain_batch_id, b.root, b.leaf_count,
              b.status, b.sealed_at, b.tx_hash, b.block_number, b.block_timestamp, b.contract_address, b.chain_id
       FROM anchor_leaves l LEFT JOIN anchor_batches b ON b.id = l.batch_id
       WHERE l.sha256 = ANY (SELECT decode(x, 'hex') FROM unnest($1::text[]) AS t(x))`,
      [hexes],
    );
    for (const r of rows) {
      const sha256 = `0x${r.h}`;
      out.set(sha256, {
        sha256,
        state: stateOf(r.status),
        kind: r.kind,
        submittedAt: r.created_at,
        batch: r.batch_id
          ? {
              id: r.batch_id,
              chainBatchId: r.chain_batch_id!,
              root: r.root!,
              leafCount: r.leaf_count!,
              leafIndex: r.leaf_index!,
              sealedAt: r.sealed_at!,
              txHash: r.tx_hash,
              blockNumber: r.block_number === null ? null : Number(r.block_number),
              blockTimestamp: r.block_timestamp,
              contractAddress: r.contract_address,
              chainId: r.chain_id!,
            }
          : null,
      });
    }
    return out;
  }

  /** The receipt of an anchored hash; HASH_NOT_FOUND / NOT_ANCHORED_YET otherwise. */
  async receiptOf(sha256Input: string): Promise<AnchorReceipt> {
    const sha256 = normalizeSha256(sha256Input);
    if (!sha256) throw new AnchoringException(AnchoringErrorCode.HASH_MALFORMED, `"${sha256Input}" is not a SHA-256 (64 hex digits)`);
    const status = (await this.statusOf([sha256])).get(sha256);
    if (!status) throw new AnchoringException(AnchoringErrorCode.HASH_NOT_FOUND, `${sha256} was never submitted for anchoring`);
    if (status.state !== LeafState.ANCHORED) {
      throw new AnchoringException(AnchoringErrorCode.NOT_ANCHORED_YET, `${sha256} is not anchored yet (${status.state.toLowerCase()})`, {
        state: status.state,
      });
    }
    const b = status.batch!;
    return this.receipt(status, await this.proofFromStore(b.id, b.leafCount, b.leafIndex));
  }

  /** Where one hash is, with its receipt once anchored; HASH_NOT_FOUND when never submitted. */
  async describeHash(sha256Input: string): Promise<{ status: LeafStatus; receipt: AnchorReceipt | null }> {
    const sha256 = normalizeSha256(sha256Input);
    if (!sha256) throw new AnchoringException(AnchoringErrorCode.HASH_MALFORMED, `"${sha256Input}" is not a SHA-256 (64 hex digits)`);
    const status = (await this.statusOf([sha256])).get(sha256);
    if (!status) throw new AnchoringException(AnchoringErrorCode.HASH_NOT_FOUND, `${sha256} was never submitted for anchoring`);
    if (status.state !== LeafState.ANCHORED) return { status, receipt: null };
    const b = status.batch!;
    return { status, receipt: this.receipt(status, await this.proofFromStore(b.id, b.leafCount, b.leafIndex)) };
  }

  /**
   * Receipts of many anchored hashes (absent from the map: not anchored). Loads each batch's tree
   * once, so thousands of receipts of one batch cost one read.
   */
  async receiptsOf(sha256s: readonly string[]): Promise<Map<string, AnchorReceipt>> {
    const out = new Map<string, AnchorReceipt>();
    for (const status of (await this.statusOf(sha256s)).values()) {
      if (status.state !== LeafState.ANCHORED) continue;
      const tree = await this.tree(status.batch!.id, status.batch!.leafCount);
      out.set(status.sha256, this.receipt(status, tree.proof(status.batch!.leafIndex)));
    }
    return out;
  }

  async listBatches(q: BatchPageQuery): Promise<Page<AnchorBatchView>> {
    const where = q.status ? `WHERE status = $3` : '';
    const params: unknown[] = [q.pageSize, (q.page - 1) * q.pageSize, ...(q.status ? [q.status] : [])];
    const rows: AnchorBatchRow[] = await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM anchor_batches ${where} ORDER BY sealed_at DESC, id LIMIT $1 OFFSET $2`,
      params,
    );
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (rows.length === 0 && q.page > 1) {
      const [c] = (await this.dataSource.query(
        `SELECT count(*) AS n FROM anchor_batches ${q.status ? 'WHERE status = $1' : ''}`,
        q.status ? [q.status] : [],
      )) as { n: string }[];
      total = Number(c!.n);
    }
    const head = await this.headBlock(rows);
    return pageOf(
      rows.map((r) => batchOfRow(r, head)),
      total,
      q,
    );
  }

  async getBatch(id: string): Promise<AnchorBatchView> {
    const [row] = (await this.dataSource.query(`SELECT *, 1 AS total FROM anchor_batches WHERE id = $1`, [id])) as AnchorBatchRow[];
    if (!row) throw new AnchoringException(AnchoringErrorCode.ANCHOR_BATCH_NOT_FOUND, `Anchor batch ${id} not found`);
    return batchOfRow(row, await this.headBlock([row]));
  }

  /** The chain's latest block when some of the rows are anchored (null when the node does not answer). */
  private async headBlock(rows: AnchorBatchRow[]): Promise<number | null> {
    if (!rows.some((r) => r.block_number !== null)) return null;
    return this.chain.provider.getBlockNumber().catch(() => null);
  }

  private receipt(status: LeafStatus, proof: string[]): AnchorReceipt {
    const b = status.batch!;
    return canonicalReceipt({
      format: RECEIPT_FORMAT,
      documentHash: status.sha256,
      leafEncoding: ['bytes32'],
      leaf: leafHash(status.sha256),
      leafIndex: b.leafIndex,
      leafCount: b.leafCount,
      proof,
      root: b.root,
      batchId: b.chainBatchId,
      chainId: b.chainId,
      contract: b.contractAddress!,
      txHash: b.txHash!,
      blockNumber: b.blockNumber!,
      blockTimestamp: Math.round(b.blockTimestamp!.getTime() / 1000),
      anchoredAt: b.blockTimestamp!.toISOString(),
    });
  }

  /** The ~log2(n) sibling nodes of one leaf, read from the stored tree without loading the rest. */
  private async proofFromStore(batchId: string, leafCount: number, leafIndex: number): Promise<string[]> {
    const cached = this.trees.get(batchId);
    if (cached) return cached.proof(leafIndex);
    const indexes = proofNodeIndexes(2 * leafCount - 2 - leafIndex);
    if (indexes.length === 0) return [];
    const [row] = (await this.dataSource.query(
      `SELECT array_agg(substring(t.nodes FROM u.i * 32 + 1 FOR 32) ORDER BY u.ord) AS nodes
       FROM anchor_batch_trees t CROSS JOIN unnest($2::int[]) WITH ORDINALITY AS u(i, ord) WHERE t.batch_id = $1`,
      [batchId, indexes],
    )) as { nodes: Buffer[] | null }[];
    if (!row?.nodes || row.nodes.length !== indexes.length) throw new Error(`tree of anchor batch ${batchId} is missing`);
    return row.nodes.map((n) => `0x${n.toString('hex')}`);
  }

  private async tree(batchId: string, leafCount: number): Promise<MerkleTree> {
    let tree = this.trees.get(batchId);
    if (tree) {
      this.trees.delete(batchId); // most recently used goes last
      this.trees.set(batchId, tree);
      return tree;
    }
    const [row] = (await this.dataSource.query(`SELECT nodes FROM anchor_batch_trees WHERE batch_id = $1`, [batchId])) as {
      nodes: Buffer;
    }[];
    if (!row) throw new Error(`tree of anchor batch ${batchId} is missing`);
    tree = new MerkleTree(row.nodes, leafCount);
    this.trees.set(batchId, tree);
    this.treeBytes += row.nodes.length;
    for (const [id, t] of this.trees) {
      if (this.treeBytes <= TREE_CACHE_BYTES || id === batchId) break;
      this.trees.delete(id);
      this.treeBytes -= t.nodes.length;
    }
    return tree;
  }
}

function stateOf(status: AnchorBatchStatus | null): LeafState {
  if (status === AnchorBatchStatus.ANCHORED) return LeafState.ANCHORED;
  if (status === AnchorBatchStatus.SEALED) return LeafState.SEALED;
  return LeafState.PENDING;
}

interface AnchorBatchRow {
  id: string;
  chain_batch_id: string;
  root: string;
  leaf_count: number;
  status: AnchorBatchStatus;
  chain_id: number;
  chain_job_id: string;
  contract_address: string | null;
  tx_hash: string | null;
  block_number: string | null;
  block_timestamp: Date | null;
  failure_reason: string | null;
  sealed_at: Date;
  confirmed_at: Date | null;
  total: string;
}

function batchOfRow(r: AnchorBatchRow, head: number | null): AnchorBatchView {
  const block = r.block_number === null ? null : Number(r.block_number);
  return {
    id: r.id,
    chainBatchId: r.chain_batch_id,
    root: r.root,
    leafCount: r.leaf_count,
    status: r.status,
    chainId: r.chain_id,
    chainJobId: r.chain_job_id,
    contractAddress: r.contract_address,
    txHash: r.tx_hash,
    blockNumber: r.block_number === null ? null : Number(r.block_number),
    blockTimestamp: r.block_timestamp,
    failureReason: r.failure_reason,
    sealedAt: r.sealed_at,
    confirmedAt: r.confirmed_at,
    confirmations: block === null || head === null ? null : Math.max(0, head - block + 1),
  };
}
