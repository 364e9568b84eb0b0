import { BillEventEntity } from './bills/bill-event.entity.js';
import { BillEntity } from './bills/bill.entity.js';
import { DuplicateAlertEntity } from './bills/duplicate-alert.entity.js';
import { BillPaymentEntity, FinancingEntity, FinancingOfferEntity, FinancingRequestEntity } from './financing/financing.entities.js';
import { BillsFoundation1763796000000 } from './migrations/1763796000000-BillsFoundation.js';
import { BillIntake1796432417351 } from './migrations/1796432417351-BillIntake.js';
import { BillBusinessDates1796761054069 } from './migrations/1796761054069-BillBusinessDates.js';
import { BillIntakeEntity, BillIntakeRowEntity } from './intake/bill-intake.entity.js';

export { BillsModule } from './bills.module.js';
export { BillsService, BILLS_OPTIONS, type BillsOptions, type IssueContext } from './bills/bills.service.js';
export { BillIssuerGuard } from './bills/bill-issuer.guard.js';
export { FinancingService } from './financing/financing.service.js';
export { FinancierPortfolioService, FinancierPortfolioDto } from './financing/financier-portfolio.service.js';
export { BillPoolingService, type PoolCandidate, type OtherHolder, type OtherHoldersSource, type OtherHolderNamesSource, type BillPerformance } from './pooling/bill-pooling.service.js';
export { BillDocumentsService } from './bills/bill-documents.service.js';
export { BillAgingScheduler } from './bills/bill-aging.scheduler.js';
export { BillEntity, BillChainStatus } from './bills/bill.entity.js';
export { BillEventEntity } from './bills/bill-event.entity.js';
export { DuplicateAlertEntity } from './bills/duplicate-alert.entity.js';
export {
  BillState,
  Encumbrance,
  BillParty,
  ChainBillStatus,
  BILL_ACTIONS,
  BILL_LIFECYCLE,
  POOL_ACTIONS,
  actorOf,
  allowedActions,
  assertAllowed,
  effectOf,
  applyConfirmed,
  refusalOf,
  nextBillState,
  type BillAction,
  type BillActor,
  type BillActionRule,
  type BillEffect,
} from './lifecycle/bill-lifecycle.js';
export { FINANCING_LIFECYCLE, FinancingRequestState, OFFER_ACTIONS, offerRefusal } from './lifecycle/financing-lifecycle.js';
export { billIdBytes32, billTokenId, uuidOfBillId } from './bills/bill-id.util.js';
export { BillErrorCode, BillException, BILL_ERROR_STATUS } from './bills.errors.js';
export { BILL_JOB } from './chain/bill-job.handlers.js';
export { DVP_CONSENT_TYPES, dvpConsentDomain, signDvpConsent, type DvpConsentArg, type DvpConsentKind, type DvpTrade } from './chain/dvp-consent.js';
export { FinancingEntity, FinancingOfferEntity, FinancingRequestEntity, BillPaymentEntity, FinancingState, OfferState } from './financing/financing.entities.js';
export { quoteFinancing, actualDays, type FinancingQuote, type FinancingQuoteInput } from './financing/discount.util.js';
export { billFingerprint, normalizeInvoiceNumber } from './fingerprint/bill-fingerprint.js';
export { BillIntakeService, BULK_MAX_ROWS, BULK_CHUNK_ROWS, BULK_BILLS_PER_JOB, type BulkIntakeResult, type BulkRowResult } from './intake/bill-intake.service.js';
export { formatOf as bulkFormatOf, type BulkFormat } from './intake/bulk-rows.util.js';
export { ISSUE_BATCH_JOB, IssueBatchJobHandler, issueBatchGasLimit, type IssueBatchPayload, type BatchBill } from './intake/issue-batch.job-handler.js';
export { BillIntakeEntity, BillIntakeRowEntity } from './intake/bill-intake.entity.js';
export { UblImportService, type UblFile, type UblImportResult } from './ubl/ubl-import.service.js';
export { parseUblInvoice, type ParsedUblInvoice, type UblParty } from './ubl/ubl-invoice.parser.js';
export * from './dto/bill.dto.js';
export * from './dto/financing.dto.js';
/** `BillChainIndexer`: the projector's first name (it was the whole indexer before libs/chain got one). */
export {
  BillChainProjector,
  BillChainProjector as BillChainIndexer,
  type IndexerTickResult,
  type OrphanedJob,
  type ReorgReport,
} from './indexer/bill-chain.projector.js';
export { BillRepairService, type ReconcileCause, type ReconciledBill, type RepairOutcome } from './reconciliation/bill-repair.service.js';
export { ReconciliationService } from './reconciliation/reconciliation.service.js';
export { ReconciliationDifferenceDto, RECONCILED_ENTITIES, type ReconciledEntity } from './reconciliation/reconciliation.dto.js';
export { BillChainReader } from './reconciliation/bill-chain.reader.js';
export { billDifferences, billRepair, type ChainBill, type FieldDifference } from './reconciliation/bill-chain-state.util.js';

export const BILLS_ENTITIES = [BillIntakeEntity, BillIntakeRowEntity, BillEntity, BillEventEntity, DuplicateAlertEntity, FinancingRequestEntity, FinancingOfferEntity, FinancingEntity, BillPaymentEntity];
export const BILLS_MIGRATIONS = [BillsFoundation1763796000000, BillIntake1796432417351, BillBusinessDates1796761054069];
