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
// Servicing (issue 11 items 3-5): period runs, distributions, investor reports.
export { ServicingModule } from './servicing/servicing.module.js';
export { PeriodRunsService, SERVICING_PAYOUT_JOB, PAYOUTS_MAX, payoutPaymentId, type ProposePeriodRunInput, type PeriodRunView, type ServicingDealSource } from './servicing/period-runs.service.js';
export { computePeriod, rowsOfCase, type CollectionRowInput, type PeriodComputation, type HolderPayment } from './servicing/period-run.util.js';
export { PeriodRunEntity, PeriodRunState, PayoutEntity, PayoutState } from './servicing/period-run.entity.js';
export { ServicingErrorCode, ServicingException, SERVICING_ERROR_STATUS } from './servicing/servicing.errors.js';
import { PayoutEntity as ServicingPayoutEntity, PeriodRunEntity as ServicingPeriodRunEntity } from './servicing/period-run.entity.js';
import { ServicingPeriodRuns1796436268007 } from './servicing/migrations/1796436268007-ServicingPeriodRuns.js';
export const SERVICING_ENTITIES = [ServicingPeriodRunEntity, ServicingPayoutEntity];
export const SERVICING_MIGRATIONS = [ServicingPeriodRuns1796436268007];
export { InvestorReportsService, type ReportCsvView } from './reporting/investor-reports.service.js';
export { buildInvestorReport, investorReportCsv, renderInvestorReportPdf, formatMinor, type InvestorReportData, type ReportLine, type CsvAnchoring } from './reporting/investor-report.util.js';
export { projectDeal, projectGrid, PROJECTION_LIMITS, ProjectionErrorCode, ProjectionException, PROJECTION_ERROR_STATUS, type ProjectionRequest, type ProjectionResponse, type GridRequest, type GridResponse, type ScenarioProjection, type TrancheProjection, type ProjectionDeal } from './projections/projections.util.js';
