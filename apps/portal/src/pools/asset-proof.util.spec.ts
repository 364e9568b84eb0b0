import { describe, expect, it } from '@jest/globals';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { checkAssetProof, standardLeafHash } from './asset-proof.util';

const ENCODING = ['uint256', 'uint256', 'uint256', 'bytes32', 'bytes32'];
const values = Array.from({ length: 7 }, (_, i) => [
  String(1000 + i),
  String(250_000 + i * 17),
  String(1_800_000_000 + i * 86_400),
  '0x' + String(i + 1).padStart(64, '0'),
  '0x' + 'ab'.repeat(31) + String(10 + i),
]);

describe('asset proof check in the browser (against @openzeppelin/merkle-tree)', () => {
  const tree = StandardMerkleTree.of(values, ENCODING);

  it('computes the same leaf and accepts every proof the library builds', () => {
    for (const [i, v] of tree.entries()) {
      expect(standardLeafHash(ENCODING, v)).toBe(tree.leafHash(v));
      const check = checkAssetProof({ leafEncoding: ENCODING, value: v, leaf: tree.leafHash(v), proof: tree.getProof(i), root: tree.root });
      expect(check).toMatchObject({ leafMatches: true, reachesRoot: true });
    }
  });

  it('refuses a changed amount, another root and values that do not encode', () => {
    const v = values[3]!;
    const proof = tree.getProof(v);
    const changed = [v[0]!, String(BigInt(v[1]!) + 1n), v[2]!, v[3]!, v[4]!];
    expect(checkAssetProof({ leafEncoding: ENCODING, value: changed, leaf: tree.leafHash(v), proof, root: tree.root })).toMatchObject({
      leafMatches: false,
      reachesRoot: false,
    });
    const other = StandardMerkleTree.of(values.slice(1), ENCODING).root;
    expect(checkAssetProof({ leafEncoding: ENCODING, value: v, leaf: tree.leafHash(v), proof, root: other }).reachesRoot).toBe(false);
    const bad = checkAssetProof({ leafEncoding: ENCODING, value: ['x', ...v.slice(1)], leaf: tree.leafHash(v), proof, root: tree.root });
    expect(bad.leaf).toBeNull();
    expect(bad.problem).toBeTruthy();
  });
});
