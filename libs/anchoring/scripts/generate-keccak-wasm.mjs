#!/usr/bin/env node
// Generates libs/anchoring/src/merkle/keccak-wasm.generated.ts: a small WebAssembly module that
// hashes OpenZeppelin StandardMerkleTree leaves and nodes with Keccak-256 (Ethereum's keccak,
// padding 0x01, not SHA3-256) in place in its memory. WebAssembly has native 64-bit rotations,
// which keccak-f[1600] is made of; JavaScript has to emulate them on 32-bit halves (~5x slower).
// The module is assembled here byte by byte (no toolchain needed). Run it again after a change:
//   node libs/anchoring/scripts/generate-keccak-wasm.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// ---- FIPS 202 constants ---------------------------------------------------------------------
const ROT = [
  [0, 36, 3, 41, 18],
  [1, 44, 10, 45, 2],
  [62, 6, 43, 15, 61],
  [28, 55, 25, 21, 56],
  [27, 20, 39, 8, 14],
]; // ROT[x][y]
const RC = [
  0x0000000000000001n,
  0x0000000000008082n,
  0x800000000000808an,
  0x8000000080008000n,
  0x000000000000808bn,
  0x0000000080000001n,
  0x8000000080008081n,
  0x8000000000008009n,
  0x000000000000008an,
  0x0000000000000088n,
  0x0000000080008009n,
  0x000000008000000an,
  0x000000008000808bn,
  0x800000000000008bn,
  0x8000000000008089n,
  0x8000000000008003n,
  0x8000000000008002n,
  0x8000000000000080n,
  0x000000000000800an,
  0x800000008000000an,
  0x8000000080008081n,
  0x8000000000008080n,
  0x0000000080000001n,
  0x8000000080008008n,
];

// ---- memory layout (bytes) --------------------------------------------------------------------
const RC_AT = 0; // 24 round constants
const SCRATCH_AT = 256; // 32 bytes: the inner hash of a leaf
export const DATA_AT = 1024; // first byte free for the caller

// ---- a tiny WebAssembly assembler ---------------------------------------------------------------
const uleb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (v) => {
  let n = BigInt(v);
  const out = [];
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, bytes) => [id, ...uleb(bytes.length), ...bytes];
const str = (s) => vec([...Buffer.from(s)]);
const I32 = 0x7f;
const I64 = 0x7e;
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  br: (d) => [0x0c, ...uleb(d)],
  brIf: (d) => [0x0d, ...uleb(d)],
  call: (f) => [0x10, ...uleb(f)],
  get: (l) => [0x20, ...uleb(l)],
  set: (l) => [0x21, ...uleb(l)],
  tee: (l) => [0x22, ...uleb(l)],
  i64load: (offset = 0) => [0x29, 3, ...uleb(offset)],
  i32load8u: (offset = 0) => [0x2d, 0, ...uleb(offset)],
  i64store: (offset = 0) => [0x37, 3, ...uleb(offset)],
  i32: (v) => [0x41, ...sleb(v)],
  i64: (v) => [0x42, ...sleb(v)],
  i32eqz: [0x45],
  i32ne: [0x47],
  i32ltS: [0x48],
  i32gtU: [0x4b],
  i32geS: [0x4e],
  i32add: [0x6a],
  i32sub: [0x6b],
  i32mul: [0x6c],
  i32shl: [0x74],
  i64and: [0x83],
  i64xor: [0x85],
  i64rotl: [0x89],
};

