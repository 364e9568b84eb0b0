// HTTP baseline: the real embedded Tally API against a bare Express and a bare Fastify server
// that run the same SQL on the same embedded PostgreSQL. Plus the resident memory of Tally's
// whole process tree (node, PostgreSQL, anvil), idle and under load.
//
//   npm run build && npm run bench:http
//
// Env (all optional):
//   BENCH_DURATION_S       measured seconds per server and endpoint (default 10, 1..300)
//   BENCH_WARMUP_S         warm-up seconds before each measurement, discarded (default 2, 0..60)
//   BENCH_CONNECTIONS      autocannon connections (default 10, 1..200)
//   BENCH_ROUNDS           the measured seconds of each server are cut into this many slices,
//                          interleaved across the three servers (default 5: 5 x 2 s)
//   BENCH_QUIET_WAIT_S     before each endpoint, wait at most this long for other processes on the
//                          machine to go below 0.1 core (default 30, 0 = do not wait)
//   BENCH_TALLY_LOG_LEVEL  LOG_LEVEL given to Tally (default warn)
//   BENCH_USER             demo user to log in as when a route needs a role (default auditor@demo.tally)
//   BENCH_BASELINE_DIR     a built checkout of another commit (`git archive <commit> | tar -x -C DIR`,
//                          node_modules linked, `npx tsc -p tsconfig.build.json`): it runs as a fourth
//                          server, `baseline` (its own TALLY_HOME, PostgreSQL and anvil, its own token),
//                          in the same interleaved slices, and the report adds this/baseline ratios
//                          (write the commit id into DIR/.bench-commit to have it in the report)
//
// Every server listens on 127.0.0.1 only and all load goes there. Every wait has a deadline and
// every load run a fixed duration. Tally is stopped with SIGINT (it stops its PostgreSQL and
// anvil), the bare servers with SIGTERM, the temporary TALLY_HOME is deleted, also on error or
// Ctrl-C. The report is printed and written to bench/http-baseline/out/last-run.json.
import autocannon from 'autocannon';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  alive,
  children,
  CLK_TCK,
  distinctFreePorts,
  fmt,
  HOST,
  intEnv,
  launch,
  machineBusyTicks,
  machineInfo as machine,
  mb,
  memorySample,
  processTree,
  ratio,
  readStat,
  sampleMB,
  scrub,
  scrubbers,
  scrubMachinePaths,
  sleep,
  stopChild,
  waitForLine,
  groupOf,
} from '../lib/process.mjs';
import { childEnv, login, startPlatform } from '../lib/platform.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = join(HERE, 'out');

const HEALTH_TIMEOUT_MS = 90_000;
const IDLE_SETTLE_MS = 5_000;
const SAMPLE_EVERY_MS = 500;
const TALLY_STOP_TIMEOUT_MS = 40_000;
const BARE_STOP_TIMEOUT_MS = 6_000;

const DURATION_S = intEnv('BENCH_DURATION_S', 10, 1, 300);
const WARMUP_S = intEnv('BENCH_WARMUP_S', 2, 0, 60);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 10, 1, 200);
const QUIET_WAIT_S = intEnv('BENCH_QUIET_WAIT_S', 30, 0, 120);
const ROUNDS = intEnv('BENCH_ROUNDS', 5, 1, 60);
const TALLY_LOG_LEVEL = process.env.BENCH_TALLY_LOG_LEVEL?.trim() || 'warn';
const BENCH_USER = process.env.BENCH_USER?.trim() || 'auditor@demo.tally';

const ENDPOINTS = [
  { name: 'health', path: '/health' },
  { name: 'jobs-summary', path: '/api/v1/chain/jobs/summary' },
];

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Paths of this machine never go into the report.

// ---------------------------------------------------------------------------------------------
// Ports and HTTP

/** Headers sent with every benchmark request to every server (a bearer token once Tally needs one). */
const requestHeaders = {};

