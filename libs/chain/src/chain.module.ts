import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AnchorRootJobHandler } from './anchor/anchor-root.job-handler.js';
import { CHAIN_CONTEXT, type ChainContext } from './chain-context.js';
import { ChainStatusService } from './chain-status.service.js';
import { CONTRACT_OPTIONS, ContractRegistry, type ContractOptions } from './deployment/contract-registry.service.js';
import { ChainJobHandlerRegistry } from './outbox/chain-job-handler.js';
import { ChainJobsService } from './outbox/chain-jobs.service.js';
import { OUTBOX_WORKER_OPTIONS, OutboxWorkerService, type OutboxWorkerModuleOptions } from './outbox/outbox-worker.service.js';

export interface ChainModuleOptions {
  context: ChainContext;
  worker: OutboxWorkerModuleOptions;
  contracts: ContractOptions;
}

@Global()
@Module({})
export class ChainModule {
  static forRoot(options: ChainModuleOptions): DynamicModule {
    return {
      module: ChainModule,
      providers: [
        { provide: CHAIN_CONTEXT, useValue: options.context },
        { provide: OUTBOX_WORKER_OPTIONS, useValue: options.worker },
        { provide: CONTRACT_OPTIONS, useValue: options.contracts },
        ChainJobHandlerRegistry,
        ChainJobsService,
        ContractRegistry,
        ChainStatusService,
        OutboxWorkerService,
        AnchorRootJobHandler,
      ],
      exports: [CHAIN_CONTEXT, ChainJobHandlerRegistry, ChainJobsService, ContractRegistry, ChainStatusService, OutboxWorkerService],
    };
  }
}
