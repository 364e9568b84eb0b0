// CPU profile of Tally's node process under the one-query authenticated read:
// `node --cpu-prof` on the API, autocannon on /api/v1/chain/jobs/summary, then a flat summary of
// the profile (self time by function and by package, share of non-idle samples).
//
//   npm run build && node bench/http-baseline/profile.mjs
//
// Env: BENCH_PROFILE_DIR (where api.cpuprofile goes; default a temporary directory),
//      BENCH_DURATION_S (default 10), BENCH_CONNECTIONS (default 10), BENCH_TOP (default 30).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { login, startPlatform } from '../lib/platform.mjs';
import { intEnv, stopChildrenOnExit } from '../lib/process.mjs';

const DURATION = intEnv('BENCH_DURATION_S', 10, 1, 300);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 10, 1, 200);
const TOP = intEnv('BENCH_TOP', 30, 5, 200);
const dir = process.env.BENCH_PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'tally-prof-'));
stopChildrenOnExit();

const platform = await startPlatform({ nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-name=api.cpuprofile'] });
let profile;
try {
  const { accessToken } = await login(platform.baseUrl, 'auditor@demo.tally', platform.demoPassword);
  const run = (duration) =>
    autocannon({ url: `${platform.baseUrl}/api/v1/chain/jobs/summary`, connections: CONNECTIONS, duration, headers: { authorization: `Bearer ${accessToken}` } });
  await run(2);
  const r = await run(DURATION);
  process.stdout.write(`req/s ${r.requests.average}, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}\n`);
} finally {
  await platform.stop();
}
profile = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))), 'utf8'));

// self time per node; package of a node = the node_modules package of its script (or "app"/"node")
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
const byFn = new Map();
const byPkg = new Map();
let busy = 0;
const pkgOf = (url) => {
  if (!url) return 'native';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node';
  if (url.includes('/dist/')) return 'tally:' + (/\/dist\/((?:libs|apps)\/[^/]+)/.exec(url)?.[1] ?? 'other');
  return url;
};
for (const n of profile.nodes) {
  const t = dt.get(n.id) ?? 0;
  const fn = n.callFrame.functionName || '(anonymous)';
  if (fn === '(idle)' || fn === '(program)') continue;
  busy += t;
  const key = `${fn} ${pkgOf(n.callFrame.url)}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
  const pkg = fn === '(garbage collector)' ? 'GC' : pkgOf(n.callFrame.url);
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
}
const pct = (t) => ((100 * t) / busy).toFixed(1).padStart(5) + ' %';
process.stdout.write(`busy CPU ${(busy / 1e6).toFixed(2)} s; profile ${dir}\n\nby package (self time)\n`);
for (const [k, t] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, TOP)) process.stdout.write(`${pct(t)}  ${k}\n`);
process.stdout.write('\nby function (self time)\n');
for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, TOP)) process.stdout.write(`${pct(t)}  ${k}\n`);
