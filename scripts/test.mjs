#!/usr/bin/env node
// Runs the whole test suite (jest, ESM mode) and prints `N passed, N failed` as the last line.
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// process-level tests start dist/ and the browser test opens the built portal: build first (~10 s)
try {
  execSync('npm run build --silent', { stdio: 'inherit' });
} catch {
  console.log('build failed\n0 passed, 1 failed');
  process.exit(1);
}

// the whole suite (no jest arguments) also runs the linter: the boundary rule is part of what passes
let lintFailed = 0;
if (process.argv.length <= 2) {
  try {
    execSync('npm run lint --silent', { stdio: 'inherit' });
  } catch {
    console.log('lint failed');
    lintFailed = 1;
  }
}

const out = join(mkdtempSync(join(tmpdir(), 'tally-jest-')), 'results.json');
const args = ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${out}`, ...process.argv.slice(2)];
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim() };
const child = spawn(process.execPath, args, { stdio: 'inherit', env });
child.on('exit', (code, signal) => {
  let passed = 0;
  let failed = 1; // no results file: jest itself failed
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    passed = r.numPassedTests;
    // a suite that fails to load has no failing test of its own: count it as one failure
    failed = r.numFailedTests + r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
  }
  failed += lintFailed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(lintFailed ? 1 : (code ?? (signal ? 1 : 0)));
});
