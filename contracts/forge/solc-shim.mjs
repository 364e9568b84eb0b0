#!/usr/bin/env node
// A native-solc stand-in for forge (TOOLCHAIN.md: nothing reachable ships a native solc):
//   solc --version          prints the solc-js version in native solc's format
//   solc --standard-json    reads standard JSON on stdin, compiles it with solc-js, writes JSON out
// Imports that forge did not inline are looked up in the repository (relative to this file) and
// in the node_modules directories above it, so no path of the machine is written anywhere.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(ROOT, 'package.json'));
const solc = require('solc');

if (process.argv.includes('--version')) {
  // native format: "Version: 0.8.37+commit.a1b79de6.Linux.g++"; forge parses the semver part
  const [semver] = solc.version().split('.Emscripten');
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${semver}.Linux.g++\n`);
  process.exit(0);
}

function findImport(importPath) {
  const candidates = [resolve(ROOT, importPath)];
  for (let dir = ROOT; ; dir = dirname(dir)) {
    candidates.push(resolve(dir, 'node_modules', importPath));
    if (dirname(dir) === dir) break;
  }
  for (const file of candidates) {
    if (existsSync(file)) return { contents: readFileSync(file, 'utf8') };
  }
  return { error: `not found in the repository nor in node_modules: ${importPath}` };
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = Buffer.concat(chunks).toString('utf8');
process.stdout.write(solc.compile(input, { import: findImport }));

