import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrations } from '#core';
import { ENTITIES, MIGRATIONS } from '#platform';

/** The server chosen by global-setup.mjs: CI's PostgreSQL, or an embedded one. */
export function adminUrl(): string {
  const url = process.env.TALLY_TEST_PG_URL;
  if (!url) throw new Error('TALLY_TEST_PG_URL is not set: run the tests with `npm test`');
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file (dropped afterwards). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `tally_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    name,
    url: withDatabase(adminUrl(), name),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A data source on the given database with the real migrations applied. */
export async function migratedDataSource(url: string, poolSize = 5): Promise<DataSource> {
  const ds = new DataSource(buildDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS, poolSize, applicationName: 'tally-test' }));
  await ds.initialize();
  await runMigrations(ds);
  return ds;
}
