#!/usr/bin/env node
// `tally`: the platform's command line. One file per command (`<name>.command.ts`); this file only
// wires them. Exit codes: 0 ok, 1 the checked thing is not ok (e.g. `status`: something is down),
// 2 the command could not do its job (bad usage, API unreachable).
import { Command, CommanderError } from 'commander';
import { statusCommand } from './status.command.js';

const program = new Command('tally').description('Command-line tools of the Tally trade-finance platform');
program.addCommand(statusCommand());

// commander exits with 1 on a usage error, which a script would read as "down": make it 2.
for (const command of [program, ...program.commands]) command.exitOverride().showHelpAfterError('(run with --help for usage)');

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`tally: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
