import { describe, expect, it } from '@jest/globals';
import { JsonRpcProvider } from 'ethers';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeystoreSignerSource } from './keystore.js';

describe('KeystoreSignerSource', () => {
  const provider = new JsonRpcProvider('http://127.0.0.1:1', 31337, { staticNetwork: true });

  it('generates an encrypted keystore once and loads the same key afterwards', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tally-ks-')), 'keystore', 'operator.json');
    const first = await new KeystoreSignerSource(file, 'pw-1', true).load(provider);
    const json = readFileSync(file, 'utf8');
    expect(JSON.parse(json).crypto ?? JSON.parse(json).Crypto).toBeDefined();
    expect(json).not.toContain((first as unknown as { privateKey: string }).privateKey.slice(2));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await new KeystoreSignerSource(file, 'pw-1', false).load(provider);
    expect(await again.getAddress()).toBe(await first.getAddress());
    await expect(new KeystoreSignerSource(file, 'wrong', false).load(provider)).rejects.toThrow(/password/i);
  }, 60_000);

  it('refuses to invent a key outside the embedded mode', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tally-ks-')), 'missing.json');
    await expect(new KeystoreSignerSource(file, 'pw', false).load(provider)).rejects.toThrow('not found');
  });
});
