import { ChainDeploymentEntity } from './deployment/chain-deployment.entity.js';
import { ChainEventEntity } from './indexer/chain-event.entity.js';
import { ChainIndexBlockEntity } from './indexer/chain-index-block.entity.js';
import { ChainIndexCursorEntity } from './indexer/chain-index-cursor.entity.js';
import { BillIndexer1763797000000 } from './migrations/1763797000000-BillIndexer.js';
import { ChainFoundation1763760000000 } from './migrations/1763760000000-ChainFoundation.js';
import { SignerRoles1796782823654 } from './migrations/1796782823654-SignerRoles.js';
import { ChainJobEntity } from './outbox/chain-job.entity.js';
import { ChainNonceEntity } from './outbox/chain-nonce.entity.js';
import { ChainTxAttemptEntity } from './outbox/chain-tx-attempt.entity.js';

export { ChainModule, type ChainModuleOptions } from './chain.module.js';
export { CHAIN_CONTEXT, CHAIN_ROLES, ChainRole, createChainContext, roleOfAddress, type ChainContext } from './chain-context.js';
export { ChainErrorCode, ChainException, CHAIN_ERROR_STATUS } from './chain.errors.js';
export { createProvider } from './provider.js';
export { KeystoreSignerSource, type SignerSource } from './signer/keystore.js';
export { loadRoleKeys, roleKeystoreFile, type RoleKeysOptions } from './signer/role-keys.js';
export { AnvilProcess, anvilBinaryPath, waitForRpc, type AnvilOptions } from './embedded/anvil.process.js';
export { ChainStatusService, type ChainHealth } from './chain-status.service.js';
export {
  ContractRegistry,
  currencyBytes3,
  DEPLOYMENT_PLANS,
  OPERATIONAL_ROLES,
  SETTLEMENT_CURRENCIES,
  type DeployedContract,
  type DeploymentFile,
  type DeploymentPlan,
  type ContractOptions,
} from './deployment/contract-registry.service.js';
export { ChainDeploymentEntity } from './deployment/chain-deployment.entity.js';
export { ChainJobEntity, ChainJobStatus } from './outbox/chain-job.entity.js';
export { ChainTxAttemptEntity } from './outbox/chain-tx-attempt.entity.js';
export { ChainNonceEntity } from './outbox/chain-nonce.entity.js';
export { ChainJobHandlerRegistry, type ChainJobHandler, type ChainCall, type ConfirmedJob } from './outbox/chain-job-handler.js';
export { ChainJobsService, type EnqueueChainJob, type ChainJobCounts, type ConfirmedJobView, type RebroadcastResult } from './outbox/chain-jobs.service.js';
export { OutboxWorker, type OutboxWorkerOptions, type OutboxWorkerHooks, type OutboxLogger } from './outbox/outbox-worker.js';
export { OutboxWorkerService, type OutboxWorkerModuleOptions } from './outbox/outbox-worker.service.js';
export { NonceManager } from './outbox/nonce-manager.js';
export { describeRevertData } from './outbox/revert-reason.js';
export { AnchorRootJobHandler, ANCHOR_ROOT_JOB, type AnchorRootPayload } from './anchor/anchor-root.job-handler.js';

export {
  ChainEventIndexer,
  CHAIN_INDEXER_OPTIONS,
  type ChainEventSubscriber,
  type ChainIndexCursor,
  type ChainIndexerOptions,
  type ChainIndexTick,
  type ChainReorg,
  type DecodedChainEvent,
  type IndexedContractSpec,
  type OrphanedChainJob,
} from './indexer/chain-event-indexer.js';
export { ChainEventEntity } from './indexer/chain-event.entity.js';
export { ChainIndexCursorEntity } from './indexer/chain-index-cursor.entity.js';
export { ChainIndexBlockEntity } from './indexer/chain-index-block.entity.js';

export const CHAIN_ENTITIES = [ChainJobEntity, ChainTxAttemptEntity, ChainNonceEntity, ChainDeploymentEntity, ChainEventEntity, ChainIndexCursorEntity, ChainIndexBlockEntity];
/** The indexer's tables were first created as bills' (`BillIndexer`, name kept: it is recorded in applied databases). */
export const CHAIN_MIGRATIONS = [ChainFoundation1763760000000, BillIndexer1763797000000, SignerRoles1796782823654];
