import { Command, Option } from 'commander';
import { JsonRpcProvider } from 'ethers';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
// Type-only at load time: #anchoring brings Nest and TypeORM along, which the other commands do
// not need; it is loaded when `tally verify` runs (see runVerify).
import type { AnchorChainReader, AnchorReceipt } from '#anchoring';

type Anchoring = typeof import('#anchoring');

/** Exit codes of `tally verify`. */
export const VerifyExitCode = {
  /** Everything checked is anchored as its receipt says. */
  Verified: 0,
  /** At least one document or receipt failed (the reason is printed). */
  Failed: 1,
  /** The command could not do its job: bad usage, unreadable files, RPC node unreachable. */
  Unusable: 2,
} as const;
export type VerifyExitCode = (typeof VerifyExitCode)[keyof typeof VerifyExitCode];

export interface VerifyOptions {
  /** A document, or a receipt.json. */
  path?: string;
  /** The receipt of `path` when `path` is a document (default: found next to it). */
  receipt?: string;
  /** A folder of documents and their receipts. */
  dir?: string;
  rpc: string;
  json?: boolean;
  timeoutMs?: number;
}

export interface VerifyIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** Draw the progress bar in place (a terminal); otherwise a line per tenth. */
  tty?: boolean;
}

/** One line of the report. */
export interface VerifyRow {
  file: string;
  receipt: string | null;
  sha256: string | null;
  ok: boolean;
  result: 'VERIFIED' | 'FAILED' | 'NO RECEIPT' | 'BAD RECEIPT';
  code?: string;
  reason?: string;
  anchoredAt?: string;
  blockNumber?: number;
  txHash?: string;
  chainId?: number;
  /** True when only the receipt was checked (no document next to it). */
  receiptOnly?: boolean;
}

const RECEIPT_SUFFIX = '.receipt.json';

/**
 * `tally verify`: checks documents against their receipts with nothing but an RPC node: the
 * SHA-256 of the file, the Merkle proof (OpenZeppelin's StandardMerkleTree rules, computed
 * locally), and the root, batch, block and transaction in the DocumentAnchor contract. The Tally
 * API is never called. Returns the exit code; never throws.
 */
export async function runVerify(options: VerifyOptions, io: VerifyIo): Promise<VerifyExitCode> {
  const fail = (message: string): VerifyExitCode => {
    io.err.write(`tally verify: ${message}\n`);
    return VerifyExitCode.Unusable;
  };
  if (!options.dir && !options.path) return fail('give a document or a receipt.json, or --dir <folder>');
  if (options.dir && options.path) return fail('give either a path or --dir, not both');

  let jobs: { file: string | null; receipt: string | null }[];
  try {
    jobs = options.dir
      ? pairFolder(resolve(options.dir))
      : [pairOne(resolve(options.path!), options.receipt ? resolve(options.receipt) : undefined)];
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  if (jobs.length === 0) return fail(`no documents or receipts in ${options.dir}`);

  const anchoring: Anchoring = await import('#anchoring');
  let reader: AnchorChainReader;
  let provider: JsonRpcProvider;
  try {
    const chainId = await rpcChainId(options.rpc, options.timeoutMs ?? 10_000);
    provider = new JsonRpcProvider(options.rpc, chainId, { staticNetwork: true, batchMaxCount: 1 });
    reader = new anchoring.CachingAnchorReader(new anchoring.EthersAnchorReader(provider), 10 * 60_000);
  } catch (e) {
    return fail(`cannot use the RPC node at ${displayUrl(options.rpc)}: ${e instanceof Error ? e.message : String(e)}`);
  }

  const rows: VerifyRow[] = [];
  const progress = new Progress(jobs.length, io, Boolean(options.dir));
  try {
    for (const job of jobs) {
      progress.tick(job.file ?? job.receipt!);
      rows.push(await verifyOne(job, reader, anchoring));
    }
  } finally {
    progress.done();
    provider.destroy();
  }

  if (options.json) io.out.write(`${JSON.stringify(options.dir ? rows : rows[0], null, 2)}\n`);
  else io.out.write(options.dir ? formatTable(rows, options.dir) : formatOne(rows[0]!));
  return rows.every((r) => r.ok) ? VerifyExitCode.Verified : VerifyExitCode.Failed;
}

/** The commander definition of `tally verify`; `main.ts` only wires it in. */
export function verifyCommand(): Command {
  return new Command('verify')
    .description('check documents against their anchor receipts with any RPC node, without the Tally API')
    .argument('[path]', 'a document (its receipt is found next to it: <name>.receipt.json) or a receipt.json')
    .option('--receipt <file>', 'the receipt of the document, when it is not next to it')
    .option('--dir <folder>', 'verify every document and receipt in a folder, with a progress bar and a summary table')
    .addOption(
      new Option('--rpc <url>', 'JSON-RPC URL of a node of the chain the receipts name').env('TALLY_RPC_URL').makeOptionMandatory(),
    )
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      "\nChecks, for each document: its SHA-256 equals the receipt's documentHash; the Merkle proof leads to the root\n" +
        "(OpenZeppelin StandardMerkleTree, leaf encoding bytes32); the DocumentAnchor contract on the node's chain holds\n" +
        'that root under the batch id, in the block and at the time of the receipt; the transaction emitted RootAnchored.\n' +
        '\nExit codes: 0 all verified, 1 something failed verification, 2 bad usage or RPC node unreachable.',
    )
    .action(async (path: string | undefined, opts: { receipt?: string; dir?: string; rpc: string; json?: boolean }) => {
      process.exitCode = await runVerify(
        { path, ...opts },
        { out: process.stdout, err: process.stderr, tty: Boolean(process.stderr.isTTY) },
      );
    });
}

