import argon2 from 'argon2';

/**
 * argon2id with OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1). The parameters are in
 * each stored hash, so raising them later re-hashes on the next successful login.
 */
export const ARGON2_PARAMS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordHasher {
  // a real hash to compare against when the account does not exist: both paths cost the same
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_PARAMS);
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password).catch(() => false);
  }

  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, ARGON2_PARAMS);
  }

  /** Spends the time a real verification would, for unknown accounts. */
  async burn(password: string): Promise<void> {
    this.dummy ??= this.hash('tally-unknown-account');
    await this.verify(await this.dummy, password);
  }
}
