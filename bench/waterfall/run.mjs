// bench/waterfall: pool projection at scale and a scenario grid on worker threads.
//   npm run build:ts && node bench/waterfall/run.mjs
// Prints, in one run: one projection of a 100,000-asset pool x 120 months (aggregated integer-cent
// math, goal <= 0.5 s), the same projection as a plain per-asset loop over bigint (the baseline,
// with the ratio), one deal run on it, a 1,000-scenario CDR x CPR x recovery grid on worker
// threads (goal <= 20 s on 2 cores) and breakeven CDRs. Env: BENCH_ASSETS (100000),
// BENCH_MONTHS (120), BENCH_WORKERS (2), BENCH_REPEAT (5).
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const lib = await import(new URL('../../dist/libs/waterfall/src/index.js', import.meta.url).href);
const ASSETS = Number(process.env.BENCH_ASSETS ?? 100_000);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 120);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const base = { cdr: 0.02, cpr: 0.1, recoveryRate: 0.4, recoveryLag: 6, delinquency: 0.02 };
const ms = (t) => `${t.toFixed(1)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`machine: ${cpus()[0]?.model ?? '?'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}`);
console.log(`date: ${new Date().toISOString()}  load average at start: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`pool: ${ASSETS} assets (seeded synthetic tape), ${MONTHS} months; scenario ${JSON.stringify(base)}\n`);

const tape = lib.sampleTape(ASSETS, 1, MONTHS);

// 1. One projection, aggregated: fold the tape (the per-asset pass) + project the scenario.
// CPU time (process.cpuUsage, user + system) is reported next to wall time: on a shared machine the
// wall time includes waiting for a core, the CPU time does not.
const cpuMs = (u) => (u.user + u.system) / 1000;
const fast = [];
const fastCpu = [];
let profile;
let rows;
for (let i = 0; i < REPEAT; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  profile = lib.profilePool(tape, MONTHS);
  rows = lib.projectCollections(profile, base);
  fastCpu.push(cpuMs(process.cpuUsage(c0)));
  fast.push(performance.now() - t0);
}
const t1 = performance.now();
for (let i = 0; i < 100; i++) lib.projectCollections(profile, base);
const perScenario = (performance.now() - t1) / 100;
console.log(`projection (aggregated, integer cents): median ${ms(median(fast))}, min ${ms(Math.min(...fast))}, first ${ms(fast[0])} of ${REPEAT}; CPU median ${ms(median(fastCpu))}  [goal <= 500 ms]`);
console.log(`  of which the scenario step alone (profile reused): ${ms(perScenario)}`);

// 2. The baseline: the same projection, per asset per month over bigint.
const b0 = performance.now();
const bc0 = process.cpuUsage();
const slow = lib.projectCollectionsPerAsset(tape, MONTHS, base);
const baselineCpu = cpuMs(process.cpuUsage(bc0));
const baseline = performance.now() - b0;
console.log(`baseline (per-asset loop over bigint): ${ms(baseline)}, CPU ${ms(baselineCpu)}  -> ratio baseline / aggregated: wall ${(baseline / median(fast)).toFixed(1)}x, CPU ${(baselineCpu / median(fastCpu)).toFixed(1)}x`);
let maxDiff = 0;
let worstRel = 0;
for (const k of ['principal', 'interest', 'prepayment', 'default', 'recovery']) {
  const a = rows.reduce((s, r) => s + r[k], 0);
  const b = slow.reduce((s, r) => s + r[k], 0);
  for (let t = 0; t < MONTHS; t++) maxDiff = Math.max(maxDiff, Math.abs(rows[t][k] - slow[t][k]));
  worstRel = Math.max(worstRel, Math.abs(a - b) / Math.max(1, b));
}
console.log(`  agreement: largest monthly difference ${maxDiff} cents (${ASSETS} assets floor separately), totals within ${(worstRel * 100).toFixed(4)}%`);

// 3. The deal on that projection, through the exact engine.
const template = lib.sampleDealTemplate(BigInt(profile.amortised[0]));
const d0 = performance.now();
const one = lib.runScenario(profile, template, base, { A: 100, M: 100, E: 100 });
console.log(`\none deal run (project + exact waterfall + metrics): ${ms(performance.now() - d0)}`);
for (const t of one.tranches) {
  console.log(`  ${t.tranche}: WAL ${t.wal?.toFixed(3)} y, window ${t.principalWindow?.first}..${t.principalWindow?.last}, loss ${(t.lossPct * 100).toFixed(3)}%, yield at par ${t.yield === null ? 'n/a' : (t.yield * 100).toFixed(3) + '%'}`);
}

// 4. 1,000 scenarios on worker threads.
const axis = (n, step) => Array.from({ length: n }, (_, i) => Number((i * step).toFixed(6)));
const grid = lib.scenarioGrid({ cdr: axis(10, 0.02), cpr: axis(10, 0.04), recoveryRate: axis(10, 0.08), recoveryLag: 6, delinquency: 0.02 });
const g0 = performance.now();
const gc0 = process.cpuUsage(); // process-wide: the workers' threads included
const profileData = { months: profile.months, amortised: Array.from(profile.amortised), interest: Array.from(profile.interest) };
const chunks = Array.from({ length: WORKERS }, (_, w) => grid.filter((_, i) => i % WORKERS === w));
const results = await Promise.all(
  chunks.map(
    (scenarios) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(fileURLToPath(new URL('./worker.mjs', import.meta.url)), { workerData: { profile: profileData, template, scenarios } });
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
  ),
);
const gridMs = performance.now() - g0;
const gridCpu = cpuMs(process.cpuUsage(gc0));
const flat = results.flat();
console.log(`\ngrid: ${flat.length} scenarios (CDR 0-18% x CPR 0-36% x recovery 0-72%) on ${WORKERS} worker threads: ${(gridMs / 1000).toFixed(2)} s  [goal <= 20 s on 2 cores]`);
console.log(`  CPU ${(gridCpu / 1000).toFixed(2)} s over all threads -> ${(gridCpu / 1000 / Math.min(WORKERS, cpus().length)).toFixed(2)} s of wall on ${Math.min(WORKERS, cpus().length)} idle cores`);
console.log(`  per scenario in a worker: mean ${ms(flat.reduce((s, r) => s + r.ms, 0) / flat.length)}`);
const lossy = (name) => flat.filter((r) => r.tranches.find((t) => t.tranche === name).lossPct > 0).length;
console.log(`  scenarios with a loss: A ${lossy('A')}, M ${lossy('M')} of ${flat.length}`);

// 5. Breakeven CDR (bisection, each step a full projection + deal run).
const e0 = performance.now();
const beM = lib.breakevenCdr(profile, template, 'M', { cpr: 0.1, recoveryRate: 0.4, recoveryLag: 6 });
const beA = lib.breakevenCdr(profile, template, 'A', { cpr: 0.1, recoveryRate: 0.4, recoveryLag: 6 });
console.log(`\nbreakeven CDR (CPR 10%, recovery 40%, lag 6): M ${(beM * 100).toFixed(2)}%, A ${(beA * 100).toFixed(2)}%  (${ms(performance.now() - e0)} for both)`);
console.log(`load average at end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
