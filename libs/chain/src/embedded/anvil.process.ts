import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AnvilOptions {
  port: number;
  chainId: number;
  /** Seconds between blocks; 0 = mine on every transaction (automine). */
  blockTimeSec: number;
  /** File that anvil loads on start and dumps to on exit; absent = in-memory chain. */
  stateFile?: string;
  /** Seconds between periodic state dumps (only with stateFile). */
  stateIntervalSec?: number;
  host?: string;
  log?: (line: string) => void;
}

/** Resolves the anvil binary shipped inside the platform package of `@foundry-rs/anvil`. */
export function anvilBinaryPath(): string {
  const require = createRequire(import.meta.url);
  const platformPkg = `@foundry-rs/anvil-${process.platform === 'win32' ? 'win32' : process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const pkgJson = require.resolve(`${platformPkg}/package.json`);
  const bin = join(dirname(pkgJson), 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  if (!existsSync(bin)) throw new Error(`anvil binary not found in ${platformPkg}; run npm ci`);
  return bin;
}

/** Polls `eth_chainId` until the node answers (TOOLCHAIN: poll before creating the provider). */
export async function waitForRpc(url: string, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
        signal: AbortSignal.timeout(1_000),
      });
      const body = (await res.json()) as { result?: string };
      if (body.result) return Number(BigInt(body.result));
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`EVM node at ${url} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

/** A local anvil node run as a child process; stops (and dumps its state) with `stop()`. */
export class AnvilProcess {
  private child?: ChildProcess;
  private killOnExit = () => this.child?.kill('SIGKILL');
  url: string;

  /** `port: 0` lets anvil pick a free port (read back from its "Listening on" line). */
  constructor(readonly options: AnvilOptions) {
    this.url = `http://${options.host ?? '127.0.0.1'}:${options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const o = this.options;
    const args = ['--port', String(o.port), '--host', o.host ?? '127.0.0.1', '--chain-id', String(o.chainId)];
    if (o.blockTimeSec > 0) args.push('--block-time', String(o.blockTimeSec));
    if (o.stateFile) {
      mkdirSync(dirname(o.stateFile), { recursive: true });
      args.push('--state', o.stateFile, '--state-interval', String(o.stateIntervalSec ?? 5));
    }
    const child = spawn(anvilBinaryPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    process.once('exit', this.killOnExit);
    const log = o.log ?? (() => undefined);
    let output = '';
    // Only our own process's "Listening on" line counts: a port taken by another node must not
    // look like a successful start.
    const listening = new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        const m = /Listening on ([\d.]+|\[[^\]]+\]|[\w.-]+):(\d+)/.exec(output);
        if (m) {
          child.stdout?.off('data', onData);
          child.stdout?.on('data', (more: Buffer) => log(more.toString().trim()));
          resolve(`http://${m[1]}:${m[2]}`);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (d: Buffer) => {
        output += d.toString();
        log(d.toString().trim());
      });
      child.once('exit', (code) => reject(new Error(`anvil exited with code ${code}: ${output.trim().split('\n').slice(-3).join(' ')}`)));
      child.once('error', reject);
    });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('anvil did not start within 30 s')), 30_000).unref());
    try {
      this.url = await Promise.race([listening, timeout]);
      await waitForRpc(this.url);
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    process.off('exit', this.killOnExit);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
    this.child = undefined;
  }
}
