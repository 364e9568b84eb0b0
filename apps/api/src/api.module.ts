import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor, type TallyConfig } from '#core';
import { PlatformModule, type Runtime } from '#platform';
import { AuditController } from './audit/audit.controller.js';
import { BillIntakeController } from './bills/bill-intake.controller.js';
import { BillsController, FinancingController } from './bills/bills.controller.js';
import { SettlementController } from './bills/settlement.controller.js';
import { ReconciliationController } from './bills/reconciliation.controller.js';
import { ChainJobsController } from './chain/chain-jobs.controller.js';
import { PoolsController } from './securitization/pools.controller.js';
import { DealsController } from './securitization/deals.controller.js';
import { AuthController } from './identity/auth.controller.js';
import { CounterpartiesController } from './identity/counterparties.controller.js';
import { KycQueueController, OrganizationsController } from './identity/organizations.controller.js';
import { UsersController } from './identity/users.controller.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';
import { StatusController } from './status/status.controller.js';
import { AnchoringApiModule } from './anchoring/anchoring-api.module.js';
import { DocumentsApiModule } from './documents/documents-api.module.js';
import { VerifyApiModule } from './verify/verify-api.module.js';
import { ProjectionsController } from './projections/projections.controller.js';
import { ServicedDealsController, ServicingController } from './servicing/servicing.controller.js';
import { InvestorPortfolioController } from './servicing/investor-portfolio.controller.js';

@Module({})
export class ApiModule {
  static forRoot(config: TallyConfig, runtime: Runtime, worker: boolean): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot({ config, runtime, worker, applicationName: 'tally-api' }), DocumentsApiModule, AnchoringApiModule, VerifyApiModule],
      controllers: [
        HealthController,
        StatusController,
        ChainJobsController,
        MetricsController,
        AuthController,
        OrganizationsController,
        CounterpartiesController,
        KycQueueController,
        UsersController,
        AuditController,
        BillIntakeController,
        BillsController,
        FinancingController,
        SettlementController,
        ReconciliationController,
        ProjectionsController,
        ServicingController,
        ServicedDealsController,
        InvestorPortfolioController,
        PoolsController,
        DealsController,
      ],
      providers: [MetricsService, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
    };
  }
}
