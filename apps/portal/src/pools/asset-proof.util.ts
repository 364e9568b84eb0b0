import { AbiCoder, concat, keccak256 } from 'ethers';

/** What the browser checks of an asset proof by itself, without trusting the API's word. */
export interface ProofCheck {
  /** The stated values hash to the stated leaf (OpenZeppelin StandardMerkleTree leaf). */
  leafMatches: boolean;
  /** The proof leads from that leaf to the stated root (sorted pairs, as MerkleProof.sol). */
  reachesRoot: boolean;
  /** The leaf computed here. */
  leaf: string | null;
  /** Why the values could not be encoded, if they could not. */
  problem?: string;
}

/** StandardMerkleTree's leaf: keccak256(bytes.concat(keccak256(abi.encode(values)))). */
export function standardLeafHash(types: readonly string[], values: readonly string[]): string {
  return keccak256(keccak256(AbiCoder.defaultAbiCoder().encode([...types], [...values])));
}

/** MerkleProof.processProof: each step hashes the sorted pair. */
export function rootOf(leaf: string, proof: readonly string[]): string {
  return proof.reduce((node, sibling) => {
    const [a, b] = BigInt(node) < BigInt(sibling) ? [node, sibling] : [sibling, node];
    return keccak256(concat([a, b]));
  }, leaf);
}

export function checkAssetProof(proof: {
  leafEncoding: string[];
  value: string[];
  leaf: string;
  proof: string[];
  root: string;
}): ProofCheck {
  let leaf: string;
  try {
    leaf = standardLeafHash(proof.leafEncoding, proof.value);
  } catch (error) {
    return { leafMatches: false, reachesRoot: false, leaf: null, problem: error instanceof Error ? error.message : String(error) };
  }
  return {
    leaf,
    leafMatches: leaf.toLowerCase() === proof.leaf.toLowerCase(),
    reachesRoot: rootOf(leaf, proof.proof).toLowerCase() === proof.root.toLowerCase(),
  };
}
