import type { JsonRpcProvider, Signer } from 'ethers';
import { join } from 'node:path';
import { CHAIN_ROLES, ChainRole } from '../chain-context.js';
import { KeystoreSignerSource, type KeystoreOptions } from './keystore.js';

export interface RoleKeysOptions {
  /** The admin's keystore (`KEYSTORE_FILE`; the one operator key of earlier versions). */
  adminFile: string;
  /** Where the other roles' keystores are, `<role>.json` each (`KEYSTORE_DIR`). */
  dir: string;
  /** One password for every keystore of the installation (never logged). */
  password: string;
  /** Generate a missing key (embedded mode only); otherwise a missing keystore is an error. */
  createIfMissing: boolean;
  kdf?: KeystoreOptions['kdf'];
}

/** The keystore file of a role: the admin's is `KEYSTORE_FILE`, the others `KEYSTORE_DIR/<role>.json`. */
export function roleKeystoreFile(options: Pick<RoleKeysOptions, 'adminFile' | 'dir'>, role: ChainRole): string {
  return role === ChainRole.ADMIN ? options.adminFile : join(options.dir, `${role}.json`);
}

/** Opens (or, in embedded mode, creates) one keystore per contract role. */
export async function loadRoleKeys(provider: JsonRpcProvider, options: RoleKeysOptions): Promise<Record<ChainRole, Signer>> {
  const signers = await Promise.all(
    CHAIN_ROLES.map((role) =>
      new KeystoreSignerSource(roleKeystoreFile(options, role), options.password, options.createIfMissing, { kdf: options.kdf }).load(
        provider,
      ),
    ),
  );
  return Object.fromEntries(CHAIN_ROLES.map((role, i) => [role, signers[i]!])) as Record<ChainRole, Signer>;
}
