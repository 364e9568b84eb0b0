#!/usr/bin/env node
// Chaos on the platform's processes: `npm run chaos -- --iterations 1000 [--seed 42]`.
// Runs test/reliability/chaos.e2e-spec.ts (the compiled API and worker as processes on a fresh
// TALLY_HOME, kill -9 of the worker, the API or the whole group at seeded random points during
// money movements) with that many iterations. Build first (`npm run build`): it starts dist/.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const iterations = opt('iterations') ?? '20';
const seed = opt('seed');
if (!/^\d+$/.test(iterations) || Number(iterations) < 1 || (seed !== undefined && !/^\d+$/.test(seed))) {
  console.error('usage: npm run chaos -- --iterations N [--seed S]');
  process.exit(2);
}
const env = {
  ...process.env,
  CHAOS_ITERATIONS: iterations,
  ...(seed ? { CHAOS_SEED: seed } : {}),
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim(),
};
const child = spawn(process.execPath, ['node_modules/jest/bin/jest.js', '--selectProjects', 'e2e', 'test/reliability/chaos.e2e-spec.ts'], {
  stdio: 'inherit',
  env,
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
