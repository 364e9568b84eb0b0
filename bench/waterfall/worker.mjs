// A bench/waterfall worker: runs its share of the scenario grid and posts the tranche metrics.
import { parentPort, workerData } from 'node:worker_threads';

const lib = await import(new URL('../../dist/libs/waterfall/src/index.js', import.meta.url).href);
const { profile: p, template, scenarios } = workerData;
const profile = { months: p.months, amortised: Float64Array.from(p.amortised), interest: Float64Array.from(p.interest) };
const out = [];
for (const a of scenarios) {
  const t0 = performance.now();
  const r = lib.runScenario(profile, template, a);
  out.push({ assumptions: a, ms: performance.now() - t0, tranches: r.tranches.map(({ balances: _b, ...t }) => t) });
}
parentPort.postMessage(out);
