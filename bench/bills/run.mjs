// Digital bills throughput and gas, through the real embedded platform against raw baselines
// measured in the same run on the same PostgreSQL and the same anvil node:
//
//   1. bills issued/s through the API (POST /api/v1/bills as the demo supplier), counted when the
//      HTTP answers arrive and again when every bill is on chain (pendingAction null), against a
//      raw insert of as many equivalent rows into a scratch copy of the `bills` table with `pg`;
//   2. Peppol UBL imports/s (POST /api/v1/bills/import/ubl, one generated copy of
//      test/fixtures/peppol-bis3/base-example.xml per request);
//   3. DvP settlements/s through the outbox against the same settleFinancing calls sent as raw
//      pipelined transactions (explicit nonces, send all, then wait) to a fresh
//      IdentityRegistry/SettlementToken/BillRegistry/BillDvP deployment on the same anvil. Tally
//      runs as in production, API and outbox worker in two processes (WORKER_IN_API=false): the
//      worker is paused (SIGSTOP) while the N offers are accepted over HTTP, so N finance jobs wait
//      in the outbox; timed from its resumption (SIGCONT) to the last financing SETTLED. Every
//      round, and every raw batch, starts just after a block was mined;
//   4. gas of issue, accept, split (3 parts), transfer, DvP financing and repayment, read from the
//      real receipts of the platform's transactions and of the fresh deployment, against an
//      OpenZeppelin ERC-721 mint/transfer baseline (BaselineERC721, test-only contract).
//
//   npm run build && node bench/bills/run.mjs
//
// Env (all optional):
//   BENCH_ISSUE_N          bills issued through the API (default 800, 10..5000)
//   BENCH_CONCURRENCY      HTTP requests in flight for issue and UBL import (default 8, 1..64)
//   BENCH_UBL_N            UBL imports (default 100, 0..2000; 0 skips the UBL part)
//   BENCH_DVP_N            A: bills all financed by the demo bank at once, through the outbox, per
//                          round; also the size of each raw batch (default 100, 0..1000; 0 skips DvP)
//   BENCH_DVP_ROUNDS       rounds of BENCH_DVP_N DvPs, through the outbox (A) and raw (default 5, 1..10)
//   BENCH_DVP_FINANCIERS   B: bills financed at once by as many new financier organizations, created
//                          through the API, one bill each, per round (default 40, 0..200; 0 skips B)
//   BENCH_REPAY_PROBE_N    accepted bills repaid concurrently by the buyer (default 3, 0..20)
//                          The DvP and gas bills come from the issued ones, all accepted at once by
//                          the buyer: BENCH_ISSUE_N must cover (BENCH_DVP_N + BENCH_DVP_FINANCIERS) × BENCH_DVP_ROUNDS + 2
//                          + BENCH_REPAY_PROBE_N.
//   BENCH_PHASE_TIMEOUT_S  deadline of every wait for the chain (default 240, 10..1800)
//   BENCH_TALLY_LOG_LEVEL  LOG_LEVEL given to Tally (default warn)
//   BENCH_TALLY_CPU_PROF   a directory: API and worker run with --cpu-prof and write api/worker.cpuprofile there
//   BENCH_INDEXER_POLL_MS  INDEXER_POLL_MS given to the worker (e.g. 600000 to see the DvP figures without the indexer)
//
// Everything listens on and talks to 127.0.0.1 only. Every loop is bounded in count and every
// wait has a deadline. Tally is stopped with SIGINT (it stops its PostgreSQL and anvil) and the
// temporary TALLY_HOME is deleted, also on error or Ctrl-C. The report is printed and written to
// bench/bills/out/last-run.json (git-ignored).
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Contract,
  ContractFactory,
  JsonRpcProvider,
  Wallet,
  id as roleId,
  keccak256,
  toBeHex,
  toUtf8Bytes,
  parseEther,
} from 'ethers';
import pg from 'pg';
import {
  alive,
  children,
  cpuMeter,
  HOST,
  intEnv,
  launch,
  machineInfo as machine,
  quantile,
  REPO,
  round,
  scrub,
  scrubbers,
  scrubMachinePaths,
  sleep,
  stopChild,
  tail,
} from '../lib/process.mjs';
import { startPlatform, TALLY_MAIN, TALLY_WORKER } from '../lib/platform.mjs';
import { signDvpConsent } from '../../dist/libs/bills/src/chain/dvp-consent.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CONTRACTS = join(REPO, 'dist', 'contracts', 'generated', 'index.js');
const UBL_FIXTURE = join(REPO, 'test', 'fixtures', 'peppol-bis3', 'base-example.xml');
const OUT_DIR = join(HERE, 'out');

const HEALTH_TIMEOUT_MS = 120_000;
const TALLY_STOP_TIMEOUT_MS = 40_000;
const POLL_MS = 100;

const ISSUE_N = intEnv('BENCH_ISSUE_N', 800, 10, 5000);
const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 8, 1, 64);
const UBL_N = intEnv('BENCH_UBL_N', 100, 0, 2000);
const DVP_N = intEnv('BENCH_DVP_N', 100, 0, 1000);
const DVP_LENDERS = DVP_N ? intEnv('BENCH_DVP_FINANCIERS', 40, 0, 200) : 0;
const DVP_ROUNDS = intEnv('BENCH_DVP_ROUNDS', 5, 1, 10);
const REPAY_PROBE_N = DVP_N ? intEnv('BENCH_REPAY_PROBE_N', 3, 0, 20) : 0;
const BILLS_NEEDED = (DVP_N + DVP_LENDERS) * DVP_ROUNDS + 2 + REPAY_PROBE_N;
if (DVP_N && BILLS_NEEDED > ISSUE_N) {
  throw new Error(
    `BENCH_ISSUE_N (${ISSUE_N}) must cover (BENCH_DVP_N + BENCH_DVP_FINANCIERS) × BENCH_DVP_ROUNDS + 2 + BENCH_REPAY_PROBE_N (${BILLS_NEEDED}): the DvP bills are issued bills`,
  );
}
const PHASE_TIMEOUT_MS = intEnv('BENCH_PHASE_TIMEOUT_S', 240, 10, 1800) * 1000;
const TALLY_LOG_LEVEL = process.env.BENCH_TALLY_LOG_LEVEL?.trim() || 'warn';
const TALLY_CPU_PROF = process.env.BENCH_TALLY_CPU_PROF?.trim() || '';

const FACE_MINOR = 1_000_000n; // 10,000.00 EUR per bill
const demoPassword = randomBytes(18).toString('base64url');
const runTag = randomBytes(3).toString('hex').toUpperCase();

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const rate = (count, ms) => (ms > 0 ? round((count * 1000) / ms, 1) : null);
const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const summary = (values) => ({ p50: round(quantile(values, 0.5)), p95: round(quantile(values, 0.95)), max: round(quantile(values, 1)) });

// ---------------------------------------------------------------------------------------------
// Paths of this machine never go into the report.

// ---------------------------------------------------------------------------------------------
// Ports, processes




// ---------------------------------------------------------------------------------------------
// HTTP

let baseUrl = '';

async function call(method, path, token, body, timeoutMs = 60_000) {
  const url = `${baseUrl}${path}`;
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`refusing a non-loopback URL: ${url}`);
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}

function expectStatus(res, status, what) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  return res.body;
}

/**
 * Runs `task(i)` for i in [0, n) with `concurrency` in flight; returns per-call results with
 * latency, and the wall time from the first start to the last answer.
 */
