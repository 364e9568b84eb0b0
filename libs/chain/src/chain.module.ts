import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AnchorRootJobHandler } from './anchor/anchor-root.job-handler.js';
import { CHAIN_CONTEXT, type ChainContext } from './chain-context.js';
import { ChainStatusService } from './chain-status.service.js';
import { CONTRACT_OPTIONS, ContractRegistry, type ContractOptions } from './deployment/contract-registry.service.js';
import { ChainJobHandlerRegistry } from './outbox/chain-job-handler.js';
import { ChainJobsService } from './outbox/chain-jobs.service.js';
import { CHAIN_INDEXER_OPTIONS, ChainEventIndexer, type ChainIndexerOptions } from './indexer/chain-event-indexer.js';
import { OUTBOX_WORKER_OPTIONS, OutboxWorkerService, type OutboxWorkerModuleOptions } from './outbox/outbox-worker.service.js';

export interface ChainModuleOptions {
  context: ChainContext;
  worker: OutboxWorkerModuleOptions;
  contracts: ContractOptions;
  /** The chain event indexer's polling loop (where the worker runs); subscribers register in their modules. */
  indexer?: ChainIndexerOptions;
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
        { provide: CHAIN_INDEXER_OPTIONS, useValue: options.indexer ?? { enabled: false, pollMs: 1_000 } },
        ChainEventIndexer,
      ],
      exports: [CHAIN_CONTEXT, ChainJobHandlerRegistry, ChainJobsService, ContractRegistry, ChainStatusService, OutboxWorkerService, ChainEventIndexer],
    };
  }
}
