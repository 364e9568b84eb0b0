import { describe, expect, it } from '@jest/globals';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import fc from 'fast-check';
import { buildTapeTree, LEAF_ENCODING, proofOf, type LeafValue } from './loan-tape.util.js';

const hex32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => '0x' + Buffer.from(b).toString('hex'));
const value = fc
  .tuple(
    fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
    fc.bigInt({ min: 1n, max: 10n ** 30n }),
    fc.integer({ min: 0, max: 4_000_000_000 }),
    hex32,
    hex32,
  )
  .map(([t, f, d, o, fp]) => [t.toString(), f.toString(), String(d), o, fp] as LeafValue);

describe('loan tape tree', () => {
  it('is exactly the StandardMerkleTree of the same values: root, nodes, leaf positions and proofs (property)', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), (values) => {
        const ours = buildTapeTree(values);
        const oz = StandardMerkleTree.of(values, [...LEAF_ENCODING]);
        expect(ours).toEqual(JSON.parse(JSON.stringify(oz.dump())));
        for (const [i, v] of values.entries()) {
          expect(proofOf(ours.tree, ours.values[i]!.treeIndex)).toEqual(oz.getProof(i));
          expect(StandardMerkleTree.verify(ours.tree[0]!, [...LEAF_ENCODING], v, proofOf(ours.tree, ours.values[i]!.treeIndex))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
