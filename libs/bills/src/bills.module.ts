import { Module, type DynamicModule } from '@nestjs/common';
import { BillAgingScheduler } from './bills/bill-aging.scheduler.js';
import { BillDocumentsService } from './bills/bill-documents.service.js';
import { BILLS_OPTIONS, BillsService, type BillsOptions } from './bills/bills.service.js';
import { BILL_JOB_HANDLERS } from './chain/bill-job.handlers.js';
import { BillIntakeService } from './intake/bill-intake.service.js';
import { IssueBatchJobHandler } from './intake/issue-batch.job-handler.js';
import { FinancingService } from './financing/financing.service.js';
import { FinancingStatementSource } from './financing/financing-statement.source.js';
import { FinancierPortfolioService } from './financing/financier-portfolio.service.js';
import { BillChainProjector } from './indexer/bill-chain.projector.js';
import { BillChainReader } from './reconciliation/bill-chain.reader.js';
import { BillRepairService } from './reconciliation/bill-repair.service.js';
import { ReconciliationService } from './reconciliation/reconciliation.service.js';
import { UblImportService } from './ubl/ubl-import.service.js';
import { BillPoolingService } from './pooling/bill-pooling.service.js';

/** Digital bills: lifecycle, financing by DvP, payment at maturity, aging; the projector of its chain events and reconciliation. */
@Module({})
export class BillsModule {
  static forRoot(options: BillsOptions): DynamicModule {
    return {
      module: BillsModule,
      global: true,
      providers: [
        { provide: BILLS_OPTIONS, useValue: options },
        BillsService,
        FinancingService,
        FinancingStatementSource,
        FinancierPortfolioService,
        BillAgingScheduler,
        UblImportService,
        BillDocumentsService,
        ...BILL_JOB_HANDLERS,
        BillIntakeService,
        IssueBatchJobHandler,
        BillChainReader,
        BillRepairService,
        BillChainProjector,
        ReconciliationService,
        BillPoolingService,
      ],
      exports: [
        BillPoolingService,
        FinancierPortfolioService,
        BillsService,
        BillIntakeService,
        FinancingService,
        BillAgingScheduler,
        UblImportService,
        BillDocumentsService,
        BillChainProjector,
        ReconciliationService,
      ],
    };
  }
}
