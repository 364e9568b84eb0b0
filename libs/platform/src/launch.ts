import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import { ConfigError, createLogger, loadConfig, type TallyConfig } from '#core';
import { migrateDatabase } from './migrate-on-start.js';
import { startRuntime, type Runtime, type RuntimeOptions } from './runtime.js';

export type AppFactory = (config: TallyConfig, runtime: Runtime, logger: Logger) => Promise<INestApplicationContext>;

/**
 * The one start sequence of every Tally process: validated configuration (a bad value stops the
 * start with one line and exit code 2), embedded PostgreSQL/anvil when configured, migrations,
 * the Nest application; on SIGINT/SIGTERM the application closes first (the worker finishes its
 * tick), then anvil and PostgreSQL stop, so no process is left behind.
 */
export async function launch(name: string, factory: AppFactory, runtimeOptions?: RuntimeOptions): Promise<void> {
  let config: TallyConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`tally ${name}: invalid configuration: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel).child({ app: name });
  let runtime: Runtime | undefined;
  let app: INestApplicationContext | undefined;
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    const force = setTimeout(() => process.exit(code || 1), 30_000);
    force.unref();
    await app?.close().catch((err) => logger.error({ err }, 'closing the application failed'));
    await runtime?.stop();
    logger.info('stopped');
    process.exit(code);
  };
  // `on`, not `once`: a second Ctrl-C while stopping must not kill the process with PostgreSQL
  // and anvil still running (shutdown() ignores it). SIGHUP: the terminal was closed.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal, 0));
  try {
    // `ms`: from the start of the process (module loading included), what a user waits for
    const phase = (from: number) => Math.round(performance.now() - from);
    let t = performance.now();
    const phases: Record<string, number> = { imports: Math.round(t) };
    runtime = await startRuntime(config, logger, runtimeOptions);
    phases.runtime = phase(t);
    t = performance.now();
    const applied = await migrateDatabase(runtime.databaseUrl);
    phases.migrations = phase(t);
    if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
    t = performance.now();
    app = await factory(config, runtime, logger);
    phases.app = phase(t);
    const rssMB = Math.round(process.memoryUsage.rss() / 1048576);
    logger.info({ mode: runtime.mode, chainId: runtime.chain.chainId, ms: Math.round(performance.now()), phases, rssMB }, `${name} started`);
  } catch (err) {
    logger.fatal({ err }, `${name} failed to start`);
    await shutdown('start failed', 1);
  }
}
