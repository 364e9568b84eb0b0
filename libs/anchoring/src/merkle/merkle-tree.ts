import { keccakInstance, WASM_DATA_AT, type KeccakWasm } from './keccak-wasm.js';

/** Largest tree built in one go (the WebAssembly memory holds 96 bytes per leaf). */
export const MERKLE_MAX_LEAVES = 10_000_000;

/**
 * An OpenZeppelin `StandardMerkleTree` with leaf encoding `['bytes32']`, in its array layout:
 * `2n - 1` nodes of 32 bytes, root at 0, node i's children at 2i + 1 and 2i + 2, the leaves
 * sorted by hash and stored backwards (sorted leaf p at node `2n - 2 - p`). Proofs are read from
 * the stored nodes, never rebuilt.
 */
export class MerkleTree {
  constructor(
    /** The `2n - 1` nodes, 32 bytes each. */
    readonly nodes: Buffer,
    readonly leafCount: number,
  ) {
    if (leafCount < 1 || nodes.length !== (2 * leafCount - 1) * 32) throw new Error('nodes do not hold a tree of leafCount leaves');
  }

  get root(): string {
    return hex(this.nodes, 0);
  }

  /** Node index of the leaf at sorted position `leafIndex`. */
  nodeIndexOf(leafIndex: number): number {
    if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= this.leafCount) throw new RangeError(`no leaf ${leafIndex}`);
    return 2 * this.leafCount - 2 - leafIndex;
  }

  /** The leaf hash at sorted position `leafIndex`. */
  leaf(leafIndex: number): string {
    return hex(this.nodes, this.nodeIndexOf(leafIndex));
  }

  /** Sibling hashes from the leaf up to the root: what `MerkleProof.verify` takes. */
  proof(leafIndex: number): string[] {
    return proofNodeIndexes(this.nodeIndexOf(leafIndex)).map((i) => hex(this.nodes, i));
  }
}

/** Node indexes of the siblings on the path from node `nodeIndex` to the root. */
export function proofNodeIndexes(nodeIndex: number): number[] {
  const out: number[] = [];
  for (let i = nodeIndex; i > 0; i = (i - 1) >> 1) out.push(i % 2 === 1 ? i + 1 : i - 1);
  return out;
}

export interface BuiltTree {
  tree: MerkleTree;
  /** `order[p]` = index in the input of the value whose leaf is at sorted position p. */
  order: Uint32Array;
}

/**
 * Builds the tree of `values` (32-byte values, e.g. SHA-256 digests, concatenated in one buffer)
 * exactly as `StandardMerkleTree.of(values.map((v) => [v]), ['bytes32'])` does: leaf =
 * keccak256(keccak256(abi.encode(v))), leaves sorted by hash (stable for equal hashes), nodes =
 * keccak256 of the sorted pair. All hashing runs in WebAssembly over one memory.
 */
export function buildMerkleTree(values: Buffer): BuiltTree {
  if (values.length % 32 !== 0) throw new Error('values must be a whole number of 32-byte values');
  const n = values.length / 32;
  if (n < 1) throw new Error('a Merkle tree needs at least one leaf');
  if (n > MERKLE_MAX_LEAVES) throw new Error(`at most ${MERKLE_MAX_LEAVES} leaves per tree`);

  // memory: [leaf hashes: n × 32][tree: (2n - 1) × 32]
  const leavesAt = WASM_DATA_AT;
  const treeAt = leavesAt + n * 32;
  const wasm: KeccakWasm = keccakInstance(n * 32 + (2 * n - 1) * 32);
  const bytes = new Uint8Array(wasm.memory.buffer);
  bytes.set(values, leavesAt);
  wasm.leaves(leavesAt, leavesAt, n);

  const order = sortLeaves(bytes, leavesAt, n);

  // sorted leaf p goes to node 2n - 2 - p
  const words = new Uint32Array(wasm.memory.buffer);
  const last = 2 * n - 2;
  for (let p = 0; p < n; p++) {
    const from = (leavesAt >> 2) + order[p]! * 8;
    const to = (treeAt >> 2) + (last - p) * 8;
    for (let w = 0; w < 8; w++) words[to + w] = words[from + w]!;
  }
  wasm.nodes(treeAt, n);
  const nodes = Buffer.from(wasm.memory.buffer, treeAt, (2 * n - 1) * 32);
  return { tree: new MerkleTree(nodes, n), order };
}

/**
 * Indexes of the leaves in ascending hash order, ties in input order (JavaScript's sort is
 * stable, which is what OpenZeppelin's `prepare` relies on). Up to 2^21 leaves it sorts one
 * Float64Array natively: key = first 32 bits of the hash × 2^21 + index, exact in a double's
 * 53-bit mantissa; runs sharing their first 32 bits are then ordered on the whole hash.
 */
function sortLeaves(bytes: Uint8Array, at: number, n: number): Uint32Array {
  const order = new Uint32Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const compareFull = (a: number, b: number) => {
    const c = Buffer.compare(bytes.subarray(at + a * 32, at + a * 32 + 32), bytes.subarray(at + b * 32, at + b * 32 + 32));
    return c !== 0 ? c : a - b;
  };
  const SHIFT = 2 ** 21;
  if (n > SHIFT) {
    const idx = Array.from({ length: n }, (_, i) => i).sort(compareFull);
    order.set(idx);
    return order;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = view.getUint32(at + i * 32, false) * SHIFT + i;
  keys.sort();
  const prefix = new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    const hi = Math.floor(keys[p]! / SHIFT);
    prefix[p] = hi;
    order[p] = keys[p]! - hi * SHIFT;
  }
  for (let p = 0; p < n;) {
    let q = p + 1;
    while (q < n && prefix[q] === prefix[p]) q++;
    if (q - p > 1) order.set(Array.from(order.subarray(p, q)).sort(compareFull), p);
    p = q;
  }
  return order;
}

function hex(nodes: Buffer, index: number): string {
  return '0x' + nodes.toString('hex', index * 32, index * 32 + 32);
}
