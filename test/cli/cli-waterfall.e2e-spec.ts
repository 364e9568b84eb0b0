import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The compiled CLI, run as a user runs it (`node scripts/test.mjs` builds first).
const CLI = resolve('dist/apps/cli/src/main.js');
const FIXTURES = resolve('test/fixtures/waterfall');
const CASES = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();

function tally(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [CLI, ...args], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (_err, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }));
  });
}

describe('tally waterfall (compiled CLI)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the tests with \`node scripts/test.mjs\` (it builds first)`);
    dir = mkdtempSync(join(tmpdir(), 'tally-waterfall-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(CASES)('compare %s: no difference, exit code 0', async (f) => {
    const run = await tally(['waterfall', 'compare', join(FIXTURES, f)]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${join(FIXTURES, f)}: no differences\n`);
    expect(run.code).toBe(0);
  });

  it('compare on an altered copy lists each difference (field, period, want, got), exit code 1', async () => {
    const c = JSON.parse(readFileSync(join(FIXTURES, 'absbox-cn-test01.json'), 'utf8'));
    c.expected.bondTransactions.A1[1].interestPaid = 0.68; // engine: 0.67
    c.expected.periods[9].accountsAfter['账户01'] = 1.5; // engine: 0
    const altered = join(dir, 'altered.json');
    writeFileSync(altered, JSON.stringify(c));
    const run = await tally(['waterfall', 'compare', altered]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      `${altered}: 2 differences`,
      '  periods[9].accountsAfter.账户01 (10:2022-04-26): want 1.5 got 0',
      '  bondTransactions.A1[1].interestPaid (2022-04-26): want 0.68 got 0.67',
      '',
    ]);
  });

  it('run --out --csv writes the result and the CSV files and prints a period summary', async () => {
    const out = join(dir, 'result.json');
    const csv = join(dir, 'csv');
    const run = await tally(['waterfall', 'run', join(FIXTURES, 'absbox-us-test01.json'), '--out', out, '--csv', csv]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^end 2023-09-30: No Pool Cashflow\/All Account is zero\/Not revolving$/m);
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'absbox-us-test01.json'), 'utf8')).expected;
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.bondTransactions).toEqual(expected.bondTransactions);
    expect(result.final).toEqual(expected.final);
    expect(readdirSync(csv).sort()).toEqual(['account-transactions.csv', 'bond-transactions.csv', 'fee-transactions.csv', 'periods.csv']);
    const periods = readFileSync(join(csv, 'periods.csv'), 'utf8').trim().split('\n');
    expect(periods).toHaveLength(1 + expected.periods.length);
    expect(periods[8]).toMatch(/^8,2022-02-20,distributionByStatus\.amortizing,/);
  });

  it('run prints the result as JSON without --out', async () => {
    const run = await tally(['waterfall', 'run', join(FIXTURES, 'absbox-cn-test02.json')]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).final.bonds.B.balance).toBe(5.59);
  });

  it('a missing file, bad JSON or a refused case is exit code 2 with one clear line', async () => {
    const missing = await tally(['waterfall', 'run', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^tally waterfall: cannot read .*nope\.json: ENOENT\n$/);
    const badJson = join(dir, 'bad.json');
    writeFileSync(badJson, '{"format":');
    const bad = await tally(['waterfall', 'compare', badJson]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not valid JSON/);
    const c = JSON.parse(readFileSync(join(FIXTURES, 'absbox-cn-test01.json'), 'utf8'));
    c.pool.collections[3].principal = 1.234;
    const refused = join(dir, 'refused.json');
    writeFileSync(refused, JSON.stringify(c));
    const r = await tally(['waterfall', 'run', refused]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tally waterfall: WATERFALL_BAD_NUMBER: pool.collections[3].principal: 1.234 has more than 2 decimals\n');
    const usage = await tally(['waterfall', 'compare']);
    expect(usage.code).toBe(2);
  });

  it('project prints per-tranche WAL, window, loss, yield and breakeven CDR for a tape', async () => {
    const tape = join(dir, 'tape.csv');
    writeFileSync(tape, 'balance,rate,remainingTerm\n' + Array.from({ length: 200 }, (_, i) => `${1000 + i * 10}.25,0.0${5 + (i % 4)},${24 + (i % 36)}`).join('\n') + '\n');
    const run = await tally(['waterfall', 'project', '--tape', tape, '--months', '60', '--cdr', '0.05', '--breakeven', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.tranches.map((t: { tranche: string }) => t.tranche)).toEqual(['A', 'M', 'E']);
    const [a, m] = out.tranches;
    expect(a.wal).toBeGreaterThan(0);
    expect(a.wal).toBeLessThan(m.wal);
    expect(a.lossPct).toBe(0);
    expect(out.breakevenCdr.A).toBeGreaterThan(out.breakevenCdr.M);
    expect(out.breakevenCdr.M).toBeGreaterThan(0.05); // no M loss at the CDR 5% just run
    const text = await tally(['waterfall', 'project', '--tape', tape, '--months', '60']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^A\s+\d+\.\d{3}\s+\d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d\s+0\.000%\s+\d+\.\d{3}%$/m);
  });

  it('project refuses a bad tape or an assumption out of range with exit code 2', async () => {
    const tape = join(dir, 'bad-tape.csv');
    writeFileSync(tape, 'balance,rate,remainingTerm\n100.001,0.05,12\n');
    const bad = await tally(['waterfall', 'project', '--tape', tape]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('tally waterfall: WATERFALL_BAD_NUMBER: assets[0].balance: 100.001 has more than 2 decimals\n');
    const cdr = await tally(['waterfall', 'project', '--sample', '10', '--cdr', '1.5']);
    expect(cdr.code).toBe(2);
    expect(cdr.stderr).toBe('tally waterfall: WATERFALL_BAD_ASSUMPTION: cdr must be within 0..1\n');
  });
});
