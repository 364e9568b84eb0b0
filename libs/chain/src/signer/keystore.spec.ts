import { describe, expect, it } from '@jest/globals';
import { JsonRpcProvider } from 'ethers';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_PASSWORD_SCRYPT_N, KeystoreSignerSource } from './keystore.js';

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

  it('with a generated password, writes a cheap scrypt keystore and rewrites a costly one once, keeping the key', async () => {
    type Crypto = { kdfparams: { n: number } };
    const n = (file: string) => {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { crypto?: Crypto; Crypto?: Crypto };
      return (json.crypto ?? json.Crypto)!.kdfparams.n;
    };
    const dir = mkdtempSync(join(tmpdir(), 'tally-ks-'));
    const cheap = join(dir, 'cheap.json');
    const made = await new KeystoreSignerSource(cheap, 'pw-2', true, { kdf: 'generated' }).load(provider);
    expect(n(cheap)).toBe(GENERATED_PASSWORD_SCRYPT_N);
    expect(statSync(cheap).mode & 0o777).toBe(0o600);
    expect(await (await new KeystoreSignerSource(cheap, 'pw-2', false, { kdf: 'generated' }).load(provider)).getAddress()).toBe(
      await made.getAddress(),
    );
    await expect(new KeystoreSignerSource(cheap, 'wrong', false, { kdf: 'generated' }).load(provider)).rejects.toThrow(/password/i);

    const costly = join(dir, 'costly.json');
    const old = await new KeystoreSignerSource(costly, 'pw-3', true).load(provider);
    expect(n(costly)).toBeGreaterThan(GENERATED_PASSWORD_SCRYPT_N);
    const reread = await new KeystoreSignerSource(costly, 'pw-3', false, { kdf: 'generated' }).load(provider);
    expect(await reread.getAddress()).toBe(await old.getAddress());
    expect(n(costly)).toBe(GENERATED_PASSWORD_SCRYPT_N);
    expect(statSync(costly).mode & 0o777).toBe(0o600);
    expect(await (await new KeystoreSignerSource(costly, 'pw-3', false).load(provider)).getAddress()).toBe(await old.getAddress());
  }, 60_000);
});
