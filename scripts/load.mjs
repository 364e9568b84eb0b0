#!/usr/bin/env node
// Mixed load on the real embedded platform (issue 12, "Load"):
//
//   npm run build && npm run load -- --clients 200 --duration 300 [--seed 7]
//
// `--clients` concurrent clients, each a loop for `--duration` seconds over a mixed workload:
// reads (bill lists, one bill, balances, movements), issues (supplier), acceptances (buyer),
// transfers (supplier → bank), financings (request, offer, accept: three calls), payments (buyer).
// The bills a client works on come from the issues of the run, so every kind of call meets real
// bills in real states; a 4xx (a bill another client already moved, say) is a normal answer, a
// 5xx or a transport error is a failure.
//
// Pass: 0 5xx and 0 transport errors; resident memory of the API process flat: the mean of the
// last 30 s at most 10 % above the mean of the 30 s that start the last 3 minutes (a run shorter
// than 4 minutes: its second half). The script prints the verdict itself (FLAT / NOT FLAT, the
// growth in %), with the growth of the whole tree (API, PostgreSQL, anvil) in PSS beside it: RSS
// counts PostgreSQL's shared buffers once per backend, PSS shares them out. Written out: p50/p99
// per operation, statuses per operation, API RSS and tree PSS per group every 5 s, the load
// average, to bench/load/out/last-run.json (git-ignored) and, short, to stdout. Exit code 1 on a
// failure.
//
// Tally runs as `npm start` runs it (embedded PostgreSQL and anvil, API and worker in one
// process, a temporary TALLY_HOME), is stopped with SIGINT at the end and its home deleted.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { machineInfo, memorySample, quantile, REPO, round, scrub, scrubMachinePaths, sleep } from '../bench/lib/process.mjs';
import { login, startPlatform } from '../bench/lib/platform.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? args[i + 1] : undefined;
  if (v === undefined) return def;
  if (!/^\d+$/.test(v)) {
    console.error(`--${name} must be a positive integer (got "${v}")`);
    process.exit(2);
  }
  return Number(v);
};
const CLIENTS = opt('clients', 200);
const DURATION_S = opt('duration', 300);
const SEED = opt('seed', 20261207);
const SAMPLE_MS = 5_000;
// `--heap-snapshots`: the API writes a V8 heap snapshot where the last 3 minutes start and at the end
// (SIGUSR2, into bench/load/out/); `node bench/load/heap-diff.mjs A B` says which objects grew
const HEAP_SNAPSHOTS = args.includes('--heap-snapshots');
const REQUEST_TIMEOUT_MS = 60_000;

