import { HttpStatus } from '@nestjs/common';
import { DomainException, registerErrorCodes } from '#core';

/** Why a UBL / Peppol BIS 3.0 document could not become a bill. */
export enum UblErrorCode {
  /** Larger than the parser's byte limit (default 5 MiB). */
  UBL_TOO_LARGE = 'UBL_TOO_LARGE',
  /** Not well-formed XML (or not UTF-8, or an undeclared entity reference). */
  UBL_MALFORMED = 'UBL_MALFORMED',
  /** A DOCTYPE or ENTITY declaration: refused outright (XML bombs, external entities). */
  UBL_DOCTYPE_FORBIDDEN = 'UBL_DOCTYPE_FORBIDDEN',
  /** Well-formed XML, but not a UBL 2.1 Invoice (a CreditNote, an Order, a CII invoice...). */
  UBL_NOT_AN_INVOICE = 'UBL_NOT_AN_INVOICE',
  /** A business term the import needs is absent or empty. */
  UBL_FIELD_MISSING = 'UBL_FIELD_MISSING',
  /** A business term is present but unusable (bad date, duplicated, unsupported currency...). */
  UBL_FIELD_INVALID = 'UBL_FIELD_INVALID',
  /** BT-115's currencyID differs from BT-5 DocumentCurrencyCode. */
  UBL_CURRENCY_MISMATCH = 'UBL_CURRENCY_MISMATCH',
  /** An amount with more decimals than its currency has (Peppol BR-DEC-18). */
  UBL_AMOUNT_PRECISION = 'UBL_AMOUNT_PRECISION',
}

export const UBL_ERROR_STATUS: Record<UblErrorCode, HttpStatus> = {
  [UblErrorCode.UBL_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [UblErrorCode.UBL_MALFORMED]: HttpStatus.BAD_REQUEST,
  [UblErrorCode.UBL_DOCTYPE_FORBIDDEN]: HttpStatus.BAD_REQUEST,
  [UblErrorCode.UBL_NOT_AN_INVOICE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [UblErrorCode.UBL_FIELD_MISSING]: HttpStatus.UNPROCESSABLE_ENTITY,
  [UblErrorCode.UBL_FIELD_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [UblErrorCode.UBL_CURRENCY_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [UblErrorCode.UBL_AMOUNT_PRECISION]: HttpStatus.UNPROCESSABLE_ENTITY,
};
registerErrorCodes(UBL_ERROR_STATUS);

/** A business term of EN 16931 as it appears in messages: id, short name, UBL path. */
export interface UblTerm {
  /** e.g. "BT-115" */
  readonly bt: string;
  /** e.g. "PayableAmount" */
  readonly name: string;
  /** e.g. "cac:LegalMonetaryTotal/cbc:PayableAmount" (conventional prefixes, whatever the document uses) */
  readonly path: string;
}

/** Base of every UBL import error; `details` is JSON-safe (no bigint) for the shared error body. */
export class UblException extends DomainException {
  constructor(code: UblErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = new.target.name;
  }
}

export class UblTooLargeError extends UblException {
  constructor(
    readonly sizeBytes: number,
    readonly maxBytes: number,
  ) {
    super(UblErrorCode.UBL_TOO_LARGE, `UBL document is ${sizeBytes} bytes; the limit is ${maxBytes}`, { sizeBytes, maxBytes });
  }
}

export class UblMalformedError extends UblException {
  constructor(
    reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    const at = line === undefined ? '' : ` (line ${line}${column === undefined ? '' : `, column ${column}`})`;
    super(UblErrorCode.UBL_MALFORMED, `Malformed XML: ${reason}${at}`, { line, column });
  }
}

export class UblDoctypeForbiddenError extends UblException {
  constructor(readonly declaration: 'DOCTYPE' | 'ENTITY') {
    super(UblErrorCode.UBL_DOCTYPE_FORBIDDEN, `XML ${declaration} declarations are not accepted in a UBL invoice`, { declaration });
  }
}

export class UblNotAnInvoiceError extends UblException {
  constructor(
    /** Local name of the root element ("CreditNote", "Order", ...). */
    readonly rootElement: string,
    /** Namespace URI of the root element, or null when it has none. */
    readonly namespace: string | null,
    reason: string,
  ) {
    super(UblErrorCode.UBL_NOT_AN_INVOICE, reason, { rootElement, namespace });
  }
}

export class UblFieldMissingError extends UblException {
  constructor(readonly term: UblTerm) {
    super(UblErrorCode.UBL_FIELD_MISSING, `${term.bt} ${term.name} is missing (${term.path})`, {
      businessTerm: term.bt,
      path: term.path,
    });
  }
}

export class UblFieldInvalidError extends UblException {
  constructor(
    readonly term: UblTerm,
    readonly reason: string,
    /** The offending value, truncated for messages; absent when the problem is not one value. */
    readonly value?: string,
  ) {
    super(UblErrorCode.UBL_FIELD_INVALID, `${term.bt} ${term.name} ${reason} (${term.path})`, {
      businessTerm: term.bt,
      path: term.path,
      value,
    });
  }
}

export class UblCurrencyMismatchError extends UblException {
  constructor(
    readonly documentCurrency: string,
    readonly amountCurrency: string,
  ) {
    super(
      UblErrorCode.UBL_CURRENCY_MISMATCH,
      `BT-115 PayableAmount currencyID "${amountCurrency}" differs from BT-5 DocumentCurrencyCode "${documentCurrency}"`,
      { businessTerm: 'BT-115', documentCurrency, amountCurrency },
    );
  }
}

export class UblAmountPrecisionError extends UblException {
  constructor(
    readonly term: UblTerm,
    readonly value: string,
    readonly currency: string,
    readonly maxDecimals: number,
  ) {
    super(
      UblErrorCode.UBL_AMOUNT_PRECISION,
      `${term.bt} ${term.name} "${value}" has more decimals than ${currency} allows (${maxDecimals})`,
      { businessTerm: term.bt, path: term.path, value, currency, maxDecimals },
    );
  }
}
