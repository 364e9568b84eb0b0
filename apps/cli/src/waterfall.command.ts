// `tally waterfall run|compare CASE.json`: runs a `tally-waterfall-case/1` file through the engine
// (#waterfall). Exit codes: 0 ok, 1 `compare` found differences, 2 unusable input (missing file,
// bad JSON, a case the engine refuses, bad usage).
import { Command } from 'commander';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareWithExpected, formatDifference, resultToCsv, runWaterfall, WaterfallError, type WaterfallResult } from '#waterfall';

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
  for (const c of [cmd, ...cmd.commands]) c.exitOverride().showHelpAfterError('(run with --help for usage)');
  return cmd;
}
