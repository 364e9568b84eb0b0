import { SettlementFoundation1763795000000 } from './migrations/1763795000000-SettlementFoundation.js';
import { SettlementMovementEntity } from './settlement-movement.entity.js';

export { SettlementModule } from './settlement.module.js';
export { SettlementService, SETTLEMENT_MINT_JOB, SETTLEMENT_BURN_JOB } from './settlement.service.js';
export { SettlementTokens, referenceHash } from './settlement-tokens.service.js';
export { SettlementMovementEntity, MovementKind, MovementState } from './settlement-movement.entity.js';
export { SettlementErrorCode, SettlementException, SETTLEMENT_ERROR_STATUS } from './settlement.errors.js';
export * from './settlement.dto.js';

export const SETTLEMENT_ENTITIES = [SettlementMovementEntity];
export const SETTLEMENT_MIGRATIONS = [SettlementFoundation1763795000000];