async function runPool(n, concurrency, task) {
  const results = new Array(n);
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      const t0 = performance.now();
      try {
        const res = await task(i);
        results[i] = { ok: true, status: res.status, body: res.body, ms: performance.now() - t0, at: Date.now() };
      } catch (err) {
        results[i] = { ok: false, status: 0, error: err.message, ms: performance.now() - t0, at: Date.now() };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return { results, started, wallMs: Date.now() - started };
}

function httpStats(pool, okStatus) {
  const ok = pool.results.filter((r) => r.status === okStatus);
  const statuses = {};
  for (const r of pool.results) statuses[r.status || 'error'] = (statuses[r.status || 'error'] ?? 0) + 1;
  const firstError = pool.results.find((r) => r.status !== okStatus);
  return {
    requests: pool.results.length,
    ok: ok.length,
    statuses,
    wallS: round(pool.wallMs / 1000, 2),
    perSec: rate(ok.length, pool.wallMs),
    latencyMs: summary(pool.results.map((r) => r.ms)),
    firstError: firstError ? scrub(JSON.stringify(firstError.body ?? firstError.error).slice(0, 300)) : undefined,
  };
}

async function waitUntil(what, fn, ok, timeoutMs = PHASE_TIMEOUT_MS, everyMs = POLL_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (let i = 0; i < 1_000_000; i++) {
    last = await fn();
    if (ok(last)) return { value: last, at: Date.now() };
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached within ${timeoutMs / 1000} s; last ${JSON.stringify(last).slice(0, 300)}`);
    await sleep(everyMs);
  }
  throw new Error(`${what}: loop bound reached`);
}

// ---------------------------------------------------------------------------------------------
// Report helpers

/** How the outbox spent the time of a set of chain jobs: queueing, block wait, tracking, blocks used. */
async function jobTimeline(db, jobIds) {
  if (!jobIds.length) return null;
  const { rows } = await db.query(
    `SELECT status, created_at, submitted_at, finished_at, block_number, gas_used, revert_reason, attempts
       FROM chain_jobs WHERE id = ANY($1::uuid[])`,
    [jobIds],
  );
  const ms = (a, b) => (a && b ? new Date(b).getTime() - new Date(a).getTime() : null);
  const blocks = new Map();
  for (const r of rows) if (r.block_number !== null) blocks.set(String(r.block_number), (blocks.get(String(r.block_number)) ?? 0) + 1);
  const statuses = {};
  for (const r of rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const reasons = {};
  // grouped by error name (the arguments differ per bill)
  for (const r of rows)
    if (r.revert_reason)
      reasons[r.revert_reason.replace(/\(.*$/s, '').slice(0, 120)] =
        (reasons[r.revert_reason.replace(/\(.*$/s, '').slice(0, 120)] ?? 0) + 1;
  const blockNumbers = [...blocks.keys()].map(Number).sort((a, b) => a - b);
  // when each transaction's block was made (anvil stamps blocks in whole seconds: ±1 s)
  const blockTime = new Map();
  for (const n of blockNumbers.slice(0, 500)) blockTime.set(n, ((await provider.getBlock(n))?.timestamp ?? NaN) * 1000);
  const minedAt = (r) => (r.block_number !== null && blockTime.has(Number(r.block_number)) ? blockTime.get(Number(r.block_number)) : null);
  const since = (a, b) => (a !== null && b ? new Date(b).getTime() - a : null);
  return {
    jobs: rows.length,
    statuses,
    revertReasons: Object.keys(reasons).length ? reasons : undefined,
    enqueuedToSubmittedMs: summary(rows.map((r) => ms(r.created_at, r.submitted_at))),
    submittedToFinishedMs: summary(rows.map((r) => ms(r.submitted_at, r.finished_at))),
    minedToFinishedMs: summary(rows.map((r) => since(minedAt(r), r.finished_at))),
    enqueuedToFinishedMs: summary(rows.map((r) => ms(r.created_at, r.finished_at))),
    blocks: blocks.size,
    blockSpan: blockNumbers.length ? blockNumbers.at(-1) - blockNumbers[0] + 1 : 0,
    txPerBlockMax: blocks.size ? Math.max(...blocks.values()) : 0,
    firstEnqueuedAt: rows.length ? new Date(Math.min(...rows.map((r) => new Date(r.created_at).getTime()))).toISOString() : null,
    lastFinishedAt: rows.some((r) => r.finished_at)
      ? new Date(Math.max(...rows.filter((r) => r.finished_at).map((r) => new Date(r.finished_at).getTime()))).toISOString()
      : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Chain helpers (raw baseline and gas)

// the payer's EIP-712 consent to one DvP trade, as BillDvP checks it
const ACCEPTANCE_TYPES = {
  Acceptance: [
    { name: 'billId', type: 'bytes32' },
    { name: 'commitment', type: 'bytes32' },
    { name: 'deadline', type: 'uint256' },
  ],
};
const EUR = '0x' + Buffer.from('EUR', 'ascii').toString('hex');
const DE = '0x' + Buffer.from('DE', 'ascii').toString('hex');
const randomId = () => '0x' + randomBytes(32).toString('hex');

async function receiptOf(provider, hash, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 100_000; i++) {
    const r = await provider.getTransactionReceipt(hash);
    if (r) return r;
    if (Date.now() > deadline) break;
    await sleep(25);
  }
  throw new Error(`transaction ${hash} not mined within ${timeoutMs / 1000} s`);
}

/** One key sending raw transactions with explicit nonces, signed here; the node only includes them. */
class RawSender {
  constructor(wallet, provider, chainId) {
    this.wallet = wallet;
    this.provider = provider;
    this.chainId = chainId;
  }

  async init() {
    this.nonce = await this.provider.getTransactionCount(this.wallet.address, 'pending');
    const fees = await this.provider.getFeeData();
    this.maxPriorityFeePerGas = fees.maxPriorityFeePerGas ?? 1_000_000_000n;
    this.maxFeePerGas = (fees.maxFeePerGas ?? 2_000_000_000n) * 2n;
  }

  async sign(to, data, gasLimit) {
    const nonce = this.nonce++;
    return this.wallet.signTransaction({
      type: 2,
      chainId: this.chainId,
      to,
      data,
      nonce,
      gasLimit,
      maxFeePerGas: this.maxFeePerGas,
      maxPriorityFeePerGas: this.maxPriorityFeePerGas,
    });
  }

  async send(to, data, gasLimit) {
    const raw = await this.sign(to, data, gasLimit);
    return this.provider.send('eth_sendRawTransaction', [raw]);
  }

  async deploy(iface, bytecode, args) {
    const factory = new ContractFactory(iface, bytecode);
    const tx = await factory.getDeployTransaction(...args);
    const raw = await this.wallet.signTransaction({
      type: 2,
      chainId: this.chainId,
      data: tx.data,
      nonce: this.nonce++,
      gasLimit: 8_000_000n,
      maxFeePerGas: this.maxFeePerGas,
      maxPriorityFeePerGas: this.maxPriorityFeePerGas,
    });
    const hash = await this.provider.send('eth_sendRawTransaction', [raw]);
    const receipt = await receiptOf(this.provider, hash);
    if (receipt.status !== 1 || !receipt.contractAddress) throw new Error(`deployment ${hash} failed`);
    return receipt.contractAddress;
  }

  /** Sends and waits for success. */
  async mined(to, data, gasLimit = 1_000_000n) {
    const receipt = await receiptOf(this.provider, await this.send(to, data, gasLimit));
    if (receipt.status !== 1) throw new Error(`transaction ${receipt.hash} reverted`);
    return receipt;
  }
}

async function allMined(provider, hashes, what) {
  if (!hashes.length) return [];
  await receiptOf(provider, hashes.at(-1), PHASE_TIMEOUT_MS);
  // 16 lookups in flight, as the outbox worker does
  const receipts = new Array(hashes.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(16, hashes.length) }, async () => {
      while (next < hashes.length) {
        const i = next++;
        receipts[i] = await receiptOf(provider, hashes[i], PHASE_TIMEOUT_MS);
      }
    }),
  );
  const failed = receipts.filter((r) => r.status !== 1);
  if (failed.length) throw new Error(`${what}: ${failed.length} of ${receipts.length} transactions reverted (first ${failed[0].hash})`);
  return receipts;
}

// ---------------------------------------------------------------------------------------------
// Main

let cleanupPromise = null;
let platform = null;
let db = null;
let provider = null;
let contractsModule = null; // the generated bindings, loaded at start (a rebuild of dist/ later does not matter)
const report = {
  date: new Date().toISOString(),
  machine: machine(),
  command: 'npm run build && node bench/bills/run.mjs',
  settings: {
    issueN: ISSUE_N,
    concurrency: CONCURRENCY,
    ublN: UBL_N,
    dvpN: DVP_N,
    dvpFinanciers: DVP_LENDERS,
    repayProbeN: REPAY_PROBE_N,
    dvpRounds: DVP_ROUNDS,
    phaseTimeoutS: PHASE_TIMEOUT_MS / 1000,
    tallyLogLevel: TALLY_LOG_LEVEL,
  },
  loadAverage: { before: os.loadavg().map((x) => round(x, 2)) },
  tally: { logWarnings: [], logWarningCount: 0 },
  issue: null,
  ubl: null,
  dvp: null,
  gas: null,
  findings: [],
  errors: [],
};

function cleanup() {
  cleanupPromise ??= (async () => {
    try {
      provider?.destroy();
    } catch {
      /* ignore */
    }
    try {
      await db?.end();
    } catch {
      /* ignore */
    }
    if (alive(children.worker)) {
      children.worker.child.kill('SIGCONT'); // a paused worker handles no SIGINT
      report.tally.workerStop = await stopChild('worker', 'SIGINT', TALLY_STOP_TIMEOUT_MS);
    }
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
process.once('exit', () => {
  for (const entry of [children.worker, children.tally]) {
    if (!alive(entry)) continue;
    try {
      entry.child.kill('SIGCONT');
      entry.child.kill('SIGINT');
    } catch {
      /* gone */
    }
  }
});

async function startTally() {
  scrubMachinePaths();
  log(`starting Tally (embedded PostgreSQL and anvil, LOG_LEVEL=${TALLY_LOG_LEVEL})`);
  const countWarnings = (line) => {
    let level = 50;
    try {
      level = JSON.parse(line).level ?? 50;
    } catch {
      /* not JSON: keep it */
    }
    if (level >= 40) {
      report.tally.logWarningCount++;
      if (report.tally.logWarnings.length < 40) report.tally.logWarnings.push(scrub(line.slice(0, 600)));
    }
  };
  const profile = (name) => (TALLY_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${resolve(TALLY_CPU_PROF)}`, `--cpu-prof-name=${name}.cpuprofile`] : []);
  platform = await startPlatform({
    homePrefix: 'tally-bench-bills-',
    logLevel: TALLY_LOG_LEVEL,
    demoPassword,
    healthTimeoutMs: HEALTH_TIMEOUT_MS,
    nodeArgs: profile('api'),
    onLine: countWarnings,
    env: {
      WORKER_IN_API: 'false',
      ...(process.env.BENCH_INDEXER_POLL_MS ? { INDEXER_POLL_MS: process.env.BENCH_INDEXER_POLL_MS } : {}),
    },
  });
  baseUrl = platform.baseUrl;
  report.tally.startS = round(platform.startMs / 1000, 1);
  log(`Tally answered /health after ${report.tally.startS} s; starting the outbox worker process (attaches to its PostgreSQL and anvil)`);
  launch('worker', [...profile('worker'), TALLY_WORKER], platform.env).onLine = countWarnings;
  return platform.ports;
}

async function loginAs(email) {
  const body = expectStatus(await call('POST', '/api/v1/auth/login', undefined, { email, password: demoPassword }), 200, `login ${email}`);
  scrubbers.push([body.accessToken, '<token>'], [body.refreshToken, '<token>']);
  const me = expectStatus(await call('GET', '/api/v1/auth/me', body.accessToken), 200, `me ${email}`);
  return { email, token: body.accessToken, orgId: me.organizationId, orgName: me.organizationName };
}

async function deposit(admin, org, amountMinor) {
  const dep = expectStatus(
    await call('POST', '/api/v1/settlement/deposits', admin.token, {
      organizationId: org.orgId,
      currency: 'EUR',
      amountMinor: String(amountMinor),
      reference: `BENCH-${runTag}-${randomBytes(4).toString('hex')}`,
    }),
    201,
    `deposit for ${org.email}`,
  );
  return dep.id;
}

