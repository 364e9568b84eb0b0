export const ANCHORING_OPTIONS = Symbol('ANCHORING_OPTIONS');

export interface AnchoringOptions {
  /** Run the batch sealer in this process (where the outbox worker runs). */
  sealer: boolean;
  batchMax: number;
  batchWindowMs: number;
}

/** Most hashes accepted by one bulk request (`POST /api/v1/anchors/hashes`). */
export const BULK_HASHES_MAX = 100_000;
/** Most hashes verified by one `POST /api/v1/verify/batch`. */
export const VERIFY_BATCH_MAX = 1_000;
