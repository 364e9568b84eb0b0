import { HttpStatus } from '@nestjs/common';
import { DomainException, registerErrorCodes } from '#core';

export enum AnchoringErrorCode {
  /** Not a 0x-prefixed (or bare) 64-hex-digit SHA-256. */
  HASH_MALFORMED = 'HASH_MALFORMED',
  /** A bulk request over the per-request maximum. */
  TOO_MANY_HASHES = 'TOO_MANY_HASHES',
  /** A receipt that is not a Tally anchor receipt (missing or malformed fields). */
  RECEIPT_MALFORMED = 'RECEIPT_MALFORMED',
  /** An artifact kind that is not an upper-case identifier. */
  ARTIFACT_KIND_INVALID = 'ARTIFACT_KIND_INVALID',
  ANCHOR_BATCH_NOT_FOUND = 'ANCHOR_BATCH_NOT_FOUND',
  /** The hash was never submitted for anchoring. */
  HASH_NOT_FOUND = 'HASH_NOT_FOUND',
  /** Submitted, but its batch is not confirmed on chain yet: no receipt. */
  NOT_ANCHORED_YET = 'NOT_ANCHORED_YET',
  /** A verification request with neither a file nor a hash. */
  VERIFY_INPUT_MISSING = 'VERIFY_INPUT_MISSING',
  /** The public verification endpoints' per-IP budget is spent (see `details.retryAfterSec`). */
  VERIFY_RATE_LIMITED = 'VERIFY_RATE_LIMITED',
}

export const ANCHORING_ERROR_STATUS: Record<AnchoringErrorCode, HttpStatus> = {
  [AnchoringErrorCode.HASH_MALFORMED]: HttpStatus.BAD_REQUEST,
  [AnchoringErrorCode.TOO_MANY_HASHES]: HttpStatus.PAYLOAD_TOO_LARGE,
  [AnchoringErrorCode.RECEIPT_MALFORMED]: HttpStatus.BAD_REQUEST,
  [AnchoringErrorCode.ARTIFACT_KIND_INVALID]: HttpStatus.BAD_REQUEST,
  [AnchoringErrorCode.ANCHOR_BATCH_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [AnchoringErrorCode.HASH_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [AnchoringErrorCode.NOT_ANCHORED_YET]: HttpStatus.CONFLICT,
  [AnchoringErrorCode.VERIFY_INPUT_MISSING]: HttpStatus.BAD_REQUEST,
  [AnchoringErrorCode.VERIFY_RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
};
registerErrorCodes(ANCHORING_ERROR_STATUS);

export class AnchoringException extends DomainException {
  constructor(code: AnchoringErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}
