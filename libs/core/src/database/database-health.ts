import type { DataSource } from 'typeorm';

export interface DatabaseHealth {
  status: 'up' | 'down';
  latencyMs?: number;
  detail?: string;
}

/** `SELECT 1` with a deadline: a database that hangs is down, not slow. */
export async function checkDatabase(dataSource: DataSource, timeoutMs = 2_000): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await Promise.race([
      dataSource.query('SELECT 1'),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { status: 'down', detail: (err as Error).message.slice(0, 200) };
  }
}
