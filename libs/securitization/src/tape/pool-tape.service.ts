import { Inject, Injectable } from '@nestjs/common';
import { keccak256, toUtf8Bytes } from 'ethers';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Principal } from '#core';
import { ANCHOR_ROOT_JOB, CHAIN_CONTEXT, ChainJobsService, ContractRegistry, type ChainContext } from '#chain';
import { AnchoringService } from '#anchoring';
import { DOCUMENT_STORE, type DocumentStore } from '#documents';
import { Readable } from 'node:stream';
import { PoolAnalyticsService } from '../pools/pool-analytics.service.js';
import { PoolAssetEntity, PoolEntity, PoolState, PoolTapeEntity } from '../pools/pool.entity.js';
import { PoolsService } from '../pools/pools.service.js';
import { SecuritizationErrorCode, SecuritizationException } from '../securitization.errors.js';
import { ASSET_PROOF_FORMAT, type AssetProof } from './asset-proof.js';
import {
  buildTape,
  LEAF_ENCODING,
  LEAF_FIELDS,
  proofOf,
  type BuiltTape,
  type LeafValue,
  type TapeAsset,
  type TapeTreeDump,
} from './loan-tape.util.js';
import { renderTapeSummaryPdf } from './tape-summary-pdf.util.js';

export interface PoolTapeView {
  poolId: string;
  root: string;
  leafEncoding: string[];
  leafFields: string[];
  csvSha256: string;
  assetCount: number;
  balanceMinor: string;
  anchorBatchId: string;
  anchorJobId: string;
  /** SHA-256 of the tape's PDF summary (anchored); null for a tape locked before the summary existed. */
  pdfSha256: string | null;
}

export interface TapeRowView {
  tokenId: string;
  billId: string;
  sellerId: string;
  obligorId: string;
  currency: string;
  faceAmountMinor: string;
  issueDate: string;
  dueDate: string;
  fingerprint: string;
  leafHash: string;
  value: LeafValue;
}

export function tapeBatchId(poolId: string): string {
  return keccak256(toUtf8Bytes(`tally.pool-tape:${poolId}`));
}

/**
 * Cut-off: locking a pool freezes its assets into the loan tape, builds one Merkle leaf per asset
 * (loan-tape.util.ts), anchors the root on DocumentAnchor through the outbox (`anchor.root`) and
 * the CSV's SHA-256 through the anchoring batches, all in the locking transaction.
 */
