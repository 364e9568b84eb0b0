// Bare Express 5 baseline for bench/http-baseline/run.mjs: no Nest, no middleware, no logging.
//
// Env: PORT (required), DATABASE_URL (required; the embedded PostgreSQL that Tally started).
// One pg.Pool (max 10, like Tally's default DATABASE_POOL_SIZE; pg's default 10 s idle timeout).
// Listens on 127.0.0.1 only and prints `READY <port>` on stdout without touching the database.
//
// GET /health                   -> `SELECT 1` (raced against a 2 s deadline like Tally's
//                                  checkDatabase), then {status, database: {status, latencyMs}}.
//                                  Tally's /health ALSO asks the chain node for the latest block
//                                  (one JSON-RPC call to anvil per request); this one does not.
// GET /api/v1/chain/jobs/summary -> `SELECT status, count(*) AS n FROM chain_jobs GROUP BY status`,
//                                  mapped to {pending, submitted, confirmed, failed} like
//                                  ChainJobsService.counts().
// Express defaults are kept (ETag on res.json); `x-powered-by` is disabled as Tally does.
import express from 'express';
import pg from 'pg';

const port = Number(process.env.PORT);
const databaseUrl = process.env.DATABASE_URL;
if (!Number.isInteger(port) || port <= 0 || !databaseUrl) {
  process.stderr.write('bare-express: PORT and DATABASE_URL are required\n');
  process.exit(2);
}

const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, application_name: 'bench-bare-express' });
pool.on('error', (err) => process.stderr.write(`bare-express: idle client error: ${err.message}\n`));
// Tells run.mjs the PostgreSQL backend pid of each new connection, so it can leave this server's
// backends out of Tally's process-tree memory (one extra query per connection, not per request).
pool.on('connect', (client) => {
  client
    .query('SELECT pg_backend_pid() AS pid')
    .then(({ rows }) => process.stdout.write(`BACKEND ${rows[0].pid}\n`))
    .catch(() => undefined);
});

function withDeadline(promise, ms) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function checkDatabase() {
  const started = performance.now();
  try {
    await withDeadline(pool.query('SELECT 1'), 2_000);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { status: 'down', detail: String(err.message).slice(0, 200) };
  }
}

const app = express();
app.disable('x-powered-by');

app.get('/health', async (_req, res) => {
  const database = await checkDatabase();
  const ok = database.status === 'up';
  res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'error', database });
});

app.get('/api/v1/chain/jobs/summary', async (_req, res, next) => {
  try {
    const { rows } = await pool.query('SELECT status, count(*) AS n FROM chain_jobs GROUP BY status');
    const counts = { pending: 0, submitted: 0, confirmed: 0, failed: 0 };
    for (const r of rows) counts[String(r.status).toLowerCase()] = Number(r.n);
    res.json(counts);
  } catch (err) {
    next(err);
  }
});

const server = app.listen(port, '127.0.0.1', () => process.stdout.write(`READY ${port}\n`));

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(1), 5_000);
  force.unref();
  server.close();
  server.closeAllConnections?.();
  pool.end().finally(() => process.exit(0));
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
