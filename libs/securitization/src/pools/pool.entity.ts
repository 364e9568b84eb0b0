import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintTransformer, moneyColumn } from '#core';

export enum PoolState {
  /** Bills may be added. */
  OPEN = 'OPEN',
  /** Cut-off: the tape is frozen and anchored; nothing is added or released. */
  LOCKED = 'LOCKED',
}

/** Criteria as stored (jsonb; amounts as decimal strings). */
export interface StoredCriteria {
  minRemainingTermDays: number | null;
  maxRemainingTermDays: number | null;
  minFaceAmountMinor: string | null;
  maxFaceAmountMinor: string | null;
}

export interface StoredLimits {
  maxSingleObligorBps: number | null;
  maxTop5ObligorsBps: number | null;
  maxSingleSellerBps: number | null;
  maxPoolBalanceMinor: string | null;
  maxAssetCount: number | null;
  concentrationBaseMinor: string | null;
}

/** A receivables pool of one originator, in one currency. Its row is the lock of every addition. */
@Entity('pools')
@Index('ix_pools_originator', ['originatorOrgId'])
@Check('ck_pools_balance', `"balance_minor" >= 0 AND "asset_count" >= 0`)
export class PoolEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  originatorOrgId: string;

  @Column('text')
  name: string;

  @Column('text')
  currency: string;

  @Column('date')
  cutOffDate: string;

  @Column('text')
  state: PoolState;

  @Column('jsonb')
  criteria: StoredCriteria;

  @Column('jsonb')
  limits: StoredLimits;

  /** Kept with every addition and release, in the same transaction (the pool row is locked). */
  @Column('integer')
  assetCount: number;

  @Column(moneyColumn)
  balanceMinor: bigint;

  @Column('timestamptz', { nullable: true })
  lockedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/**
 * A bill in a pool, with the facts the pool was built on (copied at the addition: face, obligor,
 * seller, dates), so limits, analytics and the tape are computed on this table alone. One live row
 * per bill across all pools (partial unique index): a bill is in at most one pool.
 */
@Entity('pool_assets')
@Index('ix_pool_assets_pool', ['poolId', 'obligorOrgId'])
@Index('uq_pool_assets_live_bill', ['billId'], { unique: true, where: `"released_at" IS NULL` })
@Check('ck_pool_assets_amount_positive', `"face_amount_minor" > 0`)
export class PoolAssetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  poolId: string;

  @Column('uuid')
  billId: string;

  /** uint256 token id on the BillRegistry. */
  @Column('numeric', { precision: 78, scale: 0, transformer: bigintTransformer })
  tokenId: bigint;

  @Column('uuid')
  sellerOrgId: string;

  @Column('uuid')
  obligorOrgId: string;

  @Column(moneyColumn)
  faceAmountMinor: bigint;

  @Column('text')
  currency: string;

  @Column('date')
  issueDate: string;

  @Column('date')
  dueDate: string;

  @Column('text')
  fingerprint: string;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt: Date;

  @Column('timestamptz', { nullable: true })
  releasedAt: Date | null;
}

/**
 * The loan tape of a locked pool: its Merkle root (anchored on DocumentAnchor through the outbox),
 * the CSV's SHA-256 (anchored through the anchoring batches) and the whole tree (the
 * StandardMerkleTree dump, uint256 as decimal strings) from which every proof is read.
 */
@Entity('pool_tapes')
@Index('uq_pool_tapes_pool', ['poolId'], { unique: true })
export class PoolTapeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  poolId: string;

  @Column('text')
  root: string;

  @Column('text', { array: true })
  leafEncoding: string[];

  @Column('text')
  csvSha256: string;

  @Column('integer')
  assetCount: number;

  @Column(moneyColumn)
  balanceMinor: bigint;

  @Column('jsonb')
  tree: Record<string, unknown>;

  /** bytes32 batch id of the root on DocumentAnchor. */
  @Column('text')
  anchorBatchId: string;

  @Column('uuid')
  anchorJobId: string;

  /** SHA-256 of the tape's PDF summary, rendered at the lock (bytes in the document store, hash anchored); null for tapes locked before it existed. */
  @Column('text', { nullable: true })
  pdfSha256: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
