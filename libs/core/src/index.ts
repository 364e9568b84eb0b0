export { loadConfig, ConfigError, type TallyConfig, type LogLevel } from './config/config.js';
export { ConfigModule, TALLY_CONFIG } from './config/config.module.js';
export { DomainException, CoreException, CoreErrorCode, CORE_ERROR_STATUS, registerErrorCodes, statusOfCode } from './errors/domain.exception.js';
export { ErrorBody } from './errors/error-body.js';
export { AllExceptionsFilter } from './errors/all-exceptions.filter.js';
export { createValidationPipe, OptionalNotNull } from './errors/validation.js';
export { Money, divRoundHalfEven, formatAmount } from './money/money.js';
export { CURRENCY_MINOR_UNITS, isCurrency, minorUnits } from './money/currency.js';
export { bigintTransformer, moneyColumn } from './money/bigint.transformer.js';
export { hostileInputGuard, hostileJsonReason, expressErrorHandler, installClientErrorHandler, JSON_MAX_DEPTH } from './http/hostile-input.js';
export { noStore } from './http/no-store.js';
export { createLogger, createHttpLogger, PinoNestLogger } from './logging/logger.js';
export { buildDataSourceOptions, type DataSourceInput } from './database/data-source-options.js';
export { SnakeNamingStrategy } from './database/snake-naming.strategy.js';
export { runMigrations } from './database/migrate.js';
export { TransactionGuard } from './database/transaction-guard.js';
export { isUniqueViolation } from './database/unique-violation.js';
export { checkDatabase, type DatabaseHealth } from './database/database-health.js';
export { EmbeddedPostgresServer, type EmbeddedPostgresOptions } from './database/embedded-postgres.js';

export { IdempotencyInterceptor, OwnIdempotency, OWN_IDEMPOTENCY } from './idempotency/idempotency.interceptor.js';
export { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity.js';
export { answerInTransaction } from './idempotency/idempotency-attempt.js';

export { AuditService, auditHash, GENESIS_HASH, type AuditEvent, type AuditFilter, type AuditVerification } from './audit/audit.service.js';
export { AuditEntryEntity } from './audit/audit-entry.entity.js';
export { canonicalJson, toJsonSafe } from './util/canonical-json.js';
export { mapLimit } from './util/map-limit.js';
export { BusinessDate, isCalendarDate } from './time/business-date.js';
export { PageQueryDto, pageOf, type Page } from './paging/page.js';

import { AuditEntryEntity } from './audit/audit-entry.entity.js';
import { AuditLog1763780000000 } from './database/migrations/1763780000000-AuditLog.js';
import { CoreFoundation1763750000000 } from './database/migrations/1763750000000-CoreFoundation.js';
import { IdempotencyKeys1763770000000 } from './database/migrations/1763770000000-IdempotencyKeys.js';
import { IdempotencyLease1764863417000 } from './database/migrations/1764863417000-IdempotencyLease.js';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity.js';
/** Core's migrations, in order. */
export const CORE_MIGRATIONS = [CoreFoundation1763750000000, IdempotencyKeys1763770000000, AuditLog1763780000000, IdempotencyLease1764863417000];
/** Core's entities. */
export const CORE_ENTITIES = [IdempotencyKeyEntity, AuditEntryEntity];
export {
  PlatformRole,
  OrgRole,
  ALL_ROLES,
  hasRole,
  seesAllOrganizations,
  organizationScope,
  mayReadOrganization,
  type Role,
  type Principal,
} from './auth/principal.js';
export { Access, ACCESS_POLICY, type AccessPolicy } from './auth/access.decorator.js';
export { CurrentPrincipal } from './auth/current-principal.decorator.js';