async function billStates(ids) {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n,
            count(*) FILTER (WHERE pending_action IS NULL)::int AS settled,
            count(*) FILTER (WHERE pending_action IS NULL AND chain_status = 'ON_CHAIN')::int AS on_chain,
            count(*) FILTER (WHERE state = 'ACCEPTED')::int AS accepted
       FROM bills WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows[0];
}

/** Row writes of the whole database (Tally's API, outbox and indexer; the bench's polls only read). */
async function pgWrites() {
  const { rows } = await db.query(
    `SELECT tup_inserted::bigint AS inserted, tup_updated::bigint AS updated, tup_deleted::bigint AS deleted FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

async function jobIdsOf(kind, billIds) {
  const { rows } = await db.query(`SELECT id FROM chain_jobs WHERE kind = $1 AND payload->>'billId' = ANY($2::text[])`, [kind, billIds]);
  return rows.map((r) => r.id);
}

// ---- 1. issue ---------------------------------------------------------------------------------

async function benchIssue(supplier, buyer, tallyPids) {
  log(`1. issuing ${ISSUE_N} bills through POST /api/v1/bills, ${CONCURRENCY} in flight`);
  const issueDate = dateIn(0);
  const dueDate = dateIn(120);
  const pgBefore = await pgWrites();
  const cpu = cpuMeter(tallyPids);
  const pool = await runPool(ISSUE_N, CONCURRENCY, (i) =>
    call('POST', '/api/v1/bills', supplier.token, {
      buyerOrganizationId: buyer.orgId,
      invoiceNumber: `BENCH-${runTag}-${String(i).padStart(5, '0')}`,
      amountMinor: String(FACE_MINOR),
      currency: 'EUR',
      issueDate,
      dueDate,
    }),
  );
  const cpuHttp = cpu();
  const http = httpStats(pool, 201);
  const ids = pool.results.filter((r) => r.status === 201).map((r) => r.body.id);
  log(`   HTTP: ${http.ok}/${ISSUE_N} in ${http.wallS} s (${http.perSec}/s); waiting for the chain`);
  const done = await waitUntil(
    'issued bills on chain',
    () => billStates(ids),
    (s) => s.settled === ids.length,
  );
  const cpuAll = cpu();
  const toChainMs = done.at - pool.started;
  const timeline = await jobTimeline(db, await jobIdsOf('bills.issue', ids));
  await sleep(1_500); // PostgreSQL publishes its counters at most once a second
  const pgAfter = await pgWrites();
  const pgPerBill = Object.fromEntries(Object.keys(pgAfter).map((k) => [k, round((pgAfter[k] - pgBefore[k]) / ids.length, 1)]));
  log(
    `   on chain: ${done.value.on_chain}/${ids.length} after ${round(toChainMs / 1000, 1)} s (${rate(done.value.on_chain, toChainMs)}/s)`,
  );

  // the template of an equivalent row: what the API wrote for the first bill
  const { rows: tpl } = await db.query('SELECT * FROM bills WHERE id = $1', [ids[0]]);
  const raw = await rawInsert(tpl[0]);
  return {
    http,
    onChain: {
      bills: done.value.on_chain,
      failed: ids.length - done.value.on_chain,
      wallS: round(toChainMs / 1000, 2),
      perSec: rate(done.value.on_chain, toChainMs),
    },
    cpuSecondsHttpPhase: cpuHttp,
    cpuSecondsUntilOnChain: cpuAll,
    postgresRowWritesPerBill: pgPerBill,
    outbox: timeline,
    raw,
    ratioHttpVsRaw: raw.tempTable.perSec ? round(http.perSec / raw.tempTable.perSec, 4) : null,
    ids,
  };
}

/**
 * The same number of rows as the API wrote, with the columns the API fills (fresh id, invoice
 * number, fingerprint and token id each), inserted one statement per row with the same
 * concurrency: (a) into TEMP TABLE copies (LIKE bills INCLUDING ALL), one per connection, each
 * statement its own transaction; (b) into the real `bills` table inside a transaction per
 * connection that is rolled back.
 */
async function rawInsert(template) {
  const cols = [
    'id',
    'supplier_org_id',
    'buyer_org_id',
    'holder_org_id',
    'invoice_number',
    'face_amount_minor',
    'currency',
    'issue_date',
    'due_date',
    'state',
    'encumbrance',
    'fingerprint',
    'chain_status',
    'token_id',
    'pending_action',
    'pending_job_id',
    'version',
  ];
  const rowFor = (i) => {
    const id = randomUUID();
    return [
      id,
      template.supplier_org_id,
      template.buyer_org_id,
      template.holder_org_id,
      `RAW-${runTag}-${String(i).padStart(5, '0')}`,
      template.face_amount_minor,
      template.currency,
      template.issue_date,
      template.due_date,
      template.state,
      template.encumbrance,
      keccak256(toUtf8Bytes(`raw-${runTag}-${i}`)),
      'PENDING',
      BigInt('0x' + id.replace(/-/g, '')).toString(),
      'issue',
      randomUUID(),
      1,
    ];
  };
  const placeholders = cols.map((_, k) => `$${k + 1}`).join(', ');
  const conns = Math.min(CONCURRENCY, ISSUE_N);
  const out = {};
  for (const variant of ['tempTable', 'billsRolledBack']) {
    const clients = [];
    for (let c = 0; c < conns; c++) {
      const client = new pg.Client({ connectionString: db.options.connectionString });
      await client.connect();
      if (variant === 'tempTable') await client.query('CREATE TEMP TABLE bench_bills (LIKE bills INCLUDING ALL)');
      else await client.query('BEGIN');
      clients.push(client);
    }
    const table = variant === 'tempTable' ? 'bench_bills' : 'bills';
    const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${placeholders})`;
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        for (;;) {
          const i = next++;
          if (i >= ISSUE_N) return;
          await client.query(sql, rowFor(i));
        }
      }),
    );
    const ms = performance.now() - t0;
    for (const client of clients) {
      if (variant === 'billsRolledBack') await client.query('ROLLBACK');
      await client.end();
    }
    out[variant] = { rows: ISSUE_N, connections: conns, wallS: round(ms / 1000, 3), perSec: rate(ISSUE_N, ms) };
  }
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM bills WHERE invoice_number LIKE $1`, [`RAW-${runTag}-%`]);
  if (rows[0].n !== 0) throw new Error(`raw insert left ${rows[0].n} rows in bills`);
  log(`   raw insert: temp table ${out.tempTable.perSec}/s, bills (rolled back) ${out.billsRolledBack.perSec}/s`);
  return out;
}

// ---- 2. UBL -----------------------------------------------------------------------------------

async function benchUbl(supplier, buyer, tallyPids) {
  const xml = readFileSync(UBL_FIXTURE, 'utf8');
  const sellerId = /<cac:AccountingSupplierParty>[\s\S]*?<cbc:EndpointID schemeID="([^"]+)">([^<]+)<\/cbc:EndpointID>/.exec(xml);
  const buyerId = /<cac:AccountingCustomerParty>[\s\S]*?<cbc:EndpointID schemeID="([^"]+)">([^<]+)<\/cbc:EndpointID>/.exec(xml);
  if (!sellerId || !buyerId) throw new Error('base-example.xml: seller or buyer EndpointID not found');
  // the demo organizations become the invoice's parties: their Peppol participant ids
  for (const [org, m] of [
    [supplier, sellerId],
    [buyer, buyerId],
  ]) {
    const current = expectStatus(await call('GET', `/api/v1/organizations/${org.orgId}`, org.token), 200, 'organization');
    const pid = `${m[1]}:${m[2]}`;
    const peppolIds = [...new Set([...(current.peppolIds ?? []), pid])];
    expectStatus(
      await call('PATCH', `/api/v1/organizations/${org.orgId}`, org.token, { peppolIds }),
      200,
      `PATCH peppolIds of ${org.email}`,
    );
  }
  const issueDate = dateIn(0);
  const dueDate = dateIn(60);
  const copy = (i) => {
    const number = `UBL-${runTag}-${String(i).padStart(5, '0')}`;
    let n = 0;
    const out = xml
      .replace(/<cbc:ID>Snippet1<\/cbc:ID>/, () => (n++, `<cbc:ID>${number}</cbc:ID>`))
      .replace(/<cbc:IssueDate>[^<]*<\/cbc:IssueDate>/, () => (n++, `<cbc:IssueDate>${issueDate}</cbc:IssueDate>`))
      .replace(/<cbc:DueDate>[^<]*<\/cbc:DueDate>/, () => (n++, `<cbc:DueDate>${dueDate}</cbc:DueDate>`));
    if (n !== 3) throw new Error('base-example.xml: invoice number, issue date or due date not found');
    return { name: `${number}.xml`, body: Buffer.from(out, 'utf8') };
  };
  const files = Array.from({ length: UBL_N }, (_, i) => copy(i));
  const post = (f) => {
    const form = new FormData();
    form.append('files', new Blob([f.body], { type: 'application/xml' }), f.name);
    return call('POST', '/api/v1/bills/import/ubl', supplier.token, form);
  };
  // one first, alone: a mapping error shows here instead of N times
  const first = await post(files[0]);
  expectStatus(first, 201, 'first UBL import');
  if (first.body.faceAmountMinor !== '165625' || first.body.buyerOrganizationId !== buyer.orgId)
    throw new Error(`UBL import mapped wrongly: ${JSON.stringify(first.body).slice(0, 300)}`);
  log(`2. importing ${UBL_N - 1} more UBL invoices through POST /api/v1/bills/import/ubl, ${CONCURRENCY} in flight`);
  const cpu = cpuMeter(tallyPids);
  const pool = await runPool(UBL_N - 1, CONCURRENCY, (i) => post(files[i + 1]));
  const cpuHttp = cpu();
  const http = httpStats(pool, 201);
  const ids = [first.body.id, ...pool.results.filter((r) => r.status === 201).map((r) => r.body.id)];
  log(`   HTTP: ${http.ok}/${UBL_N - 1} in ${http.wallS} s (${http.perSec}/s); waiting for the chain`);
  const done = await waitUntil(
    'imported bills on chain',
    () => billStates(ids),
    (s) => s.settled === ids.length,
  );
  const toChainMs = done.at - pool.started;
  const cpuAll = cpu();
  const timeline = await jobTimeline(db, await jobIdsOf('bills.issue', ids.slice(1)));
  // the XML documents: stored and anchored (their own chain jobs)
  const { rows: docs } = await db.query(`SELECT document_id FROM bills WHERE id = ANY($1::uuid[])`, [ids]);
  const docIds = docs.map((d) => d.document_id).filter(Boolean);
  const { rows: anchorJobs } = await db.query(
    `SELECT kind, status, count(*)::int AS n FROM chain_jobs WHERE kind NOT LIKE 'bills.%' AND created_at >= to_timestamp($1 / 1000.0) GROUP BY kind, status`,
    [pool.started],
  );
  log(`   on chain: ${done.value.on_chain}/${ids.length} after ${round(toChainMs / 1000, 1)} s`);
  return {
    fixture: 'test/fixtures/peppol-bis3/base-example.xml (invoice number, issue and due date rewritten per copy)',
    partiesGiven: { supplier: `${sellerId[1]}:${sellerId[2]}`, buyer: `${buyerId[1]}:${buyerId[2]}` },
    http,
    onChain: { bills: done.value.on_chain - 1, wallS: round(toChainMs / 1000, 2), perSec: rate(done.value.on_chain - 1, toChainMs) },
    documents: docIds.length,
    otherChainJobsDuringImport: anchorJobs,
    cpuSecondsHttpPhase: cpuHttp,
    cpuSecondsUntilOnChain: cpuAll,
    outbox: timeline,
  };
}

// ---- 3. DvP -----------------------------------------------------------------------------------

/**
 * Acceptances sent together, as a buyer's back office would accept a batch of invoices (setup of
 * the DvP bills, and a figure of its own: acceptances by one obligor share blocks).
 */
async function acceptConcurrently(buyer, ids) {
  const t0 = Date.now();
  const pool = await runPool(ids.length, CONCURRENCY, (i) => call('POST', `/api/v1/bills/${ids[i]}/accept`, buyer.token, {}));
  const http = httpStats(pool, 200);
  const done = await waitUntil(
    'concurrent acceptances settled',
    () => billStates(ids),
    (s) => s.settled === s.n,
  );
  const { rows } = await db.query(`SELECT id FROM bills WHERE id = ANY($1::uuid[]) AND state <> 'ACCEPTED'`, [ids]);
  const jobs = await jobTimeline(db, await jobIdsOf('bills.accept', ids));
  return {
    result: {
      sent: ids.length,
      http200: http.ok,
      acceptedOnChain: ids.length - rows.length,
      wallS: round((done.at - t0) / 1000, 2),
      outbox: jobs,
    },
    notAccepted: rows.map((r) => r.id),
  };
}

/** Financier organizations created through the API like any participant: org, admin user, KYC, wallet on chain, deposit. */
async function createFinanciers(n, admin, kyc, first = 0) {
  const leiOf = (i) => {
    const prefix = `BENCH${runTag}${String(i).padStart(7, '0')}`;
    let remainder = 0;
    for (const ch of `${prefix}00`) {
      const digits = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
      for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
    }
    return prefix + String(98 - remainder).padStart(2, '0');
  };
  const t0 = Date.now();
  const pool = await runPool(n, 4, async (k) => {
    const i = first + k;
    const org = expectStatus(
      await call('POST', '/api/v1/organizations', admin.token, {
        legalName: `Bench Lender ${runTag} ${i} AG`,
        lei: leiOf(i),
        country: 'DE',
        roles: ['FINANCIER'],
      }),
      201,
      'create financier organization',
    );
    const email = `lender-${runTag.toLowerCase()}-${i}@bench.tally`;
    expectStatus(
      await call('POST', '/api/v1/users', admin.token, {
        email,
        name: `Lender ${i}`,
        roles: ['ORG_ADMIN'],
        organizationId: org.id,
      }),
      201,
      'create financier user',
    );
    // the new user sets its password from the invite mailed to it (TALLY_HOME/mail)
    const mailDir = join(platform.home, 'mail');
    const invite = readdirSync(mailDir)
      .sort()
      .map((f) => JSON.parse(readFileSync(join(mailDir, f), 'utf8')))
      .filter((m) => m.to === email)
      .at(-1);
    const token = new URL(invite.link.replace('/#/', '/')).searchParams.get('token');
    expectStatus(await call('POST', '/api/v1/auth/invites/accept', undefined, { token, password: demoPassword }), 204, 'accept invite');
    const user = await loginAs(email);
    expectStatus(await call('POST', `/api/v1/organizations/${org.id}/kyc/submit`, user.token), 200, 'KYC submit');
    expectStatus(
      await call('POST', `/api/v1/organizations/${org.id}/kyc/approve`, kyc.token, {
        note: 'Bench financier',
        expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      }),
      200,
      'KYC approve',
    );
    return { status: 201, body: user };
  });
  const failed = pool.results.find((r) => !r.ok);
  if (failed) throw new Error(`creating financiers: ${failed.error}`);
  const orgs = pool.results.map((r) => r.body);
  await waitUntil(
    'financier wallets registered',
    async () =>
      (
        await db.query(`SELECT count(*)::int AS n FROM wallets WHERE organization_id = ANY($1::uuid[]) AND chain_status = 'REGISTERED'`, [
          orgs.map((o) => o.orgId),
        ])
      ).rows[0].n,
    (x) => x >= orgs.length,
  );
  const deps = await runPool(n, 4, async (i) => ({ status: 201, body: await deposit(admin, orgs[i], FACE_MINOR * 2n) }));
  const depIds = deps.results.map((r) => r.body);
  await waitUntil(
    'financier deposits confirmed',
    async () =>
      (
        await db.query(
          `SELECT count(*) FILTER (WHERE state = 'CONFIRMED')::int AS n FROM settlement_movements WHERE id = ANY($1::uuid[])`,
          [depIds],
        )
      ).rows[0].n,
    (x) => x === depIds.length,
  );
  return { orgs, wallS: round((Date.now() - t0) / 1000, 1) };
}

/**
 * Returns just after the node mined a block. Every outbox round and every raw batch starts there,
 * so both wait the same for their block; at a random point of the interval, a run of five rounds
 * moved the ratio by ±20 % on luck alone.
 */
async function blockJustMined() {
  const start = await provider.getBlockNumber();
  for (let i = 0; i < 1_000; i++) {
    await sleep(5);
    if ((await provider.getBlockNumber()) !== start) return;
  }
  throw new Error('no block within 5 s');
}

/** Resumes (SIGCONT) or pauses (SIGSTOP) the outbox worker process. */
function signalWorker(signal) {
  if (!alive(children.worker)) throw new Error(`the outbox worker process is gone:\n${tail(children.worker)}`);
  children.worker.child.kill(signal);
}

/**
 * Pauses the worker between two database transactions: a worker stopped inside one would hold its
 * row locks (a bill, the audit head) and stall the API. Stops it, and resumes and tries again
 * while any other session of the database is inside a transaction (the API is idle meanwhile).
 */
async function pauseWorker() {
  for (let i = 0; i < 500; i++) {
    signalWorker('SIGSTOP');
    await sleep(5);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND (state <> 'idle' OR xact_start IS NOT NULL)`,
    );
    if (rows[0].n === 0) return;
    signalWorker('SIGCONT');
    await sleep(5 + Math.floor(Math.random() * 20));
  }
  throw new Error('could not pause the worker outside a transaction in 500 tries');
}

