import { AnchorBatchTreeEntity } from './batch/anchor-batch-tree.entity.js';
import { AnchorBatchEntity } from './batch/anchor-batch.entity.js';
import { AnchorLeafEntity } from './leaf/anchor-leaf.entity.js';
import { AnchoringFoundation1763790000000 } from './migrations/1763790000000-AnchoringFoundation.js';
import { AnchorLeavesSealCost1763798000000 } from './migrations/1763798000000-AnchorLeavesSealCost.js';

export { AnchoringModule } from './anchoring.module.js';
export { ANCHORING_OPTIONS, BULK_HASHES_MAX, VERIFY_BATCH_MAX, type AnchoringOptions } from './anchoring.options.js';
export { AnchoringErrorCode, AnchoringException, ANCHORING_ERROR_STATUS } from './anchoring.errors.js';
export {
  AnchoringService,
  type AnchorBatchView,
  type AnchoredArtifact,
  type ArtifactToAnchor,
  type BatchPageQuery,
  type BulkHashResult,
} from './anchoring.service.js';
export { VerificationService, type VerificationResult, type VerificationStatus } from './verification.service.js';
export { AnchorSealer, type AnchorSealerHooks, type AnchorSealerOptions, type SealedBatch } from './batch/anchor-sealer.js';
export { AnchorSealerService } from './batch/anchor-sealer.service.js';
export { AnchorBatchJobHandler, ANCHOR_BATCH_JOB, type AnchorBatchPayload } from './batch/anchor-batch.job-handler.js';
export { AnchorBatchEntity, AnchorBatchStatus } from './batch/anchor-batch.entity.js';
export { AnchorBatchTreeEntity } from './batch/anchor-batch-tree.entity.js';
export { AnchorLeafEntity } from './leaf/anchor-leaf.entity.js';
export { LeafState, type LeafStatus } from './leaf/leaf-status.js';
export { normalizeSha256 } from './leaf/sha256.util.js';
export { chainBatchIdOf, batchUuidOf } from './batch/batch-id.util.js';
export { buildMerkleTree, MerkleTree, MERKLE_MAX_LEAVES, proofNodeIndexes, type BuiltTree } from './merkle/merkle-tree.js';
export { leafHash, processProof, verifyProof, isBytes32 } from './merkle/merkle-proof.js';
export { canonicalReceipt, parseReceipt, RECEIPT_FORMAT, type AnchorReceipt, type ParsedReceipt } from './receipt/anchor-receipt.js';
export {
  checkChain,
  checkProof,
  verifyReceipt,
  VerificationFailure,
  type AnchorChainReader,
  type AnchoringTx,
  type ChainAnchoring,
  type ChainCheckOptions,
  type ReceiptVerification,
  type VerificationCheck,
} from './receipt/verify-receipt.js';
export { CachingAnchorReader, EthersAnchorReader } from './receipt/ethers-anchor-reader.js';

/** Anchoring's entities and migrations (in order), for the platform schema. */
export const ANCHORING_ENTITIES = [AnchorBatchEntity, AnchorBatchTreeEntity, AnchorLeafEntity];
export const ANCHORING_MIGRATIONS = [AnchoringFoundation1763790000000, AnchorLeavesSealCost1763798000000];
