// `tally waterfall run|compare CASE.json`: runs a `tally-waterfall-case/1` file through the engine
// (#waterfall). Exit codes: 0 ok, 1 `compare` found differences, 2 unusable input (missing file,
// bad JSON, a case the engine refuses, bad usage).
import { Command } from 'commander';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  breakevenCdr,
  compareWithExpected,
  createTape,
  formatDifference,
  profilePool,
  resultToCsv,
  runScenario,
  runWaterfall,
  sampleDealTemplate,
  sampleTape,
  WaterfallError,
  type AssetTape,
  type Assumptions,
  type DealTemplate,
  type WaterfallResult,
} from '#waterfall';

export const WaterfallExitCode = { Ok: 0, Differences: 1, Unusable: 2 } as const;

export interface WaterfallIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

class UsageError extends Error {}

function readCase(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError(`${path} is not a JSON object`);
    return v as Record<string, unknown>;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

async function guarded(io: WaterfallIo, f: () => number): Promise<number> {
  try {
    return f();
  } catch (e) {
    if (e instanceof UsageError || e instanceof WaterfallError) {
      io.err.write(`tally waterfall: ${e instanceof WaterfallError ? `${e.code}: ` : ''}${e.message}\n`);
      return WaterfallExitCode.Unusable;
    }
    throw e;
  }
}

function summary(r: WaterfallResult): string {
  const bonds = Object.keys(r.final.bonds);
  const lines = [`${'period'.padEnd(7)}${'date'.padEnd(12)}${bonds.map((b) => `${b} int`.padStart(14) + `${b} prin`.padStart(14)).join('')}`];
  for (const p of r.periods) {
    lines.push(`${String(p.period).padEnd(7)}${p.distributionDate.padEnd(12)}${bonds.map((b) => String(p.bonds[b].interestPaid).padStart(14) + String(p.bonds[b].principalPaid).padStart(14)).join('')}`);
  }
  lines.push(`end ${r.endOfRun.date}: ${r.endOfRun.reason}`);
  for (const b of bonds) lines.push(`  ${b}: balance ${r.final.bonds[b].balance}`);
  return lines.join('\n') + '\n';
}

export function runWaterfallCli(path: string, opts: { out?: string; csv?: string }, io: WaterfallIo): Promise<number> {
  return guarded(io, () => {
    const result = runWaterfall(readCase(path));
    const json = JSON.stringify(result, null, 2) + '\n';
    if (opts.out) writeFileSync(resolve(opts.out), json);
    if (opts.csv) {
      mkdirSync(resolve(opts.csv), { recursive: true });
      for (const [name, content] of Object.entries(resultToCsv(result))) writeFileSync(join(resolve(opts.csv), name), content);
    }
    io.out.write(opts.out || opts.csv ? summary(result) : json);
    return WaterfallExitCode.Ok;
  });
}

export function compareWaterfallCli(path: string, io: WaterfallIo): Promise<number> {
  return guarded(io, () => {
    const c = readCase(path);
    if (typeof c.expected !== 'object' || c.expected === null) throw new UsageError(`${path} has no "expected" half to compare with`);
    const diffs = compareWithExpected(c.expected, runWaterfall(c));
    if (diffs.length === 0) {
      io.out.write(`${path}: no differences\n`);
      return WaterfallExitCode.Ok;
    }
    io.out.write(`${path}: ${diffs.length} difference${diffs.length === 1 ? '' : 's'}\n`);
    for (const d of diffs) io.out.write(`  ${formatDifference(d)}\n`);
    return WaterfallExitCode.Differences;
  });
}

export interface ProjectOptions {
  deal?: string;
  tape?: string;
  sample?: string;
  months: string;
  cdr: string;
  cpr: string;
  recovery: string;
  lag: string;
  delinquency: string;
  price?: string;
  breakeven?: boolean;
  json?: boolean;
}

/** Reads a loan tape CSV with a header `balance,rate,remainingTerm` (decimals as written, exactly). */
function readTape(path: string): AssetTape {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const cols = header.split(',').map((c) => c.trim());
  const at = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new UsageError(`${path}: the header needs a ${name} column (balance,rate,remainingTerm)`);
    return i;
  };
  const [ib, ir, it] = [at('balance'), at('rate'), at('remainingTerm')];
  return createTape(
    lines.map((l, n) => {
      const f = l.split(',').map((x) => x.trim());
      const term = Number(f[it]);
      if (!/^\d+$/.test(f[it] ?? '')) throw new UsageError(`${path} line ${n + 2}: remainingTerm ${JSON.stringify(f[it])} is not a whole number`);
      return { balance: f[ib], rate: f[ir], remainingTerm: term };
    }),
  );
}

