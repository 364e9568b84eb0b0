import { keccakInstance, WASM_DATA_AT, type KeccakWasm } from './keccak-wasm.js';

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

let shared: KeccakWasm | undefined;
const wasm = () => (shared ??= keccakInstance(96));

function put(value: string, at: number): void {
  if (!BYTES32.test(value)) throw new Error(`not a 0x-prefixed 32-byte hex value: ${value}`);
  new Uint8Array(wasm().memory.buffer).set(Buffer.from(value.slice(2), 'hex'), at);
}

function read(at: number): string {
  return '0x' + Buffer.from(wasm().memory.buffer, at, 32).toString('hex');
}

/** The StandardMerkleTree leaf of a `bytes32` value: keccak256(keccak256(abi.encode(value))). */
export function leafHash(value: string): string {
  put(value, WASM_DATA_AT);
  const w = wasm();
  w.hash(WASM_DATA_AT, 0, 0, WASM_DATA_AT + 64);
  w.hash(WASM_DATA_AT + 64, 0, 0, WASM_DATA_AT);
  return read(WASM_DATA_AT);
}

/** The root a proof leads to from `leaf`, as `MerkleProof.processProof` computes it (sorted pairs). */
export function processProof(leaf: string, proof: readonly string[]): string {
  const w = wasm();
  const a = WASM_DATA_AT;
  const b = WASM_DATA_AT + 32;
  put(leaf, a);
  for (const sibling of proof) {
    put(sibling, b);
    const bytes = new Uint8Array(w.memory.buffer);
    const leftFirst = Buffer.compare(bytes.subarray(a, a + 32), bytes.subarray(b, b + 32)) <= 0;
    w.hash(leftFirst ? a : b, leftFirst ? b : a, 1, a);
  }
  return read(a);
}

/** Whether `proof` proves that the `bytes32` value is a leaf of the tree with `root`. */
export function verifyProof(root: string, value: string, proof: readonly string[]): boolean {
  return processProof(leafHash(value), proof).toLowerCase() === root.toLowerCase();
}

export function isBytes32(value: unknown): value is string {
  return typeof value === 'string' && BYTES32.test(value);
}
