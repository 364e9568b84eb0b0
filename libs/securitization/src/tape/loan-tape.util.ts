import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
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

export interface BuiltTape {
  root: string;
  tree: StandardMerkleTree<LeafValue>;
  /** Tape rows in token id order; `leafHash` per row. */
  assets: (TapeAsset & { leafHash: string; value: LeafValue })[];
  csv: string;
  csvSha256: string;
}

/** The tape of `assets` (any order in; token id order out). */
export function buildTape(assets: TapeAsset[]): BuiltTape {
  if (assets.length === 0) throw new Error('a tape needs at least one asset');
  const sorted = [...assets].sort((a, b) => (a.tokenId < b.tokenId ? -1 : a.tokenId > b.tokenId ? 1 : 0));
  const values = sorted.map(leafValueOf);
  const tree = StandardMerkleTree.of(values, [...LEAF_ENCODING]);
  const rows = sorted.map((a, i) => ({ ...a, value: values[i]!, leafHash: tree.leafHash(values[i]!) }));
  const csv = tapeCsv(rows);
  return { root: tree.root, tree, assets: rows, csv, csvSha256: '0x' + createHash('sha256').update(csv).digest('hex') };
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
