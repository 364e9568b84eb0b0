import { CORE_ENTITIES, CORE_MIGRATIONS } from '#core';
import { CHAIN_ENTITIES, CHAIN_MIGRATIONS } from '#chain';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from '#identity';

/** Every entity and migration of the platform: the one schema API, worker and CLI share. */
export const ENTITIES = [...CORE_ENTITIES, ...CHAIN_ENTITIES, ...IDENTITY_ENTITIES];
export const MIGRATIONS = [...CORE_MIGRATIONS, ...CHAIN_MIGRATIONS, ...IDENTITY_MIGRATIONS].sort(
  // the epoch at the end of each class name orders the migrations across libs
  (a, b) => Number(/\d{13}$/.exec(a.name)![0]) - Number(/\d{13}$/.exec(b.name)![0]),
);