export function projectWaterfallCli(opts: ProjectOptions, io: WaterfallIo): Promise<number> {
  return guarded(io, () => {
    if (!opts.tape && !opts.sample) throw new UsageError('give a loan tape (--tape tape.csv) or --sample <n> for a synthetic one');
    const months = Number(opts.months);
    if (!Number.isInteger(months)) throw new UsageError(`--months ${opts.months} is not a whole number`);
    const tape = opts.tape ? readTape(opts.tape) : sampleTape(Number(opts.sample), 1, months);
    if (!opts.tape && !(Number(opts.sample) > 0)) throw new UsageError(`--sample ${opts.sample} is not a positive number`);
    const profile = profilePool(tape, months);
    const template: DealTemplate = opts.deal ? (readCase(opts.deal) as DealTemplate) : sampleDealTemplate(BigInt(profile.amortised[0]));
    if (!/^\d+$/.test(opts.lag)) throw new UsageError(`--lag ${opts.lag} is not a whole number of months`);
    const a: Assumptions = { cdr: opts.cdr, cpr: opts.cpr, recoveryRate: opts.recovery, recoveryLag: Number(opts.lag), delinquency: opts.delinquency };
    const bondDefs = ((template.structure as { bonds?: { name: string; principalType?: string }[] } | undefined)?.bonds ?? []);
    const bonds = bondDefs.map((b) => b.name);
    const price = opts.price === undefined ? 100 : Number(opts.price);
    if (!Number.isFinite(price) || price <= 0) throw new UsageError(`--price ${opts.price} is not a positive number`);
    const r = runScenario(profile, template, a, Object.fromEntries(bonds.map((b) => [b, price])));
    const breakeven: Record<string, number | null> = {};
    // Equity has no loss to break even on: its residual is its return.
    if (opts.breakeven) for (const b of bondDefs.filter((x) => x.principalType !== 'equity').map((x) => x.name)) breakeven[b] = breakevenCdr(profile, template, b, { cpr: a.cpr, recoveryRate: a.recoveryRate, recoveryLag: a.recoveryLag, delinquency: a.delinquency });
    if (opts.json) {
      io.out.write(JSON.stringify({ assumptions: a, tranches: r.tranches, breakevenCdr: opts.breakeven ? breakeven : undefined }, null, 2) + '\n');
      return WaterfallExitCode.Ok;
    }
    const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(3)}%`);
    io.out.write(`pool ${tape.balanceCents.length} assets, ${months} months; CDR ${a.cdr} CPR ${a.cpr} recovery ${a.recoveryRate} lag ${a.recoveryLag} delinquency ${a.delinquency}; price ${price}\n`);
    io.out.write(`${'tranche'.padEnd(10)}${'WAL (y)'.padStart(9)}  ${'principal window'.padEnd(23)}${'loss'.padStart(9)}${'yield'.padStart(10)}${opts.breakeven ? 'breakeven CDR'.padStart(15) : ''}\n`);
    for (const t of r.tranches) {
      const w = t.principalWindow ? `${t.principalWindow.first}..${t.principalWindow.last}` : '-';
      io.out.write(`${t.tranche.padEnd(10)}${(t.wal === null ? '-' : t.wal.toFixed(3)).padStart(9)}  ${w.padEnd(23)}${pct(t.lossPct).padStart(9)}${pct(t.yield).padStart(10)}${opts.breakeven ? pct(breakeven[t.tranche]).padStart(15) : ''}\n`);
    }
    return WaterfallExitCode.Ok;
  });
}

export function waterfallCommand(): Command {
  const io = { out: process.stdout, err: process.stderr };
  const cmd = new Command('waterfall').description('Run securitization waterfall cases (format tally-waterfall-case/1)');
  cmd
    .command('run')
    .description('run a case and print the result (JSON; a period summary when --out or --csv is given)')
    .argument('<case>', 'a tally-waterfall-case/1 JSON file')
    .option('--out <file>', 'write the full result as JSON')
    .option('--csv <dir>', 'write periods and bond/fee/account transactions as CSV files')
    .action(async (path: string, opts: { out?: string; csv?: string }) => {
      process.exitCode = await runWaterfallCli(path, opts, io);
    });
  cmd
    .command('compare')
    .description("run a case and list every difference against its own expected half (exit 1 when any)")
    .argument('<case>', 'a tally-waterfall-case/1 JSON file')
    .action(async (path: string) => {
      process.exitCode = await compareWaterfallCli(path, io);
    });
  cmd
    .command('project')
    .description('project a pool under CDR/CPR/recovery/delinquency, run the deal and print per tranche WAL, principal window, loss, yield (and breakeven CDR)')
    .option('--tape <csv>', 'loan tape: CSV with a header balance,rate,remainingTerm')
    .option('--sample <n>', 'use a seeded synthetic tape of n loans instead')
    .option('--deal <case.json>', 'the deal (tally-waterfall-case/1; its pool.collections is replaced by the projection); default: a sample A/M/equity deal')
    .option('--months <n>', 'projection horizon in months', '120')
    .option('--cdr <rate>', 'annual default rate', '0.02')
    .option('--cpr <rate>', 'annual prepayment rate', '0.10')
    .option('--recovery <rate>', 'recovery rate of defaults', '0.40')
    .option('--lag <months>', 'months from default to recovery', '6')
    .option('--delinquency <rate>', 'share of scheduled flows paid a month late', '0')
    .option('--price <pct>', 'price in % of the starting balance for the yield', '100')
    .option('--breakeven', 'also find each tranche\'s breakeven CDR (bisection)')
    .option('--json', 'print JSON')
    .action(async (opts: ProjectOptions) => {
      process.exitCode = await projectWaterfallCli(opts, io);
    });
  for (const c of [cmd, ...cmd.commands]) c.exitOverride().showHelpAfterError('(run with --help for usage)');
  return cmd;
}
