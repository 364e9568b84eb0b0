import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BillState, Encumbrance } from './bill-lifecycle.js';
import { FinancingRequestState, FinancingState, OfferState } from './financing-lifecycle.js';

/**
 * "Where is the rule for …" has one answer: no bill or financing state is spelled outside the
 * lifecycle files, the entities and the migrations (of libs/bills), nor in the portal's bill and
 * financing pages (whose API vocabulary is `bill-types.ts`, to be generated from the OpenAPI document).
 */
const ROOT = process.cwd();
const STATES = [...new Set<string>([...Object.values(BillState), ...Object.values(Encumbrance), ...Object.values(FinancingRequestState), ...Object.values(OfferState), ...Object.values(FinancingState)])];
const LITERAL = new RegExp(`(['"\`])(${STATES.join('|')})\\1`, 'g');

const SCANNED = [
  { dir: 'libs/bills/src', allowed: [/\/lifecycle\//, /\.entity\.ts$/, /\.entities\.ts$/, /\/migrations\//, /\.spec\.ts$/] },
  { dir: 'apps/portal/src/bills', allowed: [/\/bill-types\.ts$/, /\.spec\.tsx?$/] },
  { dir: 'apps/portal/src/financing', allowed: [/\.spec\.tsx?$/] },
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `file:line: literal` for each state literal in the text. */
export function stateLiterals(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => [...line.matchAll(LITERAL)].map((m) => `${file}:${i + 1}: ${m[0]}`));
}

describe('state literals', () => {
  it('finds a literal where one is planted, in SQL or in code', () => {
    expect(stateLiterals('x.ts', "const a = 1;\n  .where(`r.state = 'OPEN'`)\nif (b.state === \"ACCEPTED\") {}")).toEqual(["x.ts:2: 'OPEN'", 'x.ts:3: "ACCEPTED"']);
    expect(stateLiterals('x.ts', "state: BillState.ACCEPTED, 'OPENED', 'ISSUED_AT'")).toEqual([]);
  });

  it('are spelled only in the lifecycle files, the entities and the migrations', () => {
    const found: string[] = [];
    let scanned = 0;
    for (const { dir, allowed } of SCANNED) {
      for (const path of filesUnder(join(ROOT, dir))) {
        const file = relative(ROOT, path).split('\\').join('/');
        if (allowed.some((re) => re.test(`/${file}`))) continue;
        scanned++;
        found.push(...stateLiterals(file, readFileSync(path, 'utf8')));
      }
    }
    expect(scanned).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });
});