// ---- pairing documents and receipts -----------------------------------------------------------

function isReceiptFile(path: string): boolean {
  return path.endsWith(RECEIPT_SUFFIX);
}

/** `invoice.pdf` → `invoice.receipt.json` or `invoice.pdf.receipt.json`, whichever exists. */
function receiptCandidates(file: string): string[] {
  const stem = file.slice(0, file.length - extname(file).length);
  return [`${stem}${RECEIPT_SUFFIX}`, `${file}${RECEIPT_SUFFIX}`];
}

function pairOne(path: string, receipt?: string): { file: string | null; receipt: string | null } {
  if (!existsSync(path) || !statSync(path).isFile()) throw new Error(`${path} is not a file`);
  if (receipt && !existsSync(receipt)) throw new Error(`${receipt} is not a file`);
  if (receipt) return { file: path, receipt };
  if (isReceiptFile(path) || looksLikeReceipt(path)) return { file: null, receipt: path };
  return { file: path, receipt: receiptCandidates(path).find((c) => existsSync(c)) ?? null };
}

function pairFolder(dir: string): { file: string | null; receipt: string | null }[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
  const entries = readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .map((name) => join(dir, name))
    .filter((p) => statSync(p).isFile())
    .sort();
  const receipts = new Set(entries.filter(isReceiptFile));
  const used = new Set<string>();
  const jobs: { file: string | null; receipt: string | null }[] = [];
  for (const file of entries.filter((p) => !receipts.has(p))) {
    const receipt = receiptCandidates(file).find((c) => receipts.has(c)) ?? null;
    if (receipt) used.add(receipt);
    jobs.push({ file, receipt });
  }
  for (const receipt of receipts) if (!used.has(receipt)) jobs.push({ file: null, receipt });
  return jobs;
}

function looksLikeReceipt(path: string): boolean {
  if (statSync(path).size > 1_000_000) return false;
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown };
    return typeof json === 'object' && json !== null && typeof json.format === 'string' && json.format.startsWith('tally-anchor-receipt/');
  } catch {
    return false;
  }
}

// ---- one verification ---------------------------------------------------------------------------

