import { HttpStatus } from '@nestjs/common';
import { DomainException, registerErrorCodes } from '#core';

export enum SecuritizationErrorCode {
  POOL_NOT_FOUND = 'POOL_NOT_FOUND',
  POOL_ORIGINATOR_NOT_ELIGIBLE = 'POOL_ORIGINATOR_NOT_ELIGIBLE',
  POOL_ORGANIZATION_ADMIN_REQUIRED = 'POOL_ORGANIZATION_ADMIN_REQUIRED',
  POOL_CRITERIA_INVALID = 'POOL_CRITERIA_INVALID',
  POOL_NOT_OPEN = 'POOL_NOT_OPEN',
  POOL_ADDITION_REFUSED = 'POOL_ADDITION_REFUSED',
  POOL_ASSET_NOT_FOUND = 'POOL_ASSET_NOT_FOUND',
  POOL_EMPTY = 'POOL_EMPTY',
  POOL_NOT_LOCKED = 'POOL_NOT_LOCKED',
  POOL_TAPE_PDF_MISSING = 'POOL_TAPE_PDF_MISSING',
  DEAL_NOT_FOUND = 'DEAL_NOT_FOUND',
  DEAL_EXISTS = 'DEAL_EXISTS',
  DEAL_STRUCTURE_INVALID = 'DEAL_STRUCTURE_INVALID',
  TRANCHE_NOT_FOUND = 'TRANCHE_NOT_FOUND',
  OFFERING_NOT_FOUND = 'OFFERING_NOT_FOUND',
  SUBSCRIPTION_INVALID = 'SUBSCRIPTION_INVALID',
  SUBSCRIPTION_CLOSED = 'SUBSCRIPTION_CLOSED',
  INVESTOR_NOT_ELIGIBLE = 'INVESTOR_NOT_ELIGIBLE',
  ORDER_INVALID = 'ORDER_INVALID',
  CLOSING_NOT_FOUND = 'CLOSING_NOT_FOUND',
  CLOSING_EXISTS = 'CLOSING_EXISTS',
  POOL_NOT_CUT_OFF = 'POOL_NOT_CUT_OFF',
  OFFERING_NOT_ALLOCATED = 'OFFERING_NOT_ALLOCATED',
  CLOSING_NOT_POSSIBLE = 'CLOSING_NOT_POSSIBLE',
}

export const SECURITIZATION_ERROR_STATUS: Record<SecuritizationErrorCode, HttpStatus> = {
  [SecuritizationErrorCode.POOL_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [SecuritizationErrorCode.POOL_ORIGINATOR_NOT_ELIGIBLE]: HttpStatus.FORBIDDEN,
  [SecuritizationErrorCode.POOL_ORGANIZATION_ADMIN_REQUIRED]: HttpStatus.FORBIDDEN,
  [SecuritizationErrorCode.POOL_CRITERIA_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SecuritizationErrorCode.POOL_NOT_OPEN]: HttpStatus.CONFLICT,
  [SecuritizationErrorCode.POOL_ADDITION_REFUSED]: HttpStatus.CONFLICT,
  [SecuritizationErrorCode.POOL_ASSET_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [SecuritizationErrorCode.POOL_EMPTY]: HttpStatus.CONFLICT,
  [SecuritizationErrorCode.POOL_NOT_LOCKED]: HttpStatus.CONFLICT,
  [SecuritizationErrorCode.POOL_TAPE_PDF_MISSING]: HttpStatus.CONFLICT,
  [SecuritizationErrorCode.DEAL_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [SecuritizationErrorCode.DEAL_EXISTS]: HttpStatus.CONFLICT,
  [SecuritizationErrorCode.DEAL_STRUCTURE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SecuritizationErrorCode.TRANCHE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [SecuritizationErrorCode.OFFERING_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [SecuritizationErrorCode.SUBSCRIPTION_INVALID]: HttpStatus.CONFLICT,
  [SecuritizationErrorCode.SUBSCRIPTION_CLOSED]: HttpStatus.CONFLICT,
  [SecuritizationErrorCode.INVESTOR_NOT_ELIGIBLE]: HttpStatus.FORBIDDEN,
  [SecuritizationErrorCode.ORDER_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SecuritizationErrorCode.CLOSING_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [SecuritizationErrorCode.CLOSING_EXISTS]: HttpStatus.CONFLICT,
  [SecuritizationErrorCode.POOL_NOT_CUT_OFF]: HttpStatus.CONFLICT,
  [SecuritizationErrorCode.OFFERING_NOT_ALLOCATED]: HttpStatus.CONFLICT,
  [SecuritizationErrorCode.CLOSING_NOT_POSSIBLE]: HttpStatus.CONFLICT,
};
registerErrorCodes(SECURITIZATION_ERROR_STATUS);

export class SecuritizationException extends DomainException {
  constructor(code: SecuritizationErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}
