// Bulk intake through the real embedded platform against raw baselines in the same run, on the
// same PostgreSQL and the same anvil node:
//
//   1. POST /api/v1/bills/bulk of BENCH_INTAKE_N bills (JSON lines, one request, as the demo
//      supplier): rows/s to the database (request start to its answer: every row checked,
//      fingerprinted, inserted with its chain job and row result) and bills/s to confirmed on
//      chain (request start to the last bill ON_CHAIN with no pending action), against
//      (a) a raw COPY of the same rows (the bills' columns as the intake wrote them, fresh ids and
//          fingerprints) into a TEMP copy of `bills` (LIKE bills INCLUDING ALL), one COPY, and
//      (b) raw pipelined `issueBatch` transactions of the same size (BULK_BILLS_PER_JOB bills each,
//          explicit nonces, all sent, then waited for) to a fresh IdentityRegistry + BillRegistry
//          on the same anvil;
//   2. gas per bill: `issue` alone and `issueBatch`, from the receipts of (b) and of the platform;
//   3. single requests: issue, accept, transfer over HTTP (BENCH_SINGLE_N each, BENCH_CONCURRENCY
//      in flight): answers/s, and issue to on chain.
//
//   npm run build && node bench/intake/run.mjs
//
// Env (all optional):
//   BENCH_INTAKE_N      rows of the bulk request (default 100000, 1000..100000)
//   BENCH_SINGLE_N      single requests of each kind (default 300, 0..5000; 0 skips part 3)
//   BENCH_CONCURRENCY   HTTP requests in flight for part 3 (default 8, 1..64)
//   BENCH_BLOCK_TIME    ANVIL_BLOCK_TIME of the embedded chain (default 1 as `npm start`; 0 = automine)
//   BENCH_TIMEOUT_S     deadline of every wait (default 900)
//   BENCH_TALLY_CPU_PROF  a directory: Tally runs with --cpu-prof and writes api.cpuprofile there on stop
//
// Loopback only; every loop bounded, every wait with a deadline. Tally is stopped with SIGINT and
// its temporary TALLY_HOME deleted, also on error. The report is printed and written to
// bench/intake/out/last-run.json (git-ignored).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContractFactory, JsonRpcProvider, Wallet, id as roleId, parseEther, toBeHex } from 'ethers';
import pg from 'pg';
import { login, startPlatform, TALLY_MAIN } from '../lib/platform.mjs';
import { HOST, REPO, intEnv, machineInfo, ratio, round, scrub, scrubMachinePaths, sleep, stopChildrenOnExit } from '../lib/process.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CONTRACTS = join(REPO, 'dist', 'contracts', 'generated', 'index.js');
const BILLS_LIB = join(REPO, 'dist', 'libs', 'bills', 'src', 'index.js');
const N = intEnv('BENCH_INTAKE_N', 100_000, 1_000, 100_000);
const SINGLE_N = intEnv('BENCH_SINGLE_N', 300, 0, 5_000);
const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 8, 1, 64);
const BLOCK_TIME = intEnv('BENCH_BLOCK_TIME', 1, 0, 10);
const TIMEOUT_MS = intEnv('BENCH_TIMEOUT_S', 900, 10, 3_600) * 1000;
const EUR = '0x' + Buffer.from('EUR', 'ascii').toString('hex');
const DE = '0x' + Buffer.from('DE', 'ascii').toString('hex');
const tag = randomBytes(3).toString('hex').toUpperCase();
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const perSec = (n, ms) => (ms > 0 ? round((n * 1000) / ms, 1) : null);
const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const randomId = () => '0x' + randomBytes(32).toString('hex');

let platform;
let db;
let provider;
stopChildrenOnExit();

