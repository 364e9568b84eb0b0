// Start time and idle memory of the embedded platform: a cold start on a fresh TALLY_HOME
// (PostgreSQL initialised, migrations, contracts deployed, demo data seeded), then a warm start
// on the same home (everything found as it was), each timed from spawn to GET /health = 200 and
// by the platform itself (the `ms` of its `api started` log line), with the RSS/PSS of the whole
// process tree (node, PostgreSQL, anvil) once idle.
//
//   npm run build && node bench/start/run.mjs
//
// Env (all optional): BENCH_START_ROUNDS (cold + warm pairs, default 1, 1..5),
// BENCH_IDLE_SETTLE_S (seconds after /health = 200 before the memory sample, default 5, 0..60),
// BENCH_BASELINE_DIR (a built checkout of another commit, e.g. `git archive <commit> | tar -x -C
// DIR`, node_modules linked, `npx tsc -p tsconfig.build.json`: its cold and warm starts run in
// the same rounds, alternating with this build's, and the report gives the ratios).
// Goals (issue 13): cold ≤ 10 s, warm ≤ 5 s, idle RSS ≤ 400 MB. Report printed and written to
// bench/start/out/last-run.json.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, intEnv, scrubbers, machineBusyTicks, machineInfo, memorySample, sampleMB, scrub, scrubMachinePaths, sleep, CLK_TCK } from '../lib/process.mjs';
import { makeTallyHome, startPlatform } from '../lib/platform.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROUNDS = intEnv('BENCH_START_ROUNDS', 1, 1, 5);
const SETTLE_S = intEnv('BENCH_IDLE_SETTLE_S', 5, 0, 60);
const GOALS = { coldS: 10, warmS: 5, idleRssMB: 400 };
const BASELINE_DIR = process.env.BENCH_BASELINE_DIR?.trim() ? resolve(process.env.BENCH_BASELINE_DIR.trim()) : null;
const BUILDS = [...(BASELINE_DIR ? [{ build: 'baseline', main: join(BASELINE_DIR, 'dist', 'apps', 'api', 'src', 'main.js'), cwd: BASELINE_DIR }] : []), { build: 'this' }];

scrubMachinePaths();
if (BASELINE_DIR) scrubbers.push([BASELINE_DIR, '<baseline checkout>']);
const report = { date: new Date().toISOString(), machine: machineInfo(), command: 'node bench/start/run.mjs', settings: { rounds: ROUNDS, settleS: SETTLE_S }, goals: GOALS, runs: [], errors: [] };

async function one(kind, home, ports, b) {
  const busy0 = machineBusyTicks();
  const t0 = Date.now();
  const p = await startPlatform({ home, ports, logLevel: 'info', main: b.main, cwd: b.cwd });
  const otherCores = ((machineBusyTicks() - busy0) / CLK_TCK) / ((Date.now() - t0) / 1000);
  await sleep(SETTLE_S * 1000);
  const idle = sampleMB(memorySample(p.pid));
  const stop = await p.stop({ keepHome: true });
  const run = { build: b.build, kind, startS: p.startMs / 1000, apiStartedMs: p.apiStartedMs, phases: p.apiStartedPhases, busyCoresDuringStart: Math.round(otherCores * 100) / 100, idle, stopMs: stop.ms };
  process.stderr.write(`[bench] ${b.build} ${kind}: ${fmt(run.startS, 1)} s to /health (api started: ${run.apiStartedMs} ms), idle RSS ${idle.rssMB} MB\n`);
  return { run, ports: p.ports };
}

try {
  for (let r = 0; r < ROUNDS; r++) {
    for (const b of r % 2 ? [...BUILDS].reverse() : BUILDS) {
      const home = makeTallyHome('tally-bench-start-');
      try {
        const cold = await one('cold', home, undefined, b);
        report.runs.push(cold.run);
        report.runs.push((await one('warm', home, cold.ports, b)).run);
      } finally {
        rmSync(home, { recursive: true, force: true, maxRetries: 3 });
      }
    }
  }
} catch (err) {
  report.errors.push(scrub(err.stack ?? err.message));
}

const L = [];
const m = report.machine;
L.push(`# Tally start — ${report.date}`);
L.push(`Machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemoryGB} GB RAM; Node ${m.node}; commit ${m.commit}; load average (1 min) at the end ${os.loadavg()[0].toFixed(2)}`);
L.push('');
L.push('| build | start | spawn → /health 200 (s) | `api started` ms (imports / runtime / migrations / app) | busy cores on the machine meanwhile | idle RSS MB (node / postgres / anvil) | idle PSS MB | stop s |');
L.push('|---|---|---:|---:|---:|---|---:|---:|');
for (const r of report.runs) {
  const g = r.idle.groups;
  L.push(
    `| ${r.build} | ${r.kind} | ${fmt(r.startS, 1)} | ${r.apiStartedMs ?? '-'}${r.phases ? ` (${r.phases.imports} / ${r.phases.runtime} / ${r.phases.migrations} / ${r.phases.app})` : ''} | ${fmt(r.busyCoresDuringStart, 2)} | ${fmt(r.idle.rssMB, 0)} (${fmt(g.node?.rssMB, 0)} / ${fmt(g.postgres?.rssMB, 0)} in ${g.postgres?.processes ?? 0} / ${fmt(g.anvil?.rssMB, 0)}) | ${fmt(r.idle.pssMB, 0)} | ${fmt(r.stopMs / 1000, 1)} |`,
  );
}
if (BASELINE_DIR) {
  const mean = (build, kind, f) => {
    const xs = report.runs.filter((r) => r.build === build && r.kind === kind).map(f);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  L.push('');
  L.push('| start | this / baseline: time to /health | idle RSS |');
  L.push('|---|---:|---:|');
  for (const kind of ['cold', 'warm']) {
    const t = (b) => mean(b, kind, (r) => r.startS);
    const m = (b) => mean(b, kind, (r) => r.idle.rssMB);
    L.push(`| ${kind} | ${fmt(t('this') / t('baseline'), 2)} (${fmt(t('this'), 1)} s / ${fmt(t('baseline'), 1)} s) | ${fmt(m('this') / m('baseline'), 2)} (${fmt(m('this'), 0)} / ${fmt(m('baseline'), 0)} MB) |`);
  }
}
L.push('');
L.push(`Goals: cold ≤ ${GOALS.coldS} s, warm ≤ ${GOALS.warmS} s, idle RSS ≤ ${GOALS.idleRssMB} MB (RSS counts pages PostgreSQL processes share once per process; PSS splits them).`);
if (report.errors.length) L.push('', 'ERRORS:', ...report.errors.map((e) => `- ${e}`));
mkdirSync(join(HERE, 'out'), { recursive: true });
writeFileSync(join(HERE, 'out', 'last-run.json'), scrub(JSON.stringify(report, null, 2)) + '\n');
process.stdout.write(scrub(L.join('\n')) + '\n');
process.exit(report.errors.length ? 1 : 0);
