import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedSecrets {
  postgresPassword: string;
  keystorePassword: string;
  jwtSecret: string;
  /** 32 bytes hex: encrypts custodial wallet keys at rest. */
  walletMasterKey: string;
}

const generators: Record<keyof EmbeddedSecrets, () => string> = {
  postgresPassword: () => randomBytes(24).toString('base64url'),
  keystorePassword: () => randomBytes(24).toString('base64url'),
  jwtSecret: () => randomBytes(48).toString('base64url'),
  walletMasterKey: () => randomBytes(32).toString('hex'),
};

/** Secrets of the embedded mode: generated once into `TALLY_HOME/secrets.json` (0600, git-ignored). */
export function loadOrCreateSecrets(tallyHome: string): EmbeddedSecrets {
  mkdirSync(tallyHome, { recursive: true, mode: 0o755 });
  // the embedded PostgreSQL runs as another OS user and must traverse TALLY_HOME to reach pg/
  // (a home made by `mktemp -d` is 0700): add search permission only, never read
  const mode = statSync(tallyHome).mode & 0o777;
  if ((mode & 0o011) !== 0o011) chmodSync(tallyHome, mode | 0o011);
  const file = join(tallyHome, 'secrets.json');
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<EmbeddedSecrets>) : {};
  const missing = (Object.keys(generators) as (keyof EmbeddedSecrets)[]).filter((k) => !existing[k]);
  if (missing.length === 0) return existing as EmbeddedSecrets;
  const secrets = { ...existing } as EmbeddedSecrets;
  for (const k of missing) secrets[k] = generators[k]();
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
