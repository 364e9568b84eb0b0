import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrations } from '#core';
import { ENTITIES, MIGRATIONS } from '#platform';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const tables = async (ds: DataSource): Promise<string[]> =>
  (await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).map(
    (r: { table_name: string }) => r.table_name,
  );

describe('migrations (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(buildDataSourceOptions({ url: db.url, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 4 }));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('apply in order from an empty database', async () => {
    const applied = await runMigrations(ds);
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await tables(ds)).toEqual(expect.arrayContaining(['chain_deployments', 'chain_jobs', 'chain_nonces', 'chain_tx_attempts', 'idempotency_keys']));
    expect(await runMigrations(ds)).toEqual([]); // idempotent
  });

  it('match the entities exactly (nothing left for migration:generate)', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('run concurrently from several nodes without conflict (advisory lock)', async () => {
    const fresh = await createTestDatabase();
    const nodes = [0, 1, 2].map(() => new DataSource(buildDataSourceOptions({ url: fresh.url, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 2 })));
    try {
      await Promise.all(nodes.map((n) => n.initialize()));
      const results = await Promise.all(nodes.map((n) => runMigrations(n)));
      expect(results.map((r) => r.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
    } finally {
      await Promise.all(nodes.map((n) => n.destroy()));
      await fresh.drop();
    }
  });

  it('revert all the way down, and up again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables(ds)).toEqual(['schema_migrations']);
    const fns = await ds.query(`SELECT proname FROM pg_proc WHERE proname = 'tally_refuse_change'`);
    expect(fns).toHaveLength(0);
    await runMigrations(ds);
    expect(await tables(ds)).toContain('chain_jobs');
  });
});
