import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditService, BusinessDate, buildDataSourceOptions, ConfigModule, TransactionGuard, type TallyConfig } from '#core';
import { ChainModule } from '#chain';
import { IdentityModule } from '#identity';
import { AnchoringModule } from '#anchoring';
import { DocumentsModule } from '#documents';
import { BillsModule } from '#bills';
import { SettlementModule } from '#settlement';
import { SecuritizationModule, ServicingModule } from '#securitization';
import { AUDIT_ANCHOR_SCHEDULE, AuditHeadAnchorer } from './audit-head-anchorer.js';
import { PlatformStatusService } from './platform-status.service.js';
import type { Runtime } from './runtime.js';
import { ENTITIES, MIGRATIONS } from './schema.js';
import { RUNTIME } from './tokens.js';

export interface PlatformOptions {
  config: TallyConfig;
  runtime: Runtime;
  /** Run the outbox worker in this process. */
  worker: boolean;
  applicationName: string;
}

/** The domain libs wired on one database and one chain: what the API and the worker apps share. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { config, runtime } = options;
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(
          buildDataSourceOptions({
            url: runtime.databaseUrl,
            entities: ENTITIES,
            migrations: MIGRATIONS,
            poolSize: config.database.poolSize,
            connectTimeoutMs: config.database.connectTimeoutMs,
            applicationName: options.applicationName,
          }),
        ),
        ChainModule.forRoot({
          context: runtime.chain,
          worker: { ...config.worker, enabled: options.worker },
          contracts: { autoDeploy: config.chain.autoDeploy, deploymentFile: config.chain.deploymentFile },
          indexer: { enabled: options.worker, pollMs: config.bills.indexerPollMs },
        }),
        IdentityModule.forRoot({
          ...config.auth,
          ...config.identity,
          jwtSecret: runtime.secrets.jwtSecret,
          walletMasterKey: runtime.secrets.walletMasterKey,
          schedules: options.worker,
        }),
        AnchoringModule.forRoot({ ...config.anchoring, sealer: options.worker }),
        DocumentsModule,
        SettlementModule,
        ServicingModule,
        BillsModule.forRoot({ ...config.bills, schedules: options.worker }),
        SecuritizationModule,
      ],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: AUDIT_ANCHOR_SCHEDULE, useValue: options.worker },
        PlatformStatusService,
        AuditService,
        AuditHeadAnchorer,
        TransactionGuard,
        // one business date per process (the wall clock's UTC date unless moved forward in process)
        { provide: BusinessDate, useFactory: () => new BusinessDate() },
      ],
      exports: [RUNTIME, PlatformStatusService, AuditService, AuditHeadAnchorer, BusinessDate],
    };
  }
}
