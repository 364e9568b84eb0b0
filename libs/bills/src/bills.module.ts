import { Module, type DynamicModule } from '@nestjs/common';
import { BillAgingScheduler } from './bills/bill-aging.scheduler.js';
import { BillDocumentsService } from './bills/bill-documents.service.js';
import { BILLS_OPTIONS, BillsService, type BillsOptions } from './bills/bills.service.js';
import { BILL_JOB_HANDLERS } from './chain/bill-job.handlers.js';
import { FinancingService } from './financing/financing.service.js';
import { UblImportService } from './ubl/ubl-import.service.js';

/** Digital bills: lifecycle, financing by DvP, payment at maturity, aging. */
@Module({})
export class BillsModule {
  static forRoot(options: BillsOptions): DynamicModule {
    return {
      module: BillsModule,
      global: true,
      providers: [{ provide: BILLS_OPTIONS, useValue: options }, BillsService, FinancingService, BillAgingScheduler, UblImportService, BillDocumentsService, ...BILL_JOB_HANDLERS],
      exports: [BillsService, FinancingService, BillAgingScheduler, UblImportService, BillDocumentsService],
    };
  }
}
