import { Command, Option } from 'commander';
// Type-only: what the API promises, checked at compile time, without loading Nest.
import type { ReconciliationDifferenceDto } from '#bills';

/** Exit codes of `tally reconcile`, for scripts and monitoring. */
export const ReconcileExitCode = {
  /** The database and the chain agree. */
  InSync: 0,
  /** The API listed at least one difference. */
  Differences: 1,
  /** No answer: bad usage, API unreachable, login refused, or an error answer. */
  Error: 2,
} as const;
export type ReconcileExitCode = (typeof ReconcileExitCode)[keyof typeof ReconcileExitCode];

export const DEFAULT_API_URL = 'http://localhost:3000';

export interface ReconcileCommandOptions {
  api: string;
  /** Bearer access token (`--token` or `TALLY_TOKEN`); else `email` and `password` log in. */
  token?: string;
  email?: string;
  password?: string;
  /** Print the API's JSON answer as received. */
  json?: boolean;
  /** Where the one-line error goes (default: `process.stderr`). */
  err?: NodeJS.WritableStream;
  timeoutMs?: number;
}

class CliError extends Error {}

/**
 * `tally reconcile`: fetches `GET <api>/api/v1/reconciliation` (PLATFORM_ADMIN or AUDITOR) and
 * prints the differences as a table, or "0 differences". Returns the exit code; never throws.
 */
export async function runReconcileCommand(options: ReconcileCommandOptions, out: NodeJS.WritableStream): Promise<ReconcileExitCode> {
  const err = options.err ?? process.stderr;
  try {
    const base = baseUrl(options.api);
    const timeoutMs = options.timeoutMs ?? 120_000;
    const token = options.token ?? (await login(base, options, timeoutMs));
    const { text, body } = await call(base, 'api/v1/reconciliation', { headers: { authorization: `Bearer ${token}` } }, timeoutMs);
    if (!Array.isArray(body) || !body.every(isDifference))
      throw new CliError(`the answer of ${shown(base)} is not a list of differences (is this a Tally API?)`);
    out.write(options.json ? `${text.trimEnd()}\n` : formatDifferences(body));
    return body.length === 0 ? ReconcileExitCode.InSync : ReconcileExitCode.Differences;
  } catch (e) {
    err.write(
      `tally reconcile: ${e instanceof CliError ? e.message : `unexpected error: ${e instanceof Error ? e.message : String(e)}`}\n`,
    );
    return ReconcileExitCode.Error;
  }
}

/** The commander definition of `tally reconcile`; `main.ts` only wires it in. */
export function reconcileCommand(): Command {
  return new Command('reconcile')
    .description('list every difference between the database and the chain (bills, financings, payments, settlement movements, chain jobs)')
    .addOption(new Option('--api <url>', 'base URL of the Tally API').env('TALLY_API_URL').default(DEFAULT_API_URL))
    .addOption(new Option('--token <bearer>', 'access token of a PLATFORM_ADMIN or AUDITOR').env('TALLY_TOKEN'))
    .addOption(new Option('--email <email>', 'log in with this user instead of a token').env('TALLY_EMAIL'))
    .addOption(new Option('--password <password>', 'password of --email').env('TALLY_PASSWORD'))
    .option('--json', 'print the JSON answer of /api/v1/reconciliation as received')
    .addHelpText('after', '\nExit codes: 0 no difference, 1 differences listed, 2 error (usage, API unreachable, login refused).')
    .action(async (opts: { api: string; token?: string; email?: string; password?: string; json?: boolean }) => {
      process.exitCode = await runReconcileCommand(opts, process.stdout);
    });
}

/** One row per difference, aligned, then the count. */
export function formatDifferences(differences: ReconciliationDifferenceDto[]): string {
  const count = `${differences.length} difference${differences.length === 1 ? '' : 's'}`;
  if (differences.length === 0) return `${count}\n`;
  const rows = differences.map((d) => [d.entity, d.entityId, d.billId ?? '-', d.field, d.database ?? '-', d.chain ?? '-']);
  return `${columns([['Entity', 'Id', 'Bill', 'Field', 'Database', 'Chain'], ...rows]).join('\n')}\n\n${count}\n`;
}

async function login(base: URL, options: ReconcileCommandOptions, timeoutMs: number): Promise<string> {
  if (!options.email || !options.password) throw new CliError('give --token (or TALLY_TOKEN), or --email and --password');
  const { body } = await call(
    base,
    'api/v1/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: options.email, password: options.password }),
    },
    timeoutMs,
  );
  const token = (body as { accessToken?: unknown } | null)?.accessToken;
  if (typeof token !== 'string') throw new CliError(`the login at ${shown(base)} answered without an access token`);
  return token;
}

async function call(base: URL, path: string, init: RequestInit, timeoutMs: number): Promise<{ text: string; body: unknown }> {
  const url = new URL(path, base);
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { ...init, headers: { accept: 'application/json', ...init.headers }, signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (e) {
    throw new CliError(`cannot reach the API at ${shown(url)}: ${fetchFailureReason(e, timeoutMs)}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const msg = (body as { message?: unknown } | undefined)?.message;
    const detail = typeof msg === 'string' ? `: ${msg}` : Array.isArray(msg) ? `: ${msg.join('; ')}` : '';
    throw new CliError(`the API at ${shown(url)} answered ${res.status} ${res.statusText}${detail}`.trim());
  }
  if (body === undefined) throw new CliError(`the answer of ${shown(url)} is not JSON (is this a Tally API?)`);
  return { text, body };
}

/** `<api>/`, keeping a path prefix (an API behind a proxy at /tally). */
function baseUrl(api: string): URL {
  let base: URL;
  try {
    base = new URL(api.endsWith('/') ? api : `${api}/`);
  } catch {
    throw new CliError(`invalid API URL "${api}" (expected e.g. ${DEFAULT_API_URL})`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new CliError(`invalid API URL "${api}" (expected e.g. ${DEFAULT_API_URL})`);
  return base;
}

/** The URL without credentials, for messages. */
function shown(url: URL): string {
  const copy = new URL(url);
  copy.username = '';
  copy.password = '';
  return copy.toString();
}

function fetchFailureReason(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return `no answer within ${timeoutMs / 1000} s`;
  const cause = e instanceof Error ? (e.cause as unknown) : undefined;
  const reasons = (cause instanceof AggregateError ? cause.errors : [cause ?? e]).map((c: unknown) =>
    c instanceof Error ? c.message || (c as NodeJS.ErrnoException).code || c.name : String(c),
  );
  return [...new Set(reasons)].join('; ') || 'unknown error';
}

function isDifference(d: unknown): d is ReconciliationDifferenceDto {
  const x = d as Partial<ReconciliationDifferenceDto> | null;
  return (
    typeof x === 'object' && x !== null && typeof x.entity === 'string' && typeof x.entityId === 'string' && typeof x.field === 'string'
  );
}

/** Pads each column to its widest cell (the last one is not padded). */
function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
