import { Global, Module } from '@nestjs/common';
import { InvestorReportsService } from '../reporting/investor-reports.service.js';
import { InvestorPortfolioService } from './investor-portfolio.service.js';
import { ClosedDealSource } from './closed-deal.source.js';
import { PeriodRunsService } from './period-runs.service.js';

/** Servicing: period runs (maker-checker), distributions through the outbox, investor reports. */
@Global()
@Module({
  providers: [ClosedDealSource, PeriodRunsService, InvestorReportsService, InvestorPortfolioService],
  exports: [ClosedDealSource, PeriodRunsService, InvestorReportsService, InvestorPortfolioService],
})
export class ServicingModule {}
