import { HttpStatus } from '@nestjs/common';

/**
 * Base of every domain error. Each lib declares an enum of codes and a `Record<Code, HttpStatus>`
 * (exhaustive by its type) and registers it with `registerErrorCodes`; the global filter maps a
 * code to its status and to the shared error body.
 */
export class DomainException extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainException';
  }
}

const statusByCode = new Map<string, HttpStatus>();

/** Registers a lib's codes; a code registered twice with another status is a programming error. */
export function registerErrorCodes<C extends string>(table: Record<C, HttpStatus>): void {
  for (const [code, status] of Object.entries(table) as [C, HttpStatus][]) {
    const existing = statusByCode.get(code);
    if (existing !== undefined && existing !== status) {
      throw new Error(`error code ${code} registered twice with different statuses`);
    }
    statusByCode.set(code, status);
  }
}

export function statusOfCode(code: string): HttpStatus | undefined {
  return statusByCode.get(code);
}

export enum CoreErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  CONCURRENT_MODIFICATION = 'CONCURRENT_MODIFICATION',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_KEY_INVALID = 'IDEMPOTENCY_KEY_INVALID',
  IDEMPOTENT_REQUEST_IN_PROGRESS = 'IDEMPOTENT_REQUEST_IN_PROGRESS',
  CURRENCY_UNKNOWN = 'CURRENCY_UNKNOWN',
  CURRENCY_MISMATCH = 'CURRENCY_MISMATCH',
  AMOUNT_INVALID = 'AMOUNT_INVALID',
  /** Deliberate overload answer: every pooled database connection stayed busy; retry after `Retry-After`. */
  SERVICE_OVERLOADED = 'SERVICE_OVERLOADED',
}

export const CORE_ERROR_STATUS: Record<CoreErrorCode, HttpStatus> = {
  [CoreErrorCode.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [CoreErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [CoreErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [CoreErrorCode.CONCURRENT_MODIFICATION]: HttpStatus.CONFLICT,
  [CoreErrorCode.IDEMPOTENCY_KEY_REUSED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CoreErrorCode.IDEMPOTENCY_KEY_INVALID]: HttpStatus.BAD_REQUEST,
  [CoreErrorCode.IDEMPOTENT_REQUEST_IN_PROGRESS]: HttpStatus.CONFLICT,
  [CoreErrorCode.CURRENCY_UNKNOWN]: HttpStatus.BAD_REQUEST,
  [CoreErrorCode.CURRENCY_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CoreErrorCode.AMOUNT_INVALID]: HttpStatus.BAD_REQUEST,
  [CoreErrorCode.SERVICE_OVERLOADED]: HttpStatus.SERVICE_UNAVAILABLE,
};
registerErrorCodes(CORE_ERROR_STATUS);

export class CoreException extends DomainException {
  constructor(code: CoreErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}
