import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { getBytes, keccak256 } from 'ethers';
import { createHash } from 'node:crypto';

/**
 * The loan tape of a pool locked at cut-off, and its Merkle tree.
 *
 * One leaf per asset, OpenZeppelin `StandardMerkleTree` with the leaf encoding
 *   ['uint256', 'uint256', 'uint256', 'bytes32', 'bytes32']
 *   = [tokenId, faceAmountMinor, dueDateUnix, obligorId, fingerprint]
 * tokenId: the bill's BillRegistry token id; faceAmountMinor: integer minor units of the pool's
 * currency; dueDateUnix: the due date at 00:00 UTC in unix seconds; obligorId: the obligor
 * organization's uuid left-padded to 32 bytes (as bill ids are); fingerprint: the bill's
 * registered fingerprint. leaf = keccak256(bytes.concat(keccak256(abi.encode(values)))), the
 * tree's pairs sorted: `MerkleProof.verify(proof, root, leaf)` and
 * `StandardMerkleTree.verify(root, LEAF_ENCODING, values, proof)` both accept a proof.
 *
 * The CSV's canonical columns (header line first, LF line ends, no quoting, rows by ascending
 * token id): TAPE_COLUMNS below. Amounts are integers, dates `YYYY-MM-DD`, ids lower case.
 */
export const LEAF_ENCODING = ['uint256', 'uint256', 'uint256', 'bytes32', 'bytes32'] as const;
export const LEAF_FIELDS = ['tokenId', 'faceAmountMinor', 'dueDateUnix', 'obligorId', 'fingerprint'] as const;
export const TAPE_COLUMNS = [
  'token_id',
  'bill_id',
  'seller_id',
  'obligor_id',
  'currency',
  'face_amount_minor',
  'issue_date',
  'due_date',
  'fingerprint',
  'leaf_hash',
] as const;

export interface TapeAsset {
  billId: string;
  tokenId: bigint;
  sellerOrgId: string;
  obligorOrgId: string;
  currency: string;
  faceAmountMinor: bigint;
  issueDate: string;
  dueDate: string;
  fingerprint: string;
}

/** `[tokenId, faceAmountMinor, dueDateUnix, obligorId, fingerprint]` as decimal / hex strings. */
export type LeafValue = [string, string, string, string, string];

export function uuidBytes32(uuid: string): string {
  const hex = uuid.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a uuid: ${uuid}`);
  return '0x' + hex.padStart(64, '0');
}

export function leafValueOf(a: TapeAsset): LeafValue {
  return [
    a.tokenId.toString(),
    a.faceAmountMinor.toString(),
    String(Date.parse(`${a.dueDate}T00:00:00Z`) / 1000),
    uuidBytes32(a.obligorOrgId),
    a.fingerprint.toLowerCase(),
  ];
}

/** The tree in OpenZeppelin's `standard-v1` dump layout (values in tape order, each with its node). */
export interface TapeTreeDump {
  format: 'standard-v1';
  leafEncoding: string[];
  tree: string[];
  values: { value: LeafValue; treeIndex: number }[];
}

export interface BuiltTape {
  root: string;
  tree: TapeTreeDump;
  /** Tape rows in token id order; `leafHash` per row. */
  assets: (TapeAsset & { leafHash: string; value: LeafValue })[];
  csv: string;
  csvSha256: string;
}

const word = (v: bigint): Uint8Array => {
  if (v < 0n || v >= 1n << 256n) throw new RangeError(`${v} is not a uint256`);
  return getBytes('0x' + v.toString(16).padStart(64, '0'));
};

/**
 * The StandardMerkleTree leaf of a value: keccak256(keccak256(abi.encode(values))). Every field
 * is one 32-byte word (uint256 or bytes32), so abi.encode is their concatenation.
 */
export function assetLeafHash(value: LeafValue): string {
  const buf = new Uint8Array(160);
  buf.set(word(BigInt(value[0])), 0);
  buf.set(word(BigInt(value[1])), 32);
  buf.set(word(BigInt(value[2])), 64);
  buf.set(getBytes(value[3]), 96);
  buf.set(getBytes(value[4]), 128);
  return keccak256(getBytes(keccak256(buf)));
}

function hashPair(a: string, b: string): string {
  const [x, y] = a < b ? [a, b] : [b, a];
  return keccak256(getBytes(x + y.slice(2)));
}

/**
 * The tree exactly as `StandardMerkleTree.of(values, LEAF_ENCODING)` builds it (leaves sorted by
 * hash, stable; array layout, root at 0, children of i at 2i + 1 and 2i + 2; pairs sorted), in
 * its dump format, without its per-leaf ABI encoder and validation (about twice as fast).
 */
export function buildTapeTree(values: LeafValue[]): TapeTreeDump {
  const n = values.length;
  if (n === 0) throw new Error('a tape needs at least one asset');
  const leaves = values
    .map((value, i) => ({ i, hash: assetLeafHash(value) }))
    .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : a.i - b.i));
  const tree = new Array<string>(2 * n - 1);
  const treeIndex = new Array<number>(n);
  leaves.forEach((l, p) => {
    tree[2 * n - 2 - p] = l.hash;
    treeIndex[l.i] = 2 * n - 2 - p;
  });
  for (let i = n - 2; i >= 0; i--) tree[i] = hashPair(tree[2 * i + 1]!, tree[2 * i + 2]!);
  return {
    format: 'standard-v1',
    leafEncoding: [...LEAF_ENCODING],
    tree,
    values: values.map((value, i) => ({ value, treeIndex: treeIndex[i]! })),
  };
}

/** Sibling hashes from the node up to the root (what `MerkleProof.verify` takes). */
export function proofOf(tree: readonly string[], treeIndex: number): string[] {
  const out: string[] = [];
  for (let i = treeIndex; i > 0; i = (i - 1) >> 1) out.push(tree[i % 2 === 1 ? i + 1 : i - 1]!);
  return out;
}

/** The tape of `assets` (any order in; token id order out). */
export function buildTape(assets: TapeAsset[]): BuiltTape {
  if (assets.length === 0) throw new Error('a tape needs at least one asset');
  const sorted = [...assets].sort((a, b) => (a.tokenId < b.tokenId ? -1 : a.tokenId > b.tokenId ? 1 : 0));
  const values = sorted.map(leafValueOf);
  const tree = buildTapeTree(values);
  const rows = sorted.map((a, i) => ({ ...a, value: values[i]!, leafHash: tree.tree[tree.values[i]!.treeIndex]! }));
  const csv = tapeCsv(rows);
  return { root: tree.tree[0]!, tree, assets: rows, csv, csvSha256: '0x' + createHash('sha256').update(csv).digest('hex') };
}

export function tapeCsv(rows: (TapeAsset & { leafHash: string })[]): string {
  const lines = [TAPE_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.tokenId,
        r.billId,
        r.sellerOrgId,
        r.obligorOrgId,
        r.currency,
        r.faceAmountMinor,
        r.issueDate,
        r.dueDate,
        r.fingerprint.toLowerCase(),
        r.leafHash,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Whether `proof` proves `value` under `root` (OpenZeppelin's own verification). */
export function verifyAssetProof(root: string, value: LeafValue, proof: string[]): boolean {
  try {
    return StandardMerkleTree.verify(root, [...LEAF_ENCODING], value, proof);
  } catch {
    return false;
  }
}
