import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHAIN_CONTEXT, type ChainContext } from '../chain-context.js';
import { ChainJobHandlerRegistry } from './chain-job-handler.js';
import { OutboxWorker, type OutboxWorkerOptions } from './outbox-worker.js';

export const OUTBOX_WORKER_OPTIONS = Symbol('OUTBOX_WORKER_OPTIONS');

export interface OutboxWorkerModuleOptions extends OutboxWorkerOptions {
  /** Start the loop with the application (API in embedded mode, always in the worker app). */
  enabled: boolean;
}

/** Runs the outbox loop inside a Nest application and stops it first on shutdown. */
@Injectable()
export class OutboxWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxWorker');
  readonly worker: OutboxWorker;

  constructor(
    dataSource: DataSource,
    @Inject(CHAIN_CONTEXT) chain: ChainContext,
    registry: ChainJobHandlerRegistry,
    @Inject(OUTBOX_WORKER_OPTIONS) private readonly options: OutboxWorkerModuleOptions,
  ) {
    this.worker = new OutboxWorker(dataSource, chain, registry, options, {
      info: (o, m) => this.logger.log({ ...o, msg: m }),
      warn: (o, m) => this.logger.warn({ ...o, msg: m }),
      error: (o, m) => this.logger.error({ ...o, msg: m }),
    });
  }

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.worker.start();
    this.logger.log(`outbox worker ${this.worker.workerId} started`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }
}
