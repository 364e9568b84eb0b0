import { Command, Option } from 'commander';
// Type-only: the CLI shows what the API promises (libs/platform's DTO), checked at compile time, without loading Nest.
import type { StatusDto } from '#platform';

/** Exit codes of `tally status`, for scripts and monitoring. */
export const StatusExitCode = {
  /** Database and chain are up. */
  Up: 0,
  /** The API answered, but the database or the chain is down. */
  Down: 1,
  /** The API could not be reached, or answered with an error or something that is not a status. */
  Unreachable: 2,
} as const;
export type StatusExitCode = (typeof StatusExitCode)[keyof typeof StatusExitCode];

export const DEFAULT_API_URL = 'http://localhost:3000';

export interface StatusCommandOptions {
  /** Print the API's JSON answer as received instead of the text form. */
  json?: boolean;
  /** Where the one-line error goes (default: `process.stderr`). */
  err?: NodeJS.WritableStream;
  timeoutMs?: number;
  /** The clock used for "12 s ago" (tests pass a fixed one). */
  now?: () => number;
}

/**
 * `tally status`: fetches `GET <apiUrl>/api/v1/status` and writes it to `out`, as aligned text
 * (what the portal's dashboard shows) or as the raw JSON. Returns the exit code; never throws.
 */
export async function runStatusCommand(
  apiUrl: string,
  out: NodeJS.WritableStream,
  options: StatusCommandOptions = {},
): Promise<StatusExitCode> {
  const err = options.err ?? process.stderr;
  const fail = (message: string): StatusExitCode => {
    err.write(`tally status: ${message}\n`);
    return StatusExitCode.Unreachable;
  };

  let url: URL;
  try {
    url = statusUrl(apiUrl);
  } catch {
    return fail(`invalid API URL "${apiUrl}" (expected e.g. ${DEFAULT_API_URL})`);
  }
  const shown = displayUrl(url);
  const timeoutMs = options.timeoutMs ?? 10_000;

  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (e) {
    return fail(`cannot reach the API at ${shown}: ${fetchFailureReason(e, timeoutMs)}`);
  }
  if (!res.ok) {
    const message = errorMessageOf(text);
    return fail(`the API at ${shown} answered ${res.status} ${res.statusText}${message ? `: ${message}` : ''}`.trim());
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail(`the answer of ${shown} is not JSON (is this a Tally API?)`);
  }
  if (!isStatus(body)) return fail(`the answer of ${shown} is not a Tally status (is this a Tally API?)`);

  out.write(options.json ? `${text.trimEnd()}\n` : formatStatus(body, (options.now ?? Date.now)()));
  return body.database.status === 'up' && body.chain.status === 'up' ? StatusExitCode.Up : StatusExitCode.Down;
}

/** The commander definition of `tally status`; `main.ts` only wires it in. */
export function statusCommand(): Command {
  return new Command('status')
    .description('show the health of the API, its database and chain, the contracts and the chain jobs')
    .addOption(new Option('--api <url>', 'base URL of the Tally API').env('TALLY_API_URL').default(DEFAULT_API_URL))
    .option('--json', 'print the JSON answer of /api/v1/status as received')
    .addHelpText('after', '\nExit codes: 0 database and chain up, 1 database or chain down, 2 API unreachable or answering an error.')
    .action(async (opts: { api: string; json?: boolean }) => {
      process.exitCode = await runStatusCommand(opts.api, process.stdout, { json: opts.json });
    });
}

/** The text form: one aligned block per part, like the cards of the portal's dashboard. */
export function formatStatus(status: StatusDto, nowMs: number): string {
  const { database, chain } = status;
  const lines: string[] = [];

  lines.push(
    ...columns([
      ['Mode', status.mode],
      ['Version', status.version],
      ['Database', state(database.status, database.status === 'up' ? formatLatency(database.latencyMs) : database.detail)],
      ['Chain', state(chain.status, chain.status === 'up' ? formatLatency(chain.latencyMs) : chain.detail)],
      ['Chain id', chain.chainId === undefined ? 'unknown' : String(chain.chainId)],
      ['Block height', chain.blockNumber === undefined ? 'unknown' : String(chain.blockNumber)],
      ['Last block', formatBlockTime(chain.blockTime, nowMs)],
    ]),
  );

  lines.push('', 'Contracts');
  if (status.contracts.length === 0) {
    lines.push('  none deployed');
  } else {
    const rows = status.contracts.map((c) => [c.name, c.address, String(c.deploymentBlock)]);
    lines.push(...columns([['Name', 'Address', 'Deployment block'], ...rows], [false, false, true]).map((l) => `  ${l}`));
  }

  lines.push('', 'Chain jobs');
  if (!status.jobs) {
    lines.push('  unknown (the database is down)');
  } else {
    const { pending, submitted, confirmed, failed } = status.jobs;
    const counts = [
      ['Pending', String(pending)],
      ['Submitted', String(submitted)],
      ['Confirmed', String(confirmed)],
      ['Failed', String(failed)],
    ];
    lines.push(...columns(counts, [false, true]).map((l) => `  ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

/** `<base>/api/v1/status`, keeping a path prefix of the base (an API behind a proxy at /tally). */
function statusUrl(apiUrl: string): URL {
  const base = new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('not an http(s) URL');
  return new URL('api/v1/status', base);
}

/** The URL without credentials, for messages. */
function displayUrl(url: URL): string {
  const copy = new URL(url);
  copy.username = '';
  copy.password = '';
  return copy.toString();
}

/** `fetch failed` says nothing: the reason is in the cause (one per address tried for `localhost`). */
function fetchFailureReason(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return `no answer within ${timeoutMs / 1000} s`;
  const cause = e instanceof Error ? (e.cause as unknown) : undefined;
  const reasons = (cause instanceof AggregateError ? cause.errors : [cause ?? e]).map((c: unknown) =>
    c instanceof Error ? c.message || (c as NodeJS.ErrnoException).code || c.name : String(c),
  );
  return [...new Set(reasons)].join('; ') || 'unknown error';
}

/** The `message` of the API's error body, when the answer has one. */
function errorMessageOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
    if (Array.isArray(body.message)) return body.message.join('; ');
  } catch {
    // not JSON (a proxy's HTML page): the status line says enough
  }
  return undefined;
}

function isStatus(body: unknown): body is StatusDto {
  const b = body as Partial<StatusDto> | null;
  const isState = (s: unknown) => s === 'up' || s === 'down';
  return typeof b === 'object' && b !== null && isState(b.database?.status) && isState(b.chain?.status) && Array.isArray(b.contracts);
}

function state(status: 'up' | 'down', extra: string | undefined): string {
  return extra ? `${status.padEnd(4)}  ${extra}` : status;
}

function formatLatency(latencyMs: number | undefined): string | undefined {
  return latencyMs === undefined ? undefined : `${latencyMs} ms`;
}

function formatBlockTime(blockTime: string | undefined, nowMs: number): string {
  if (!blockTime) return 'unknown';
  const ms = Date.parse(blockTime);
  return Number.isNaN(ms) ? blockTime : `${blockTime} (${formatAge(nowMs - ms)})`;
}

function formatAge(ageMs: number): string {
  const seconds = Math.round(ageMs / 1000);
  if (seconds < 1) return 'just now';
  if (seconds < 120) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}

/** Pads each column to its widest cell; `right[i]` right-aligns column i (numbers). */
function columns(rows: string[][], right: boolean[] = []): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 && !right[i] ? cell : right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
