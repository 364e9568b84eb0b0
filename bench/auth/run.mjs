// Authentication benchmark: logins per second (argon2id) and the cost of the authentication and
// policy layer (global AccessGuard: passport-jwt + @Access policy) on an authenticated read.
//
//   npm run build && node bench/auth/run.mjs
//
// What runs (all on 127.0.0.1, all started and stopped by this script, temporary TALLY_HOME):
//   tally  the real embedded platform, `node dist/apps/api/src/main.js` (PostgreSQL, anvil,
//          outbox worker, demo seed with TALLY_DEMO_PASSWORD set to a random value)
//   real   bench/auth/api-process.mjs BENCH_PROCESS=real: a second API process attached to the same
//          PostgreSQL and anvil, the application exactly as shipped, without the outbox worker
//   stub   the same, BENCH_PROCESS=stub: AccessGuard.canActivate replaced by a stub that sets the
//          principal the token would give and returns true (the same endpoint without guards)
//
// Measured, one load at a time, autocannon with BENCH_CONNECTIONS connections:
//   1. POST /api/v1/auth/login (tally): a demo ORG_ADMIN's correct password, so every request
//      runs the full check (throttle lookup, user, argon2id verify, token pair, audit row);
//      the login throttle counts failures only, so it never triggers here
//   2. GET /api/v1/organizations/<own org id> with the Bearer token: real vs stub, in alternating
//      order over BENCH_ROUNDS rounds: the two processes differ only in the guard
//   3. context: the same read on real with a forged token (401 from the JWT check), /health on
//      real, and the same authenticated read on the main tally process
//
// Env (all optional): BENCH_DURATION_S (10), BENCH_WARMUP_S (2), BENCH_CONNECTIONS (8),
// BENCH_ROUNDS (2), BENCH_USER (supplier@demo.tally), BENCH_TALLY_LOG_LEVEL (warn),
// BENCH_PROFILE_DIR (unset; a directory: the real and stub processes write V8 CPU profiles there).
// Report: printed, and written to bench/auth/out/last-run.json (no path of this machine in it).
import argon2 from 'argon2';
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import {
  alive,
  children,
  CLK_TCK,
  distinctFreePorts,
  HOST,
  intEnv,
  launch,
  machineBusyTicks,
  machineInfo as machine,
  processTree,
  readStat,
  REPO,
  scrub,
  scrubbers,
  scrubMachinePaths,
  stopChild,
  waitForHealth,
  waitForLine,
} from '../lib/process.mjs';
import { childEnv, startPlatform } from '../lib/platform.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const API_PROCESS = join(HERE, 'api-process.mjs');
const OUT_DIR = join(HERE, 'out');

const DURATION_S = intEnv('BENCH_DURATION_S', 10, 1, 300);
const WARMUP_S = intEnv('BENCH_WARMUP_S', 2, 0, 60);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 8, 1, 200);
const ROUNDS = intEnv('BENCH_ROUNDS', 2, 1, 10);
const BENCH_USER = process.env.BENCH_USER?.trim() || 'supplier@demo.tally';
const TALLY_LOG_LEVEL = process.env.BENCH_TALLY_LOG_LEVEL?.trim() || 'warn';
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR?.trim() ? resolve(process.env.BENCH_PROFILE_DIR.trim()) : null;
const demoPassword = randomBytes(18).toString('base64url');

const log = (msg) => process.stderr.write(`[bench:auth] ${msg}\n`);

// ------------------------------------------------------------------------------------------

// ------------------------------------------------------------------------------------------
// Ports, HTTP

async function http(method, url, { headers = {}, body, timeoutMs = 10_000 } = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text.slice(0, 500);
  }
  return { status: res.status, body: parsed };
}

// ------------------------------------------------------------------------------------------
// Processes

