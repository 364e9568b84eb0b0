import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHAIN_CONTEXT, ChainJobsService, type ChainContext } from '#chain';
import { ANCHORING_OPTIONS, type AnchoringOptions } from '../anchoring.options.js';
import { AnchorSealer } from './anchor-sealer.js';

/**
 * Runs the sealer where the outbox worker runs (the worker app, or the API in embedded mode):
 * `AnchoringModule.forRoot({ sealer })` gets the same switch as the outbox worker.
 */
@Injectable()
export class AnchorSealerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AnchorSealer');
  readonly sealer: AnchorSealer;

  constructor(
    dataSource: DataSource,
    jobs: ChainJobsService,
    @Inject(CHAIN_CONTEXT) chain: ChainContext,
    @Inject(ANCHORING_OPTIONS) private readonly options: AnchoringOptions,
  ) {
    this.sealer = new AnchorSealer(
      dataSource,
      jobs,
      chain.chainId,
      {
        batchMax: options.batchMax,
        batchWindowMs: options.batchWindowMs,
        pollMs: Math.min(1_000, Math.max(20, Math.floor(options.batchWindowMs / 10))),
      },
      { info: (o, m) => this.logger.log({ ...o, msg: m }), error: (o, m) => this.logger.error({ ...o, msg: m }) },
    );
  }

  onApplicationBootstrap(): void {
    if (!this.options.sealer) return;
    this.sealer.start();
    this.logger.log(`anchor sealer started (batches of ${this.options.batchMax} or every ${this.options.batchWindowMs} ms)`);
  }

  /** New leaves were committed in this process: look now rather than at the next poll. */
  nudge(): void {
    if (this.options.sealer) this.sealer.nudge();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sealer.stop();
  }
}