async function waitUntil(what, fn, ok, timeoutMs = TIMEOUT_MS, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 10_000_000; i++) {
    const last = await fn();
    if (ok(last)) return { value: last, at: Date.now() };
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s; last ${JSON.stringify(last).slice(0, 200)}`);
    await sleep(everyMs);
  }
  throw new Error(`${what}: loop bound reached`);
}

async function call(method, path, token, body, headers = {}) {
  const res = await fetch(`${platform.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(typeof body === 'string' ? {} : body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: typeof body === 'string' ? body : body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}

async function pool(n, concurrency, task) {
  const out = new Array(n);
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= n) return;
        out[i] = await task(i).catch((err) => ({ status: 0, body: String(err) }));
      }
    }),
  );
  return { results: out, ms: Date.now() - started, started };
}

async function receiptOf(hash, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 10_000_000; i++) {
    const r = await provider.getTransactionReceipt(hash);
    if (r) return r;
    if (Date.now() > deadline) break;
    await sleep(25);
  }
  throw new Error(`transaction ${hash} not mined in time`);
}

/** COPY FROM STDIN through pg's protocol (what pg-copy-streams does), for the raw baseline. */
function copyFrom(client, sql, text) {
  return new Promise((resolve, reject) => {
    client.query({
      text: sql,
      submit(connection) {
        connection.query(sql);
      },
      handleCopyInResponse(connection) {
        for (let i = 0; i < text.length; i += 1 << 20) connection.sendCopyFromChunk(Buffer.from(text.slice(i, i + (1 << 20))));
        connection.endCopyFrom();
      },
      handleCommandComplete() {},
      handleReadyForQuery() {
        resolve();
      },
      handleError(err) {
        reject(err);
      },
    });
  });
}

async function bills(where, params) {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE chain_status = 'ON_CHAIN' AND pending_action IS NULL)::int AS on_chain,
            count(*) FILTER (WHERE chain_status = 'NOT_ON_CHAIN')::int AS failed FROM bills WHERE ${where}`,
    params,
  );
  return rows[0];
}

async function benchBulk(supplier, buyerId, BULK_BILLS_PER_JOB) {
  const issueDate = dateIn(0);
  const dueDate = dateIn(120);
  const body = Array.from({ length: N }, (_, i) =>
    JSON.stringify({ buyerOrganizationId: buyerId, invoiceNumber: `BULK-${tag}-${String(i).padStart(6, '0')}`, amountMinor: String(100_000 + i), currency: 'EUR', issueDate, dueDate }),
  ).join('\n');
  log(`1. POST /api/v1/bills/bulk with ${N} rows (${round(body.length / 1e6, 1)} MB of JSON lines)`);
  const t0 = Date.now();
  const res = await call('POST', '/api/v1/bills/bulk', supplier.accessToken, body, { 'content-type': 'application/x-ndjson', 'idempotency-key': `bench-${tag}` });
  const answeredMs = Date.now() - t0;
  if (res.status !== 200 || res.body.ok !== N) throw new Error(`bulk: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  log(`   answered after ${round(answeredMs / 1000, 1)} s (${perSec(N, answeredMs)} rows/s); waiting for the chain`);
  const where = `supplier_org_id = $1 AND invoice_number LIKE $2`;
  const params = [supplier.orgId, `BULK-${tag}-%`];
  const done = await waitUntil('bulk bills on chain', () => bills(where, params), (s) => s.on_chain + s.failed === N, TIMEOUT_MS, 500);
  const chainMs = done.at - t0;
  log(`   on chain: ${done.value.on_chain}/${N} after ${round(chainMs / 1000, 1)} s (${perSec(done.value.on_chain, chainMs)} bills/s)`);
  const { rows: jobs } = await db.query(
    `SELECT count(*)::int AS jobs, avg(gas_used::numeric / jsonb_array_length(payload->'bills'))::int AS gas_per_bill,
            min(block_number)::int AS first_block, max(block_number)::int AS last_block
       FROM chain_jobs WHERE kind = 'bills.issue-batch' AND payload->>'intakeId' = $1`,
    [res.body.intakeId],
  );
  // the raw COPY of the same rows, as the intake wrote them, into a TEMP copy of bills
  const { rows: tpl } = await db.query(`SELECT * FROM bills WHERE ${where} LIMIT 1`, params);
  const cols = Object.keys(tpl[0]);
  const client = await db.connect();
  let copyMs;
  try {
    await client.query(`CREATE TEMP TABLE bench_bills (LIKE bills INCLUDING ALL)`);
    const esc = (v) => (v === null ? '\\N' : v instanceof Date ? v.toISOString() : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));
    const lines = [];
    for (let i = 0; i < N; i++) {
      const row = { ...tpl[0], id: crypto.randomUUID(), invoice_number: `RAW-${tag}-${i}`, fingerprint: randomId(), token_id: BigInt('0x' + randomBytes(16).toString('hex')).toString(), face_amount_minor: String(100_000 + i) };
      lines.push(cols.map((c) => esc(row[c])).join('\t'));
    }
    const text = lines.join('\n') + '\n';
    const c0 = Date.now();
    await copyFrom(client, `COPY bench_bills (${cols.map((c) => `"${c}"`).join(', ')}) FROM STDIN`, text);
    copyMs = Date.now() - c0;
    await client.query('DROP TABLE bench_bills');
  } finally {
    client.release();
  }
  log(`   raw COPY of ${N} rows: ${round(copyMs / 1000, 2)} s (${perSec(N, copyMs)} rows/s)`);
  return {
    rows: N,
    answeredS: round(answeredMs / 1000, 2),
    rowsPerSecToDatabase: perSec(N, answeredMs),
    onChain: done.value.on_chain,
    failed: done.value.failed,
    toChainS: round(chainMs / 1000, 2),
    billsPerSecToChain: perSec(done.value.on_chain, chainMs),
    jobs: jobs[0],
    billsPerJob: BULK_BILLS_PER_JOB,
    rawCopy: { rows: N, s: round(copyMs / 1000, 3), rowsPerSec: perSec(N, copyMs) },
    ratioDatabaseVsRawCopy: ratio(perSec(N, answeredMs), perSec(N, copyMs)),
  };
}

