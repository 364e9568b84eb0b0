export { loadConfig, ConfigError, type TallyConfig, type LogLevel } from './config/config.js';
export { ConfigModule, TALLY_CONFIG } from './config/config.module.js';
export { DomainException, CoreException, CoreErrorCode, CORE_ERROR_STATUS, registerErrorCodes, statusOfCode } from './errors/domain.exception.js';
export { ErrorBody } from './errors/error-body.js';
export { AllExceptionsFilter } from './errors/all-exceptions.filter.js';
export { createValidationPipe } from './errors/validation.js';
export { Money, divRoundHalfEven } from './money/money.js';
export { CURRENCY_MINOR_UNITS, isCurrency, minorUnits } from './money/currency.js';
export { bigintTransformer, moneyColumn } from './money/bigint.transformer.js';
export { createLogger, createHttpLogger, PinoNestLogger } from './logging/logger.js';
export { buildDataSourceOptions, type DataSourceInput } from './database/data-source-options.js';
export { SnakeNamingStrategy } from './database/snake-naming.strategy.js';
export { runMigrations } from './database/migrate.js';
export { checkDatabase, type DatabaseHealth } from './database/database-health.js';
export { EmbeddedPostgresServer, type EmbeddedPostgresOptions } from './database/embedded-postgres.js';

import { CoreFoundation1763750000000 } from './database/migrations/1763750000000-CoreFoundation.js';
/** Core's migrations, in order. */
export const CORE_MIGRATIONS = [CoreFoundation1763750000000];
/** Core's entities. */
export const CORE_ENTITIES = [] as const;
