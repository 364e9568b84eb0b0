import { Global, Module } from '@nestjs/common';
import { SettlementTokens } from './settlement-tokens.service.js';
import { SettlementService } from './settlement.service.js';
import { StatementSources } from './statement/statement-sources.js';
import { StatementService } from './statement/statement.service.js';

/** Tokenized deposits: the settlement agent's mint and burn, balances and statements per organization. */
@Global()
@Module({
  providers: [SettlementTokens, SettlementService, StatementSources, StatementService],
  exports: [SettlementTokens, SettlementService, StatementSources, StatementService],
})
export class SettlementModule {}
