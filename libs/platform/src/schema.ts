import { CORE_ENTITIES, CORE_MIGRATIONS } from '#core';
import { CHAIN_ENTITIES, CHAIN_MIGRATIONS } from '#chain';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from '#identity';
import { ANCHORING_ENTITIES, ANCHORING_MIGRATIONS } from '#anchoring';
import { DOCUMENTS_ENTITIES, DOCUMENTS_MIGRATIONS } from '#documents';
import { BILLS_ENTITIES, BILLS_MIGRATIONS } from '#bills';
import { SETTLEMENT_ENTITIES, SETTLEMENT_MIGRATIONS } from '#settlement';
import { SECURITIZATION_ENTITIES, SECURITIZATION_MIGRATIONS, SERVICING_ENTITIES, SERVICING_MIGRATIONS } from '#securitization';

/** Every entity and migration of the platform: the one schema API, worker and CLI share. */
export const ENTITIES = [...CORE_ENTITIES, ...CHAIN_ENTITIES, ...IDENTITY_ENTITIES, ...ANCHORING_ENTITIES, ...DOCUMENTS_ENTITIES, ...SETTLEMENT_ENTITIES, ...BILLS_ENTITIES, ...SECURITIZATION_ENTITIES, ...SERVICING_ENTITIES];
export const MIGRATIONS = [...CORE_MIGRATIONS, ...CHAIN_MIGRATIONS, ...IDENTITY_MIGRATIONS, ...ANCHORING_MIGRATIONS, ...DOCUMENTS_MIGRATIONS, ...SETTLEMENT_MIGRATIONS, ...BILLS_MIGRATIONS, ...SECURITIZATION_MIGRATIONS, ...SERVICING_MIGRATIONS].sort(
  // the epoch at the end of each class name orders the migrations across libs
  (a, b) => Number(/\d{13}$/.exec(a.name)![0]) - Number(/\d{13}$/.exec(b.name)![0]),
);
