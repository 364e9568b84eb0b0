import { HttpStatus } from '@nestjs/common';
import { DomainException, registerErrorCodes } from '#core';

export enum ServicingErrorCode {
  RUN_NOT_FOUND = 'SERVICING_RUN_NOT_FOUND',
  INPUT_INVALID = 'SERVICING_INPUT_INVALID',
  NOT_SERVICER = 'SERVICING_NOT_SERVICER',
  NOT_TRUSTEE = 'SERVICING_NOT_TRUSTEE',
  SAME_PARTY = 'SERVICING_SAME_PARTY',
  STATE_CONFLICT = 'SERVICING_RUN_STATE_CONFLICT',
  RUN_EXISTS = 'SERVICING_RUN_EXISTS',
  PREVIOUS_PERIOD_OPEN = 'SERVICING_PREVIOUS_PERIOD_OPEN',
  DEAL_CHANGED = 'SERVICING_DEAL_CHANGED',
  PERIOD_MISMATCH = 'SERVICING_PERIOD_MISMATCH',
  ENGINE_REFUSED = 'SERVICING_ENGINE_REFUSED',
  HOLDERS_MISSING = 'SERVICING_HOLDERS_MISSING',
  REPORT_CSV_NOT_ANCHORED = 'SERVICING_REPORT_CSV_NOT_ANCHORED',
  REPORT_NOT_READY = 'SERVICING_REPORT_NOT_READY',
  REPORT_NOT_PUBLISHED = 'SERVICING_REPORT_NOT_PUBLISHED',
  DEAL_NOT_FOUND = 'SERVICING_DEAL_NOT_FOUND',
  DEAL_NOT_CLOSED = 'SERVICING_DEAL_NOT_CLOSED',
}

export const SERVICING_ERROR_STATUS: Record<ServicingErrorCode, HttpStatus> = {
  [ServicingErrorCode.RUN_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ServicingErrorCode.INPUT_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ServicingErrorCode.NOT_SERVICER]: HttpStatus.FORBIDDEN,
  [ServicingErrorCode.NOT_TRUSTEE]: HttpStatus.FORBIDDEN,
  [ServicingErrorCode.SAME_PARTY]: HttpStatus.FORBIDDEN,
  [ServicingErrorCode.STATE_CONFLICT]: HttpStatus.CONFLICT,
  [ServicingErrorCode.RUN_EXISTS]: HttpStatus.CONFLICT,
  [ServicingErrorCode.PREVIOUS_PERIOD_OPEN]: HttpStatus.CONFLICT,
  [ServicingErrorCode.DEAL_CHANGED]: HttpStatus.CONFLICT,
  [ServicingErrorCode.PERIOD_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ServicingErrorCode.ENGINE_REFUSED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ServicingErrorCode.HOLDERS_MISSING]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ServicingErrorCode.REPORT_CSV_NOT_ANCHORED]: HttpStatus.CONFLICT,
  [ServicingErrorCode.REPORT_NOT_READY]: HttpStatus.CONFLICT,
  [ServicingErrorCode.REPORT_NOT_PUBLISHED]: HttpStatus.CONFLICT,
  [ServicingErrorCode.DEAL_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ServicingErrorCode.DEAL_NOT_CLOSED]: HttpStatus.CONFLICT,
};
registerErrorCodes(SERVICING_ERROR_STATUS);

export class ServicingException extends DomainException {
  constructor(code: ServicingErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}
