import { keccakInstance, WASM_DATA_AT, type KeccakWasm } from './keccak-wasm.js';

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

// One small instance for single proofs: its memory never grows, so one Buffer view over it stays valid.
let shared: { wasm: KeccakWasm; mem: Buffer } | undefined;
function instance(): { wasm: KeccakWasm; mem: Buffer } {
  if (!shared) {
    const wasm = keccakInstance(96);
    shared = { wasm, mem: Buffer.from(wasm.memory.buffer) };
  }
  return shared;
}

const A = WASM_DATA_AT;
const B = WASM_DATA_AT + 32;
const C = WASM_DATA_AT + 64;

function put(mem: Buffer, value: string, at: number): void {
  if (!BYTES32.test(value)) throw new Error(`not a 0x-prefixed 32-byte hex value: ${value}`);
  mem.write(value.slice(2), at, 32, 'hex');
}

function read(mem: Buffer, at: number): string {
  return '0x' + mem.toString('hex', at, at + 32);
}

/** The StandardMerkleTree leaf of a `bytes32` value: keccak256(keccak256(abi.encode(value))). */
export function leafHash(value: string): string {
  const { wasm, mem } = instance();
  put(mem, value, A);
  wasm.hash(A, 0, 0, C);
  wasm.hash(C, 0, 0, A);
  return read(mem, A);
}

/** The root a proof leads to from `leaf`, as `MerkleProof.processProof` computes it (sorted pairs). */
export function processProof(leaf: string, proof: readonly string[]): string {
  const { wasm, mem } = instance();
  put(mem, leaf, A);
  for (const sibling of proof) {
    put(mem, sibling, B);
    // compare(target = B, source = A): <= 0 when A <= B, so A goes first
    if (mem.compare(mem, B, B + 32, A, A + 32) <= 0) wasm.hash(A, B, 1, A);
    else wasm.hash(B, A, 1, A);
  }
  return read(mem, A);
}

/** Whether `proof` proves that the `bytes32` value is a leaf of the tree with `root`. */
export function verifyProof(root: string, value: string, proof: readonly string[]): boolean {
  return processProof(leafHash(value), proof).toLowerCase() === root.toLowerCase();
}

export function isBytes32(value: unknown): value is string {
  return typeof value === 'string' && BYTES32.test(value);
}
