import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { loadConfig, type TallyConfig } from '#core';
import type { Runtime } from '#platform';
import { createApiApp } from '../../apps/api/src/api.app.js';
import { createTestDatabase, migratedDataSource, type TestDatabase } from './database.js';
import { startTestChain, type TestChain } from './chain.js';
import { registerMailbox } from './mailbox.js';

export interface TestPlatform {
  app: NestExpressApplication;
  baseUrl: string;
  config: TallyConfig;
  db: TestDatabase;
  chain: TestChain;
  close(): Promise<void>;
}

/**
 * The real API on a fresh database (real migrations) and a fresh anvil, listening on a free
 * port: tests talk to it over HTTP as any client would.
 */
export async function startTestPlatform(
  options: { env?: Record<string, string>; worker?: boolean; blockTimeSec?: number; logger?: Logger } = {},
): Promise<TestPlatform> {
  const db = await createTestDatabase();
  const chain = await startTestChain({ blockTimeSec: options.blockTimeSec });
  const ds = await migratedDataSource(db.url, 2);
  await ds.destroy();
  const mailDir = mkdtempSync(join(tmpdir(), 'tally-mail-'));
  const config = loadConfig({
    DATABASE_URL: db.url,
    RPC_URL: chain.anvil.url,
    KEYSTORE_PASSWORD: 'unused-in-tests',
    JWT_SECRET: randomBytes(32).toString('hex'),
    WALLET_MASTER_KEY: randomBytes(32).toString('hex'),
    CHAIN_AUTO_DEPLOY: 'true',
    LOG_LEVEL: 'silent',
    WORKER_POLL_MS: '20',
    // any query that borrows a second pooled connection inside a transaction fails its request
    DATABASE_TX_GUARD: 'throw',
    // tests play clients at many addresses through X-Forwarded-For from loopback
    TRUST_PROXY: 'loopback',
    MAIL_DIR: mailDir,
    ...options.env,
  });
  const runtime: Runtime = {
    mode: 'server',
    databaseUrl: db.url,
    chain: chain.context,
    secrets: { jwtSecret: config.auth.jwtSecret!, walletMasterKey: config.identity.walletMasterKey! },
    stop: async () => undefined,
  };
  // TALLY_TEST_LOG=<file> appends every test platform's warnings and errors to that file (diagnosing a stall)
  const logFile = process.env.TALLY_TEST_LOG;
  const logger = options.logger ?? (logFile ? pino({ level: process.env.TALLY_TEST_LOG_LEVEL ?? 'warn' }, pino.destination({ dest: logFile, append: true, sync: true })) : pino({ level: 'silent' }));
  const app = await createApiApp({ config, runtime, logger, worker: options.worker ?? true }).catch(async (err: unknown) => {
    // a platform that fails to start must not leave its chain and database behind (jest would hang)
    await chain.stop();
    await db.drop();
    throw err;
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  registerMailbox(`http://127.0.0.1:${port}`, mailDir);
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    db,
    chain,
    async close() {
      await app.close();
      await chain.stop();
      await db.drop();
      rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
