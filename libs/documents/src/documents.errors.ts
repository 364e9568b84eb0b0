import { HttpStatus } from '@nestjs/common';
import { DomainException, registerErrorCodes } from '#core';

export enum DocumentsErrorCode {
  /** The multipart request has no `file` part. */
  DOCUMENT_FILE_MISSING = 'DOCUMENT_FILE_MISSING',
  DOCUMENT_EMPTY = 'DOCUMENT_EMPTY',
  /** Larger than DOCUMENT_MAX_BYTES. */
  DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE',
  /** The bytes are not one of the allowed types (PDF, XML, PNG, JPEG), whatever the name says. */
  DOCUMENT_TYPE_NOT_ALLOWED = 'DOCUMENT_TYPE_NOT_ALLOWED',
  /** Unknown, or owned by an organization the caller may not read. */
  DOCUMENT_NOT_FOUND = 'DOCUMENT_NOT_FOUND',
  /** No receipt or certificate before the document's batch is confirmed on chain. */
  DOCUMENT_NOT_ANCHORED = 'DOCUMENT_NOT_ANCHORED',
  /** The row exists but the store has lost the bytes (an operator's problem, not the caller's). */
  DOCUMENT_CONTENT_UNAVAILABLE = 'DOCUMENT_CONTENT_UNAVAILABLE',
}

export const DOCUMENTS_ERROR_STATUS: Record<DocumentsErrorCode, HttpStatus> = {
  [DocumentsErrorCode.DOCUMENT_FILE_MISSING]: HttpStatus.BAD_REQUEST,
  [DocumentsErrorCode.DOCUMENT_EMPTY]: HttpStatus.BAD_REQUEST,
  [DocumentsErrorCode.DOCUMENT_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [DocumentsErrorCode.DOCUMENT_TYPE_NOT_ALLOWED]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [DocumentsErrorCode.DOCUMENT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [DocumentsErrorCode.DOCUMENT_NOT_ANCHORED]: HttpStatus.CONFLICT,
  [DocumentsErrorCode.DOCUMENT_CONTENT_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
};
registerErrorCodes(DOCUMENTS_ERROR_STATUS);

export class DocumentsException extends DomainException {
  constructor(code: DocumentsErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}
