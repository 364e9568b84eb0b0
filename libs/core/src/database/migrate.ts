import type { DataSource, Migration } from 'typeorm';

/** Arbitrary constant: the advisory lock that serialises migrations of concurrently starting nodes. */
const MIGRATION_LOCK = 7_342_001;

/** Runs pending migrations under an advisory lock (needs a pool of at least 2: the lock holds one connection), so several API/worker nodes may start at once. */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
