import type { LeafValue } from './loan-tape.util.js';

export const ASSET_PROOF_FORMAT = 'tally-asset-proof/1';

/**
 * An asset's inclusion proof (`GET /pools/{id}/assets/{billId}/proof`), enough to check it
 * against any node of the chain without the API (`tally verify-asset`): the leaf of the asset
 * under the tape's root, and where that root is anchored (DocumentAnchor, batch id).
 */
export interface AssetProof {
  format: typeof ASSET_PROOF_FORMAT;
  poolId: string;
  billId: string;
  chainId: number;
  documentAnchor: string;
  /** bytes32 batch id of the tape root on DocumentAnchor: keccak256("tally.pool-tape:" + poolId). */
  batchId: string;
  root: string;
  leafEncoding: string[];
  leafFields: string[];
  value: LeafValue;
  leaf: string;
  proof: string[];
  /** The outbox job that anchors the root, as the platform knows it when answering. */
  anchor: { jobId: string; status: string; txHash: string | null; blockNumber: string | null };
}