/** CPU ticks of the node processes we measure, and of PostgreSQL and anvil (in the tally tree). */
function cpuTicks(pids) {
  const out = { postgres: 0, anvil: 0 };
  for (const [name, pid] of Object.entries(pids)) out[name] = readStat(pid)?.ownCpuTicks ?? 0;
  for (const p of processTree(pids.tally)) {
    if (p.comm.startsWith('postgres') || p.comm === 'postmaster') out.postgres += p.cpuTicks;
    else if (p.comm.startsWith('anvil')) out.anvil += p.ownCpuTicks;
  }
  return out;
}


// ------------------------------------------------------------------------------------------
// Load

let currentCannon = null;
async function cannon(opts) {
  const instance = autocannon({ connections: CONNECTIONS, timeout: 10, ...opts });
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
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    durationS: r.duration,
  };
}

/** Warm-up (discarded), then the measured run with the CPU of the server process and of PostgreSQL. */
async function measure(label, server, pids, request, expectStatus) {
  const url = request.url;
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`refusing to load a non-loopback URL: ${url}`);
  if (WARMUP_S > 0) await cannon({ ...request, duration: WARMUP_S, title: `${label} warm-up` });
  log(`${label}: ${DURATION_S} s x ${CONNECTIONS} connections`);
  const before = cpuTicks(pids);
  const machineBefore = machineBusyTicks();
  const loadgenBefore = process.cpuUsage();
  const result = pick(await cannon({ ...request, duration: DURATION_S, title: label }));
  const after = cpuTicks(pids);
  const loadgen = process.cpuUsage(loadgenBefore);
  const serverCpuS = (after[server] - before[server]) / CLK_TCK;
  const postgresCpuS = (after.postgres - before.postgres) / CLK_TCK;
  const machineBusyS = (machineBusyTicks() - machineBefore) / CLK_TCK;
  // everything this benchmark runs: the three node processes, PostgreSQL and anvil
  const ours = [...Object.keys(pids), 'postgres', 'anvil'].reduce((a, k) => a + (after[k] - before[k]) / CLK_TCK, 0);
  const loadgenS = (loadgen.user + loadgen.system) / 1e6;
  const wrong = Object.entries(result.statusCodes).filter(([code]) => Number(code) !== expectStatus);
  return {
    label,
    server,
    expectStatus,
    ...result,
    unexpectedStatuses: Object.fromEntries(wrong),
    cpuSeconds: {
      server: round(serverCpuS, 2),
      postgres: round(postgresCpuS, 2),
      loadgen: round(loadgenS, 2),
      otherOnMachine: round(Math.max(0, machineBusyS - ours - loadgenS), 2),
    },
    serverCpuMsPerRequest: result.requests ? round((serverCpuS * 1000) / result.requests, 3) : null,
  };
}

// ------------------------------------------------------------------------------------------
// The guard alone, in this process: AccessGuard.canActivate on a fake request, no HTTP

/**
 * Calls the built AccessGuard (with the built JwtStrategy registered in passport, the JWT secret
 * of this TALLY_HOME) on a minimal request object, as Nest does for every request, against the
 * stub the "stub" process uses. CPU µs per call, median of 7 batches.
 */
