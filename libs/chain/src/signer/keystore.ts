import { encryptKeystoreJson, Wallet, type JsonRpcProvider, type Signer } from 'ethers';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The operator's signing key. Today an encrypted JSON keystore (scrypt, Web3 Secret Storage);
 * a KMS-backed signer replaces it by implementing ethers' `AbstractSigner`
 * (`getAddress`, `signTransaction`, `signMessage`, `signTypedData`): the rest of Tally
 * only ever sees an ethers `Signer`.
 */
export interface SignerSource {
  load(provider: JsonRpcProvider): Promise<Signer>;
}

export interface KeystoreOptions {
  /**
   * `standard`: scrypt with ethers' default cost (N = 2^17, about a second of CPU per read), the
   * right choice for a password a person chose. `generated`: the password is a random secret of
   * at least 128 bits that Tally generated itself (the embedded mode's `secrets.json`); key
   * stretching adds nothing to such a password (no one guesses 2^128 candidates, however cheap
   * each is), so the keystore uses scrypt N = 2^12 and reads in milliseconds instead of taking a
   * second off every start. A keystore found with a higher cost is rewritten once with the lower.
   */
  kdf?: 'standard' | 'generated';
}

/** scrypt cost of keystores whose password is a generated high-entropy secret (see `KeystoreOptions.kdf`). */
export const GENERATED_PASSWORD_SCRYPT_N = 1 << 12;

export class KeystoreSignerSource implements SignerSource {
  constructor(
    private readonly file: string,
    private readonly password: string,
    /** Generate a new key when the file is missing (embedded mode only). */
    private readonly createIfMissing: boolean,
    private readonly options: KeystoreOptions = {},
  ) {}

  async load(provider: JsonRpcProvider): Promise<Signer> {
    if (!existsSync(this.file)) {
      if (!this.createIfMissing) throw new Error(`keystore ${this.file} not found (KEYSTORE_FILE / KEYSTORE_DIR)`);
      const fresh = Wallet.createRandom();
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      this.write(await this.encrypt(fresh));
      return new Wallet(fresh.privateKey, provider); // no second scrypt pass to read back what we just wrote
    }
    const json = readFileSync(this.file, 'utf8');
    const wallet = await Wallet.fromEncryptedJson(json, this.password);
    if (this.options.kdf === 'generated' && scryptN(json) > GENERATED_PASSWORD_SCRYPT_N) this.write(await this.encrypt(wallet));
    return new Wallet(wallet.privateKey, provider);
  }

  private encrypt(wallet: Wallet | { address: string; privateKey: string }): Promise<string> {
    if (this.options.kdf === 'generated') {
      return encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, this.password, {
        scrypt: { N: GENERATED_PASSWORD_SCRYPT_N },
      });
    }
    return (wallet as Wallet).encrypt(this.password);
  }

  /** Written beside and renamed over: a crash never leaves half a keystore. */
  private write(json: string): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, json, { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

/** The scrypt cost parameter of a Web3 Secret Storage file (0 when it is not scrypt). */
function scryptN(json: string): number {
  const parsed = JSON.parse(json) as { crypto?: { kdf?: string; kdfparams?: { n?: number } }; Crypto?: { kdf?: string; kdfparams?: { n?: number } } };
  const crypto = parsed.crypto ?? parsed.Crypto;
  return crypto?.kdf === 'scrypt' ? Number(crypto.kdfparams?.n ?? 0) : 0;
}
