export { PlatformModule, type PlatformOptions } from './platform.module.js';
export { RUNTIME } from './tokens.js';
export { PlatformStatusService, TALLY_VERSION, type PlatformHealth, type PlatformStatus } from './platform-status.service.js';
export { startRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
export { migrateDatabase } from './migrate-on-start.js';
export { ENTITIES, MIGRATIONS } from './schema.js';
export { loadOrCreateSecrets } from './secrets.js';
export { launch, type AppFactory } from './launch.js';
export { AuditHeadAnchorer } from './audit-head-anchorer.js';
