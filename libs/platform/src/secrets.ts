import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedSecrets {
  postgresPassword: string;
  keystorePassword: string;
}

/** Secrets of the embedded mode: generated once into `TALLY_HOME/secrets.json` (0600, git-ignored). */
export function loadOrCreateSecrets(tallyHome: string): EmbeddedSecrets {
  const file = join(tallyHome, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as EmbeddedSecrets;
  // 0755: the embedded PostgreSQL runs as another OS user and must reach TALLY_HOME/pg
  mkdirSync(tallyHome, { recursive: true, mode: 0o755 });
  const secrets: EmbeddedSecrets = {
    postgresPassword: randomBytes(24).toString('base64url'),
    keystorePassword: randomBytes(24).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