async function get(url, timeoutMs = 5_000, headers = requestHeaders) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text.slice(0, 500);
  }
  return { status: res.status, body };
}

// ---------------------------------------------------------------------------------------------
// /proc: process tree, memory, CPU


function cpuTicksByGroup(pids) {
  const out = {};
  for (const p of processTree(pids.tally)) out[groupOf(p.comm)] = (out[groupOf(p.comm)] ?? 0) + p.cpuTicks;
  for (const [name, pid] of Object.entries(pids)) {
    if (name === 'tally') continue;
    const st = readStat(pid);
    if (st) out[`${name}-node`] = st.cpuTicks;
  }
  return out;
}

function cpuDelta(before, after) {
  const out = {};
  for (const k of Object.keys(after)) out[k] = Math.round(((after[k] - (before[k] ?? 0)) / CLK_TCK) * 100) / 100;
  return out;
}

/** Samples memory every SAMPLE_EVERY_MS while `active` (set by `measure` during warm-up and load). */
function startSampler(rootPid, exclude) {
  const samples = [];
  const take = () => {
    if (!sampler.active) return;
    try {
      samples.push(memorySample(rootPid, exclude));
    } catch {
      /* a process vanished mid-read */
    }
  };
  const timer = setInterval(take, SAMPLE_EVERY_MS);
  const sampler = {
    active: false,
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
  return sampler;
}


function summarizeSamples(samples) {
  if (!samples.length) return null;
  const peak = samples.reduce((a, b) => (b.rssKB > a.rssKB ? b : a));
  const groupNames = [...new Set(samples.flatMap((s) => Object.keys(s.groups)))];
  const avg = (f) => samples.reduce((a, s) => a + f(s), 0) / samples.length;
  const average = { rssMB: mb(avg((s) => s.rssKB)), pssMB: mb(avg((s) => s.pssKB)), groups: {} };
  for (const g of groupNames) {
    average.groups[g] = {
      rssMB: mb(avg((s) => s.groups[g]?.rssKB ?? 0)),
      pssMB: mb(avg((s) => s.groups[g]?.pssKB ?? 0)),
      processes: Math.round(avg((s) => s.groups[g]?.processes ?? 0) * 10) / 10,
    };
  }
  return { samples: samples.length, everyMs: SAMPLE_EVERY_MS, peak: sampleMB(peak), average };
}

// ---------------------------------------------------------------------------------------------
// Child processes

/** PostgreSQL backend pids of the bare servers' pools (they print `BACKEND <pid>` per new connection). */


// ---------------------------------------------------------------------------------------------
// Load

let currentCannon = null;

async function cannon(url, durationS, title, raw = false, headers = requestHeaders) {
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: durationS,
    title,
    timeout: 10,
    headers: { ...headers },
    skipAggregateResult: raw, // raw: kept for autocannon.aggregateResult over the slices of a row
  });
  currentCannon = instance;
  try {
    return await instance;
  } finally {
    currentCannon = null;
  }
}