async function guardMicrobench(jwtSecret, token, forged) {
  await import('reflect-metadata');
  const { Reflector } = await import('@nestjs/core');
  const { ACCESS_POLICY } = await import(pathToFileURL(join(REPO, 'dist', 'libs', 'core', 'src', 'auth', 'access.decorator.js')).href);
  const { AccessGuard } = await import(pathToFileURL(join(REPO, 'dist', 'libs', 'identity', 'src', 'auth', 'access.guard.js')).href);
  const { JwtStrategy } = await import(pathToFileURL(join(REPO, 'dist', 'libs', 'identity', 'src', 'auth', 'jwt.strategy.js')).href);
  new JwtStrategy({ jwtSecret }); // registers 'jwt' with passport, as Nest does once at start
  const guard = new AccessGuard(new Reflector());
  class Controller {}
  const handlers = {};
  for (const [name, policy] of Object.entries({
    authenticated: { kind: 'authenticated' },
    roles: { kind: 'roles', roles: ['PLATFORM_ADMIN', 'ORG_ADMIN'] },
  })) {
    handlers[name] = function handler() {};
    Reflect.defineMetadata(ACCESS_POLICY, policy, handlers[name]);
  }
  const ctxOf = (handler, authorization) => {
    const req = { method: 'GET', path: '/api/v1/organizations/x', url: '/api/v1/organizations/x', headers: { authorization } };
    const res = {};
    return {
      getType: () => 'http',
      getHandler: () => handler,
      getClass: () => Controller,
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    };
  };
  const principal = { userId: 'u', email: 'e', organizationId: 'o', roles: ['ORG_ADMIN'] };
  const stub = (ctx) => {
    const req = ctx.switchToHttp().getRequest();
    req.user = principal;
    req.principal = principal;
    return true;
  };
  const cases = {
    'stub (what the stub process runs)': (c) => stub(c),
    'AccessGuard, @Access.authenticated(), valid token': (c) => guard.canActivate(c),
    'AccessGuard, @Access.roles(PLATFORM_ADMIN, ORG_ADMIN), valid token': (c) => guard.canActivate(c),
    'AccessGuard, forged token (401)': (c) =>
      guard.canActivate(c).then(
        () => {
          throw new Error('a forged token passed');
        },
        () => true,
      ),
  };
  const contexts = {
    'stub (what the stub process runs)': () => ctxOf(handlers.authenticated, `Bearer ${token}`),
    'AccessGuard, @Access.authenticated(), valid token': () => ctxOf(handlers.authenticated, `Bearer ${token}`),
    'AccessGuard, @Access.roles(PLATFORM_ADMIN, ORG_ADMIN), valid token': () => ctxOf(handlers.roles, `Bearer ${token}`),
    'AccessGuard, forged token (401)': () => ctxOf(handlers.authenticated, `Bearer ${forged}`),
  };
  const out = {};
  const BATCH = 2_000;
  for (const [name, fn] of Object.entries(cases)) {
    const first = contexts[name]();
    if ((await fn(first)) !== true) throw new Error(`${name}: did not let the request through`);
    for (let i = 0; i < 500; i++) await fn(contexts[name]()); // warm-up
    const cpu = [];
    const wall = [];
    for (let b = 0; b < 7; b++) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < BATCH; i++) await fn(contexts[name]());
      const dc = process.cpuUsage(c0);
      wall.push(Number(process.hrtime.bigint() - t0) / 1e3 / BATCH);
      cpu.push((dc.user + dc.system) / BATCH);
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    out[name] = { cpuUsPerCall: round(median(cpu), 1), wallUsPerCall: round(median(wall), 1), batches: 7, callsPerBatch: BATCH };
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Report

const round = (n, d = 2) => (n === null || n === undefined || Number.isNaN(n) ? null : Math.round(n * 10 ** d) / 10 ** d);
const fmt = (n, d = 1) => (n === undefined || n === null || Number.isNaN(n) ? '-' : Number(n).toFixed(d));
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

function renderReport(r) {
  const L = [];
  const m = r.machine;
  L.push(`# Tally auth benchmark — ${r.date}`);
  L.push('');
  L.push(`Machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemoryGB} GB RAM; Node ${m.node}; ${m.os}; commit ${m.commit}`);
  L.push(
    `Settings: autocannon ${r.settings.connections} connections, ${r.settings.warmupS} s warm-up (discarded) + ${r.settings.durationS} s measured per row, ` +
      `one row at a time, ${r.settings.rounds} alternating round(s) of real/stub; load generator on the same machine; load average (1 min) before ${fmt(r.loadAverage.before, 2)}, after ${fmt(r.loadAverage.after, 2)}`,
  );
  L.push(
    `argon2id as stored in the demo users' hashes: ${r.argon2.stored} (OWASP minimum: m=19456 KiB, t=2, p=1); one verify in the bench process, sequential: median ${fmt(r.argon2.verifyMsMedian, 1)} ms`,
  );
  L.push(`Read under test: GET /api/v1/organizations/<own organization id> as ${r.user.email} (${r.user.roles.join(',')})`);
  L.push('');
  L.push(
    '| row | server | req/s | p50 ms | p99 ms | statuses | server node CPU ms/req | CPU s: server node / postgres / load gen / other |',
  );
  L.push('|---|---|---:|---:|---:|---|---:|---|');
  for (const x of r.runs) {
    const c = x.cpuSeconds;
    L.push(
      `| ${x.label} | ${x.server} | ${fmt(x.reqPerSec)} | ${fmt(x.latencyMs.p50, 0)} | ${fmt(x.latencyMs.p99, 0)} | ${Object.entries(
        x.statusCodes,
      )
        .map(([k, v]) => `${k}×${v}`)
        .join(
          ' ',
        )} | ${fmt(x.serverCpuMsPerRequest, 3)} | ${fmt(c.server)} / ${fmt(c.postgres)} / ${fmt(c.loadgen)} / ${fmt(c.otherOnMachine)} |`,
    );
  }
  L.push('');
  const s = r.summary;
  L.push(`Logins: ${fmt(s.loginsPerSec)} /s (p50 ${fmt(s.loginP50Ms, 0)} ms, p99 ${fmt(s.loginP99Ms, 0)} ms)`);
  L.push(
    `Auth + policy layer on the read (mean of ${r.settings.rounds} round(s)): guarded ${fmt(s.guardedReqPerSec)} req/s vs unguarded ${fmt(s.unguardedReqPerSec)} req/s → ` +
      `throughput ratio guarded/unguarded ${fmt(s.throughputRatio, 3)}; p50 ratio ${fmt(s.p50Ratio, 2)}, p99 ratio ${fmt(s.p99Ratio, 2)}; ` +
      `server CPU ${fmt(s.guardedCpuMsPerReq, 3)} vs ${fmt(s.unguardedCpuMsPerReq, 3)} ms/req → the layer costs ${fmt(s.layerCpuMsPerReq, 3)} ms CPU per request`,
  );
  L.push(
    `The guard alone, in-process (no HTTP, no load running): ${Object.entries(r.guardInProcess)
      .map(([k, v]) => `${k}: ${fmt(v.cpuUsPerCall, 1)} µs CPU/call`)
      .join('; ')} → the layer costs ${fmt(s.guardInProcessUs, 1)} µs CPU per request, ` +
      `${fmt(s.guardShareOfUnguardedRequest * 100, 1)} % of the unguarded request's server CPU measured above`,
  );
  L.push(`Sanity: ${r.sanity.join('; ')}`);
  const warnings = Object.entries(r.logWarnings).filter(([, w]) => w.length);
  L.push(
    `Log lines at warn or above: ${warnings.length ? warnings.map(([k, w]) => `${k} ${w.length}`).join(', ') + ' (in last-run.json)' : 'none'}`,
  );
  if (r.errors.length) {
    L.push('');
    L.push('ERRORS:');
    for (const e of r.errors) L.push(`- ${e}`);
  }
  return L.join('\n');
}

// ------------------------------------------------------------------------------------------
// Main

let platform = null;
let cleanupPromise = null;
const report = {
  date: new Date().toISOString(),
  machine: machine(),
  command: 'npm run build && node bench/auth/run.mjs',
  settings: {
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    connections: CONNECTIONS,
    rounds: ROUNDS,
    tallyLogLevel: TALLY_LOG_LEVEL,
  },
  compared:
    'GET /api/v1/organizations/:id (own organization, Bearer token) on two otherwise identical API processes attached to the same PostgreSQL: ' +
    '"real" runs the global AccessGuard (passport-jwt HS256 verify + @Access policy + AUDITOR write rule); "stub" replaces AccessGuard.canActivate ' +
    'with a function that sets the same principal and returns true. Handler, service (including its organization scoping check), SQL, ' +
    'interceptors, filters and middleware are the same code in both.',
  loadAverage: { before: os.loadavg()[0] },
  runs: [],
  sanity: [],
  errors: [],
  logWarnings: {},
};

function cleanup() {
  cleanupPromise ??= (async () => {
    try {
      currentCannon?.stop();
    } catch {
      /* ignore */
    }
    for (const name of ['real', 'stub']) await stopChild(name, 'SIGINT', 15_000);
    if (platform) {
      const stop = await platform.stop({ timeoutMs: 40_000 });
      report.tallyStop = { ms: stop.ms, forced: stop.forced };
      if (stop.leftovers.length) report.errors.push(`processes left after Tally stopped, killed: ${stop.leftovers.join(', ')}`);
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
process.once('exit', () => {
  for (const name of ['real', 'stub', 'tally']) {
    if (alive(children[name])) {
      try {
        children[name].child.kill('SIGINT');
      } catch {
        /* gone */
      }
    }
  }
});

async function main() {
  scrubMachinePaths();
  const [realPort, stubPort] = await distinctFreePorts(2);
  log(`starting Tally (embedded PostgreSQL and anvil, LOG_LEVEL=${TALLY_LOG_LEVEL})`);
  platform = await startPlatform({ homePrefix: 'tally-bench-auth-', logLevel: TALLY_LOG_LEVEL, demoPassword, healthTimeoutMs: 120_000 });
  const tempDir = platform.home;
  const { pg: pgPort, anvil: anvilPort } = platform.ports;
  const base = { tally: platform.baseUrl, real: `http://${HOST}:${realPort}`, stub: `http://${HOST}:${stubPort}` };
  const embeddedEnv = {
    TALLY_HOME: tempDir,
    HOST,
    EMBEDDED_PG_PORT: String(pgPort),
    ANVIL_PORT: String(anvilPort),
    LOG_LEVEL: TALLY_LOG_LEVEL,
  };
  report.tallyStartMs = platform.startMs;
  log(`Tally answered /health after ${(report.tallyStartMs / 1000).toFixed(1)} s`);

  // the user, its token and the principal the token carries
  const login = await http('POST', `${base.tally}/api/v1/auth/login`, { body: { email: BENCH_USER, password: demoPassword } });
  if (login.status !== 200) throw new Error(`login as ${BENCH_USER}: ${login.status} ${JSON.stringify(login.body).slice(0, 300)}`);
  const token = login.body.accessToken;
  scrubbers.push([token, '<token>'], [login.body.refreshToken, '<refresh token>']);
  const me = await http('GET', `${base.tally}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  if (me.status !== 200) throw new Error(`/auth/me: ${me.status}`);
  const principal = { userId: me.body.id, email: me.body.email, organizationId: me.body.organizationId, roles: me.body.roles };
  report.user = { email: principal.email, roles: principal.roles, organization: me.body.organizationName };
  const forged = token.slice(0, -6) + (token.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');

  // argon2id parameters as stored, and the time of one verify here
  const { postgresPassword, jwtSecret } = platform.secrets();
  scrubbers.push([jwtSecret, '<jwt secret>']);
  const db = new pg.Client({ connectionString: `postgres://tally:${encodeURIComponent(postgresPassword)}@${HOST}:${pgPort}/tally` });
  await db.connect();
  try {
    const hash = (await db.query('SELECT password_hash FROM users WHERE email = $1', [BENCH_USER])).rows[0].password_hash;
    // PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$hash (the order of m, t, p varies by library version)
    const phc = /^\$(argon2id)\$v=(\d+)\$([a-z0-9=,]+)\$/.exec(hash);
    if (!phc) throw new Error(`the stored password hash is not argon2id: ${String(hash).slice(0, 32)}…`);
    const kv = Object.fromEntries(phc[3].split(',').map((x) => x.split('=')));
    const params = [phc[0], phc[1], phc[2], kv.m, kv.t, kv.p];
    const times = [];
    for (let i = 0; i < 9; i++) {
      const t0 = process.hrtime.bigint();
      if (!(await argon2.verify(hash, demoPassword))) throw new Error('argon2 verify of the demo password failed');
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    report.argon2 = {
      stored: `${params[1]} v=${params[2]} m=${params[3]} KiB, t=${params[4]}, p=${params[5]}`,
      memoryKiB: Number(params[3]),
      timeCost: Number(params[4]),
      parallelism: Number(params[5]),
      verifyMsMedian: round(times[4], 1),
      verifyMs: times.map((t) => round(t, 1)),
    };
    if (report.argon2.memoryKiB < 19_456 || report.argon2.timeCost < 2)
      report.errors.push(`argon2id parameters below the OWASP minimum: ${report.argon2.stored}`);
  } finally {
    await db.end();
  }

  // the two variants, attached to the same PostgreSQL and anvil, no worker
  log('starting the real and stub API variants');
  const variantEnv = (port, kind) =>
    childEnv({
      ...embeddedEnv,
      PORT: String(port),
      WORKER_IN_API: 'false',
      BENCH_PROCESS: kind,
      BENCH_PRINCIPAL: JSON.stringify(principal),
    });
  const profile = (kind) => (PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${kind}.cpuprofile`] : []);
  const real = launch('real', [...profile('real'), API_PROCESS], variantEnv(realPort, 'real'));
  const stub = launch('stub', [...profile('stub'), API_PROCESS], variantEnv(stubPort, 'stub'));
  await Promise.all([waitForLine(real, 'READY ', 90_000), waitForLine(stub, 'READY ', 90_000)]);
  await Promise.all([
    waitForHealth(real, `${base.real}/health`, 30_000),
    waitForHealth(stub, `${base.stub}/health`, 30_000),
  ]);
  const pids = { tally: platform.pid, real: real.child.pid, stub: stub.child.pid };

  // sanity: the same answer from both, and the guard really is what differs
  const path = `/api/v1/organizations/${principal.organizationId}`;
  const auth = { authorization: `Bearer ${token}` };
  const viaReal = await http('GET', `${base.real}${path}`, { headers: auth });
  const viaStub = await http('GET', `${base.stub}${path}`, { headers: auth });
  const check = (ok, text) => {
    report.sanity.push(`${ok ? 'ok' : 'FAILED'}: ${text}`);
    if (!ok) throw new Error(`sanity check failed: ${text}`);
  };
  check(
    viaReal.status === 200 && viaReal.body.id === principal.organizationId,
    `real answers 200 with the organization (${viaReal.status})`,
  );
  check(
    viaStub.status === 200 && JSON.stringify(viaStub.body) === JSON.stringify(viaReal.body),
    'stub answers 200 with the identical body',
  );
  check(
    (await http('GET', `${base.real}${path}`, { headers: { authorization: `Bearer ${forged}` } })).status === 401,
    'real refuses a forged token (401)',
  );
  check((await http('GET', `${base.real}${path}`)).status === 401, 'real refuses no token (401)');
  check((await http('GET', `${base.stub}${path}`)).status === 200, 'stub lets a request without a token through (it has no guard)');

  // 1. logins
  report.runs.push(
    await measure(
      'POST /auth/login (correct password)',
      'tally',
      pids,
      {
        url: `${base.tally}/api/v1/auth/login`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: BENCH_USER, password: demoPassword }),
      },
      200,
    ),
  );

  // 2. guarded vs unguarded, alternating order
  const read = (server, headers) => ({ url: `${base[server]}${path}`, method: 'GET', headers });
  const pairs = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 ? ['real', 'stub'] : ['stub', 'real'];
    const pair = {};
    for (const server of order) {
      pair[server] = await measure(
        `GET /organizations/:id ${server === 'real' ? 'guarded' : 'unguarded (stub guard)'} r${round}`,
        server,
        pids,
        read(server, auth),
        200,
      );
      report.runs.push(pair[server]);
    }
    pairs.push(pair);
  }

  // 3. context
  report.runs.push(
    await measure('GET /organizations/:id forged token → 401', 'real', pids, read('real', { authorization: `Bearer ${forged}` }), 401),
  );
  report.runs.push(
    await measure('GET /health (public; SELECT 1 + eth_blockNumber)', 'real', pids, { url: `${base.real}/health`, method: 'GET' }, 200),
  );
  report.runs.push(
    await measure('GET /organizations/:id guarded, main process (worker in-process)', 'tally', pids, read('tally', auth), 200),
  );

  // 4. the guard alone, in this process, with no load running
  log('AccessGuard in-process microbenchmark');
  report.guardInProcess = await guardMicrobench(jwtSecret, token, forged);

  const loginRun = report.runs[0];
  const g = pairs.map((p) => p.real);
  const u = pairs.map((p) => p.stub);
  report.summary = {
    loginsPerSec: loginRun.reqPerSec,
    loginP50Ms: loginRun.latencyMs.p50,
    loginP99Ms: loginRun.latencyMs.p99,
    guardedReqPerSec: round(mean(g.map((x) => x.reqPerSec)), 1),
    unguardedReqPerSec: round(mean(u.map((x) => x.reqPerSec)), 1),
    throughputRatio: round(mean(g.map((x) => x.reqPerSec)) / mean(u.map((x) => x.reqPerSec)), 3),
    throughputRatioPerRound: pairs.map((p) => round(p.real.reqPerSec / p.stub.reqPerSec, 3)),
    p50Ratio: round(mean(g.map((x) => x.latencyMs.p50)) / mean(u.map((x) => x.latencyMs.p50)), 2),
    p99Ratio: round(mean(g.map((x) => x.latencyMs.p99)) / mean(u.map((x) => x.latencyMs.p99)), 2),
    guardedCpuMsPerReq: round(mean(g.map((x) => x.serverCpuMsPerRequest)), 3),
    unguardedCpuMsPerReq: round(mean(u.map((x) => x.serverCpuMsPerRequest)), 3),
  };
  report.summary.layerCpuMsPerReq = round(report.summary.guardedCpuMsPerReq - report.summary.unguardedCpuMsPerReq, 3);
  const gi = report.guardInProcess;
  const guardUs = gi['AccessGuard, @Access.authenticated(), valid token'].cpuUsPerCall;
  const stubUs = gi['stub (what the stub process runs)'].cpuUsPerCall;
  report.summary.guardInProcessUs = round(guardUs - stubUs, 1);
  // the layer's CPU per call against the whole unguarded request's server CPU
  report.summary.guardShareOfUnguardedRequest = round((guardUs - stubUs) / 1000 / report.summary.unguardedCpuMsPerReq, 3);
  for (const x of report.runs) {
    if (x.errors || x.timeouts || Object.keys(x.unexpectedStatuses).length) {
      report.errors.push(
        `${x.label}: ${x.errors} errors, ${x.timeouts} timeouts, unexpected statuses ${JSON.stringify(x.unexpectedStatuses)}`,
      );
    }
  }
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  exitCode = 1;
  report.errors.push(scrub(err.stack ?? err.message));
} finally {
  report.loadAverage.after = os.loadavg()[0];
  for (const [name, e] of Object.entries(children)) report.logWarnings[name] = e.warnings;
  await cleanup();
}
if (!interrupted) {
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'last-run.json'), scrub(JSON.stringify(report, null, 2)) + '\n');
  if (report.summary) process.stdout.write(scrub(renderReport(report)) + '\n');
  else process.stdout.write(`bench failed:\n${report.errors.join('\n')}\n`);
  process.stdout.write('\nReport written to bench/auth/out/last-run.json\n');
  process.exit(exitCode || (report.errors.length ? 1 : 0));
}
