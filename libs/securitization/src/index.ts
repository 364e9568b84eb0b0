// Receivables pools and note issuance: pools (eligibility, concentration, analytics) and the pure allocation.
import { Pools1796413624633 } from './migrations/1796413624633-Pools.js';
import { PoolTapes1796414192888 } from './migrations/1796414192888-PoolTapes.js';
import { Deals1796414587363 } from './migrations/1796414587363-Deals.js';
import { DealEntity } from './deals/deal.entity.js';
import { Subscriptions1796414896773 } from './migrations/1796414896773-Subscriptions.js';
import { SubscriptionOrderEntity, TrancheOfferingEntity } from './subscriptions/subscription.entities.js';
import { PoolAssetEntity, PoolEntity, PoolTapeEntity } from './pools/pool.entity.js';

export { SecuritizationModule } from './securitization.module.js';
export { PoolsService } from './pools/pools.service.js';
export { PoolAnalyticsService } from './pools/pool-analytics.service.js';
export { PoolEntity, PoolAssetEntity, PoolTapeEntity, PoolState } from './pools/pool.entity.js';
export { PoolTapeService } from './tape/pool-tape.service.js';
export {
  buildTape,
  leafValueOf,
  verifyAssetProof,
  LEAF_ENCODING,
  LEAF_FIELDS,
  TAPE_COLUMNS,
  type LeafValue,
  type TapeAsset,
} from './tape/loan-tape.util.js';
export { ASSET_PROOF_FORMAT, type AssetProof } from './tape/asset-proof.js';
export {
  ConcentrationBook,
  eligibilityRefusals,
  PoolRefusalCode,
  type PoolCriteria,
  type PoolLimits,
  type PoolRefusal,
} from './pools/pool-eligibility.util.js';
export { SecuritizationErrorCode, SecuritizationException, SECURITIZATION_ERROR_STATUS } from './securitization.errors.js';
export * from './dto/pool.dto.js';
export * from './dto/deal.dto.js';
export { DealsService } from './deals/deals.service.js';
export { SubscriptionsService } from './subscriptions/subscriptions.service.js';
export { OfferingState, SubscriptionOrderEntity, TrancheOfferingEntity } from './subscriptions/subscription.entities.js';
export * from './dto/subscription.dto.js';
export { DealEntity, DealState } from './deals/deal.entity.js';
export {
  creditEnhancement,
  engineCase,
  reserveFundingMinor,
  structureProblems,
  type DealTerms,
  type TrancheTerms,
} from './deals/deal-structure.util.js';
export * from './dto/pool-analytics.dto.js';

export const SECURITIZATION_ENTITIES = [
  PoolEntity,
  PoolAssetEntity,
  PoolTapeEntity,
  DealEntity,
  TrancheOfferingEntity,
  SubscriptionOrderEntity,
];
export const SECURITIZATION_MIGRATIONS = [Pools1796413624633, PoolTapes1796414192888, Deals1796414587363, Subscriptions1796414896773];
export {
  allocateSubscriptions,
  AllocationDuplicateOrderError,
  AllocationError,
  AllocationErrorCode,
  AllocationInputInvalidError,
  ALLOCATION_ERROR_STATUS,
  type AllocationInput,
  type AllocationResult,
  type OrderAllocation,
  type SubscriptionOrder,
} from './allocation/allocation.util.js';