/**
 * One DvP run through the outbox: a financing request per bill (supplier), an offer per bill
 * (financierOf(i)); then, with the worker process paused, every offer accepted over HTTP by the
 * supplier, which leaves one PENDING finance job per bill in the outbox. Timed from the worker's
 * resumption to the last financing SETTLED.
 */
async function dvpThroughOutbox(label, supplier, ids, financierOf, tallyPids) {
  const reqs = await runPool(ids.length, CONCURRENCY, (i) => call('POST', `/api/v1/bills/${ids[i]}/financing-requests`, supplier.token));
  const reqStats = httpStats(reqs, 201);
  if (reqStats.ok !== ids.length) throw new Error(`${label}: financing requests ${JSON.stringify(reqStats)}`);
  const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
  const offers = await runPool(ids.length, CONCURRENCY, (i) =>
    call('POST', `/api/v1/financing/requests/${reqs.results[i].body.id}/offers`, financierOf(i).token, {
      advanceRateBps: 9_000,
      annualDiscountRateBps: 500,
      feesMinor: '2500',
      dayCount: 'ACT/360',
      expiresAt,
    }),
  );
  const offerStats = httpStats(offers, 201);
  if (offerStats.ok !== ids.length) throw new Error(`${label}: offers ${JSON.stringify(offerStats)}`);

  log(`   ${label}: worker paused; accepting ${ids.length} offers over HTTP (${CONCURRENCY} in flight)`);
  await pauseWorker();
  let accepts;
  try {
    accepts = await runPool(ids.length, CONCURRENCY, (i) => call('POST', `/api/v1/financing/offers/${offers.results[i].body.id}/accept`, supplier.token));
  } catch (err) {
    signalWorker('SIGCONT');
    throw err;
  }
  const acceptHttp = httpStats(accepts, 200);
  const jobIds = await jobIdsOf('bills.finance', ids);
  const { rows: queued } = await db.query(`SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS n FROM chain_jobs WHERE id = ANY($1::uuid[])`, [jobIds]);

  const financingState = async () => {
    const { rows } = await db.query(
      `SELECT count(*) FILTER (WHERE f.state = 'SETTLED')::int AS settled, count(*) FILTER (WHERE f.state = 'FAILED')::int AS failed,
              count(*) FILTER (WHERE f.state = 'SETTLING')::int AS settling
         FROM financings f WHERE f.bill_id = ANY($1::uuid[])`,
      [ids],
    );
    return rows[0];
  };
  log(`   ${label}: ${queued[0].n} finance jobs PENDING in the outbox; resuming the worker (timed: to the last financing SETTLED)`);
  await blockJustMined();
  const cpu = cpuMeter(tallyPids);
  const t0 = Date.now();
  // when each new block is first seen (10 ms polls), to split the wall time at the block
  const seen = new Map();
  let watching = true;
  const watcher = (async () => {
    for (let i = 0; watching && i < 100_000; i++) {
      const n = await provider.getBlockNumber();
      if (!seen.has(n)) seen.set(n, Date.now() - t0);
      await sleep(10);
    }
  })();
  signalWorker('SIGCONT');
  const done = await waitUntil(`${label}: financings final`, financingState, (st) => st.settling === 0, PHASE_TIMEOUT_MS, 10);
  watching = false;
  await watcher;
  const wallMs = done.at - t0;
  // where the time after the resumption went (database clock, same machine)
  const { rows: ph } = await db.query(
    `SELECT extract(epoch FROM min(submitted_at)) * 1000 AS first_sub, extract(epoch FROM max(submitted_at)) * 1000 AS last_sub,
            extract(epoch FROM min(finished_at)) * 1000 AS first_fin, extract(epoch FROM max(finished_at)) * 1000 AS last_fin,
            count(DISTINCT block_number)::int AS blocks, max(block_number)::int AS last_block
       FROM chain_jobs WHERE id = ANY($1::uuid[])`,
    [jobIds],
  );
  const since = (ms) => (ms === null ? null : Math.round(Number(ms) - t0));
  const phasesMs = {
    firstSubmitted: since(ph[0].first_sub),
    lastSubmitted: since(ph[0].last_sub),
    lastBlockSeen: seen.get(ph[0].last_block) ?? null,
    firstFinished: since(ph[0].first_fin),
    lastFinished: since(ph[0].last_fin),
    settledSeen: wallMs,
    blocks: ph[0].blocks,
  };
  log(`   ${label}: ${done.value.settled}/${ids.length} SETTLED, ${done.value.failed} FAILED, ${round(wallMs / 1000, 2)} s after the worker resumed ${JSON.stringify(phasesMs)}`);
  return {
    bills: ids.length,
    financiers: new Set(ids.map((_, i) => financierOf(i).orgId)).size,
    acceptHttp: { ok: acceptHttp.ok, wallS: acceptHttp.wallS, perSec: acceptHttp.perSec, latencyMs: acceptHttp.latencyMs },
    pendingWhenResumed: queued[0].n,
    settled: done.value.settled,
    failed: done.value.failed,
    wallS: round(wallMs / 1000, 3),
    perSec: rate(done.value.settled, wallMs),
    phasesMs,
    setupHttp: { financingRequests: reqStats, offers: offerStats },
    cpuSeconds: cpu(),
    outbox: await jobTimeline(db, jobIds),
  };
}

