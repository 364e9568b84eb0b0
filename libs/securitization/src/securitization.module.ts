import { Global, Module } from '@nestjs/common';
import { PoolAnalyticsService } from './pools/pool-analytics.service.js';
import { PoolsService } from './pools/pools.service.js';
import { PoolTapeService } from './tape/pool-tape.service.js';
import { DealsService } from './deals/deals.service.js';
import { SubscriptionsService } from './subscriptions/subscriptions.service.js';
import { ClosingsService } from './closing/closings.service.js';
import { ClosingReconciliationService } from './closing/closing-reconciliation.service.js';

/** Receivables pools (eligibility, concentration, analytics); deals and closing come next. */
@Global()
@Module({
  providers: [PoolsService, PoolAnalyticsService, PoolTapeService, DealsService, SubscriptionsService, ClosingsService, ClosingReconciliationService],
  exports: [PoolsService, PoolAnalyticsService, PoolTapeService, DealsService, SubscriptionsService, ClosingsService, ClosingReconciliationService],
})
export class SecuritizationModule {}
