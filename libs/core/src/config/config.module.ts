import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { TallyConfig } from './config.js';

/** Injection token of the typed configuration. */
export const TALLY_CONFIG = Symbol('TALLY_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: TallyConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: TALLY_CONFIG, useValue: config }], exports: [TALLY_CONFIG] };
  }
}
