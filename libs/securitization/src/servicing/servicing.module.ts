import { Global, Module } from '@nestjs/common';
import { PeriodRunsService } from './period-runs.service.js';

/** Servicing: period runs (maker-checker), distributions through the outbox, investor reports. */
@Global()
@Module({ providers: [PeriodRunsService], exports: [PeriodRunsService] })
export class ServicingModule {}
