// Receivables pools and note issuance. Today only the pure parts; the NestJS module comes with
// pools and deals (they depend on the bill lifecycle table).
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
export {
  distributeTranchePayment,
  splitByLargestRemainder,
  noteFactor,
  FACTOR_DECIMALS,
  DistributionInputError,
  DistributionErrorCode,
  type HolderBalance,
  type HolderDistribution,
  type NoteFactor,
  type TranchePayment,
} from './servicing/distribution.util.js';
