import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { PinoNestLogger } from '#core';
import { launch } from '#platform';
import { WorkerModule } from './worker.module.js';

// In embedded mode a standalone worker attaches to the PostgreSQL and anvil of a running API
// (start that one with WORKER_IN_API=false); in server mode it uses DATABASE_URL and RPC_URL.
await launch(
  'worker',
  async (config, runtime, logger) => {
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, runtime), { logger: new PinoNestLogger(logger) });
    await app.init();
    return app;
  },
  { embedded: 'attach' },
);
