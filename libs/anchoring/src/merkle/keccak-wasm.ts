import { KECCAK_WASM_BASE64, KECCAK_WASM_DATA_AT } from './keccak-wasm.generated.js';

// The compiler's ES2023 library has no WebAssembly types (they come with the DOM library): the
// little this module uses, declared here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The exports of the generated module (see libs/anchoring/scripts/generate-keccak-wasm.mjs). */
export interface KeccakWasm {
  /** keccak256 of 32 bytes at `a` (pair = 0), or of 32 bytes at `a` then 32 at `b` (pair = 1), to `dst`. */
  hash(a: number, b: number, pair: 0 | 1, dst: number): void;
  /** keccak256(keccak256(v)) for each of `n` 32-byte values at `src`, to `dst` (may equal `src`). */
  leaves(src: number, dst: number, n: number): void;
  /** Fills the internal nodes of an OpenZeppelin array-layout tree whose `n` leaves are in place. */
  nodes(tree: number, n: number): void;
  memory: WasmMemory;
}

export const WASM_DATA_AT = KECCAK_WASM_DATA_AT;
const PAGE = 65_536;

let compiled: object | undefined;

/**
 * A fresh instance with room for `bytes` bytes of data from `WASM_DATA_AT`. Each tree build gets
 * its own instance, so its memory (which WebAssembly can grow but never shrink) is garbage
 * collected with the tree instead of staying at the largest size ever built.
 */
export function keccakInstance(bytes: number): KeccakWasm {
  compiled ??= new Wasm.Module(Buffer.from(KECCAK_WASM_BASE64, 'base64'));
  const wasm = new Wasm.Instance(compiled).exports as KeccakWasm;
  const needed = Math.ceil((WASM_DATA_AT + bytes) / PAGE);
  const have = wasm.memory.buffer.byteLength / PAGE;
  if (needed > have) wasm.memory.grow(needed - have);
  return wasm;
}