// ---- function 0: hash(a, b, pair, dst) -----------------------------------------------------------
// keccak256 of the 32 bytes at a (pair = 0) or of the 32 bytes at a then the 32 bytes at b
// (pair = 1); the digest goes to dst.
function hashFunction() {
  const [A, B, PAIR, DST] = [0, 1, 2, 3];
  const S = (i) => 4 + i; // 25 lanes
  const T = (i) => 29 + i; // 25 lanes after rho and pi
  const C = (x) => 54 + x; // 5 column parities
  const D = 59;
  const ROUND = 60; // i32
  const locals = [
    [59 - 4 + 1, I64], // S, T, C, D: locals 4..59
    [1, I32],
  ];
  const c = [];
  for (let i = 0; i < 4; i++) c.push(op.get(A), op.i64load(8 * i), op.set(S(i)));
  c.push(op.get(PAIR), op.if);
  for (let i = 0; i < 4; i++) c.push(op.get(B), op.i64load(8 * i), op.set(S(4 + i)));
  c.push(op.i64(1), op.set(S(8)), op.else, op.i64(1), op.set(S(4)), op.end);
  c.push(op.i64(-(2n ** 63n)), op.set(S(16))); // 0x80 in the last byte of the 136-byte block
  c.push(op.i32(0), op.set(ROUND), op.loop);
  // theta
  for (let x = 0; x < 5; x++) {
    c.push(op.get(S(x)));
    for (let y = 1; y < 5; y++) c.push(op.get(S(x + 5 * y)), op.i64xor);
    c.push(op.set(C(x)));
  }
  for (let x = 0; x < 5; x++) {
    c.push(op.get(C((x + 4) % 5)), op.get(C((x + 1) % 5)), op.i64(1), op.i64rotl, op.i64xor, op.set(D));
    for (let y = 0; y < 5; y++) c.push(op.get(S(x + 5 * y)), op.get(D), op.i64xor, op.set(S(x + 5 * y)));
  }
  // rho and pi: T[y, 2x + 3y] = rotl(S[x, y], ROT[x][y])
  for (let x = 0; x < 5; x++) {
    for (let y = 0; y < 5; y++) {
      const j = y + 5 * ((2 * x + 3 * y) % 5);
      c.push(op.get(S(x + 5 * y)));
      if (ROT[x][y] !== 0) c.push(op.i64(ROT[x][y]), op.i64rotl);
      c.push(op.set(T(j)));
    }
  }
  // chi
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      const i = x + 5 * y;
      c.push(
        op.get(T(i)),
        op.get(T(((x + 1) % 5) + 5 * y)),
        op.i64(-1),
        op.i64xor,
        op.get(T(((x + 2) % 5) + 5 * y)),
        op.i64and,
        op.i64xor,
        op.set(S(i)),
      );
    }
  }
  // iota
  c.push(op.get(S(0)), op.get(ROUND), op.i32(3), op.i32shl, op.i64load(RC_AT), op.i64xor, op.set(S(0)));
  c.push(op.get(ROUND), op.i32(1), op.i32add, op.tee(ROUND), op.i32(24), op.i32ltS, op.brIf(0), op.end);
  for (let i = 0; i < 4; i++) c.push(op.get(DST), op.get(S(i)), op.i64store(8 * i));
  return { params: [I32, I32, I32, I32], locals, code: c.flat() };
}

// ---- function 1: leaves(src, dst, n) --------------------------------------------------------------
// For each of n 32-byte values at src: keccak256(keccak256(value)) to dst, i.e. the
// StandardMerkleTree leaf of `abi.encode(bytes32 value)` (which is the value itself).
function leavesFunction() {
  const [SRC, DST, N, I] = [0, 1, 2, 3];
  const c = [];
  c.push(op.i32(0), op.set(I), op.block, op.loop);
  c.push(op.get(I), op.get(N), op.i32geS, op.brIf(1));
  c.push(op.get(SRC), op.get(I), op.i32(5), op.i32shl, op.i32add, op.i32(0), op.i32(0), op.i32(SCRATCH_AT), op.call(0));
  c.push(op.i32(SCRATCH_AT), op.i32(0), op.i32(0), op.get(DST), op.get(I), op.i32(5), op.i32shl, op.i32add, op.call(0));
  c.push(op.get(I), op.i32(1), op.i32add, op.set(I), op.br(0), op.end, op.end);
  return { params: [I32, I32, I32], locals: [[1, I32]], code: c.flat() };
}

