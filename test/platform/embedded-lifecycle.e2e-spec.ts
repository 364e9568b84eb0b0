import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/chain.js';

/**
 * Process-level acceptance of the embedded mode: the compiled API started exactly as `npm start`
 * starts it (`node dist/apps/api/src/main.js`), with its own PostgreSQL and anvil under a fresh
 * TALLY_HOME; stopped with SIGINT; started again on the same home; refused on bad configuration.
 */
const MAIN = resolve('dist/apps/api/src/main.js');
const HEALTHY_WITHIN_MS = 60_000;
const STOPPED_WITHIN_MS = 20_000;
const TEST_TIMEOUT_MS = 120_000;

// What `npm start` would not get from a developer's shell: the test runner's own settings and
// any Tally configuration (which could switch the app to server mode).
const CONFIG_VARS =
  /^(TALLY_|DATABASE_|RPC_URL$|CHAIN_|ANVIL_|EMBEDDED_PG_|KEYSTORE_|DEPLOYMENT_FILE$|WORKER_|PORT$|HOST$|LOG_LEVEL$|CORS_ORIGINS$|PORTAL_DIR$|JSON_BODY_LIMIT_BYTES$|NODE_OPTIONS$|NODE_ENV$|JEST_)/;
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !CONFIG_VARS.test(k))) as Record<
  string,
  string
>;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface ApiProcess {
  child: ChildProcess;
  pid: number;
  exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
}

const started: ApiProcess[] = [];
const homes: string[] = [];

function freshHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'tally-home-'));
  homes.push(home);
  return home;
}