async function benchDvp(users, tallyPids, billIds, chainId) {
  const { supplier, buyer, bank, admin, kyc } = users;
  const nA = DVP_N * DVP_ROUNDS;
  const idsA = billIds.slice(0, nA);
  const nB = DVP_LENDERS * DVP_ROUNDS;
  const idsB = billIds.slice(nA, nA + nB);
  const extra = billIds.slice(nA + nB, nA + nB + 2); // split + transfer, repayment (gas table)
  const repayProbe = billIds.slice(nA + nB + 2, BILLS_NEEDED);
  const out = { setup: {}, billsA: idsA };

  const toAccept = [...idsA, ...idsB, ...extra, ...repayProbe];
  log(`3. DvP setup: the buyer accepts ${toAccept.length} bills at once (${CONCURRENCY} in flight)`);
  const accepted = await acceptConcurrently(buyer, toAccept);
  out.acceptConcurrent = accepted.result;
  log(`   ${accepted.result.acceptedOnChain}/${toAccept.length} accepted on chain after ${accepted.result.wallS} s`);
  if (accepted.notAccepted.length) throw new Error(`${accepted.notAccepted.length} bills were not accepted`);

  /** DVP_ROUNDS rounds of `perRound` bills, like the raw batches; financiersFor(round, n) gives each round's financier of bill i. */
  const inRounds = async (label, ids, perRound, financiersFor) => {
    const rounds = [];
    for (let r = 0; r < DVP_ROUNDS; r++) {
      const slice = ids.slice(r * perRound, (r + 1) * perRound);
      const financierOf = await financiersFor(r, slice.length);
      rounds.push(await dvpThroughOutbox(`${label} round ${r + 1}`, supplier, slice, financierOf, tallyPids));
    }
    const sum = (k) => rounds.reduce((acc, x) => acc + x[k], 0);
    return {
      ...rounds[0],
      bills: sum('bills'),
      settled: sum('settled'),
      failed: sum('failed'),
      wallS: round(sum('wallS'), 3),
      perSec: rate(sum('settled'), sum('wallS') * 1000),
      cpuSeconds: Object.fromEntries(Object.keys(rounds[0].cpuSeconds).map((k) => [k, round(rounds.reduce((acc, x) => acc + x.cpuSeconds[k], 0))])),
      outbox: await jobTimeline(db, await jobIdsOf('bills.finance', ids)),
      rounds: rounds.map(({ wallS, perSec, settled, phasesMs }) => ({ wallS, perSec, settled, phasesMs })),
    };
  };

  log(`   A. ${DVP_ROUNDS} rounds of ${DVP_N} bills, all financed by ${bank.orgName}`);
  out.oneFinancier = await inRounds('A (one financier)', idsA, DVP_N, () => () => bank);

  if (idsB.length) {
    log(`   B. ${DVP_ROUNDS} rounds of ${DVP_LENDERS} bills, each financed by a new financier organization, created through the API before its round`);
    out.setup.financiers = { created: 0, wallS: 0 };
    out.financierPerBill = await inRounds('B (one new financier per bill)', idsB, DVP_LENDERS, async (_r, n) => {
      const lenders = await createFinanciers(n, admin, kyc, out.setup.financiers.created);
      out.setup.financiers.created += lenders.orgs.length;
      out.setup.financiers.wallS = round(out.setup.financiers.wallS + lenders.wallS);
      return (i) => lenders.orgs[i];
    });
  }

  // repayments, a split in three and an endorsement through the API, for the gas table
  out.gasJobs = await productGasExtras(supplier, buyer, bank, idsA[0], extra);

  if (repayProbe.length) {
    // like the aging scheduler's auto-debit of an obligor's bills due on one day
    log(`   ${repayProbe.length} repayments by the buyer sent together`);
    const pool = await runPool(repayProbe.length, repayProbe.length, (i) =>
      call('POST', `/api/v1/bills/${repayProbe[i]}/pay`, buyer.token),
    );
    const http = httpStats(pool, 200);
    await waitUntil(
      'concurrent repayments settled',
      () => billStates(repayProbe),
      (s) => s.settled === s.n,
    );
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM bills WHERE id = ANY($1::uuid[]) AND state = 'PAID'`, [repayProbe]);
    out.repayConcurrent = {
      sent: repayProbe.length,
      http200: http.ok,
      paidOnChain: rows[0].n,
      outbox: await jobTimeline(db, await jobIdsOf('bills.repay', repayProbe)),
    };
    log(`   ${rows[0].n}/${repayProbe.length} paid on chain`);
  }

  log(`   raw baseline: ${DVP_ROUNDS} x ${DVP_N} settleFinancing calls on a fresh deployment on the same anvil`);
  const raw = await rawDvp(chainId, DVP_N);
  out.raw = raw.report;
  out.rawGas = raw.gas;
  const vsRaw = (x, base = raw.report) => (base.perSec && x !== null ? round(x / base.perSec, 4) : null);
  if (out.financierPerBill) {
    // B's batch is smaller: its baseline is raw batches of the same size (a batch never beats one block)
    log(`   raw baseline for B: ${DVP_ROUNDS} x ${DVP_LENDERS} settleFinancing calls`);
    out.rawB = (await rawDvp(chainId, DVP_LENDERS)).report;
  }
  out.ratios = {
    oneFinancier: vsRaw(out.oneFinancier.perSec),
    financierPerBill: out.financierPerBill ? vsRaw(out.financierPerBill.perSec, out.rawB) : null,
  };
  return out;
}

/** Repays two bills one after the other (buyer), splits one accepted bill in three and endorses a part to the bank. */
async function productGasExtras(supplier, buyer, bank, financedBill, [splitBill, payBill]) {
  const out = { repay: [] };
  // one at a time: two repayments by one obligor in one outbox batch collide like acceptances
  for (const id of [financedBill, payBill]) {
    const pay = await call('POST', `/api/v1/bills/${id}/pay`, buyer.token);
    if (pay.status !== 200) {
      out.repayError = `HTTP ${pay.status} ${JSON.stringify(pay.body).slice(0, 200)}`;
      continue;
    }
    await waitUntil(
      'repayment settled',
      () => billStates([id]),
      (s) => s.settled === 1,
    );
    out.repay.push(id);
  }
  const split = await call('POST', `/api/v1/bills/${splitBill}/split`, supplier.token, { amountsMinor: ['300000', '300000', '400000'] });
  if (split.status !== 201) {
    out.splitError = `HTTP ${split.status} ${JSON.stringify(split.body).slice(0, 200)}`;
    return out;
  }
  const parts = split.body.map((b) => b.id);
  await waitUntil(
    'split settled',
    () => billStates([splitBill, ...parts]),
    (s) => s.settled === s.n,
  );
  out.split = [splitBill];
  const tr = await call('POST', `/api/v1/bills/${parts[0]}/transfer`, supplier.token, { toOrganizationId: bank.orgId });
  if (tr.status !== 200) out.transferError = `HTTP ${tr.status} ${JSON.stringify(tr.body).slice(0, 200)}`;
  else {
    await waitUntil(
      'transfer settled',
      () => billStates([parts[0]]),
      (s) => s.settled === s.n,
    );
    out.transfer = [parts[0]];
  }
  return out;
}

/**
 * The raw baseline: the same settleFinancing calls (a consent of the financier per call, one DvP
 * per bill) as pipelined raw transactions from one key with explicit nonces, to a fresh
 * deployment on the same node. Timed from the first signature to the last receipt; the consents,
 * the transaction signatures and the sends are inside the window, like the outbox's work.
 */
async function rawDvp(chainId, n) {
  const C = contractsModule;
  const deployer = Wallet.createRandom().connect(provider);
  await provider.send('anvil_setBalance', [deployer.address, toBeHex(parseEther('1000'))]);
  const sender = new RawSender(deployer, provider, chainId);
  await sender.init();
  const me = deployer.address;
  const identity = await sender.deploy(C.IdentityRegistryInterface, C.IdentityRegistryBytecode, [me]);
  const token = await sender.deploy(C.SettlementTokenInterface, C.SettlementTokenBytecode, [
    'Tally EUR deposit token',
    'tEUR',
    EUR,
    me,
    identity,
  ]);
  const registry = await sender.deploy(C.BillRegistryInterface, C.BillRegistryBytecode, [me, identity]);
  const dvp = await sender.deploy(C.BillDvPInterface, C.BillDvPBytecode, [me, registry]);
  const I = { id: C.IdentityRegistryInterface, tok: C.SettlementTokenInterface, reg: C.BillRegistryInterface, dvp: C.BillDvPInterface };
  const setup = [
    [identity, I.id.encodeFunctionData('grantRole', [roleId('REGISTRAR_ROLE'), me])],
    [token, I.tok.encodeFunctionData('grantRole', [roleId('SETTLEMENT_AGENT_ROLE'), me])],
    [registry, I.reg.encodeFunctionData('grantRole', [roleId('AGENT_ROLE'), me])],
    [registry, I.reg.encodeFunctionData('grantRole', [roleId('AGENT_ROLE'), dvp])],
    [dvp, I.dvp.encodeFunctionData('grantRole', [roleId('AGENT_ROLE'), me])],
    [dvp, I.dvp.encodeFunctionData('setSettlementToken', [EUR, token])],
    [token, I.tok.encodeFunctionData('grantRole', [roleId('DVP_ROLE'), dvp])],
  ];
  const seller = Wallet.createRandom();
  const financier = Wallet.createRandom();
  const obligor = Wallet.createRandom();
  const block = await provider.getBlock('latest');
  const expiry = BigInt(block.timestamp) + 365n * 86_400n;
  for (const w of [seller, financier, obligor]) setup.push([identity, I.id.encodeFunctionData('register', [w.address, DE, expiry])]);
  const hashes = [];
  for (const [to, data] of setup) hashes.push(await sender.send(to, data, 500_000n));
  await allMined(provider, hashes, 'raw setup');
  const price = 897_000n; // about what the platform's offers above pay: 90 % advance less discount and fees
  const total = n * DVP_ROUNDS;
  const mintHashes = [
    await sender.send(token, I.tok.encodeFunctionData('mint', [financier.address, price * BigInt(total + 10), randomId()]), 300_000n),
    await sender.send(token, I.tok.encodeFunctionData('mint', [obligor.address, FACE_MINOR * 10n, randomId()]), 300_000n),
  ];
  const dueDate = BigInt(block.timestamp) + 120n * 86_400n;
  const billIds = Array.from({ length: total + 2 }, () => randomId());
  // setup, pipelined: issue every bill, then accept each
  const issueHashes = [];
  for (const billId of billIds) {
    issueHashes.push(
      await sender.send(
        registry,
        I.reg.encodeFunctionData('issue', [billId, seller.address, obligor.address, FACE_MINOR, EUR, dueDate, randomId()]),
        400_000n,
      ),
    );
  }
  const issueReceipts = await allMined(provider, [...mintHashes, ...issueHashes], 'raw issue');
  const regRead = new Contract(registry, C.BillRegistryAbi, provider);
  const deadline = BigInt(block.timestamp) + 7_200n;
  const domain = { name: 'Tally BillRegistry', version: '1', chainId, verifyingContract: registry };
  const acceptHashes = [];
  for (const billId of billIds) {
    const commitment = await regRead.commitmentOf(billId);
    const sig = await obligor.signTypedData(domain, ACCEPTANCE_TYPES, { billId, commitment, deadline });
    acceptHashes.push(await sender.send(registry, I.reg.encodeFunctionData('accept', [billId, deadline, sig]), 200_000n));
  }
  const acceptReceipts = await allMined(provider, acceptHashes, 'raw accept');

  // timed: DVP_ROUNDS batches of n DvPs, each batch sent in full, then waited for
  const consentOpts = (nonce) => ({ chainId, billDvP: dvp, deadline, nonce });
  let consentNonce = 1n;
  const batches = [];
  const dvpReceipts = [];
  for (let rep = 0; rep < DVP_ROUNDS; rep++) {
    await blockJustMined();
    const t0 = performance.now();
    const dvpHashes = [];
    for (let i = rep * n; i < (rep + 1) * n; i++) {
      const nonce = consentNonce++;
      const consent = await signDvpConsent(financier, 'financing', { billId: billIds[i], amount: price, payer: financier.address, payee: seller.address }, consentOpts(nonce));
      const data = I.dvp.encodeFunctionData('settleFinancing', [randomId(), billIds[i], financier.address, price, consent]);
      dvpHashes.push(await sender.send(dvp, data, 400_000n));
    }
    const sentMs = performance.now() - t0;
    const receipts = await allMined(provider, dvpHashes, 'raw DvP');
    const wallMs = performance.now() - t0;
    const blocks = new Set(receipts.map((r) => r.blockNumber));
    batches.push({ dvps: n, sendS: round(sentMs / 1000, 3), wallS: round(wallMs / 1000, 3), perSec: rate(n, wallMs), blocks: blocks.size });
    dvpReceipts.push(...receipts);
    log(
      `   raw batch ${rep + 1}: ${n} DvPs sent in ${round(sentMs / 1000, 2)} s, all mined after ${round(wallMs / 1000, 2)} s in ${blocks.size} block(s)`,
    );
  }
  const wallS = batches.reduce((a, b) => a + b.wallS, 0);

  // split (3 parts), endorsement and repayments on the fresh deployment (gas table only)
  const parts = [randomId(), randomId(), randomId()];
  const gasTx = {};
  gasTx.split = await sender.mined(registry, I.reg.encodeFunctionData('split', [billIds[total], [300_000n, 300_000n, 400_000n], parts]));
  // to the financier, who already holds bills (like the platform's endorsement to the bank below)
  gasTx.agentTransfer = await sender.mined(registry, I.reg.encodeFunctionData('agentTransfer', [parts[0], financier.address]));
  const consentObligor = async (billId, amount, payee) => {
    return signDvpConsent(obligor, 'repayment', { billId, amount, payer: obligor.address, payee }, consentOpts(consentNonce++));
  };
  gasTx.repayFinanced = await sender.mined(
    dvp,
    I.dvp.encodeFunctionData('settleRepayment', [randomId(), billIds[0], await consentObligor(billIds[0], FACE_MINOR, financier.address)]),
  );
  gasTx.repayUnfinanced = await sender.mined(
    dvp,
    I.dvp.encodeFunctionData('settleRepayment', [randomId(), billIds[total + 1], await consentObligor(billIds[total + 1], FACE_MINOR, seller.address)]),
  );

  // OpenZeppelin ERC-721 baseline: mint and transfer to fresh addresses (balance 0 -> 1 like a new holder)
  const holderKey = Wallet.createRandom().connect(provider);
  await provider.send('anvil_setBalance', [holderKey.address, toBeHex(parseEther('10'))]);
  const baseline = await sender.deploy(C.BaselineERC721Interface, C.BaselineERC721Bytecode, []);
  const B = C.BaselineERC721Interface;
  gasTx.baselineMint = await sender.mined(baseline, B.encodeFunctionData('mint', [holderKey.address, 1n]));
  gasTx.baselineSafeMint = await sender.mined(baseline, B.encodeFunctionData('safeMint', [Wallet.createRandom().address, 2n]));
  gasTx.baselineMintSecond = await sender.mined(baseline, B.encodeFunctionData('mint', [holderKey.address, 3n]));
  const holderSender = new RawSender(holderKey, provider, chainId);
  await holderSender.init();
  const other = Wallet.createRandom().address;
  gasTx.baselineTransferFrom = await holderSender.mined(baseline, B.encodeFunctionData('transferFrom', [holderKey.address, other, 1n]));
  gasTx.baselineTransferFromWarm = await holderSender.mined(baseline, B.encodeFunctionData('transferFrom', [holderKey.address, other, 3n]));

  const gasOf = (receipts) => receipts.map((r) => Number(r.gasUsed));
  return {
    report: {
      deployment:
        'fresh IdentityRegistry, SettlementToken (EUR), BillRegistry, BillDvP on the same anvil, set up like the platform deploys them; one funded key as operator, one financier',
      dvps: total,
      batches,
      wallS: round(wallS, 3),
      perSec: rate(total, wallS * 1000),
    },
    gas: {
      issue: gasOf(issueReceipts.slice(2)),
      accept: gasOf(acceptReceipts),
      settleFinancing: gasOf(dvpReceipts),
      split3: [Number(gasTx.split.gasUsed)],
      agentTransfer: [Number(gasTx.agentTransfer.gasUsed)],
      settleRepaymentFinanced: [Number(gasTx.repayFinanced.gasUsed)],
      settleRepaymentUnfinanced: [Number(gasTx.repayUnfinanced.gasUsed)],
      baselineMint: [Number(gasTx.baselineMint.gasUsed)],
      baselineSafeMint: [Number(gasTx.baselineSafeMint.gasUsed)],
      baselineMintSecond: [Number(gasTx.baselineMintSecond.gasUsed)],
      baselineTransferFrom: [Number(gasTx.baselineTransferFrom.gasUsed)],
      baselineTransferFromWarm: [Number(gasTx.baselineTransferFromWarm.gasUsed)],
    },
  };
}

// ---- 4. gas -------------------------------------------------------------------------------------

/** gasUsed of the platform's own transactions, read from the node's receipts (by the jobs' tx hashes). */
async function productGas(kind, billIds) {
  if (!billIds?.length) return [];
  const { rows } = await db.query(
    `SELECT tx_hash, gas_used FROM chain_jobs WHERE kind = $1 AND status = 'CONFIRMED' AND payload->>'billId' = ANY($2::text[]) ORDER BY finished_at`,
    [kind, billIds],
  );
  const out = [];
  for (const r of rows.slice(0, 400)) {
    const receipt = await provider.getTransactionReceipt(r.tx_hash);
    if (!receipt) throw new Error(`no receipt for ${kind} ${r.tx_hash}`);
    if (String(receipt.gasUsed) !== String(r.gas_used))
      throw new Error(`${kind} ${r.tx_hash}: receipt gasUsed ${receipt.gasUsed} <> chain_jobs.gas_used ${r.gas_used}`);
    out.push(Number(receipt.gasUsed));
  }
  return out;
}

function gasRow(label, values) {
  if (!values?.length) return { label, n: 0 };
  return { label, n: values.length, median: quantile(values, 0.5), min: Math.min(...values), max: Math.max(...values) };
}

async function benchGas(issueIds, dvp) {
  const g = dvp?.rawGas ?? {};
  const extras = dvp?.gasJobs ?? {};
  const product = {
    issue: await productGas('bills.issue', issueIds),
    accept: await productGas('bills.accept', issueIds),
    split3: await productGas('bills.split', extras.split),
    transfer: await productGas('bills.transfer', extras.transfer),
    // A only: one financier that already holds bills, like the direct calls (B's financiers sign their first consent)
    finance: await productGas('bills.finance', dvp?.billsA ?? []),
    repay: await productGas('bills.repay', extras.repay?.slice(0, 1)),
    repayUnfinanced: await productGas('bills.repay', extras.repay?.slice(1, 2)),
  };
  // like for like: the platform's recipients already hold bills, so the references are the
  // ERC-721 operations on an address that already holds a token (the cold ones are listed too)
  const ref = { mint: g.baselineMintSecond?.[0] ?? null, transferFrom: g.baselineTransferFromWarm?.[0] ?? null };
  const rows = [
    {
      op: 'issue (mint + bill record)',
      product: gasRow('bills.issue', product.issue),
      direct: gasRow('BillRegistry.issue', g.issue),
      ref: 'mint',
    },
    {
      op: 'accept (EIP-712 signature checked on chain)',
      product: gasRow('bills.accept', product.accept),
      direct: gasRow('BillRegistry.accept', g.accept),
      ref: 'transferFrom',
    },
    {
      op: 'split into 3 parts (burn + 3 mints)',
      product: gasRow('bills.split', product.split3),
      direct: gasRow('BillRegistry.split', g.split3),
      ref: 'mint',
    },
    {
      op: 'transfer (agentTransfer, endorsement)',
      product: gasRow('bills.transfer', product.transfer),
      direct: gasRow('BillRegistry.agentTransfer', g.agentTransfer),
      ref: 'transferFrom',
    },
    {
      op: 'DvP financing (consent, tokens to seller, bill to financier, encumbrance)',
      product: gasRow('bills.finance', product.finance),
      direct: gasRow('BillDvP.settleFinancing', g.settleFinancing),
      ref: 'transferFrom',
    },
    {
      op: 'DvP repayment of a financed bill (consent, tokens to holder, mark paid, burn)',
      product: gasRow('bills.repay', product.repay),
      direct: gasRow('BillDvP.settleRepayment', g.settleRepaymentFinanced),
      ref: 'transferFrom',
    },
    {
      op: 'DvP repayment of an unfinanced bill',
      product: gasRow('bills.repay', product.repayUnfinanced),
      direct: gasRow('BillDvP.settleRepayment', g.settleRepaymentUnfinanced),
      ref: 'transferFrom',
    },
  ];
  for (const r of rows) {
    const x = r.product.median ?? r.direct.median;
    r.xBaseline = ref[r.ref] && x ? round(x / ref[r.ref], 2) : null;
  }
  return {
    baseline: {
      'BaselineERC721.mint, to an address that holds a token (ref. "mint")': ref.mint,
      'BaselineERC721.transferFrom, to an address that holds a token (ref. "transferFrom")': ref.transferFrom,
      'BaselineERC721.mint, to an empty address': g.baselineMint?.[0] ?? null,
      'BaselineERC721.safeMint, to an empty address (EOA)': g.baselineSafeMint?.[0] ?? null,
      'BaselineERC721.transferFrom, to an empty address': g.baselineTransferFrom?.[0] ?? null,
    },
    rows,
    note: "gasUsed of real receipts, 21,000 intrinsic included; platform tx = the platform's transactions sent by the outbox (receipts fetched by the jobs' hashes and checked against chain_jobs.gas_used); direct = the same calls on the fresh deployment",
  };
}

// ---------------------------------------------------------------------------------------------

function renderReport(r) {
  const L = [];
  const m = r.machine;
  const f = (x, d = 1) => (x === null || x === undefined ? '-' : Number(x).toFixed(d));
  const pct = (x) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(1)} %`);
  L.push(`# Tally bills bench — ${r.date}`);
  L.push('');
  L.push(`Machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemoryGB} GB RAM; Node ${m.node}; ${m.os}; commit ${m.commit}`);
  L.push(`Load average (1/5/15 min) before: ${r.loadAverage.before.join(' / ')}, after: ${(r.loadAverage.after ?? []).join(' / ')}`);
  L.push(`Settings: ${JSON.stringify(r.settings)}`);
  L.push(
    `Chain: anvil, block time ${r.chain?.blockTimeS ?? '?'} s, confirmations ${r.chain?.confirmations ?? '?'}; PostgreSQL synchronous_commit=${r.postgres?.synchronous_commit ?? '?'}, fsync=${r.postgres?.fsync ?? '?'}`,
  );
  L.push('');
  L.push('| measure | Tally | baseline (same run) | Tally / baseline |');
  L.push('|---|---:|---:|---:|');
  if (r.issue) {
    const i = r.issue;
    L.push(
      `| bills issued/s, HTTP 201 (${i.http.ok} bills, ${r.settings.concurrency} in flight; p50 ${f(i.http.latencyMs.p50, 0)} ms) | ${f(i.http.perSec)} | ${f(i.raw.tempTable.perSec, 0)} raw INSERT/s into a temp copy of bills | ${pct(i.ratioHttpVsRaw)} |`,
    );
    L.push(
      `| bills issued/s until all ON_CHAIN (pendingAction null) | ${f(i.onChain.perSec)} | ${f(i.raw.billsRolledBack.perSec, 0)} raw INSERT/s into bills (rolled back) | ${pct(i.raw.billsRolledBack.perSec ? i.onChain.perSec / i.raw.billsRolledBack.perSec : null)} |`,
    );
  }
  if (r.ubl) {
    L.push(
      `| UBL imports/s, HTTP 201 (${r.ubl.http.ok} files, ${r.settings.concurrency} in flight; p50 ${f(r.ubl.http.latencyMs.p50, 0)} ms) | ${f(r.ubl.http.perSec)} | - | - |`,
    );
    L.push(`| UBL imports/s until all ON_CHAIN | ${f(r.ubl.onChain.perSec)} | - | - |`);
  }
  if (r.dvp) {
    const d = r.dvp;
    const raw = `${f(d.raw.perSec, 1)} raw pipelined DvP tx/s (${d.raw.batches.length} × ${d.raw.batches[0]?.dvps})`;
    const A = d.oneFinancier;
    L.push(
      `| A: DvP settlements/s through the outbox, ${A.rounds.length} × ${A.bills / A.rounds.length} finance jobs of one bank (${A.settled}/${A.bills} SETTLED, ${A.failed} FAILED; rounds ${A.rounds.map((x) => `${f(x.wallS, 2)} s`).join(' / ')}) | ${f(A.perSec, 1)} | ${raw} (${d.raw.batches.map((b) => `${f(b.wallS, 2)} s`).join(' / ')}) | ${pct(d.ratios.oneFinancier)} (goal ≥ 80 %) |`,
    );
    if (d.financierPerBill) {
      const B = d.financierPerBill;
      L.push(
        `| B: same, ${B.rounds.length} × ${B.bills / B.rounds.length} finance jobs, each of a new financier (first consents; ${B.settled}/${B.bills} SETTLED, ${B.failed} FAILED; rounds ${B.rounds.map((x) => `${f(x.wallS, 2)} s`).join(' / ')}) | ${f(B.perSec, 1)} | ${f(d.rawB.perSec, 1)} raw DvP tx/s (${d.rawB.batches.length} × ${d.rawB.batches[0]?.dvps}: ${d.rawB.batches.map((b) => `${f(b.wallS, 2)} s`).join(' / ')}) | ${pct(d.ratios.financierPerBill)} (goal ≥ 80 %) |`,
      );
    }
    for (const [name, x] of [['A', A], ['B', d.financierPerBill]]) {
      if (x) L.push(`| ${name}: offer acceptances/s over HTTP (worker paused; ${CONCURRENCY} in flight, p50 ${f(x.acceptHttp.latencyMs.p50, 0)} ms) | ${f(x.acceptHttp.perSec)} | - | - |`);
    }
    if (d.acceptConcurrent) {
      const c = d.acceptConcurrent;
      L.push(`| bill acceptances/s by one buyer, sent together, until on chain (${c.acceptedOnChain}/${c.sent} ACCEPTED) | ${f(c.sent / c.wallS)} | - | - |`);
    }
  }
  L.push('');
  if (r.gas?.rows.some((row) => row.product.n || row.direct.n)) {
    L.push(
      'Gas (receipt gasUsed incl. 21,000 intrinsic; median of n platform transactions; direct = the same call on the fresh deployment)',
    );
    L.push('');
    L.push('| operation | platform tx (n) | direct call | × OZ ERC-721 ref. |');
    L.push('|---|---:|---:|---:|');
    for (const row of r.gas.rows)
      L.push(
        `| ${row.op} | ${row.product.median ?? '-'} (${row.product.n}) | ${row.direct.median ?? '-'} | ${f(row.xBaseline, 2)} × ${row.ref} |`,
      );
    L.push('');
    L.push('| OpenZeppelin ERC-721 baseline (BaselineERC721) | gasUsed |');
    L.push('|---|---:|');
    for (const [k, v] of Object.entries(r.gas.baseline)) L.push(`| ${k} | ${v ?? '-'} |`);
    L.push('');
  }
  const outboxLine = (name, o) =>
    `Outbox ${name}: ${o.jobs} jobs ${JSON.stringify(o.statuses)}; enqueued→submitted p50 ${f(o.enqueuedToSubmittedMs.p50, 0)} ms (p95 ${f(o.enqueuedToSubmittedMs.p95, 0)}); submitted→finished p50 ${f(o.submittedToFinishedMs.p50, 0)} ms (p95 ${f(o.submittedToFinishedMs.p95, 0)}), of which block made→job finished p50 ${f(o.minedToFinishedMs.p50, 0)} ms (p95 ${f(o.minedToFinishedMs.p95, 0)}); txs in ${o.blocks} blocks (span ${o.blockSpan}), max ${o.txPerBlockMax}/block` +
    (o.revertReasons
      ? `; FAILED with: ${Object.entries(o.revertReasons)
          .map(([k, v]) => `${v} × ${k}`)
          .join(', ')}`
      : '');
  for (const [name, o] of [
    ['issue', r.issue?.outbox],
    ['UBL', r.ubl?.outbox],
    ['DvP A', r.dvp?.oneFinancier?.outbox],
    ['DvP B', r.dvp?.financierPerBill?.outbox],
    ['concurrent acceptances', r.dvp?.acceptConcurrent?.outbox],
  ]) {
    if (o) L.push(outboxLine(name, o));
  }
  if (r.dvp?.repayConcurrent)
    L.push(
      `Concurrent repayments by one buyer: ${r.dvp.repayConcurrent.paidOnChain}/${r.dvp.repayConcurrent.sent} PAID on chain (${r.dvp.repayConcurrent.http200} answered 200)` +
        (r.dvp.repayConcurrent.outbox?.revertReasons ? `; FAILED with: ${JSON.stringify(r.dvp.repayConcurrent.outbox.revertReasons)}` : ''),
    );
  for (const [name, c, n] of [
    ['issue, HTTP phase', r.issue?.cpuSecondsHttpPhase, r.issue?.http.ok],
    ['issue, until on chain', r.issue?.cpuSecondsUntilOnChain, r.issue?.http.ok],
    ['UBL, HTTP phase', r.ubl?.cpuSecondsHttpPhase, r.ubl?.http.ok],
    ['DvP A, outbox (worker resumed)', r.dvp?.oneFinancier?.cpuSeconds, r.dvp?.oneFinancier?.settled],
    ['DvP B, outbox (worker resumed)', r.dvp?.financierPerBill?.cpuSeconds, r.dvp?.financierPerBill?.settled],
  ]) {
    if (c)
      L.push(
        `CPU s during ${name} (${c.wallS} s wall): Tally node (API + worker) ${c.node}${n ? ` (${f((c.node * 1000) / n, 0)} ms per item)` : ''}, postgres ${c.postgres}, anvil ${c.anvil}, bench client ${c.benchClient}, other processes on the machine ${c.otherOnMachine}`,
      );
  }
  if (r.issue?.postgresRowWritesPerBill)
    L.push(`PostgreSQL row writes per issued bill until on chain (whole database): ${JSON.stringify(r.issue.postgresRowWritesPerBill)}`);
  L.push(`Tally start to /health = 200: ${r.tally.startS ?? '-'} s; Tally log lines at warn or above: ${r.tally.logWarningCount}`);
  if (r.findings.length) {
    L.push('');
    L.push('Findings:');
    for (const x of r.findings) L.push(`- ${x}`);
  }
  if (r.errors.length) {
    L.push('');
    L.push('ERRORS:');
    for (const e of r.errors) L.push(`- ${e}`);
  }
  return L.join('\n');
}

