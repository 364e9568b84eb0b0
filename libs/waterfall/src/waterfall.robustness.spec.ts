// Bad input gives a clear WaterfallError, never a crash: random corruptions of the reference cases.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runWaterfall, WaterfallError } from './index.js';

const FIXTURES = resolve('test/fixtures/waterfall');
const cases = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const c = JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Record<string, unknown>;
    delete c.expected; // the engine reads only the input half
    return c;
  });

/** Every path (array of keys) to a value inside the input half. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (prefix.length > 0) out.push(prefix);
  if (Array.isArray(v)) v.slice(0, 6).forEach((x, i) => paths(x, [...prefix, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}
const allPaths = cases.map((c) => paths(c).filter((p) => ['dates', 'dealStatusAtStart', 'indexRates', 'pool', 'structure', 'format', 'conventions'].includes(String(p[0]))));

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let o = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) delete o[last];
  else o[last] = value;
}

describe('waterfall engine on corrupted input', () => {
  it('either runs or throws a WaterfallError with a message, never a TypeError', () => {
    const junk = fc.constantFrom<unknown>(undefined, null, 0, -1, 1.005, 1e21, 'x', '2021-02-30', '', [], {}, true, [1, 2], { fn: 'nope' }, { test: 'nope' });
    fc.assert(
      fc.property(fc.nat(cases.length - 1), fc.nat(), fc.array(junk, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), (ci, pi, values, more) => {
        const c = structuredClone(cases[ci]);
        values.forEach((v, k) => {
          const ps = allPaths[ci];
          const p = ps[(pi + more[k] * 7919) % ps.length];
          try {
            setAt(c, p, v);
          } catch {
            // the path vanished under an earlier corruption: skip it
          }
        });
        try {
          runWaterfall(c);
        } catch (e) {
          if (!(e instanceof WaterfallError)) throw e;
          expect(e.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