function startApi(env: Record<string, string>): ApiProcess {
  // detached: its own process group, so a failed test can still kill everything it started
  const child = spawn(process.execPath, [MAIN], {
    cwd: process.cwd(),
    env: { ...baseEnv, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Exit>((done) => child.once('close', (code, signal) => done({ code, signal })));
  const api: ApiProcess = { child, pid: child.pid!, exited, stdout: () => stdout, stderr: () => stderr };
  started.push(api);
  return api;
}

/** The last lines of the app's output, for failure messages. */
function tail(api: ApiProcess, lines = 15): string {
  return `${api.stdout()}${api.stderr()}`.trimEnd().split('\n').slice(-lines).join('\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForExit(api: ApiProcess, ms: number): Promise<Exit | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'still running'>((r) => (timer = setTimeout(() => r('still running'), ms)));
  try {
    return await Promise.race([api.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls /health until it answers 200 with database and chain up; returns the time it took. */
async function waitHealthy(api: ApiProcess, baseUrl: string): Promise<number> {
  const t0 = Date.now();
  let last = 'no answer yet';
  while (Date.now() - t0 < HEALTHY_WITHIN_MS) {
    if (api.child.exitCode !== null || api.child.signalCode !== null) {
      throw new Error(`the API exited (code ${api.child.exitCode}, signal ${api.child.signalCode}) before it was healthy:\n${tail(api)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5_000) });
      const body = (await res.json()) as { database?: { status: string }; chain?: { status: string } };
      if (res.status === 200 && body.database?.status === 'up' && body.chain?.status === 'up') return Date.now() - t0;
      last = `${res.status} ${JSON.stringify(body)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`/health was not 200 with database and chain up within ${HEALTHY_WITHIN_MS / 1000} s (last: ${last}):\n${tail(api)}`);
}

function readPid(file: string): number {
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]!.trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`${file} holds no pid`);
  return pid;
}

/** Running (a zombie has finished; reaping it is its parent's business). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Processes whose command line mentions `text` (anvil's state file and PostgreSQL's -D are under TALLY_HOME). */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (cmd.includes(text) && alive(Number(entry))) found.push(`${entry}: ${cmd}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function embeddedPids(home: string): { postgres: number; anvil: number } {
  return { postgres: readPid(join(home, 'pg', 'postmaster.pid')), anvil: readPid(join(home, 'chain', 'anvil.pid')) };
}

interface Status {
  mode: string;
  chain: { chainId: number; blockNumber: number };
  contracts: { name: string; address: string; deploymentBlock: number; txHash: string | null }[];
}

interface StartedLine {
  ms: number;
  rssMB: number;
  phases: Record<string, number>;
}

/** The `api started` log line: the start time and memory the platform reports itself (figures belong in bench/start). */
function startedLine(api: ApiProcess): StartedLine {
  const line = api
    .stdout()
    .split('\n')
    .find((l) => l.includes('"api started"'));
  if (!line) throw new Error(`no "api started" line:\n${tail(api)}`);
  return JSON.parse(line) as StartedLine;
}

/** Generous bounds only: the figures themselves are measured by bench/start, on a quiet machine. */
function expectPlausibleStart(line: StartedLine): void {
  expect(Number.isInteger(line.ms)).toBe(true);
  expect(line.ms).toBeGreaterThan(0);
  expect(line.ms).toBeLessThan(HEALTHY_WITHIN_MS);
  expect(Object.keys(line.phases).sort()).toEqual(['app', 'imports', 'migrations', 'runtime']);
  for (const v of Object.values(line.phases)) expect(v).toBeGreaterThanOrEqual(0);
  expect(line.rssMB).toBeGreaterThan(0);
  expect(line.rssMB).toBeLessThan(2_048);
}

async function status(baseUrl: string): Promise<Status> {
  const res = await fetch(`${baseUrl}/api/v1/status`);
  expect(res.status).toBe(200);
  return (await res.json()) as Status;
}

/** Sends SIGINT and checks the acceptance of a clean stop: exit code 0 in time, nothing left running. */
async function stopWithSigint(api: ApiProcess, home: string, target: 'process' | 'group'): Promise<void> {
  const pids = embeddedPids(home);
  expect(alive(pids.postgres)).toBe(true);
  expect(alive(pids.anvil)).toBe(true);

  process.kill(target === 'group' ? -api.pid : api.pid, 'SIGINT');
  const exit = await waitForExit(api, STOPPED_WITHIN_MS);
  if (exit === 'still running') throw new Error(`the API did not exit within ${STOPPED_WITHIN_MS / 1000} s of SIGINT:\n${tail(api)}`);
  expect({ exit, output: tail(api) }).toEqual({ exit: { code: 0, signal: null }, output: expect.anything() });

  expect({ postgres: alive(pids.postgres), anvil: alive(pids.anvil) }).toEqual({ postgres: false, anvil: false });
  expect(processesMentioning(home)).toEqual([]);
  expect(existsSync(join(home, 'chain', 'anvil.pid'))).toBe(false);
}

afterAll(async () => {
  // Whatever failed: nothing this file started may outlive it.
  for (const api of started) {
    if (api.child.exitCode === null && api.child.signalCode === null) {
      try {
        process.kill(-api.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  for (const home of homes) {
    const leftovers = new Set<number>();
    for (const file of [join(home, 'pg', 'postmaster.pid'), join(home, 'chain', 'anvil.pid')]) {
      try {
        leftovers.add(readPid(file));
      } catch {
        // no pid file
      }
    }
    for (const line of processesMentioning(home)) leftovers.add(Number(line.split(':')[0]));
    for (const pid of leftovers) {
      if (!alive(pid)) continue;
      // a pid from a file may have been reused: only kill what runs on this home
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(home)) process.kill(pid, 'SIGKILL');
    }
    for (let i = 0; i < 50 && processesMentioning(home).length; i++) await sleep(100);
    rmSync(home, { recursive: true, force: true });
  }
}, 30_000);

describe('embedded mode, started as `npm start` does', () => {
  let home: string;
  let env: Record<string, string>;
  let baseUrl: string;
  let api: ApiProcess;
  let first: Status;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run the tests with \`node scripts/test.mjs\` (it builds first)`);
    home = freshHome();
    // mkdtemp makes the directory 0700; run as root, the embedded PostgreSQL runs as the
    // `postgres` OS user and must reach TALLY_HOME/pg (a home the app creates itself is 0755)
    chmodSync(home, 0o755);
    const ports = new Set<number>();
    while (ports.size < 3) ports.add(await freePort());
    const [port, pgPort, anvilPort] = [...ports];
    env = { TALLY_HOME: home, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), ANVIL_PORT: String(anvilPort), LOG_LEVEL: 'info' };
    baseUrl = `http://127.0.0.1:${port}`;
  });

  it(
    'is healthy within 60 s on a fresh TALLY_HOME and serves the docs, the OpenAPI document and the portal',
    async () => {
      api = startApi(env);
      const ms = await waitHealthy(api, baseUrl);
      expect(ms).toBeLessThan(HEALTHY_WITHIN_MS);

      const docs = await fetch(`${baseUrl}/api/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger');
      const openapi = await fetch(`${baseUrl}/api/openapi.json`);
      expect(openapi.status).toBe(200);
      expect(((await openapi.json()) as { info: { title: string } }).info.title).toBe('Tally API');
      const portal = await fetch(`${baseUrl}/`, { headers: { accept: 'text/html' } });
      expect(portal.status).toBe(200);
      expect(portal.headers.get('content-type')).toMatch(/^text\/html/);

      first = await status(baseUrl);
      expect(first.mode).toBe('embedded');
      expect(first.chain.chainId).toBe(31337);
      expect(first.contracts.map((c) => c.name)).toContain('DocumentAnchor');
      expect(api.stdout()).toMatch(/DocumentAnchor deployed at 0x/);
      expectPlausibleStart(startedLine(api));
      // the generated keystore password has 144 random bits: the keystore uses a cheap scrypt cost
      const keystore = JSON.parse(readFileSync(join(home, 'keystore', 'operator.json'), 'utf8')) as Record<string, { kdfparams: { n: number } }>;
      expect((keystore.crypto ?? keystore.Crypto)!.kdfparams.n).toBeLessThanOrEqual(4096);
      // one keystore per contract role, each its own key, readable by the owner only
      const roleFiles = ['operator', 'registrar', 'anchorer', 'settlement-agent', 'bill-operator'].map((r) => join(home, 'keystore', `${r}.json`));
      const keyAddresses = roleFiles.map((f) => {
        expect(statSync(f).mode & 0o777).toBe(0o600);
        return (JSON.parse(readFileSync(f, 'utf8')) as { address: string }).address.toLowerCase();
      });
      expect(new Set(keyAddresses).size).toBe(5);
      // a fresh deployment grants each role to its key at once: nothing to move at start
      expect(api.stdout()).not.toMatch(/roles: (grant|revoke)/);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'exits with code 0 within 20 s of SIGINT and leaves no PostgreSQL or anvil running',
    async () => {
      await stopWithSigint(api, home, 'process');
      expect(api.stderr()).toBe('');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'starts again on the same TALLY_HOME with the same contracts (no redeploy)',
    async () => {
      api = startApi(env);
      await waitHealthy(api, baseUrl);
      const again = await status(baseUrl);
      const anchor = (s: Status) => s.contracts.find((c) => c.name === 'DocumentAnchor');
      expect(anchor(again)).toEqual(anchor(first));
      expect(again.contracts).toEqual(first.contracts);
      // the chain state survived: it continues from where it stopped instead of starting over
      expect(again.chain.blockNumber).toBeGreaterThanOrEqual(first.chain.blockNumber);
      expect(api.stdout()).not.toMatch(/deployed at 0x|deploying again|roles: (grant|revoke)/);
      expectPlausibleStart(startedLine(api));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'stops cleanly again on Ctrl-C (SIGINT to the whole process group, as a terminal sends it)',
    async () => {
      await stopWithSigint(api, home, 'group');
      expect(api.stderr()).toBe('');
    },
    TEST_TIMEOUT_MS,
  );
});

describe('embedded mode, bad configuration', () => {
  it.each([
    ['PORT', 'abc'],
    ['CHAIN_CONFIRMATIONS', '0'],
  ])(
    '%s=%s: exit code 2, one line on stderr naming the variable, no PostgreSQL started',
    async (name, value) => {
      const home = freshHome();
      const api = startApi({
        TALLY_HOME: home,
        PORT: String(await freePort()),
        EMBEDDED_PG_PORT: String(await freePort()),
        ANVIL_PORT: String(await freePort()),
        LOG_LEVEL: 'info',
        [name]: value,
      });
      const exit = await waitForExit(api, 30_000);
      expect(exit).toEqual({ code: 2, signal: null });
      const lines = api.stderr().trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`\\b${name}\\b`));
      expect(lines[0]).toContain(value);
      expect(existsSync(join(home, 'pg'))).toBe(false);
      expect(processesMentioning(home)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