// ---- function 2: nodes(tree, n) ----------------------------------------------------------------
// The tree is OpenZeppelin's array layout of 2n - 1 nodes of 32 bytes (root at 0, node i has
// children 2i + 1 and 2i + 2), the n leaves already in place at n - 1 .. 2n - 2. Fills the
// internal nodes n - 2 .. 0 with keccak256(min(l, r) ++ max(l, r)) (bytes compared big-endian,
// as MerkleProof.sol's commutative hash does).
function nodesFunction() {
  const [TREE, N, I, L, R, K, X, Y] = [0, 1, 2, 3, 4, 5, 6, 7];
  const c = [];
  c.push(op.get(N), op.i32(2), op.i32sub, op.set(I));
  c.push(op.block, op.loop);
  c.push(op.get(I), op.i32(0), op.i32ltS, op.brIf(1));
  // L = tree + (2i + 1) * 32, R = L + 32
  c.push(op.get(TREE), op.get(I), op.i32(1), op.i32shl, op.i32(1), op.i32add, op.i32(5), op.i32shl, op.i32add, op.tee(L));
  c.push(op.i32(32), op.i32add, op.set(R));
  // find the first differing byte; swap when L > R
  c.push(op.i32(0), op.set(K), op.block, op.loop);
  c.push(op.get(K), op.i32(32), op.i32geS, op.brIf(1));
  c.push(op.get(L), op.get(K), op.i32add, op.i32load8u(), op.set(X));
  c.push(op.get(R), op.get(K), op.i32add, op.i32load8u(), op.set(Y));
  c.push(op.get(X), op.get(Y), op.i32ne, op.if);
  c.push(op.get(X), op.get(Y), op.i32gtU, op.if, op.get(L), op.get(R), op.set(L), op.set(R), op.end);
  c.push(op.br(2), op.end); // leave the compare loop (depth: if=0, loop=1, block=2)
  c.push(op.get(K), op.i32(1), op.i32add, op.set(K), op.br(0), op.end, op.end);
  c.push(op.get(L), op.get(R), op.i32(1), op.get(TREE), op.get(I), op.i32(5), op.i32shl, op.i32add, op.call(0));
  c.push(op.get(I), op.i32(1), op.i32sub, op.set(I), op.br(0), op.end, op.end);
  return { params: [I32, I32], locals: [[6, I32]], code: c.flat() };
}

const fns = [hashFunction(), leavesFunction(), nodesFunction()];
const exportsList = [
  ['hash', 0],
  ['leaves', 1],
  ['nodes', 2],
];
const rcBytes = [];
for (const rc of RC) for (let i = 0n; i < 8n; i++) rcBytes.push(Number((rc >> (8n * i)) & 0xffn));

const module = [
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, vec(fns.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0x00]))),
  ...section(3, vec(fns.map((_, i) => uleb(i)))),
  ...section(5, vec([[0x00, ...uleb(1)]])), // one memory, 1 page minimum, grown by the caller
  ...section(7, vec([...exportsList.map(([name, i]) => [...str(name), 0x00, ...uleb(i)]), [...str('memory'), 0x02, 0x00]])),
  ...section(
    10,
    vec(
      fns.map((f) => {
        const body = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.code, 0x0b];
        return [...uleb(body.length), ...body];
      }),
    ),
  ),
  ...section(11, vec([[0x00, ...op.i32(RC_AT), 0x0b, ...vec(rcBytes.map((b) => [b]))]])),
];

const b64 = Buffer.from(module).toString('base64');
const lines = b64.match(/.{1,100}/g).map((l) => `  '${l}'`);
const target = fileURLToPath(new URL('../src/merkle/keccak-wasm.generated.ts', import.meta.url));
writeFileSync(
  target,
  `// Generated by libs/anchoring/scripts/generate-keccak-wasm.mjs. Do not edit: change the generator and run it again.

/** Exports \`hash(a, b, pair, dst)\`, \`leaves(src, dst, n)\`, \`nodes(tree, n)\` and \`memory\`. */
export const KECCAK_WASM_BASE64 =
${lines.join(' +\n')};

/** First byte of the module's memory free for the caller (below: round constants and scratch). */
export const KECCAK_WASM_DATA_AT = ${DATA_AT};
`,
);
console.log(`wrote ${target} (${module.length} bytes of WebAssembly)`);