@Injectable()
export class PoolTapeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pools: PoolsService,
    private readonly jobs: ChainJobsService,
    private readonly anchoring: AnchoringService,
    private readonly contracts: ContractRegistry,
    private readonly audit: AuditService,
    private readonly analytics: PoolAnalyticsService,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
  ) {}

  async lock(p: Principal, poolId: string): Promise<PoolTapeView> {
    await this.pools.visible(p, poolId);
    this.pools.assertOriginatorAdmin(p);
    return this.dataSource.transaction(async (m) => {
      const pool = await m.findOneOrFail(PoolEntity, { where: { id: poolId }, lock: { mode: 'pessimistic_write' } });
      if (pool.originatorOrgId !== p.organizationId)
        throw new SecuritizationException(SecuritizationErrorCode.POOL_ORGANIZATION_ADMIN_REQUIRED, "Only the pool's originator locks it");
      if (pool.state !== PoolState.OPEN)
        throw new SecuritizationException(SecuritizationErrorCode.POOL_NOT_OPEN, `The pool is already ${pool.state}`);
      const assets = await this.assets(m, poolId);
      if (assets.length === 0) throw new SecuritizationException(SecuritizationErrorCode.POOL_EMPTY, 'An empty pool has no tape to lock');
      const tape = buildTape(assets);
      const balance = assets.reduce((s, a) => s + a.faceAmountMinor, 0n);
      const batchId = tapeBatchId(poolId);
      const job = await this.jobs.enqueue(m, {
        kind: ANCHOR_ROOT_JOB,
        idempotencyKey: `pool-tape:${poolId}`,
        payload: { batchId, root: tape.root },
      });
      await this.anchoring.anchorArtifact(m, { kind: 'POOL_TAPE', sha256: tape.csvSha256, reference: poolId });
      // the PDF summary: the figures as of the cut-off date, dated by the lock, kept and anchored
      const lockedAt = new Date();
      const pdf = await renderTapeSummaryPdf({
        poolId,
        poolName: pool.name,
        cutOffDate: pool.cutOffDate,
        lockedAt,
        analytics: await this.analytics.compute(m, pool, pool.cutOffDate, 10),
        root: tape.root,
        csvSha256: tape.csvSha256,
        anchorBatchId: batchId,
      });
      const stored = await this.store.put(Readable.from([pdf]));
      await this.anchoring.anchorArtifact(m, { kind: 'POOL_TAPE', sha256: stored.sha256, reference: `pool-tape.pdf:${poolId}` });
      const row = await m.save(
        m.create(PoolTapeEntity, {
          poolId,
          root: tape.root,
          leafEncoding: [...LEAF_ENCODING],
          csvSha256: tape.csvSha256,
          assetCount: assets.length,
          balanceMinor: balance,
          tree: tape.tree as unknown as Record<string, unknown>,
          anchorBatchId: batchId,
          anchorJobId: job.id,
          pdfSha256: stored.sha256,
        }),
      );
      await m.update(PoolEntity, { id: poolId }, { state: PoolState.LOCKED, lockedAt, version: pool.version + 1 });
      await this.audit.append(m, {
        actor: p,
        organizationId: p.organizationId,
        action: 'pool.locked',
        entity: 'pool',
        entityId: poolId,
        payload: {
          root: tape.root,
          csvSha256: tape.csvSha256,
          pdfSha256: stored.sha256,
          assetCount: assets.length,
          balanceMinor: balance.toString(),
          chainJobId: job.id,
        },
      });
      return viewOf(row);
    });
  }

  async tape(p: Principal, poolId: string): Promise<PoolTapeView & { assets: TapeRowView[] }> {
    const { row, tape } = await this.built(p, poolId);
    return {
      ...viewOf(row),
      assets: tape.assets.map((a) => ({
        tokenId: a.tokenId.toString(),
        billId: a.billId,
        sellerId: a.sellerOrgId,
        obligorId: a.obligorOrgId,
        currency: a.currency,
        faceAmountMinor: a.faceAmountMinor.toString(),
        issueDate: a.issueDate,
        dueDate: a.dueDate,
        fingerprint: a.fingerprint.toLowerCase(),
        leafHash: a.leafHash,
        value: a.value,
      })),
    };
  }

  async csv(p: Principal, poolId: string): Promise<string> {
    return (await this.built(p, poolId)).tape.csv;
  }

  /** The tape's PDF summary, the bytes rendered and anchored at the lock (so every download is the same). */
  async pdf(p: Principal, poolId: string): Promise<{ pdf: Buffer; sha256: string; filename: string }> {
    await this.pools.visible(p, poolId);
    const row = await this.tapeRow(poolId);
    if (!row.pdfSha256)
      throw new SecuritizationException(
        SecuritizationErrorCode.POOL_TAPE_PDF_MISSING,
        'This tape was locked before tape PDF summaries existed',
      );
    const stream = await this.store.open(row.pdfSha256);
    if (!stream) throw new Error(`pool ${poolId}: the tape PDF ${row.pdfSha256} is missing from the document store`);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return { pdf: Buffer.concat(chunks), sha256: row.pdfSha256, filename: `pool-${poolId}-tape-summary.pdf` };
  }

  async proof(p: Principal, poolId: string, billId: string): Promise<AssetProof> {
    await this.pools.visible(p, poolId);
    const row = await this.tapeRow(poolId);
    const asset = await this.dataSource.getRepository(PoolAssetEntity).findOneBy({ poolId, billId });
    if (!asset)
      throw new SecuritizationException(SecuritizationErrorCode.POOL_ASSET_NOT_FOUND, `Bill ${billId} is not an asset of pool ${poolId}`);
    const dump = row.tree as unknown as TapeTreeDump;
    const token = asset.tokenId.toString();
    const entry = dump.values.find((v) => v.value[0] === token);
    if (!entry)
      throw new SecuritizationException(
        SecuritizationErrorCode.POOL_ASSET_NOT_FOUND,
        `Bill ${billId} is not on the tape of pool ${poolId}`,
      );
    const value = entry.value;
    const job = await this.jobs.findById(row.anchorJobId);
    return {
      format: ASSET_PROOF_FORMAT,
      poolId,
      billId,
      chainId: this.chain.chainId,
      documentAnchor: this.contracts.address('DocumentAnchor'),
      batchId: row.anchorBatchId,
      root: row.root,
      leafEncoding: [...row.leafEncoding],
      leafFields: [...LEAF_FIELDS],
      value,
      leaf: dump.tree[entry.treeIndex]!,
      proof: proofOf(dump.tree, entry.treeIndex),
      anchor: {
        jobId: job.id,
        status: job.status,
        txHash: job.txHash,
        blockNumber: job.blockNumber === null ? null : job.blockNumber.toString(),
      },
    };
  }

  private async built(p: Principal, poolId: string): Promise<{ row: PoolTapeEntity; tape: BuiltTape }> {
    await this.pools.visible(p, poolId);
    const row = await this.tapeRow(poolId);
    const tape = buildTape(await this.assets(this.dataSource.manager, poolId));
    // the assets of a locked pool never change: the rebuilt tape is the anchored one
    if (tape.root !== row.root || tape.csvSha256 !== row.csvSha256)
      throw new Error(`pool ${poolId}: the tape no longer matches its anchored root`);
    return { row, tape };
  }

  private async tapeRow(poolId: string): Promise<PoolTapeEntity> {
    const row = await this.dataSource.getRepository(PoolTapeEntity).findOneBy({ poolId });
    if (!row) throw new SecuritizationException(SecuritizationErrorCode.POOL_NOT_LOCKED, 'The pool has no tape before its cut-off lock');
    return row;
  }

  private async assets(m: EntityManager, poolId: string): Promise<TapeAsset[]> {
    const rows = await m
      .getRepository(PoolAssetEntity)
      .createQueryBuilder('a')
      .where('a.pool_id = :poolId AND a.released_at IS NULL', { poolId })
      .getMany();
    return rows.map((a) => ({
      billId: a.billId,
      tokenId: a.tokenId,
      sellerOrgId: a.sellerOrgId,
      obligorOrgId: a.obligorOrgId,
      currency: a.currency,
      faceAmountMinor: a.faceAmountMinor,
      issueDate: a.issueDate,
      dueDate: a.dueDate,
      fingerprint: a.fingerprint,
    }));
  }
}

function viewOf(row: PoolTapeEntity): PoolTapeView {
  return {
    poolId: row.poolId,
    root: row.root,
    leafEncoding: [...row.leafEncoding],
    leafFields: [...LEAF_FIELDS],
    csvSha256: row.csvSha256,
    assetCount: row.assetCount,
    balanceMinor: row.balanceMinor.toString(),
    anchorBatchId: row.anchorBatchId,
    anchorJobId: row.anchorJobId,
    pdfSha256: row.pdfSha256,
  };
}