async function main() {
  for (const p of [TALLY_MAIN, CONTRACTS]) if (!existsSync(p)) throw new Error(`${scrub(p)} is missing: run \`npm run build\` first`);
  contractsModule = await import(CONTRACTS);
  const { pg: pgPort, anvil: anvilPort } = await startTally();
  const tallyPids = [children.tally.child.pid, children.worker.child.pid];
  const { postgresPassword } = platform.secrets();
  scrubbers.push([postgresPassword, '<pg password>']);
  db = new pg.Pool({ connectionString: `postgres://tally:${encodeURIComponent(postgresPassword)}@${HOST}:${pgPort}/tally`, max: 4 });
  const anvilUrl = `http://${HOST}:${anvilPort}`;
  const chainId = Number(
    BigInt(
      await (
        await fetch(anvilUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
        })
      )
        .json()
        .then((j) => j.result),
    ),
  );
  provider = new JsonRpcProvider(anvilUrl, chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  report.postgres = {};
  for (const k of ['synchronous_commit', 'fsync', 'shared_buffers', 'max_connections'])
    report.postgres[k] = (await db.query(`SHOW ${k}`)).rows[0][k];

  const users = {};
  for (const email of ['supplier@demo.tally', 'buyer@demo.tally', 'bank@demo.tally', 'admin@demo.tally', 'kyc@demo.tally'])
    users[email.split('@')[0]] = await loginAs(email);
  const { supplier: sup, buyer: buy, bank: bnk, admin: adm } = users;
  log(`logged in: ${sup.orgName} (supplier), ${buy.orgName} (buyer), ${bnk.orgName} (financier), platform admin`);
  const status = expectStatus(await call('GET', '/api/v1/status', adm.token), 200, 'status');
  report.chain = { chainId, blockTimeS: null, confirmations: status.chain?.confirmations ?? 1 };
  const contracts = Object.fromEntries((status.contracts ?? []).map((c) => [c.name, c.address]));

  log('waiting for the demo wallets to be registered on chain');
  for (const org of [sup, buy, bnk]) {
    await waitUntil(
      `wallet of ${org.email} registered`,
      () => call('GET', `/api/v1/organizations/${org.orgId}/wallets`, org.token),
      (r) => r.status === 200 && r.body?.[0]?.chainStatus === 'REGISTERED',
      PHASE_TIMEOUT_MS,
      250,
    );
  }
  // funds for the DvPs (bank) and two repayments (buyer), minted through the outbox
  const depIds = [await deposit(adm, bnk, FACE_MINOR * BigInt(DVP_N * DVP_ROUNDS + 5)), await deposit(adm, buy, FACE_MINOR * BigInt(5 + REPAY_PROBE_N))];
  await waitUntil(
    'deposits confirmed',
    async () =>
      (
        await db.query(
          `SELECT count(*) FILTER (WHERE state = 'CONFIRMED')::int AS n FROM settlement_movements WHERE id = ANY($1::uuid[])`,
          [depIds],
        )
      ).rows[0].n,
    (n) => n === depIds.length,
  );
  {
    const b1 = await provider.getBlock('latest');
    await sleep(3_000);
    const b2 = await provider.getBlock('latest');
    report.chain.blockTimeS = b2.number > b1.number ? round((b2.timestamp - b1.timestamp) / (b2.number - b1.number), 2) : null;
  }

  report.issue = await benchIssue(sup, buy, tallyPids);
  const issueIds = report.issue.ids;
  delete report.issue.ids;
  if (UBL_N > 0) report.ubl = await benchUbl(sup, buy, tallyPids);
  if (DVP_N > 0) report.dvp = await benchDvp(users, tallyPids, issueIds, chainId);
  report.gas = await benchGas(issueIds, report.dvp);
  if (report.dvp) {
    delete report.dvp.rawGas;
    delete report.dvp.billsA;
  }
  report.contracts = contracts;
  const { rows: jobs } = await db.query(
    `SELECT kind, status, count(*)::int AS n FROM chain_jobs GROUP BY kind, status ORDER BY kind, status`,
  );
  report.chainJobs = jobs;
  deriveFindings(report);
}