async function rawIssueBatch(chainId, C, perJob) {
  log(`1b. raw pipelined issueBatch: ${N} bills, ${perJob} per transaction, on a fresh IdentityRegistry + BillRegistry`);
  const me = Wallet.createRandom().connect(provider);
  await provider.send('anvil_setBalance', [me.address, toBeHex(parseEther('100000'))]);
  let nonce = await provider.getTransactionCount(me.address, 'pending');
  const fees = await provider.getFeeData();
  const fee = { maxPriorityFeePerGas: fees.maxPriorityFeePerGas ?? 1_000_000_000n, maxFeePerGas: (fees.maxFeePerGas ?? 2_000_000_000n) * 2n };
  const send = async (to, data, gasLimit) =>
    provider.send('eth_sendRawTransaction', [await me.signTransaction({ type: 2, chainId, to, data, nonce: nonce++, gasLimit, ...fee })]);
  const deploy = async (iface, bytecode, args) => {
    const tx = await new ContractFactory(iface, bytecode).getDeployTransaction(...args);
    const hash = await provider.send('eth_sendRawTransaction', [await me.signTransaction({ type: 2, chainId, data: tx.data, nonce: nonce++, gasLimit: 8_000_000n, ...fee })]);
    return (await receiptOf(hash)).contractAddress;
  };
  const identity = await deploy(C.IdentityRegistryInterface, C.IdentityRegistryBytecode, [me.address]);
  const registry = await deploy(C.BillRegistryInterface, C.BillRegistryBytecode, [me.address, identity]);
  const holder = Wallet.createRandom().address;
  const obligor = Wallet.createRandom().address;
  const block = await provider.getBlock('latest');
  const setup = [
    await send(identity, C.IdentityRegistryInterface.encodeFunctionData('grantRole', [roleId('REGISTRAR_ROLE'), me.address]), 200_000n),
    await send(registry, C.BillRegistryInterface.encodeFunctionData('grantRole', [roleId('AGENT_ROLE'), me.address]), 200_000n),
    await send(identity, C.IdentityRegistryInterface.encodeFunctionData('register', [holder, DE, BigInt(block.timestamp) + 31_536_000n]), 300_000n),
  ];
  for (const h of setup) await receiptOf(h);
  const due = BigInt(block.timestamp) + 120n * 86_400n;
  const single = await receiptOf(await send(registry, C.BillRegistryInterface.encodeFunctionData('issue', [randomId(), holder, obligor, 100_000n, EUR, due, randomId()]), 400_000n));
  const txs = [];
  for (let i = 0; i < N; i += perJob) {
    const batch = Array.from({ length: Math.min(perJob, N - i) }, (_, k) => [randomId(), holder, obligor, BigInt(100_000 + i + k), EUR, due, randomId()]);
    txs.push({ n: batch.length, data: C.BillRegistryInterface.encodeFunctionData('issueBatch', [batch]) });
  }
  // one gas limit for all, as the outbox would give them (its estimate + 25 %)
  const estimate = await provider.estimateGas({ from: me.address, to: registry, data: txs[0].data });
  const gasLimit = (estimate * 125n) / 100n + 10_000n;
  const t0 = Date.now();
  const hashes = [];
  for (const tx of txs) hashes.push(await send(registry, tx.data, gasLimit));
  const receipts = [];
  for (const h of hashes) receipts.push(await receiptOf(h));
  const ms = Date.now() - t0;
  const bad = receipts.filter((r) => r.status !== 1).length;
  if (bad) throw new Error(`${bad} raw issueBatch transactions reverted`);
  const gasBatched = receipts.reduce((a, r) => a + r.gasUsed, 0n) / BigInt(N);
  log(`   ${N} bills in ${round(ms / 1000, 1)} s (${perSec(N, ms)} bills/s); gas per bill ${gasBatched} batched, ${single.gasUsed} alone`);
  return {
    bills: N,
    transactions: txs.length,
    s: round(ms / 1000, 2),
    billsPerSec: perSec(N, ms),
    blocks: receipts.at(-1).blockNumber - receipts[0].blockNumber + 1,
    gasPerBillBatched: Number(gasBatched),
    gasIssueAlone: Number(single.gasUsed),
    gasLimitPerTx: Number(gasLimit),
  };
}

