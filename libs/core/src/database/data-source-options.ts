import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export interface DataSourceInput {
  url: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  poolSize?: number;
  /** How long a caller waits for a pooled connection (then pg-pool fails it: the API answers 503). */
  connectTimeoutMs?: number;
  applicationName?: string;
}

/** The one way Tally connects to PostgreSQL: migrations only, never `synchronize`. */
export function buildDataSourceOptions(input: DataSourceInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities: input.entities,
    migrations: input.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: input.poolSize ?? 10,
    applicationName: input.applicationName ?? 'tally',
    extra: { connectionTimeoutMillis: input.connectTimeoutMs ?? 10_000, idleTimeoutMillis: 30_000 },
  };
}