function pick(r) {
  return {
    reqPerSec: Math.round(r.requests.average * 10) / 10,
    requests: r.requests.total,
    latencyMs: { average: r.latency.average, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    durationS: r.duration,
  };
}

/**
 * Waits (at most QUIET_WAIT_S, one-second probes) until processes outside this benchmark use less
 * than a tenth of one core, so that other work on a shared machine skews the next row less.
 * Returns the CPU share (cores) the others used in the last probe.
 */
async function waitForQuiet(pids) {
  let other = 0;
  for (let i = 0; i < Math.max(1, QUIET_WAIT_S); i++) {
    const ours0 = Object.values(cpuTicksByGroup(pids)).reduce((a, b) => a + b, 0);
    const self0 = process.cpuUsage();
    const machine0 = machineBusyTicks();
    await sleep(1_000);
    const ours = (Object.values(cpuTicksByGroup(pids)).reduce((a, b) => a + b, 0) - ours0) / CLK_TCK;
    const self = process.cpuUsage(self0);
    other = Math.max(0, (machineBusyTicks() - machine0) / CLK_TCK - ours - (self.user + self.system) / 1e6);
    if (QUIET_WAIT_S === 0 || other < 0.1) break;
  }
  return Math.round(other * 100) / 100;
}

const BASELINE_DIR = process.env.BENCH_BASELINE_DIR?.trim() ? resolve(process.env.BENCH_BASELINE_DIR.trim()) : null;
const SERVERS = ['tally', ...(BASELINE_DIR ? ['baseline'] : []), 'express', 'fastify'];
/** Request headers per server (each Tally build has its own JWT secret, so its own token). */
const headersOf = {};

/** One slice of load on one server: raw autocannon result plus the CPU every party used meanwhile. */
async function runSlice(server, url, seconds, pids, sampler) {
  if (sampler) sampler.active = true;
  const cpuBefore = cpuTicksByGroup(pids);
  const loadgenBefore = process.cpuUsage();
  const machineBefore = machineBusyTicks();
  const raw = await cannon(url, seconds, `${server} ${url}`, true, headersOf[server] ?? requestHeaders);
  const machineBusyS = (machineBusyTicks() - machineBefore) / CLK_TCK;
  const cpu = cpuDelta(cpuBefore, cpuTicksByGroup(pids));
  if (sampler) sampler.active = false;
  const lg = process.cpuUsage(loadgenBefore);
  cpu.loadgen = (lg.user + lg.system) / 1e6; // this process: autocannon (+ /proc sampling)
  // CPU that none of the processes of this benchmark used: other work on the machine skews the slice
  cpu.otherOnMachine = Math.max(0, machineBusyS - Object.values(cpu).reduce((a, b) => a + b, 0));
  return { raw, cpu };
}

/**
 * One endpoint on the three servers. The measured DURATION_S of each server is cut into ROUNDS
 * slices, interleaved (tally, express, fastify, then rotated), so that load from other processes on
 * a shared machine hits the three servers alike instead of skewing one row.
 */
async function measureEndpoint(endpoint, bases, pids, samplers) {
  const otherCoresBefore = await waitForQuiet(pids);
  const warmups = {};
  for (const server of SERVERS) {
    const url = `${bases[server]}${endpoint.path}`;
    if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`refusing to load a non-loopback URL: ${url}`);
    if (WARMUP_S > 0) {
      log(`${server} ${endpoint.path}: warm-up ${WARMUP_S} s`);
      if (samplers[server]) samplers[server].active = true;
      warmups[server] = pick(await cannon(url, WARMUP_S, `${server} ${endpoint.name} warm-up`, false, headersOf[server] ?? requestHeaders));
      if (samplers[server]) samplers[server].active = false;
    }
  }
  const sliceS = DURATION_S / ROUNDS;
  const slices = Object.fromEntries(SERVERS.map((s) => [s, []]));
  log(`${endpoint.path}: ${ROUNDS} rounds x ${SERVERS.length} servers x ${sliceS} s, ${CONNECTIONS} connections`);
  for (let round = 0; round < ROUNDS; round++) {
    const order = SERVERS.map((_, i) => SERVERS[(i + round) % SERVERS.length]);
    for (const server of order) {
      slices[server].push(await runSlice(server, `${bases[server]}${endpoint.path}`, sliceS, pids, samplers[server]));
      await sleep(250);
    }
  }
  return SERVERS.map((server) => {
    const url = `${bases[server]}${endpoint.path}`;
    const list = slices[server];
    const agg = autocannon.aggregateResult(
      list.map((x) => x.raw),
      { url, connections: CONNECTIONS, title: `${server} ${endpoint.name}` },
    );
    const seconds = list.reduce((a, x) => a + x.raw.duration, 0);
    const completed = list.reduce((a, x) => a + x.raw.totalCompletedRequests, 0);
    const cpuSeconds = {};
    for (const x of list) for (const [k, v] of Object.entries(x.cpu)) cpuSeconds[k] = (cpuSeconds[k] ?? 0) + v;
    for (const k of Object.keys(cpuSeconds)) cpuSeconds[k] = Math.round(cpuSeconds[k] * 100) / 100;
    const serverNode = cpuSeconds[server === 'tally' ? 'node' : `${server}-node`];
    const result = pick(agg);
    return {
      server,
      endpoint: endpoint.name,
      path: endpoint.path,
      ...result,
      reqPerSec: Math.round((completed / seconds) * 10) / 10,
      requests: completed,
      durationS: Math.round(seconds * 100) / 100,
      reqPerSecSlices: list.map((x) => Math.round((x.raw.totalCompletedRequests / x.raw.duration) * 10) / 10),
      cpuSeconds,
      serverNodeCpuMsPerRequest: completed ? Math.round((serverNode * 1e6) / completed) / 1e3 : null,
      otherCoresBefore,
      warmup: warmups[server],
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Report


function renderReport(report) {
  const L = [];
  const m = report.machine;
  L.push(`# Tally HTTP baseline — ${report.date}`);
  L.push('');
  L.push(`Machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemoryGB} GB RAM; Node ${m.node}; ${m.os}; commit ${m.commit}${report.baseline ? `; baseline: ${report.baseline.build}` : ''}`);
  const s = report.settings;
  L.push(
    `Settings: autocannon ${s.connections} connections; per endpoint, each server gets ${s.warmupS} s warm-up (discarded), then ` +
      `${s.durationS} s measured in ${s.rounds} interleaved slices of ${fmt(s.durationS / s.rounds, 1)} s (one server loaded at a time); ` +
      `each endpoint starts after waiting up to ${s.quietWaitS} s for other processes to go below 0.1 core; ` +
      `Tally LOG_LEVEL=${s.tallyLogLevel}; load generator (autocannon, in this process) on the same ${m.cores} cores`,
  );
  L.push(
    `Load average (1 min) before: ${fmt(report.loadAverage.before, 2)}, after: ${fmt(report.loadAverage.after, 2)}; ` +
      `"other" below is CPU used by processes outside this benchmark during a row (it skews that row)`,
  );
  L.push(`Auth: ${report.auth ?? '-'}`);
  L.push('');
  L.push(
    '| server | endpoint | req/s | req/s of slices (min–max) | p50 ms | p99 ms | errors | non-2xx | server node CPU ms/req | CPU s: server node / postgres / anvil / load gen / other |',
  );
  L.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of report.runs) {
    const nodeKey = r.server === 'tally' ? 'node' : `${r.server}-node`;
    const c = r.cpuSeconds;
    const cpu = `${fmt(c[nodeKey], 1)} / ${fmt(c.postgres, 1)} / ${fmt(c.anvil, 1)} / ${fmt(c.loadgen, 1)} / ${fmt(c.otherOnMachine, 1)}`;
    L.push(
      `| ${r.server} | ${r.path} | ${fmt(r.reqPerSec)} | ${fmt(Math.min(...r.reqPerSecSlices), 0)}–${fmt(Math.max(...r.reqPerSecSlices), 0)} | ${fmt(r.latencyMs.p50, 0)} | ${fmt(r.latencyMs.p99, 0)} | ${r.errors} | ${r.non2xx} | ${fmt(r.serverNodeCpuMsPerRequest, 3)} | ${cpu} |`,
    );
  }
  L.push('');
  L.push('| endpoint | req/s Tally/Express | req/s Tally/Fastify | p99 Tally/Express | p99 Tally/Fastify |');
  L.push('|---|---:|---:|---:|---:|');
  for (const r of report.ratios) {
    L.push(
      `| ${r.path} | ${fmt(r.reqPerSec.vsExpress, 2)} | ${fmt(r.reqPerSec.vsFastify, 2)} | ${fmt(r.p99.vsExpress, 2)} | ${fmt(r.p99.vsFastify, 2)} |`,
    );
  }
  L.push('');
  if (report.baseline) {
    L.push(`Before/after in the same run (baseline: ${report.baseline.build}; its start to /health = 200: ${fmt(report.baseline.startMs / 1000, 1)} s)`);
    L.push('');
    L.push('| endpoint | req/s baseline/Express | req/s this/Express | req/s this/baseline | p99 this/baseline | server node CPU per request this/baseline |');
    L.push('|---|---:|---:|---:|---:|---:|');
    for (const r of report.ratios) {
      const b = r.baseline;
      L.push(`| ${r.path} | ${fmt(b.reqPerSecVsExpress, 2)} | ${fmt(r.reqPerSec.vsExpress, 2)} | ${fmt(b.thisVsBaseline.reqPerSec, 2)} | ${fmt(b.thisVsBaseline.p99, 2)} | ${fmt(b.thisVsBaseline.cpuMsPerRequest, 2)} |`);
    }
    L.push('');
  }
  const mem = report.memory;
  const row = (label, x) => {
    const g = x.groups;
    const part = (k) => (g[k] ? `${fmt(g[k].rssMB)} (${g[k].processes})` : '-');
    return `| ${label} | ${fmt(x.rssMB)} | ${fmt(x.pssMB)} | ${part('node')} | ${part('postgres')} | ${part('anvil')} |`;
  };
  L.push(`Tally process tree memory (MB; goal: at most ${mem.goalIdleMB} MB idle)`);
  L.push('');
  L.push('| when | RSS total | PSS total | node RSS (procs) | postgres RSS (procs) | anvil RSS (procs) |');
  L.push('|---|---:|---:|---:|---:|---:|');
  L.push(row(`idle (${IDLE_SETTLE_MS / 1000} s after /health = 200)`, mem.idle));
  if (mem.underLoad) {
    L.push(row('under load: peak sample', mem.underLoad.peak));
    L.push(row(`under load: average of ${mem.underLoad.samples} samples`, mem.underLoad.average));
  }
  if (mem.afterLoad) L.push(row('after load (bare servers stopped, 2 s)', mem.afterLoad));
  L.push('');
  L.push(
    `Idle RSS ${fmt(mem.idle.rssMB)} MB vs goal ${mem.goalIdleMB} MB: ${mem.idle.rssMB <= mem.goalIdleMB ? 'within the goal' : 'OVER the goal'}.`,
  );
  L.push('RSS sums VmRSS, so pages PostgreSQL backends share (shared_buffers) count once per process; PSS splits them.');
  L.push('');
  L.push(
    `Tally start to /health = 200: ${(report.tally.startMs / 1000).toFixed(1)} s; stop after SIGINT: ${report.tally.stop ? (report.tally.stop.ms / 1000).toFixed(1) + ' s' : '-'}` +
      (report.tally.leftoverProcesses?.length ? `; LEFTOVER processes killed: ${report.tally.leftoverProcesses.join(', ')}` : ''),
  );
  L.push(`chain_jobs rows (summary answered): ${JSON.stringify(report.tally.jobsSummary)}`);
  L.push(
    `Tally log lines at warn or above during the run: ${report.tally.logWarnings.length}` +
      (report.tally.logWarnings.length ? ' (first ones in last-run.json)' : ''),
  );
  if (report.errors.length) {
    L.push('');
    L.push('ERRORS:');
    for (const e of report.errors) L.push(`- ${e}`);
  }
  return L.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

let cleanupPromise = null;
const report = {
  date: new Date().toISOString(),
  machine: machine(),
  command: 'npm run build && npm run bench:http',
  settings: {
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    connections: CONNECTIONS,
    rounds: ROUNDS,
    quietWaitS: QUIET_WAIT_S,
    tallyLogLevel: TALLY_LOG_LEVEL,
    sampleEveryMs: SAMPLE_EVERY_MS,
  },
  baselines: {
    health:
      'bare servers: SELECT 1 raced against a 2 s deadline, JSON {status, database:{status, latencyMs}}. ' +
      "Tally's /health adds a chain part from a chain status refreshed in the background (every 500 ms; before that change, one JSON-RPC call per request).",
    'jobs-summary': 'all three: SELECT status, count(*) AS n FROM chain_jobs GROUP BY status -> {pending, submitted, confirmed, failed}',
  },
  tally: { logWarnings: [] },
  runs: [],
  ratios: [],
  memory: { goalIdleMB: 400 },
  loadAverage: { before: os.loadavg()[0] },
  errors: [],
};

/** PostgreSQL backend pids of the bare servers' pools (they print `BACKEND <pid>` per new connection). */
const bareBackendPids = new Set();
const backendLine = (line) => {
  if (!line.startsWith('BACKEND ')) return false;
  bareBackendPids.add(Number(line.slice(8)));
  return true;
};
let platform = null;
let baselinePlatform = null;

/** The commit of a `git archive` export (it has no .git): the first line of `.bench-commit` in it, if written. */
function baselineCommit(dir) {
  try {
    return readFileSync(join(dir, '.bench-commit'), 'utf8').trim();
  } catch {
    return 'commit unknown: write it to .bench-commit in the checkout';
  }
}

function cleanup() {
  cleanupPromise ??= (async () => {
    try {
      currentCannon?.stop();
    } catch {
      /* ignore */
    }
    for (const name of ['express', 'fastify']) await stopChild(name, 'SIGTERM', BARE_STOP_TIMEOUT_MS);
    if (baselinePlatform) await baselinePlatform.stop({ timeoutMs: TALLY_STOP_TIMEOUT_MS });
    if (platform) {
      const stop = await platform.stop({ timeoutMs: TALLY_STOP_TIMEOUT_MS });
      report.tally.stop = { ms: stop.ms, forced: stop.forced };
      report.tally.leftoverProcesses = stop.leftovers;
    }
  })();
  return cleanupPromise;
}

let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    interrupted = true;
    log(`${sig}: stopping everything`);
    cleanup().finally(() => process.exit(130));
  });
}
// last resort if this script dies without cleanup: ask Tally to stop (it stops PostgreSQL and anvil)
process.once('exit', () => {
  for (const name of ['express', 'fastify', 'tally', 'baseline']) {
    if (alive(children[name])) {
      try {
        children[name].child.kill(name === 'tally' || name === 'baseline' ? 'SIGINT' : 'SIGTERM');
      } catch {
        /* gone */
      }
    }
  }
});

async function main() {
  scrubMachinePaths();
  const [expressPort, fastifyPort] = await distinctFreePorts(2);

  log(`starting Tally (embedded PostgreSQL and anvil, LOG_LEVEL=${TALLY_LOG_LEVEL})`);
  const onLine = (line) => {
    try {
      const j = JSON.parse(line);
      if (j.res?.statusCode === 401 && j.req?.url === '/api/v1/chain/jobs/summary' && report.tally.ownProbe401 === false) {
        report.tally.ownProbe401 = true; // the unauthenticated probe below, logged at warn: not a platform problem
        return;
      }
      if (j.level >= 40 && report.tally.logWarnings.length < 50) report.tally.logWarnings.push(scrub(JSON.stringify(j).slice(0, 800)));
    } catch {
      if (report.tally.logWarnings.length < 50) report.tally.logWarnings.push(scrub(line.slice(0, 800)));
    }
  };
  platform = await startPlatform({ logLevel: TALLY_LOG_LEVEL, healthTimeoutMs: HEALTH_TIMEOUT_MS, onLine, homePrefix: 'tally-bench-http-' });
  const tally = platform.entry;
  const tallyBase = platform.baseUrl;
  const demoPassword = platform.demoPassword;
  report.tally.startMs = platform.startMs;
  report.tally.apiStartedMs = platform.apiStartedMs;
  log(`Tally answered /health after ${(report.tally.startMs / 1000).toFixed(1)} s; settling ${IDLE_SETTLE_MS / 1000} s`);

  await sleep(IDLE_SETTLE_MS);
  report.memory.idle = sampleMB(memorySample(tally.child.pid));
  log(`idle RSS of Tally's tree: ${report.memory.idle.rssMB} MB`);

  // sample answers (also checks the routes exist before loading them)
  const tallyHealth = await get(`${tallyBase}/health`);
  report.tally.ownProbe401 = false; // if this probe gets a 401, its warn log line is dropped (once)
  let tallySummary = await get(`${tallyBase}/api/v1/chain/jobs/summary`);
  if (tallySummary.status === 401 || tallySummary.status === 403) {
    // the route needs a role: log in as the seeded demo auditor (embedded mode seeds demo users with
    // TALLY_DEMO_PASSWORD) and send the same bearer token to all three servers
    const login = await fetch(`${tallyBase}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: BENCH_USER, password: demoPassword }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = await login.json().catch(() => ({}));
    if (login.status !== 200 || typeof body.accessToken !== 'string') {
      throw new Error(
        `the summary needs a login, and POST /api/v1/auth/login as ${BENCH_USER} answered ${login.status}: ${JSON.stringify(body).slice(0, 300)}`,
      );
    }
    requestHeaders.authorization = `Bearer ${body.accessToken}`;
    scrubbers.push([body.accessToken, '<token>']);
    report.auth = `Tally's summary route needs a role: every request to every server carries the bearer access token of ${BENCH_USER} (bare servers ignore it)`;
    log(report.auth);
    tallySummary = await get(`${tallyBase}/api/v1/chain/jobs/summary`);
  } else {
    report.auth = 'none (the routes answered without a token)';
  }
  report.tally.sampleResponses = { health: tallyHealth, jobsSummary: tallySummary };
  report.tally.jobsSummary = tallySummary.body;
  if (tallySummary.status !== 200)
    throw new Error(`Tally /api/v1/chain/jobs/summary answered ${tallySummary.status}: ${JSON.stringify(tallySummary.body)}`);

  if (BASELINE_DIR) {
    scrubbers.push([BASELINE_DIR, '<baseline checkout>']);
    log('starting the baseline build (its own TALLY_HOME, PostgreSQL and anvil)');
    baselinePlatform = await startPlatform({
      name: 'baseline',
      logLevel: TALLY_LOG_LEVEL,
      healthTimeoutMs: HEALTH_TIMEOUT_MS,
      homePrefix: 'tally-bench-http-base-',
      main: join(BASELINE_DIR, 'dist', 'apps', 'api', 'src', 'main.js'),
      cwd: BASELINE_DIR,
    });
    report.baseline = { build: `BENCH_BASELINE_DIR (${baselineCommit(BASELINE_DIR)})`, startMs: baselinePlatform.startMs };
    if (requestHeaders.authorization) {
      const { accessToken } = await login(baselinePlatform.baseUrl, BENCH_USER, baselinePlatform.demoPassword);
      headersOf.baseline = { authorization: `Bearer ${accessToken}` };
    }
    const summary = await get(`${baselinePlatform.baseUrl}/api/v1/chain/jobs/summary`, 5_000, headersOf.baseline ?? requestHeaders);
    if (summary.status !== 200) throw new Error(`baseline /api/v1/chain/jobs/summary answered ${summary.status}`);
  }

  const databaseUrl = platform.databaseUrl();
  log('starting the bare Express and Fastify servers');
  const express = launch('express', [join(HERE, 'bare-express.mjs')], childEnv({ PORT: String(expressPort), DATABASE_URL: databaseUrl }), { intercept: backendLine });
  const fastify = launch('fastify', [join(HERE, 'bare-fastify.mjs')], childEnv({ PORT: String(fastifyPort), DATABASE_URL: databaseUrl }), { intercept: backendLine });
  await Promise.all([waitForLine(express, 'READY ', 15_000), waitForLine(fastify, 'READY ', 15_000)]);
  const pids = { tally: tally.child.pid, express: express.child.pid, fastify: fastify.child.pid, ...(baselinePlatform ? { baseline: baselinePlatform.pid } : {}) };

  const bases = {
    tally: tallyBase,
    express: `http://${HOST}:${expressPort}`,
    fastify: `http://${HOST}:${fastifyPort}`,
    ...(baselinePlatform ? { baseline: baselinePlatform.baseUrl } : {}),
  };
  report.bareServers = {};
  for (const server of ['express', 'fastify']) {
    const health = await get(`${bases[server]}/health`);
    const summary = await get(`${bases[server]}/api/v1/chain/jobs/summary`);
    report.bareServers[server] = { sampleResponses: { health, jobsSummary: summary } };
    if (summary.status !== 200 || health.status !== 200) throw new Error(`bare ${server} answered ${health.status} / ${summary.status}`);
  }

  // Memory of Tally's tree is sampled only while Tally is under load, without the PostgreSQL
  // backends of the bare servers' pools (they report their backend pids on stdout).
  const samplers = {
    tally: startSampler(tally.child.pid, bareBackendPids),
    express: startSampler(pids.express),
    fastify: startSampler(pids.fastify),
  };
  for (const ep of ENDPOINTS) report.runs.push(...(await measureEndpoint(ep, bases, pids, samplers)));
  report.memory.underLoad = summarizeSamples(samplers.tally.stop());
  report.memory.bareServerBackendsLeftOut = bareBackendPids.size;
  for (const server of ['express', 'fastify']) report.bareServers[server].memoryUnderLoad = summarizeSamples(samplers[server].stop());

  for (const ep of ENDPOINTS) {
    const find = (server) => report.runs.find((r) => r.server === server && r.endpoint === ep.name);
    const t = find('tally');
    const e = find('express');
    const f = find('fastify');
    const b = BASELINE_DIR ? find('baseline') : null;
    report.ratios.push({
      endpoint: ep.name,
      path: ep.path,
      ...(b
        ? {
            baseline: {
              reqPerSecVsExpress: ratio(b.reqPerSec, e.reqPerSec),
              thisVsBaseline: { reqPerSec: ratio(t.reqPerSec, b.reqPerSec), p99: ratio(t.latencyMs.p99, b.latencyMs.p99), cpuMsPerRequest: ratio(t.serverNodeCpuMsPerRequest, b.serverNodeCpuMsPerRequest) },
            },
          }
        : {}),
      reqPerSec: { vsExpress: ratio(t.reqPerSec, e.reqPerSec), vsFastify: ratio(t.reqPerSec, f.reqPerSec) },
      p99: { vsExpress: ratio(t.latencyMs.p99, e.latencyMs.p99), vsFastify: ratio(t.latencyMs.p99, f.latencyMs.p99) },
    });
  }

  for (const name of ['express', 'fastify']) await stopChild(name, 'SIGTERM', BARE_STOP_TIMEOUT_MS);
  await sleep(2_000);
  report.memory.afterLoad = sampleMB(memorySample(tally.child.pid, bareBackendPids));
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  exitCode = 1;
  report.errors.push(scrub(err.stack ?? err.message));
} finally {
  report.loadAverage.after = os.loadavg()[0];
  await cleanup();
}
if (!interrupted) {
  for (const r of report.runs) {
    if (r.errors || r.non2xx || r.timeouts)
      report.errors.push(`${r.server} ${r.path}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`);
  }
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'last-run.json'), scrub(JSON.stringify(report, null, 2)) + '\n');
  if (report.memory.idle && report.runs.length === ENDPOINTS.length * SERVERS.length) {
    process.stdout.write(scrub(renderReport(report)) + '\n');
  } else {
    process.stdout.write(`bench failed:\n${report.errors.join('\n')}\n`);
  }
  process.stdout.write(`\nReport written to bench/http-baseline/out/last-run.json\n`);
  process.exit(exitCode || (report.errors.length ? 1 : 0));
}
