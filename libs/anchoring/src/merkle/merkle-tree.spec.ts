import { describe, expect, it } from '@jest/globals';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { AbiCoder, keccak256 } from 'ethers';
import { createHash, randomBytes } from 'node:crypto';
import { buildMerkleTree, MerkleTree, proofNodeIndexes } from './merkle-tree.js';
import { leafHash, processProof, verifyProof } from './merkle-proof.js';

const sha256 = (data: Buffer | string) => '0x' + createHash('sha256').update(data).digest('hex');
const randomValues = (n: number) => Array.from({ length: n }, (_, i) => sha256(`document ${i} ${randomBytes(8).toString('hex')}`));
const concat = (values: string[]) => Buffer.concat(values.map((v) => Buffer.from(v.slice(2), 'hex')));

describe('Merkle tree (OpenZeppelin StandardMerkleTree, leaf encoding bytes32)', () => {
  it('computes the leaf as keccak256(keccak256(abi.encode(bytes32)))', () => {
    const v = sha256('hello');
    expect(leafHash(v)).toBe(keccak256(keccak256(AbiCoder.defaultAbiCoder().encode(['bytes32'], [v]))));
  });

  it.each([1, 2, 3, 4, 5, 7, 8, 9, 1_000])('gives the root and proofs of @openzeppelin/merkle-tree for %i leaves', (n) => {
    const values = randomValues(n);
    const oz = StandardMerkleTree.of(
      values.map((v) => [v]),
      ['bytes32'],
    );
    const { tree, order } = buildMerkleTree(concat(values));
    expect(tree.root).toBe(oz.root);
    expect(tree.leafCount).toBe(n);
    // every proof (every 10th for the large tree) equals OpenZeppelin's and verifies with its static verifier and ours
    for (let p = 0; p < n; p += n > 100 ? 10 : 1) {
      const value = values[order[p]!]!;
      const proof = tree.proof(p);
      expect(proof).toEqual(oz.getProof(order[p]!));
      expect(StandardMerkleTree.verify(oz.root, ['bytes32'], [value], proof)).toBe(true);
      expect(verifyProof(tree.root, value, proof)).toBe(true);
      expect(tree.leaf(p)).toBe(leafHash(value));
    }
    // sorted position p is OpenZeppelin's tree index length - 1 - p
    const dump = oz.dump();
    for (const [i, v] of dump.values.entries()) expect(order[dump.tree.length - 1 - v.treeIndex]).toBe(i);
  });

  it('gives the root of @openzeppelin/merkle-tree for 100,000 leaves', () => {
    const values = randomValues(100_000);
    const oz = StandardMerkleTree.of(
      values.map((v) => [v]),
      ['bytes32'],
    );
    const { tree, order } = buildMerkleTree(concat(values));
    expect(tree.root).toBe(oz.root);
    for (const p of [0, 1, 4_242, 77_777, 99_999]) expect(tree.proof(p)).toEqual(oz.getProof(order[p]!));
  }, 300_000); // OpenZeppelin needs ~10 s for 100,000 leaves on an idle machine, many times that on a shared one

  it('orders leaves whose hashes share their first 32 bits on the whole hash, and keeps duplicates stable', () => {
    // brute-force (birthday bound: ~80,000 tries) two values whose leaves share their first 4 bytes,
    // the part of the hash the fast sort key holds
    const byPrefix = new Map<string, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const v = sha256(`collide ${i}`);
      const prefix = leafHash(v).slice(2, 10);
      const other = byPrefix.get(prefix);
      if (other) pair = [other, v];
      else byPrefix.set(prefix, v);
    }
    const values = [...randomValues(5), pair[0], pair[1], pair[0], ...randomValues(3)];
    const oz = StandardMerkleTree.of(
      values.map((v) => [v]),
      ['bytes32'],
    );
    const { tree, order } = buildMerkleTree(concat(values));
    expect(tree.root).toBe(oz.root);
    for (let p = 0; p < values.length; p++) expect(tree.proof(p)).toEqual(oz.getProof(order[p]!));
  });

  it('fails a proof for a changed value, a changed sibling or another root', () => {
    const values = randomValues(10);
    const { tree, order } = buildMerkleTree(concat(values));
    const proof = tree.proof(3);
    const value = values[order[3]!]!;
    expect(verifyProof(tree.root, value, proof)).toBe(true);
    const flipped = value.slice(0, -1) + (value.endsWith('0') ? '1' : '0');
    expect(verifyProof(tree.root, flipped, proof)).toBe(false);
    expect(verifyProof(tree.root, value, [proof[0]!.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), ...proof.slice(1)])).toBe(false);
    expect(verifyProof(sha256('another root'), value, proof)).toBe(false);
    expect(processProof(leafHash(value), [])).toBe(leafHash(value));
  });

  it('serves proofs from stored nodes alone', () => {
    const values = randomValues(37);
    const { tree } = buildMerkleTree(concat(values));
    const stored = new MerkleTree(Buffer.from(tree.nodes), 37);
    expect(stored.root).toBe(tree.root);
    expect(stored.proof(20)).toEqual(tree.proof(20));
    expect(proofNodeIndexes(0)).toEqual([]);
    expect(proofNodeIndexes(5)).toEqual([6, 1]);
  });

  it('refuses what is not a tree', () => {
    expect(() => buildMerkleTree(Buffer.alloc(0))).toThrow('at least one leaf');
    expect(() => buildMerkleTree(Buffer.alloc(33))).toThrow('32-byte');
    expect(() => new MerkleTree(Buffer.alloc(64), 2)).toThrow();
    expect(() => buildMerkleTree(Buffer.alloc(64)).tree.proof(2)).toThrow(RangeError);
  });
});
