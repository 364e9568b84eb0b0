import { CORE_ENTITIES, CORE_MIGRATIONS } from '#core';
import { CHAIN_ENTITIES, CHAIN_MIGRATIONS } from '#chain';

/** Every entity and migration of the platform: the one schema API, worker and CLI share. */
export const ENTITIES = [...CORE_ENTITIES, ...CHAIN_ENTITIES];
export const MIGRATIONS = [...CORE_MIGRATIONS, ...CHAIN_MIGRATIONS];
