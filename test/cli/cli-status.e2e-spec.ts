import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '../support/chain.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// The compiled CLI, run as a user runs it (`node scripts/test.mjs` builds first).
const CLI = resolve('dist/apps/cli/src/main.js');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function tally(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const base = { ...process.env };
  delete base.TALLY_API_URL;
  return new Promise((done) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: { ...base, ...env }, timeout: 30_000 }, (_err, stdout, stderr) =>
      done({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('tally status (compiled CLI against the real API)', () => {
  let p: TestPlatform;
  let contracts: { name: string; address: string; deploymentBlock: number }[];
  let anchorAddress: string;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the tests with \`node scripts/test.mjs\` (it builds first)`);
    p = await startTestPlatform();
    const status = (await (await fetch(`${p.baseUrl}/api/v1/status`)).json()) as { contracts: typeof contracts };
    contracts = status.contracts;
    anchorAddress = contracts.find((c) => c.name === 'DocumentAnchor')!.address;
  });
  afterAll(async () => {
    await p?.close();
  });

  it('prints database, chain, contracts and jobs as text, exit code 0', async () => {
    const run = await tally(['status', '--api', p.baseUrl]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Mode\s+server$/m);
    expect(run.stdout).toMatch(/^Version\s+\d+\.\d+\.\d+/m);
    expect(run.stdout).toMatch(/^Database\s+up\s+\d+ ms$/m);
    expect(run.stdout).toMatch(/^Chain\s+up\s+\d+ ms$/m);
    expect(run.stdout).toMatch(/^Chain id\s+31337$/m);
    expect(run.stdout).toMatch(/^Block height\s+\d+$/m);
    expect(run.stdout).toMatch(/^Last block\s+\d{4}-\d\d-\d\dT/m);
    expect(run.stdout).toContain(anchorAddress);
    for (const c of contracts) expect(run.stdout).toMatch(new RegExp(`^\\s+${c.name}\\s+${c.address}\\s+${c.deploymentBlock}$`, 'm'));
    for (const job of ['Pending', 'Submitted', 'Confirmed', 'Failed']) expect(run.stdout).toMatch(new RegExp(`^\\s+${job}\\s+0$`, 'm'));
  });

  it('prints the raw JSON with --json', async () => {
    const run = await tally(['status', '--api', p.baseUrl, '--json']);
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as { chain: { chainId: number }; contracts: { name: string; address: string }[] };
    expect(body.chain.chainId).toBe(31337);
    expect(body.contracts).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'DocumentAnchor', address: anchorAddress })]));
  });

  it('takes the API URL from TALLY_API_URL', async () => {
    const run = await tally(['status'], { TALLY_API_URL: `${p.baseUrl}/` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(anchorAddress);
  });

  it('exits with 2 and one line naming the URL when the API answers an error', async () => {
    const run = await tally(['status', '--api', `${p.baseUrl}/api/v1/nowhere`]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${p.baseUrl}/api/v1/nowhere/api/v1/status`);
    expect(run.stderr).toContain('404');
  });

  it('exits with 2 and one clear line when nothing listens at the URL', async () => {
    const port = await freePort();
    const run = await tally(['status', '--api', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`cannot reach the API at http://127.0.0.1:${port}/api/v1/status`);
    expect(run.stderr).toContain('ECONNREFUSED');
  });

  it('exits with 2 on a usage error', async () => {
    const run = await tally(['status', '--no-such-option']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--no-such-option'");
  });

  it('shows the chain down and exits with 1 once anvil is stopped', async () => {
    await p.chain.anvil.stop();
    const run = await tally(['status', '--api', p.baseUrl]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Database\s+up\b/m);
    expect(run.stdout).toMatch(/^Chain\s+down\b/m);
    expect(run.stdout).toMatch(/^Block height\s+unknown$/m);
    const json = await tally(['status', '--api', p.baseUrl, '--json']);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { chain: { status: string } }).chain.status).toBe('down');
  });
});
