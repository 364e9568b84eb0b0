import { Global, Module } from '@nestjs/common';
import { SettlementService } from './settlement.service.js';

/** Tokenized deposits: the settlement agent's mint and burn, balances per organization. */
@Global()
@Module({ providers: [SettlementService], exports: [SettlementService] })
export class SettlementModule {}