/** What the figures say that a reader should not have to dig out of the JSON. */
function deriveFindings(r) {
  const reasons = (o) => JSON.stringify(o?.revertReasons ?? {});
  const c = r.dvp?.acceptConcurrent;
  if (c && c.acceptedOnChain < c.sent) r.findings.push(`Acceptances by one buyer sent together: only ${c.acceptedOnChain} of ${c.sent} ACCEPTED (${reasons(c.outbox)}).`);
  const rp = r.dvp?.repayConcurrent;
  if (rp && rp.paidOnChain < rp.sent) r.findings.push(`Repayments by one buyer sent together: only ${rp.paidOnChain} of ${rp.sent} PAID (${reasons(rp.outbox)}).`);
  for (const [name, x, ratio] of [
    ['A (one financier)', r.dvp?.oneFinancier, r.dvp?.ratios.oneFinancier],
    ['B (one financier per bill)', r.dvp?.financierPerBill, r.dvp?.ratios.financierPerBill],
  ]) {
    if (!x) continue;
    if (x.failed) r.findings.push(`DvP ${name}: ${x.failed} of ${x.bills} financings FAILED (${reasons(x.outbox)}).`);
    if (ratio !== null && ratio < 0.8) r.findings.push(`DvP ${name}: ${x.perSec}/s through the outbox, ${(ratio * 100).toFixed(1)} % of raw pipelined transactions, below the 80 % goal.`);
  }
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  exitCode = 1;
  report.errors.push(scrub(err.stack ?? err.message));
} finally {
  report.loadAverage.after = os.loadavg().map((x) => round(x, 2));
  await cleanup();
}
if (!interrupted) {
  mkdirSync(OUT_DIR, { recursive: true });
  const json = scrub(JSON.stringify(report, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
  writeFileSync(join(OUT_DIR, 'last-run.json'), json + '\n');
  process.stdout.write(scrub(renderReport(report)) + '\n');
  process.stdout.write(`\nReport written to bench/bills/out/last-run.json\n`);
  process.exit(exitCode || (report.errors.length ? 1 : 0));
}
