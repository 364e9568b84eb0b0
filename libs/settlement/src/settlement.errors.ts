import { HttpStatus } from '@nestjs/common';
import { DomainException, registerErrorCodes } from '#core';

export enum SettlementErrorCode {
  CURRENCY_NOT_SETTLED = 'CURRENCY_NOT_SETTLED',
  REFERENCE_USED = 'SETTLEMENT_REFERENCE_USED',
  ACCOUNT_NOT_VERIFIED = 'SETTLEMENT_ACCOUNT_NOT_VERIFIED',
  BALANCE_TOO_LOW = 'SETTLEMENT_BALANCE_TOO_LOW',
}

export const SETTLEMENT_ERROR_STATUS: Record<SettlementErrorCode, HttpStatus> = {
  [SettlementErrorCode.CURRENCY_NOT_SETTLED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SettlementErrorCode.REFERENCE_USED]: HttpStatus.CONFLICT,
  [SettlementErrorCode.ACCOUNT_NOT_VERIFIED]: HttpStatus.CONFLICT,
  [SettlementErrorCode.BALANCE_TOO_LOW]: HttpStatus.CONFLICT,
};
registerErrorCodes(SETTLEMENT_ERROR_STATUS);

export class SettlementException extends DomainException {
  constructor(code: SettlementErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}
