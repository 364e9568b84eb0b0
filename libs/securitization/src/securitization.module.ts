import { Global, Module } from '@nestjs/common';
import { PoolAnalyticsService } from './pools/pool-analytics.service.js';
import { PoolsService } from './pools/pools.service.js';

/** Receivables pools (eligibility, concentration, analytics); deals and closing come next. */
@Global()
@Module({
  providers: [PoolsService, PoolAnalyticsService],
  exports: [PoolsService, PoolAnalyticsService],
})
export class SecuritizationModule {}
