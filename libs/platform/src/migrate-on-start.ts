import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrations } from '#core';
import { ENTITIES, MIGRATIONS } from './schema.js';

/** Brings the schema up to date before the application starts (same migrations in every mode). */
export async function migrateDatabase(url: string): Promise<string[]> {
  const ds = new DataSource(buildDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 2, applicationName: 'tally-migrate' }));
  await ds.initialize();
  try {
    return (await runMigrations(ds)).map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
