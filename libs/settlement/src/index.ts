import { SettlementFoundation1763795000000 } from './migrations/1763795000000-SettlementFoundation.js';
import { SettlementMovementEntity } from './settlement-movement.entity.js';

export { SettlementModule } from './settlement.module.js';
export { SettlementService, SETTLEMENT_MINT_JOB, SETTLEMENT_BURN_JOB } from './settlement.service.js';
export { SettlementTokens, referenceHash } from './settlement-tokens.service.js';
export { SettlementMovementEntity, MovementKind, MovementState } from './settlement-movement.entity.js';
export { SettlementErrorCode, SettlementException, SETTLEMENT_ERROR_STATUS } from './settlement.errors.js';
export * from './settlement.dto.js';
export { StatementService, totalsOf, STATEMENT_LINES_MAX } from './statement/statement.service.js';
export { StatementSources, StatementLineKind, type StatementFlow, type StatementFlowSource, StatementLineState } from './statement/statement-sources.js';
export { StatementDto, StatementLineDto, StatementTotalDto } from './statement/statement.dto.js';
export { renderStatementPdf, STATEMENT_KIND_LABEL } from './statement/statement-pdf.renderer.js';

export const SETTLEMENT_ENTITIES = [SettlementMovementEntity];
export const SETTLEMENT_MIGRATIONS = [SettlementFoundation1763795000000];
