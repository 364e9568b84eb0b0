#!/usr/bin/env node
// The portal's API types, generated from the API's OpenAPI document (openapi-typescript).
//   node scripts/api-types.mjs          writes apps/portal/src/api/schema.d.ts (after `npm run build:ts`)
//   node scripts/api-types.mjs --check  exits 1 when the committed file differs from what the API says
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

export const API_TYPES_FILE = fileURLToPath(new URL('../apps/portal/src/api/schema.d.ts', import.meta.url));

const HEADER = `/**
 * GENERATED from the API's OpenAPI document by scripts/api-types.mjs (openapi-typescript): do not edit.
 * Regenerate with \`npm run api:types\`; a test fails when this file and the API drift apart.
 */

`;

/** The TypeScript declarations of an OpenAPI document, as committed. */
export async function renderApiTypes(document) {
  // a deep copy: openapi-typescript annotates the object it is given
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)), { alphabetize: true, exportType: true });
  return HEADER + astToString(ast);
}

async function main() {
  const { renderOpenApiDocument } = await import(
    pathToFileURL(fileURLToPath(new URL('../dist/apps/api/src/openapi/openapi-document.js', import.meta.url))).href
  );
  const text = await renderApiTypes(await renderOpenApiDocument());
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(API_TYPES_FILE, 'utf8');
    } catch {
      // missing: drift
    }
    if (committed !== text) {
      console.error('apps/portal/src/api/schema.d.ts is out of date with the API: run `npm run api:types` and commit it');
      process.exit(1);
    }
    console.log('portal API types are up to date');
    return;
  }
  writeFileSync(API_TYPES_FILE, text);
  console.log('wrote apps/portal/src/api/schema.d.ts');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