async function benchSingle(supplier, buyer, bank) {
  const issueDate = dateIn(0);
  const dueDate = dateIn(90);
  log(`3. single requests: ${SINGLE_N} issue, accept, transfer each, ${CONCURRENCY} in flight`);
  const issue = await pool(SINGLE_N, CONCURRENCY, (i) =>
    call('POST', '/api/v1/bills', supplier.accessToken, { buyerOrganizationId: buyer.orgId, invoiceNumber: `ONE-${tag}-${i}`, amountMinor: String(50_000 + i), currency: 'EUR', issueDate, dueDate }),
  );
  const ids = issue.results.filter((r) => r.status === 201).map((r) => r.body.id);
  const issued = await waitUntil('single issues on chain', () => bills('id = ANY($1::uuid[])', [ids]), (s) => s.on_chain + s.failed === ids.length);
  const half = Math.floor(ids.length / 2);
  const accept = await pool(half, CONCURRENCY, (i) => call('POST', `/api/v1/bills/${ids[i]}/accept`, buyer.accessToken, {}));
  const transfer = await pool(ids.length - half, CONCURRENCY, (i) => call('POST', `/api/v1/bills/${ids[half + i]}/transfer`, supplier.accessToken, { toOrganizationId: bank.orgId }));
  const ok = (p, s) => p.results.filter((r) => r.status === s).length;
  const firstError = (p, s) => scrub(JSON.stringify(p.results.find((r) => r.status !== s)?.body ?? null).slice(0, 200));
  return {
    issue: { requests: SINGLE_N, ok: ok(issue, 201), perSec: perSec(ok(issue, 201), issue.ms), toChainPerSec: perSec(issued.value.on_chain, issued.at - issue.started), firstError: firstError(issue, 201) },
    accept: { requests: half, ok: ok(accept, 200) + ok(accept, 201), perSec: perSec(ok(accept, 200) + ok(accept, 201), accept.ms), firstError: firstError(accept, accept.results[0]?.status) },
    transfer: { requests: ids.length - half, ok: ok(transfer, 200) + ok(transfer, 201), perSec: perSec(ok(transfer, 200) + ok(transfer, 201), transfer.ms), firstError: firstError(transfer, transfer.results[0]?.status) },
  };
}

