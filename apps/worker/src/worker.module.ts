import { Module, type DynamicModule } from '@nestjs/common';
import type { TallyConfig } from '#core';
import { PlatformModule, type Runtime } from '#platform';

/** The background process: the same platform as the API, with the outbox loop on and no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: TallyConfig, runtime: Runtime): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot({ config, runtime, worker: true, applicationName: 'tally-worker' })],
    };
  }
}
