#!/usr/bin/env node
// `npm start`: the embedded platform (API + worker, PostgreSQL and anvil as child processes).
// `npm install` already built everything (the `prepare` script); build here only what is missing.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/apps/api/src/main.js') || !existsSync('apps/api/public/index.html')) {
  console.log('tally: building (first start)…');
  execSync('npm run build', { stdio: 'inherit' });
}
await import('../dist/apps/api/src/main.js');
