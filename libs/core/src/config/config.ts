import { dirname, resolve } from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The whole typed configuration, read once at boot (see `loadConfig`). */
export interface TallyConfig {
  nodeEnv: string;
  port: number;
  host: string;
  logLevel: LogLevel;
  /** Root of everything the embedded mode writes: PostgreSQL data, chain state, keys. */
  tallyHome: string;
  database: {
    /** Absent: start the embedded PostgreSQL under `tallyHome/pg`. */
    url?: string;
    embeddedPort: number;
    poolSize: number;
    /** How long a request waits for a pooled connection before the API answers 503 with `Retry-After`. */
    connectTimeoutMs: number;
    /**
     * A query that borrows a second pooled connection while its caller holds a transaction
     * (the pool-starvation defect): `log` it (default), `throw` (tests), or `off`.
     */
    txGuard: 'off' | 'log' | 'throw';
  };
  chain: {
    /** Absent: start the embedded anvil node under `tallyHome/chain`. */
    rpcUrl?: string;
    /** Expected chain id; in embedded mode the id anvil is started with. */
    chainId?: number;
    anvilPort: number;
    anvilBlockTimeSec: number;
    confirmations: number;
    /** Server mode: JSON file naming the deployed contracts. */
    deploymentFile?: string;
    /** Deploy missing contracts at start (default: on in embedded mode, off in server mode). */
    autoDeploy: boolean;
    /** Top up the gas money of every role's key with `anvil_setBalance` (dev chains only). */
    devFaucet: boolean;
    /** The admin key's keystore (DEFAULT_ADMIN_ROLE; the one operator key of earlier versions). */
    keystoreFile: string;
    /** The other roles' keystores: `registrar.json`, `anchorer.json`, `settlement-agent.json`, `bill-operator.json`. */
    keystoreDir: string;
    /** Absent in embedded mode: generated into `tallyHome/keystore/password`. */
    keystorePassword?: string;
  };
  worker: {
    /** Run the outbox worker inside the API process (embedded default). */
    inApi: boolean;
    pollMs: number;
    batchSize: number;
    leaseMs: number;
    /** A transaction still unmined after this long is replaced with a higher fee. */
    stuckAfterMs: number;
    maxAttempts: number;
  };
  demoPassword?: string;
  /** How long an idempotency key's attempt owns the key; after it, a retry takes it over. */
  idempotencyLeaseMs: number;
  corsOrigins: string[];
  /**
   * Proxies whose `X-Forwarded-For` is believed (client IPs for login throttling and rate limits):
   * Express `trust proxy` values (`loopback`, `uniquelocal`, addresses, CIDRs). Empty (default):
   * none, the socket's address is the client.
   */
  trustProxy: string[];
  auth: {
    /** HS256 secret of access tokens; absent in embedded mode: generated into TALLY_HOME. */
    jwtSecret?: string;
    accessTokenTtlSec: number;
    refreshTokenTtlSec: number;
    /** Failed logins of one account within the window before a temporary lockout. */
    maxFailuresPerAccount: number;
    /** Failed logins from one IP within the window before it is throttled. */
    maxFailuresPerIp: number;
    lockoutSec: number;
  };
  identity: {
    /** Sanctions list CSV: name, aliases (separated by `;`), country, list name. */
    sanctionsListFile: string;
    /** Similarity (0..1) from which a name counts as a screening hit. */
    screeningThreshold: number;
    /** Encrypts custodial wallet keys at rest; absent in embedded mode: generated into TALLY_HOME. */
    walletMasterKey?: string;
    kycExpiryCheckMs: number;
    /** Outbound mail spool (one JSON file per message, default `TALLY_HOME/mail`): invites. */
    mailDir: string;
    inviteTtlSec: number;
    /** Where links in mails point (PUBLIC_URL). */
    publicUrl: string;
  };
  documents: {
    /** Content-addressed store of uploaded documents (default `TALLY_HOME/docs`). */
    dir: string;
    /** Largest document accepted, in bytes (413 above). */
    maxBytes: number;
  };
  anchoring: {
    /** A batch is sealed at this many leaves... */
    batchMax: number;
    /** ...or when its oldest leaf has waited this long. */
    batchWindowMs: number;
    /** Public verification requests per minute and client IP (in-process token bucket). */
    verifyRatePerMinute: number;
  };
  /** Base URL of the portal as users reach it (QR codes of certificates link to its verify page). */
  publicUrl: string;
  bills: {
    /** Smallest part of a split, minor units. */
    minSplitPartMinor: bigint;
    /** Days past the due date before an OVERDUE bill is DEFAULTED. */
    defaultGraceDays: number;
    agingCheckMs: number;
    /** Pause of the bill chain indexer between two polls once it has caught up (where the outbox worker runs). */
    indexerPollMs: number;
  };
  /** How often the audit log's head hash is anchored (if it moved). */
  auditAnchorIntervalMs: number;
  /** Built portal (static files served at `/`). */
  portalDir: string;
  /** Largest JSON body accepted, in bytes. */
  jsonBodyLimitBytes: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function str(env: Env, key: string): string | undefined {
  const v = env[key];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, key: string, def: number, min: number, max: number): number {
  const raw = str(env, key);
  if (raw === undefined) return def;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${key} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

const TRUST_PROXY_ITEM = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;
function trustProxyOf(raw: string | undefined): string[] {
  const items = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!TRUST_PROXY_ITEM.test(item)) throw new ConfigError(`TRUST_PROXY: "${item}" is not loopback, linklocal, uniquelocal, an IP address or a CIDR`);
  }
  return items;
}

