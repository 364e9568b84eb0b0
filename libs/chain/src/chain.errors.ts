import { HttpStatus } from '@nestjs/common';
import { DomainException, registerErrorCodes } from '#core';

export enum ChainErrorCode {
  CHAIN_UNAVAILABLE = 'CHAIN_UNAVAILABLE',
  CONTRACT_NOT_DEPLOYED = 'CONTRACT_NOT_DEPLOYED',
  CHAIN_JOB_NOT_FOUND = 'CHAIN_JOB_NOT_FOUND',
  CHAIN_JOB_KIND_UNKNOWN = 'CHAIN_JOB_KIND_UNKNOWN',
  CHAIN_JOB_KEY_CONFLICT = 'CHAIN_JOB_KEY_CONFLICT',
}

export const CHAIN_ERROR_STATUS: Record<ChainErrorCode, HttpStatus> = {
  [ChainErrorCode.CHAIN_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ChainErrorCode.CONTRACT_NOT_DEPLOYED]: HttpStatus.SERVICE_UNAVAILABLE,
  [ChainErrorCode.CHAIN_JOB_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ChainErrorCode.CHAIN_JOB_KIND_UNKNOWN]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ChainErrorCode.CHAIN_JOB_KEY_CONFLICT]: HttpStatus.CONFLICT,
};
registerErrorCodes(CHAIN_ERROR_STATUS);

export class ChainException extends DomainException {
  constructor(code: ChainErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}
