/** Where a hash is on its way to the chain. */
export enum LeafState {
  /** Waiting for the next batch. */
  PENDING = 'PENDING',
  /** In a sealed batch whose anchoring transaction is not confirmed yet. */
  SEALED = 'SEALED',
  /** Its batch's root is on chain: a receipt can be served. */
  ANCHORED = 'ANCHORED',
}

export interface LeafStatus {
  sha256: string;
  state: LeafState;
  kind: string;
  submittedAt: Date;
  batch: null | {
    id: string;
    chainBatchId: string;
    root: string;
    leafCount: number;
    leafIndex: number;
    sealedAt: Date;
    txHash: string | null;
    blockNumber: number | null;
    blockTimestamp: Date | null;
    contractAddress: string | null;
    chainId: number;
  };
}