async function verifyOne(
  job: { file: string | null; receipt: string | null },
  reader: AnchorChainReader,
  { parseReceipt, verifyReceipt }: Anchoring,
): Promise<VerifyRow> {
  const shown = basename(job.file ?? job.receipt!);
  const sha256 = job.file ? await sha256File(job.file) : null;
  const base: VerifyRow = {
    file: shown,
    receipt: job.receipt ? basename(job.receipt) : null,
    sha256,
    ok: false,
    result: 'FAILED',
    receiptOnly: job.file === null,
  };
  if (!job.receipt) {
    return { ...base, result: 'NO RECEIPT', reason: `no receipt next to it (${basename(receiptCandidates(job.file!)[0]!)})` };
  }
  let receipt: AnchorReceipt;
  try {
    const parsed = parseReceipt(JSON.parse(readFileSync(job.receipt, 'utf8')));
    if (!parsed.ok) return { ...base, result: 'BAD RECEIPT', reason: `not a Tally anchor receipt: ${parsed.problems.join('; ')}` };
    receipt = parsed.receipt;
  } catch (e) {
    return { ...base, result: 'BAD RECEIPT', reason: `cannot read the receipt: ${e instanceof Error ? e.message : String(e)}` };
  }
  const v = await verifyReceipt(receipt, reader, { documentSha256: sha256 ?? undefined, onChainProof: true });
  return {
    ...base,
    sha256: sha256 ?? receipt.documentHash,
    ok: v.ok,
    result: v.ok ? 'VERIFIED' : 'FAILED',
    code: v.code,
    reason: v.reason,
    anchoredAt: v.anchoredAt,
    blockNumber: v.blockNumber ?? receipt.blockNumber,
    txHash: receipt.txHash,
    chainId: receipt.chainId,
  };
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(`0x${hash.digest('hex')}`));
  });
}

/** `eth_chainId` with a deadline: ethers would otherwise retry an unreachable node forever. */
async function rpcChainId(url: string, timeoutMs: number): Promise<number> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not an http(s) URL');
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
    throw new Error(e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : cause, { cause: e });
  }
  const body = (await res.json().catch(() => null)) as { result?: string } | null;
  if (!res.ok || typeof body?.result !== 'string') throw new Error(`not a JSON-RPC node (HTTP ${res.status})`);
  return Number(BigInt(body.result));
}

function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

// ---- output ----------------------------------------------------------------------------------------

class Progress {
  private index = 0;
  private lastTenth = -1;

  constructor(
    private readonly total: number,
    private readonly io: VerifyIo,
    private readonly enabled: boolean,
  ) {}

  tick(name: string): void {
    this.index++;
    if (!this.enabled) return;
    const width = 30;
    const filled = Math.round((this.index / this.total) * width);
    if (this.io.tty) {
      const label = basename(name).slice(0, 40);
      this.io.err.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.index}/${this.total} ${label.padEnd(40)}`);
      return;
    }
    const tenth = Math.floor((this.index / this.total) * 10);
    if (tenth !== this.lastTenth || this.index === this.total) {
      this.lastTenth = tenth;
      this.io.err.write(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.index}/${this.total}\n`);
    }
  }

  done(): void {
    if (this.enabled && this.io.tty) this.io.err.write('\n');
  }
}

const short = (h: string | null | undefined, n = 10) => (h ? `${h.slice(0, n)}…${h.slice(-4)}` : '—');

function formatOne(r: VerifyRow): string {
  const lines = [`${r.result}  ${r.file}`];
  if (r.sha256) lines.push(`  SHA-256      ${r.sha256}`);
  if (r.ok) {
    lines.push(
      `  Anchored at  ${r.anchoredAt} (block time)`,
      `  Block        ${r.blockNumber} on chain ${r.chainId}`,
      `  Transaction  ${r.txHash}`,
    );
    if (r.receiptOnly) lines.push('  (receipt only: give the document to check its hash too)');
  } else {
    lines.push(`  Reason       ${r.reason}${r.code ? ` [${r.code}]` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The summary table of `--dir`: one row per document or receipt, then the totals. */
export function formatTable(rows: VerifyRow[], dir: string): string {
  const header = ['File', 'Result', 'SHA-256', 'Anchored at (UTC)', 'Block', 'Transaction', 'Reason'];
  const body = rows.map((r) => [
    r.receiptOnly ? `${r.file} (receipt only)` : r.file,
    r.result,
    short(r.sha256),
    r.ok ? (r.anchoredAt ?? '').replace('.000Z', 'Z') : '—',
    r.ok ? String(r.blockNumber) : '—',
    r.ok ? short(r.txHash) : '—',
    r.ok ? '' : `${r.reason ?? ''}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (i === header.length - 1 ? 0 : b[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const verified = rows.filter((r) => r.ok).length;
  return [
    `Verified ${dir} against the chain (no Tally API involved)`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w)).concat('------')),
    ...body.map(line),
    '',
    `${verified} of ${rows.length} verified, ${rows.length - verified} failed`,
    '',
  ].join('\n');
}
