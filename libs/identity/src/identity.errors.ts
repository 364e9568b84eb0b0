import { HttpStatus } from '@nestjs/common';
import { DomainException, registerErrorCodes } from '#core';

export enum IdentityErrorCode {
  ORGANIZATION_NOT_FOUND = 'ORGANIZATION_NOT_FOUND',
  LEI_TAKEN = 'LEI_TAKEN',
  PEPPOL_ID_TAKEN = 'PEPPOL_ID_TAKEN',
  VAT_ID_TAKEN = 'VAT_ID_TAKEN',
  KYC_TRANSITION_NOT_ALLOWED = 'KYC_TRANSITION_NOT_ALLOWED',
  KYC_SCREENING_REQUIRED = 'KYC_SCREENING_REQUIRED',
  KYC_SCREENING_HIT = 'KYC_SCREENING_HIT',
  KYC_NOT_APPROVED = 'KYC_NOT_APPROVED',
  SCREENING_HIT_NOT_FOUND = 'SCREENING_HIT_NOT_FOUND',
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  ROLE_NOT_GRANTABLE = 'ROLE_NOT_GRANTABLE',
  FORBIDDEN = 'FORBIDDEN',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  TOO_MANY_LOGIN_ATTEMPTS = 'TOO_MANY_LOGIN_ATTEMPTS',
  REFRESH_TOKEN_INVALID = 'REFRESH_TOKEN_INVALID',
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  WALLET_TAKEN = 'WALLET_TAKEN',
  CHALLENGE_NOT_FOUND = 'CHALLENGE_NOT_FOUND',
  CHALLENGE_EXPIRED = 'CHALLENGE_EXPIRED',
  CHALLENGE_USED = 'CHALLENGE_USED',
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
}

export const IDENTITY_ERROR_STATUS: Record<IdentityErrorCode, HttpStatus> = {
  [IdentityErrorCode.ORGANIZATION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [IdentityErrorCode.LEI_TAKEN]: HttpStatus.CONFLICT,
  [IdentityErrorCode.PEPPOL_ID_TAKEN]: HttpStatus.CONFLICT,
  [IdentityErrorCode.VAT_ID_TAKEN]: HttpStatus.CONFLICT,
  [IdentityErrorCode.KYC_TRANSITION_NOT_ALLOWED]: HttpStatus.CONFLICT,
  [IdentityErrorCode.KYC_SCREENING_REQUIRED]: HttpStatus.CONFLICT,
  [IdentityErrorCode.KYC_SCREENING_HIT]: HttpStatus.CONFLICT,
  [IdentityErrorCode.KYC_NOT_APPROVED]: HttpStatus.CONFLICT,
  [IdentityErrorCode.SCREENING_HIT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [IdentityErrorCode.USER_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [IdentityErrorCode.EMAIL_TAKEN]: HttpStatus.CONFLICT,
  [IdentityErrorCode.ROLE_NOT_GRANTABLE]: HttpStatus.FORBIDDEN,
  [IdentityErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [IdentityErrorCode.INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [IdentityErrorCode.TOO_MANY_LOGIN_ATTEMPTS]: HttpStatus.TOO_MANY_REQUESTS,
  [IdentityErrorCode.REFRESH_TOKEN_INVALID]: HttpStatus.UNAUTHORIZED,
  [IdentityErrorCode.REFRESH_TOKEN_REUSED]: HttpStatus.UNAUTHORIZED,
  [IdentityErrorCode.WALLET_TAKEN]: HttpStatus.CONFLICT,
  [IdentityErrorCode.CHALLENGE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [IdentityErrorCode.CHALLENGE_EXPIRED]: HttpStatus.GONE,
  [IdentityErrorCode.CHALLENGE_USED]: HttpStatus.CONFLICT,
  [IdentityErrorCode.SIGNATURE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
};
registerErrorCodes(IDENTITY_ERROR_STATUS);

export class IdentityException extends DomainException {
  constructor(code: IdentityErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}