const log = (m) => process.stderr.write(`[load] ${m}\n`);
const day = (d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

// a small seeded generator (mulberry32): the same seed gives each client the same sequence of choices
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let baseUrl = '';
// the API's full collections (--trace-gc): the live heap after each Mark-Compact, the measure of retained memory
const fullGcs = [];
const MARK_COMPACT = /Mark-Compact(?: \(reduce\))? ([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/;
const stats = new Map(); // op -> { ms: number[], statuses: {} }
const failures = [];

async function call(op, method, path, token, body) {
  const t0 = performance.now();
  let status = 0;
  let parsed;
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${token}` },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    status = res.status;
    const text = await res.text();
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
  } catch (err) {
    parsed = { transportError: err.message };
  }
  const ms = performance.now() - t0;
  const s = stats.get(op) ?? { ms: [], statuses: {} };
  stats.set(op, s);
  s.ms.push(ms);
  s.statuses[status || 'error'] = (s.statuses[status || 'error'] ?? 0) + 1;
  if (status === 0 || status >= 500) {
    if (failures.length < 50)
      failures.push(scrub(`${op} ${method} ${path} → ${status || 'transport error'} ${JSON.stringify(parsed).slice(0, 300)}`));
  }
  return { status, body: parsed };
}

async function main() {
  scrubMachinePaths();
  log(`starting the embedded platform (npm start's lifecycle, a temporary TALLY_HOME)`);
  const outDir = join(REPO, 'bench', 'load', 'out');
  mkdirSync(outDir, { recursive: true });
  const platform = await startPlatform({
    homePrefix: 'tally-load-',
    logLevel: 'warn',
    env: { LOGIN_MAX_FAILURES: '1000' },
    nodeArgs: ['--trace-gc', ...(HEAP_SNAPSHOTS ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${outDir}`] : [])],
    onLine: (line) => {
      const m = MARK_COMPACT.exec(line);
      if (m) fullGcs.push({ at: Date.now(), beforeMB: Number(m[1]), afterMB: Number(m[2]) });
    },
  });
  baseUrl = platform.baseUrl;
  const cleanup = () => platform.stop();
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));
  try {
    return await run(platform);
  } finally {
    await cleanup();
  }
}

async function run(platform) {
  const who = {};
  for (const k of ['admin', 'supplier', 'buyer', 'bank']) {
    const t = await login(baseUrl, `${k}@demo.tally`, platform.demoPassword);
    const me = await call('setup', 'GET', '/api/v1/auth/me', t.accessToken);
    who[k] = { token: t.accessToken, orgId: me.body.organizationId };
  }
  // the demo organizations' wallets are registered on chain by the outbox after the first start
  for (const k of ['supplier', 'buyer', 'bank']) {
    const deadline = Date.now() + 120_000;
    while (
      (await call('setup', 'GET', `/api/v1/organizations/${who[k].orgId}/wallets`, who[k].token)).body?.[0]?.chainStatus !== 'REGISTERED'
    ) {
      if (Date.now() > deadline) throw new Error(`the wallet of ${k} is not registered on chain after 120 s`);
      await sleep(250);
    }
  }
  // cash for the bank (financings) and the buyer (payments)
  for (const k of ['bank', 'buyer']) {
    const dep = await call('setup', 'POST', '/api/v1/settlement/deposits', who.admin.token, {
      organizationId: who[k].orgId,
      currency: 'EUR',
      amountMinor: '100000000000',
      reference: `LOAD-${randomBytes(4).toString('hex')}`,
    });
    if (dep.status !== 201) throw new Error(`deposit for ${k}: ${dep.status} ${JSON.stringify(dep.body)}`);
  }

  // the bills of the run, by what can happen to them next
  const issued = [];
  const accepted = [];
  const pick = (list, r) => (list.length ? list.splice(Math.floor(r() * list.length), 1)[0] : undefined);
  let invoice = 0;
  const runTag = randomBytes(3).toString('hex').toUpperCase();

  const ops = [
    // [weight, name, fn]
    [
      20,
      'read.bills',
      (r) =>
        call(
          'read.bills',
          'GET',
          `/api/v1/bills?pageSize=20&page=${1 + Math.floor(r() * 3)}`,
          [who.supplier, who.buyer, who.bank][Math.floor(r() * 3)].token,
        ),
    ],
    [
      10,
      'read.balances',
      () => call('read.balances', 'GET', `/api/v1/settlement/organizations/${who.bank.orgId}/balances`, who.bank.token),
    ],
    [
      5,
      'read.movements',
      () => call('read.movements', 'GET', `/api/v1/settlement/organizations/${who.buyer.orgId}/movements`, who.buyer.token),
    ],
    [
      10,
      'read.bill',
      async (r) => {
        const id = issued[Math.floor(r() * issued.length)] ?? accepted[Math.floor(r() * accepted.length)];
        if (id) await call('read.bill', 'GET', `/api/v1/bills/${id}`, who.supplier.token);
      },
    ],
    [
      20,
      'issue',
      async () => {
        const res = await call('issue', 'POST', '/api/v1/bills', who.supplier.token, {
          buyerOrganizationId: who.buyer.orgId,
          invoiceNumber: `LOAD-${runTag}-${invoice++}`,
          amountMinor: '1000000',
          currency: 'EUR',
          issueDate: day(0),
          dueDate: day(120),
        });
        if (res.status === 201) issued.push(res.body.id);
      },
    ],
    [
      12,
      'accept',
      async (r) => {
        const id = pick(issued, r);
        if (!id) return;
        const res = await call('accept', 'POST', `/api/v1/bills/${id}/accept`, who.buyer.token, {});
        if (res.status === 200) accepted.push(id);
        else if (res.status === 409) issued.push(id); // still on its way to the chain: later
      },
    ],
    [
      6,
      'transfer',
      async (r) => {
        const id = pick(accepted, r);
        if (!id) return;
        const res = await call('transfer', 'POST', `/api/v1/bills/${id}/transfer`, who.supplier.token, {
          toOrganizationId: who.bank.orgId,
        });
        if (res.status === 409) accepted.push(id); // its acceptance is still on its way to the chain
      },
    ],
    [
      6,
      'finance',
      async (r) => {
        const id = pick(accepted, r);
        if (!id) return;
        const req = await call('finance.request', 'POST', `/api/v1/bills/${id}/financing-requests`, who.supplier.token);
        if (req.status !== 201) return void (req.status === 409 && accepted.push(id));
        const offer = await call('finance.offer', 'POST', `/api/v1/financing/requests/${req.body.id}/offers`, who.bank.token, {
          advanceRateBps: 9_000,
          annualDiscountRateBps: 500,
          feesMinor: '2500',
          dayCount: 'ACT/360',
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        });
        if (offer.status === 201)
          await call('finance.accept', 'POST', `/api/v1/financing/offers/${offer.body.id}/accept`, who.supplier.token);
      },
    ],
    [
      6,
      'pay',
      async (r) => {
        const id = pick(accepted, r);
        if (!id) return;
        const res = await call('pay', 'POST', `/api/v1/bills/${id}/pay`, who.buyer.token);
        if (res.status === 409) accepted.push(id);
      },
    ],
  ];
  const total = ops.reduce((s, o) => s + o[0], 0);
  const choose = (r) => {
    let x = r() * total;
    for (const o of ops) if ((x -= o[0]) < 0) return o;
    return ops[0];
  };

  // resident memory of the API process (node) and of the whole tree, every 5 s
  const memory = [];
  const loadAtStart = os.loadavg().map((x) => round(x, 2));
  const t0 = Date.now();
  const sample = () => {
    const s = memorySample(platform.pid);
    const apiRssKB = s.groups.node?.rssKB ?? null;
    const mbOf = (kb) => (kb === undefined ? null : round(kb / 1024, 1));
    memory.push({
      s: round((Date.now() - t0) / 1000, 0),
      apiRssMB: apiRssKB === null ? null : round(apiRssKB / 1024, 1),
      treeRssMB: round(s.rssKB / 1024, 1),
      // RSS counts PostgreSQL's shared buffers once per backend: PSS shares them out, per group
      treePssMB: mbOf(s.pssKB),
      pssMB: Object.fromEntries(Object.entries(s.groups).map(([g, v]) => [g, mbOf(v.pssKB)])),
      load1: round(os.loadavg()[0], 2),
      heapUsedMB: null,
      heapTotalMB: null,
      externalMB: null,
    });
    // the API's V8 heap in use (its /metrics): RSS also holds heap V8 keeps after a collection
    const m = memory.at(-1);
    fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(SAMPLE_MS) })
      .then((r) => r.text())
      .then((text) => {
        const metric = (name) => {
          const v = new RegExp(`^tally_nodejs_${name} (\\S+)$`, 'm').exec(text);
          return v ? round(Number(v[1]) / 1_048_576, 1) : null;
        };
        m.heapUsedMB = metric('heap_size_used_bytes');
        // what V8 holds from the system for its heap, and memory outside it (Buffers): the rest of RSS
        m.heapTotalMB = metric('heap_size_total_bytes');
        m.externalMB = metric('external_memory_bytes');
      })
      .catch(() => {});
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  const endAt = Date.now() + DURATION_S * 1000;
  const windowS = DURATION_S >= 240 ? 180 : DURATION_S / 2;
  const snapshots = [];
  const snapshot = (label) => {
    if (!HEAP_SNAPSHOTS) return;
    log(`heap snapshot (${label}) requested`);
    snapshots.push({ label, s: round((Date.now() - t0) / 1000, 0) });
    process.kill(platform.pid, 'SIGUSR2');
  };
  const windowTimer = setTimeout(() => snapshot('start of the window'), (DURATION_S - windowS) * 1000);
  log(`${CLIENTS} clients for ${DURATION_S} s, seed ${SEED}`);
  const progress = setInterval(() => {
    const n = [...stats.values()].reduce((a, s) => a + s.ms.length, 0);
    log(`${round((Date.now() - t0) / 1000, 0)} s: ${n} requests, ${failures.length} failures, API RSS ${memory.at(-1)?.apiRssMB} MB`);
  }, 30_000);
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const r = rng(SEED * 1000 + c);
      while (Date.now() < endAt) await choose(r)[2](r);
    }),
  );
  clearInterval(timer);
  clearInterval(progress);
  clearTimeout(windowTimer);
  sample();
  snapshot('end of the run');

  // memory flat over the last 3 minutes (or the second half of a shorter run)
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const lastS = memory.at(-1).s;
  const growthOf = (key) => {
    const start = mean(memory.filter((m) => m.s >= lastS - windowS && m.s < lastS - windowS + 30).map((m) => m[key]));
    const end = mean(memory.filter((m) => m.s >= lastS - 30).map((m) => m[key]));
    return { start, end, pct: start ? round(((end - start) / start) * 100, 1) : null };
  };
  const api = growthOf('apiRssMB');
  const trough = (from, to) => {
    const xs = memory.filter((m) => m.s >= from && m.s < to && m.heapUsedMB !== null).map((m) => m.heapUsedMB);
    return xs.length ? Math.min(...xs) : null;
  };
  // least squares over the full collections of the window: the live heap where it starts and where it ends
  const gcs = fullGcs.map((g) => ({ s: (g.at - t0) / 1000, mb: g.afterMB })).filter((g) => g.s >= lastS - windowS && g.s <= lastS);
  const fit = (() => {
    if (gcs.length < 3) return null;
    const mx = mean(gcs.map((g) => g.s));
    const my = mean(gcs.map((g) => g.mb));
    const slope = gcs.reduce((a, g) => a + (g.s - mx) * (g.mb - my), 0) / gcs.reduce((a, g) => a + (g.s - mx) ** 2, 0);
    const from = my + slope * (lastS - windowS - mx);
    const to = my + slope * (lastS - mx);
    return { collections: gcs.length, fromMB: round(from, 1), toMB: round(to, 1), pct: round(((to - from) / from) * 100, 1) };
  })();
  const heapStart = trough(lastS - windowS, lastS - windowS + 30);
  const heapEnd = trough(lastS - 30, lastS + 1);
  const tree = growthOf('treePssMB');
  const [startOfWindow, endOfWindow, growthPct] = [api.start, api.end, api.pct];
  const flat = growthPct !== null && growthPct < 10;

  const perOperation = Object.fromEntries(
    [...stats.entries()]
      .filter(([op]) => op !== 'setup')
      .sort()
      .map(([op, s]) => [
        op,
        {
          requests: s.ms.length,
          p50Ms: round(quantile(s.ms, 0.5), 1),
          p99Ms: round(quantile(s.ms, 0.99), 1),
          maxMs: round(quantile(s.ms, 1), 1),
          statuses: s.statuses,
        },
      ]),
  );
  const requests = Object.values(perOperation).reduce((a, o) => a + o.requests, 0);
  const fiveXx = [...stats.values()].reduce(
    (a, s) =>
      a +
      Object.entries(s.statuses)
        .filter(([k]) => k === 'error' || Number(k) >= 500)
        .reduce((b, [, n]) => b + n, 0),
    0,
  );
  const report = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    loadAverage: os.loadavg().map((x) => round(x, 2)),
    loadAverageAtStart: loadAtStart,
    command: `npm run load -- --clients ${CLIENTS} --duration ${DURATION_S} --seed ${SEED}`,
    requests,
    requestsPerSecond: round(requests / DURATION_S, 1),
    fiveXxOrTransportErrors: fiveXx,
    failures,
    memory: {
      windowS,
      apiRssStartOfWindowMB: round(startOfWindow, 1),
      apiRssEndOfWindowMB: round(endOfWindow, 1),
      growthPct,
      flat,
      liveHeapAfterFullGc: fit,
      fullGcs: fullGcs.map((g) => ({ s: round((g.at - t0) / 1000, 1), beforeMB: g.beforeMB, afterMB: g.afterMB })),
      heapSnapshots: snapshots,
      heapUsedLowestStartOfWindowMB: heapStart,
      heapUsedLowestEndOfWindowMB: heapEnd,
      treePssStartOfWindowMB: round(tree.start, 1),
      treePssEndOfWindowMB: round(tree.end, 1),
      treeGrowthPct: tree.pct,
    },
    perOperation,
    bills: { issuedWaiting: issued.length, acceptedWaiting: accepted.length },
    memorySamples: memory,
  };
  const outDir = join(REPO, 'bench', 'load', 'out');
  writeFileSync(join(outDir, 'last-run.json'), `${JSON.stringify(report, null, 2)}\n`);
  const lines = [
    `load: ${requests} requests in ${DURATION_S} s (${report.requestsPerSecond}/s), ${CLIENTS} clients, seed ${SEED}; 5xx or transport errors: ${fiveXx}`,
    ...Object.entries(perOperation).map(
      ([op, o]) =>
        `  ${op.padEnd(16)} ${String(o.requests).padStart(7)}  p50 ${o.p50Ms} ms  p99 ${o.p99Ms} ms  ${JSON.stringify(o.statuses)}`,
    ),
    `  memory every 30 s (s: API node RSS, API heap used / committed, external, whole tree PSS = ${Object.keys(memory.at(-1).pssMB).join(' + ')} PSS; MB): ${memory
      .filter((m, i) => i === 0 || i === memory.length - 1 || Math.floor(m.s / 30) > Math.floor(memory[i - 1].s / 30))
      .map(
        (m) =>
          `${m.s}: ${m.apiRssMB}, ${m.heapUsedMB} / ${m.heapTotalMB}, ${m.externalMB}, ${m.treePssMB} = ${Object.values(m.pssMB).join(' + ')}`,
      )
      .join('; ')}`,
    `  memory ${flat ? 'FLAT' : 'NOT FLAT'}: API RSS ${report.memory.apiRssStartOfWindowMB} → ${report.memory.apiRssEndOfWindowMB} MB over the last ${windowS} s (${growthPct} %, limit < 10 %); whole tree PSS (API, PostgreSQL, anvil) ${report.memory.treePssStartOfWindowMB} → ${report.memory.treePssEndOfWindowMB} MB (${tree.pct} %)`,
    `  API live heap after each full collection (s: MB): ${fullGcs.map((g) => `${round((g.at - t0) / 1000, 0)}: ${g.afterMB}`).join(', ')}`,
    fit
      ? `  live heap ${fit.pct < 10 ? 'FLAT' : 'GROWING'}: least squares over the ${fit.collections} full collections of the last ${windowS} s: ${fit.fromMB} → ${fit.toMB} MB (${fit.pct} %)`
      : `  live heap: fewer than 3 full collections in the last ${windowS} s, no fit`,
    `  load average (1/5/15 min) at the start ${loadAtStart.join(' ')}, at the end ${report.loadAverage.join(' ')}`,
    ...failures.slice(0, 10).map((f) => `  failure: ${f}`),
    `written to bench/load/out/last-run.json`,
  ];
  console.log(lines.join('\n'));
  return fiveXx === 0 && flat ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(scrub(err.stack ?? String(err)));
    process.exit(1);
  },
);