function oneOf<T extends string>(env: Env, key: string, values: readonly T[], def: T): T {
  const raw = str(env, key);
  if (raw === undefined) return def;
  if (!(values as readonly string[]).includes(raw)) throw new ConfigError(`${key} must be one of ${values.join(', ')}`);
  return raw as T;
}

function bool(env: Env, key: string, def: boolean): boolean {
  const raw = str(env, key)?.toLowerCase();
  if (raw === undefined) return def;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${key} must be true or false (got "${raw}")`);
}

function url(env: Env, key: string, protocols: string[]): string | undefined {
  const raw = str(env, key);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${key} must be a URL (got "${redact(raw)}")`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${key} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
  }
  return raw;
}

/** Hides the password of a connection string in error messages. */
function redact(value: string): string {
  return value.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}

/** Reads and validates the configuration. Throws `ConfigError` with one clear line on bad input. */
export function loadConfig(env: Env = process.env): TallyConfig {
  const logLevel = (str(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const tallyHome = resolve(str(env, 'TALLY_HOME') ?? './.tally');
  const rpcUrl = url(env, 'RPC_URL', ['http:', 'https:']);
  const chainIdRaw = str(env, 'CHAIN_ID');
  const chainId = chainIdRaw === undefined ? (rpcUrl ? undefined : 31337) : int(env, 'CHAIN_ID', 0, 1, 2 ** 48);
  const corsOrigins = (str(env, 'CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS must be a comma-separated list of origins like http://host:port (got "${origin}")`);
    }
  }
  const threshold = str(env, 'SCREENING_THRESHOLD') ?? '0.88';
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(threshold)) {
    throw new ConfigError(`SCREENING_THRESHOLD must be a number from 0 to 1 (got "${threshold}")`);
  }
  const jwtSecret = str(env, 'JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters long');
  if (rpcUrl && str(env, 'DATABASE_URL') && !jwtSecret) throw new ConfigError('JWT_SECRET is required in server mode');
  const walletMasterKey = str(env, 'WALLET_MASTER_KEY');
  if (walletMasterKey !== undefined && !/^[0-9a-fA-F]{64}$/.test(walletMasterKey)) {
    throw new ConfigError('WALLET_MASTER_KEY must be 64 hex characters (32 bytes)');
  }
  if (rpcUrl && str(env, 'DATABASE_URL') && !walletMasterKey) throw new ConfigError('WALLET_MASTER_KEY is required in server mode');
  const demoPassword = str(env, 'TALLY_DEMO_PASSWORD');
  if (demoPassword !== undefined && demoPassword.length < 12) {
    throw new ConfigError('TALLY_DEMO_PASSWORD must be at least 12 characters long');
  }
  const keystorePassword = str(env, 'KEYSTORE_PASSWORD');
  if (rpcUrl && !keystorePassword) {
    throw new ConfigError('KEYSTORE_PASSWORD is required when RPC_URL is set (server mode signs with an encrypted keystore)');
  }
  const keystoreFile = resolve(str(env, 'KEYSTORE_FILE') ?? `${tallyHome}/keystore/operator.json`);
  return Object.freeze({
    nodeEnv: str(env, 'NODE_ENV') ?? 'development',
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST') ?? '0.0.0.0',
    logLevel,
    tallyHome,
    database: {
      url: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
      embeddedPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535),
      poolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
      connectTimeoutMs: int(env, 'DATABASE_CONNECT_TIMEOUT_MS', 10_000, 100, 600_000),
      txGuard: oneOf(env, 'DATABASE_TX_GUARD', ['off', 'log', 'throw'] as const, 'log'),
    },
    chain: {
      rpcUrl,
      chainId,
      anvilPort: int(env, 'ANVIL_PORT', 8545, 1, 65535),
      anvilBlockTimeSec: int(env, 'ANVIL_BLOCK_TIME', 1, 0, 3600),
      confirmations: int(env, 'CHAIN_CONFIRMATIONS', 1, 1, 1000),
      deploymentFile: str(env, 'DEPLOYMENT_FILE') ? resolve(str(env, 'DEPLOYMENT_FILE')!) : undefined,
      autoDeploy: bool(env, 'CHAIN_AUTO_DEPLOY', !rpcUrl),
      devFaucet: bool(env, 'CHAIN_DEV_FAUCET', !rpcUrl),
      keystoreFile,
      keystoreDir: resolve(str(env, 'KEYSTORE_DIR') ?? dirname(keystoreFile)),
      keystorePassword,
    },
    worker: {
      inApi: bool(env, 'WORKER_IN_API', true),
      pollMs: int(env, 'WORKER_POLL_MS', 100, 10, 60_000),
      batchSize: int(env, 'WORKER_BATCH_SIZE', 100, 1, 10_000),
      leaseMs: int(env, 'WORKER_LEASE_MS', 30_000, 1_000, 3_600_000),
      stuckAfterMs: int(env, 'WORKER_STUCK_AFTER_MS', 60_000, 1_000, 3_600_000),
      maxAttempts: int(env, 'WORKER_MAX_ATTEMPTS', 10, 1, 1_000),
    },
    demoPassword,
    idempotencyLeaseMs: int(env, 'IDEMPOTENCY_LEASE_MS', 60_000, 100, 86_400_000),
    corsOrigins,
    trustProxy: trustProxyOf(str(env, 'TRUST_PROXY')),
    auth: {
      jwtSecret,
      accessTokenTtlSec: int(env, 'ACCESS_TOKEN_TTL_S', 900, 30, 86_400),
      refreshTokenTtlSec: int(env, 'REFRESH_TOKEN_TTL_S', 30 * 86_400, 60, 365 * 86_400),
      maxFailuresPerAccount: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1_000),
      maxFailuresPerIp: int(env, 'LOGIN_IP_MAX_FAILURES', 50, 1, 100_000),
      lockoutSec: int(env, 'LOGIN_LOCKOUT_S', 900, 1, 86_400),
    },
    identity: {
      sanctionsListFile: resolve(str(env, 'SANCTIONS_LIST_FILE') ?? 'libs/identity/data/sanctions-sample.csv'),
      screeningThreshold: Number(threshold),
      walletMasterKey,
      kycExpiryCheckMs: int(env, 'KYC_EXPIRY_CHECK_MS', 60_000, 100, 86_400_000),
      mailDir: resolve(str(env, 'MAIL_DIR') ?? `${tallyHome}/mail`),
      inviteTtlSec: int(env, 'INVITE_TTL_S', 7 * 86_400, 60, 30 * 86_400),
      publicUrl: (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${int(env, 'PORT', 3000, 0, 65535)}`).replace(/\/+$/, ''),
    },
    documents: {
      dir: resolve(str(env, 'DOCUMENTS_DIR') ?? `${tallyHome}/docs`),
      maxBytes: int(env, 'DOCUMENT_MAX_BYTES', 25 * 1_048_576, 1, 1_073_741_824),
    },
    anchoring: {
      batchMax: int(env, 'ANCHOR_BATCH_MAX', 10_000, 1, 1_000_000),
      batchWindowMs: int(env, 'ANCHOR_BATCH_WINDOW_MS', 5_000, 10, 86_400_000),
      verifyRatePerMinute: int(env, 'VERIFY_RATE_PER_MINUTE', 60, 1, 1_000_000),
    },
    publicUrl: (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${int(env, 'PORT', 3000, 0, 65535)}`).replace(/\/+$/, ''),
    bills: {
      minSplitPartMinor: BigInt(int(env, 'BILL_MIN_SPLIT_PART_MINOR', 1_000, 1, 1_000_000_000)),
      defaultGraceDays: int(env, 'BILL_DEFAULT_GRACE_DAYS', 30, 0, 3_650),
      agingCheckMs: int(env, 'BILL_AGING_CHECK_MS', 60_000, 100, 86_400_000),
      indexerPollMs: int(env, 'INDEXER_POLL_MS', 1_000, 10, 3_600_000),
    },
    auditAnchorIntervalMs: int(env, 'AUDIT_ANCHOR_INTERVAL_MS', 600_000, 1_000, 86_400_000),
    portalDir: resolve(str(env, 'PORTAL_DIR') ?? 'apps/api/public'),
    jsonBodyLimitBytes: int(env, 'JSON_BODY_LIMIT_BYTES', 1_048_576, 1_024, 104_857_600),
  });
}
