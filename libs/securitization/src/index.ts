// Receivables pools and note issuance: pools (eligibility, concentration, analytics) and the pure allocation.
import { Pools1796413624633 } from './migrations/1796413624633-Pools.js';
import { PoolTapes1796414192888 } from './migrations/1796414192888-PoolTapes.js';
import { PoolTapePdf1796785312115 } from './migrations/1796785312115-PoolTapePdf.js';
import { Deals1796414587363 } from './migrations/1796414587363-Deals.js';
import { DealEntity } from './deals/deal.entity.js';
import { Subscriptions1796414896773 } from './migrations/1796414896773-Subscriptions.js';
import { SubscriptionOrderEntity, TrancheOfferingEntity } from './subscriptions/subscription.entities.js';
import { PoolAssetEntity, PoolEntity, PoolTapeEntity } from './pools/pool.entity.js';
import { ClosingStepEntity, DealClosingEntity } from './closing/closing.entity.js';
import { DealClosings1796600000000 } from './migrations/1796600000000-DealClosings.js';

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
  DealClosingEntity,
  ClosingStepEntity,
];
export const SECURITIZATION_MIGRATIONS = [Pools1796413624633, PoolTapes1796414192888, Deals1796414587363, Subscriptions1796414896773, DealClosings1796600000000, PoolTapePdf1796785312115];
// Closing on chain: contracts per deal, true sale, DvP per investor, proceeds (closing/).
export { ClosingsService, spvName, trueSaleBatchId, subscriptionId, proceedsPaymentId, trancheIdOf } from './closing/closings.service.js';
export { ClosingState, ClosingStepState, DealClosingEntity, ClosingStepEntity } from './closing/closing.entity.js';
export { CLOSING_JOB, CLOSING_TRANSITIONS, TRUE_SALE_BATCH, planClosing, readySteps, closingStateOf, nextClosingState, type StepSpec, type PlannedStep } from './closing/closing-plan.util.js';
export * from './dto/closing.dto.js';
export { ClosingReconciliationService } from './closing/closing-reconciliation.service.js';
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
// Servicing (issue 11 items 3-5): period runs, distributions, investor reports.
export { ServicingModule } from './servicing/servicing.module.js';
export { InvestorPortfolioService, InvestorPortfolioDto, TrancheHoldingDto, DistributionDto } from './servicing/investor-portfolio.service.js';
export { PeriodRunsService, SERVICING_PAYOUT_JOB, PAYOUTS_MAX, payoutPaymentId, type ProposePeriodRunInput, type PeriodRunView, type PeriodRunSummary, type RunAudience, type ServicedDeal, type ServicingDealSource, type ProposeFromDealInput } from './servicing/period-runs.service.js';
export { ClosedDealSource } from './servicing/closed-deal.source.js';
export { collectionRows } from './servicing/closed-deal.util.js';
export { computePeriod, rowsOfCase, type CollectionRowInput, type PeriodComputation, type HolderPayment } from './servicing/period-run.util.js';
export { PeriodRunEntity, PeriodRunState, PayoutEntity, PayoutState } from './servicing/period-run.entity.js';
export { ServicingErrorCode, ServicingException, SERVICING_ERROR_STATUS } from './servicing/servicing.errors.js';
import { PayoutEntity as ServicingPayoutEntity, PeriodRunEntity as ServicingPeriodRunEntity } from './servicing/period-run.entity.js';
import { ServicingPeriodRuns1796436268007 } from './servicing/migrations/1796436268007-ServicingPeriodRuns.js';
import { ServicingReportFiles1796734518227 } from './servicing/migrations/1796734518227-ServicingReportFiles.js';
export const SERVICING_ENTITIES = [ServicingPeriodRunEntity, ServicingPayoutEntity];
export const SERVICING_MIGRATIONS = [ServicingPeriodRuns1796436268007, ServicingReportFiles1796734518227];
export { InvestorReportsService, type ReportCsvView, type InvestorReportView, type ReportFileView } from './reporting/investor-reports.service.js';
export { ServicedDealDto, PeriodRunSummaryDto, PeriodRunDto, RunPayoutDto, type NoteFactorDto, InvestorReportDto, ReportFileDto, ReportLineDto } from './servicing/servicing-views.dto.js';
export { buildInvestorReport, investorReportCsv, renderInvestorReportPdf, formatMinor, type InvestorReportData, type ReportLine, type CsvAnchoring } from './reporting/investor-report.util.js';
export { projectDeal, projectGrid, PROJECTION_LIMITS, ProjectionErrorCode, ProjectionException, PROJECTION_ERROR_STATUS, type ProjectionRequest, type ProjectionResponse, type GridRequest, type GridResponse, type ScenarioProjection, type TrancheProjection, type ProjectionDeal } from './projections/projections.util.js';