async function main() {
  for (const p of [TALLY_MAIN, CONTRACTS, BILLS_LIB]) if (!existsSync(p)) throw new Error('build first: npm run build');
  scrubMachinePaths();
  const C = await import(CONTRACTS);
  const { BULK_BILLS_PER_JOB } = await import(BILLS_LIB);
  log(`starting Tally (embedded PostgreSQL and anvil, ANVIL_BLOCK_TIME=${BLOCK_TIME})`);
  const prof = process.env.BENCH_TALLY_CPU_PROF?.trim();
  platform = await startPlatform({
    homePrefix: 'tally-bench-intake-',
    healthTimeoutMs: 180_000,
    env: { ANVIL_BLOCK_TIME: String(BLOCK_TIME) },
    nodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${resolve(prof)}`, '--cpu-prof-name=api.cpuprofile'] : [],
  });
  const { postgresPassword } = platform.secrets();
  db = new pg.Pool({ connectionString: `postgres://tally:${encodeURIComponent(postgresPassword)}@${HOST}:${platform.ports.pg}/tally`, max: 3 });
  const anvilUrl = `http://${HOST}:${platform.ports.anvil}`;
  const chainId = Number(BigInt((await (await fetch(anvilUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }) })).json()).result));
  provider = new JsonRpcProvider(anvilUrl, chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  const users = {};
  for (const who of ['supplier', 'buyer', 'bank']) {
    const { accessToken } = await login(platform.baseUrl, `${who}@demo.tally`, platform.demoPassword);
    const me = (await call('GET', '/api/v1/auth/me', accessToken)).body;
    users[who] = { accessToken, orgId: me.organizationId };
    await waitUntil(`wallet of ${who}`, () => call('GET', `/api/v1/organizations/${me.organizationId}/wallets`, accessToken), (r) => r.status === 200 && r.body?.[0]?.chainStatus === 'REGISTERED', 240_000, 250);
  }
  const report = { machine: machineInfo(), date: new Date().toISOString(), command: 'node bench/intake/run.mjs', env: { N, SINGLE_N, CONCURRENCY, BLOCK_TIME }, chain: { blockTimeS: BLOCK_TIME, blockGasLimit: Number((await provider.getBlock('latest')).gasLimit) } };
  report.bulk = await benchBulk(users.supplier, users.buyer.orgId, BULK_BILLS_PER_JOB);
  report.rawIssueBatch = await rawIssueBatch(chainId, C, BULK_BILLS_PER_JOB);
  report.ratioChainVsRawIssueBatch = ratio(report.bulk.billsPerSecToChain, report.rawIssueBatch.billsPerSec);
  report.gasPerBill = { issueAlone: report.rawIssueBatch.gasIssueAlone, issueBatchRaw: report.rawIssueBatch.gasPerBillBatched, issueBatchPlatform: report.bulk.jobs.gas_per_bill };
  if (SINGLE_N) report.single = await benchSingle(users.supplier, users.buyer, users.bank);
  const text = scrub(JSON.stringify(report, null, 2));
  mkdirSync(join(HERE, 'out'), { recursive: true });
  writeFileSync(join(HERE, 'out', 'last-run.json'), text);
  process.stdout.write(text + '\n');
}

main()
  .catch((err) => {
    process.stderr.write(`[bench] failed: ${scrub(err.stack ?? String(err))}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await db?.end().catch(() => undefined);
    provider?.destroy();
    await platform?.stop().catch(() => undefined);
  });
