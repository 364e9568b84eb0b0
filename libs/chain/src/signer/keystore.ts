import { Wallet, type JsonRpcProvider, type Signer } from 'ethers';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

export class KeystoreSignerSource implements SignerSource {
  constructor(
    private readonly file: string,
    private readonly password: string,
    /** Generate a new key when the file is missing (embedded mode only). */
    private readonly createIfMissing: boolean,
  ) {}

  async load(provider: JsonRpcProvider): Promise<Signer> {
    if (!existsSync(this.file)) {
      if (!this.createIfMissing) throw new Error(`keystore ${this.file} not found (KEYSTORE_FILE)`);
      const fresh = Wallet.createRandom();
      const json = await fresh.encrypt(this.password);
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      writeFileSync(this.file, json, { mode: 0o600 });
      return new Wallet(fresh.privateKey, provider); // no second scrypt pass to read back what we just wrote
    }
    const wallet = await Wallet.fromEncryptedJson(readFileSync(this.file, 'utf8'), this.password);
    return new Wallet(wallet.privateKey, provider);
  }
}
