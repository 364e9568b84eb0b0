#!/usr/bin/env node
// Seeded OpenAPI-driven fuzzing of the API: `npm run fuzz -- --requests 20000 [--seed 42]`.
// Runs test/reliability/fuzz.e2e-spec.ts (real PostgreSQL, real anvil, the real API) with that size.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const requests = opt('requests') ?? '5000';
const seed = opt('seed');
if (!/^\d+$/.test(requests) || (seed !== undefined && !/^\d+$/.test(seed))) {
  console.error('usage: npm run fuzz -- --requests N [--seed S]');
  process.exit(2);
}
const env = {
  ...process.env,
  FUZZ_REQUESTS: requests,
  ...(seed ? { FUZZ_SEED: seed } : {}),
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim(),
};
const child = spawn(process.execPath, ['node_modules/jest/bin/jest.js', '--selectProjects', 'e2e', 'test/reliability/fuzz.e2e-spec.ts'], { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
