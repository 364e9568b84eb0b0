import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded mode', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.url).toBeUndefined();
    expect(c.chain.rpcUrl).toBeUndefined();
    expect(c.chain.chainId).toBe(31337);
    expect(c.chain.autoDeploy).toBe(true);
    expect(c.chain.confirmations).toBe(1);
    expect(c.tallyHome.endsWith('.tally')).toBe(true);
    expect(c.worker.inApi).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads the server mode', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/tally',
      RPC_URL: 'https://rpc.example:8545',
      KEYSTORE_PASSWORD: 'x',
      JWT_SECRET: 'j'.repeat(32),
      WALLET_MASTER_KEY: 'ab'.repeat(32),
      CHAIN_CONFIRMATIONS: '12',
      CORS_ORIGINS: 'https://portal.example, http://localhost:5173',
    });
    expect(c.chain.autoDeploy).toBe(false);
    expect(c.chain.chainId).toBeUndefined();
    expect(c.chain.confirmations).toBe(12);
    expect(c.corsOrigins).toEqual(['https://portal.example', 'http://localhost:5173']);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be an integer'],
    [{ CHAIN_CONFIRMATIONS: '0' }, 'CHAIN_CONFIRMATIONS must be an integer from 1'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must use postgres: or postgresql:'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a URL'],
    [{ RPC_URL: 'http://node:8545' }, 'KEYSTORE_PASSWORD is required when RPC_URL is set'],
    [{ TALLY_DEMO_PASSWORD: 'short' }, 'TALLY_DEMO_PASSWORD must be at least 12 characters'],
    [{ CORS_ORIGINS: 'portal.example' }, 'CORS_ORIGINS must be a comma-separated list of origins'],
    [{ CHAIN_AUTO_DEPLOY: 'maybe' }, 'CHAIN_AUTO_DEPLOY must be true or false'],
    [{ DATABASE_URL: 'postgres://h/db', RPC_URL: 'http://n:8545', KEYSTORE_PASSWORD: 'x' }, 'JWT_SECRET is required in server mode'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ WALLET_MASTER_KEY: 'zz' }, 'WALLET_MASTER_KEY must be 64 hex characters'],
    [{ SCREENING_THRESHOLD: '1.5' }, 'SCREENING_THRESHOLD must be a number from 0 to 1'],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a database password', () => {
    try {
      loadConfig({ DATABASE_URL: 'postgres://user:s3cret@ host/db' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as Error).message).not.toContain('s3cret');
    }
  });

  it('trusts X-Forwarded-For only from the proxies named in TRUST_PROXY', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_TX_GUARD: 'sometimes' })).toThrow(ConfigError);
  });
});
