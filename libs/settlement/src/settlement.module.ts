import { Global, Module } from '@nestjs/common';
import { SettlementTokens } from './settlement-tokens.service.js';
import { SettlementService } from './settlement.service.js';

/** Tokenized deposits: the settlement agent's mint and burn, balances per organization. */
@Global()
@Module({ providers: [SettlementTokens, SettlementService], exports: [SettlementTokens, SettlementService] })
export class SettlementModule {}
