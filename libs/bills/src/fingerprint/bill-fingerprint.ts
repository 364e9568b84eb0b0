import { HttpStatus } from '@nestjs/common';
import { keccak256, toUtf8Bytes } from 'ethers';
import { DomainException, isCurrency, registerErrorCodes } from '#core';

/**
 * The double-financing guard's key: one receivable, one fingerprint, however it was written.
 *
 * Preimage (UTF-8, fields joined by "\n", no trailing newline), then keccak256:
 *
 *     tally.bill-fingerprint.v1
 *     <seller organization id>   lower-case UUID, 8-4-4-4-12 hex
 *     <buyer organization id>    lower-case UUID
 *     <invoice number>           normalizeInvoiceNumber(), see below
 *     <amount>                   minor units as a decimal integer: no sign, no leading zeros
 *     <currency>                 ISO 4217, upper-case
 *     <issue date>               YYYY-MM-DD
 *
 * No field can contain "\n" (the invoice number loses all whitespace), so the encoding is
 * unambiguous; the first line separates this hash from any other keccak256 of text and lets a
 * future v2 change the rules without colliding with v1. Seller and buyer are platform
 * organization ids, not names or VAT numbers, so the same parties always give the same ids
 * whatever their documents say, and no personal data goes into the hash input beyond the
 * invoice number. Any language with UTF-8 and keccak256 can recompute it.
 */
export const BILL_FINGERPRINT_DOMAIN = 'tally.bill-fingerprint.v1';

export interface BillFingerprintInput {
  sellerOrgId: string;
  buyerOrgId: string;
  invoiceNumber: string;
  /** Face amount in minor units, > 0. */
  amountMinor: bigint;
  currency: string;
  /** YYYY-MM-DD */
  issueDate: string;
}

export enum BillFingerprintErrorCode {
  BILL_FINGERPRINT_INPUT_INVALID = 'BILL_FINGERPRINT_INPUT_INVALID',
}

export const BILL_FINGERPRINT_ERROR_STATUS: Record<BillFingerprintErrorCode, HttpStatus> = {
  [BillFingerprintErrorCode.BILL_FINGERPRINT_INPUT_INVALID]: HttpStatus.BAD_REQUEST,
};
registerErrorCodes(BILL_FINGERPRINT_ERROR_STATUS);

export class BillFingerprintInputError extends DomainException {
  constructor(
    /** The input field at fault, e.g. "invoiceNumber". */
    readonly field: keyof BillFingerprintInput,
    reason: string,
  ) {
    super(BillFingerprintErrorCode.BILL_FINGERPRINT_INPUT_INVALID, `Bill fingerprint: ${field} ${reason}`, { field });
    this.name = 'BillFingerprintInputError';
  }
}

/** keccak256 of the canonical preimage: a 0x-prefixed bytes32 hex string (lower case). */
export function billFingerprint(input: BillFingerprintInput): string {
  return keccak256(toUtf8Bytes(billFingerprintPreimage(input)));
}

/** The exact text that is hashed (exposed for audits and tests). */
export function billFingerprintPreimage(input: BillFingerprintInput): string {
  return [
    BILL_FINGERPRINT_DOMAIN,
    normalizeOrgId(input.sellerOrgId, 'sellerOrgId'),
    normalizeOrgId(input.buyerOrgId, 'buyerOrgId'),
    normalizeInvoiceNumber(input.invoiceNumber),
    normalizeAmount(input.amountMinor),
    normalizeCurrency(input.currency),
    normalizeDate(input.issueDate),
  ].join('\n');
}

/**
 * The invoice number as the guard compares it. Rules, in order:
 *  1. Unicode NFKC: compatibility forms fold to their plain form (full-width "ＩＮＶ－００１" is
 *     "INV-001", a no-break space is a space, "ﬁ" is "fi").
 *  2. Upper case by the locale-independent Unicode mapping (String#toUpperCase), then NFKC again
 *     (upper-casing can produce decomposed sequences).
 *  3. Every character of Unicode category P (punctuation: - – — _ . , / \ # : ; ( ) ' " ...),
 *     Z (spaces and separators) and Cc/Cf (controls, and invisible format characters such as
 *     U+200B zero-width space) is removed — leading, trailing and inner alike.
 *  4. Letters, digits, marks and symbols are kept as they are; in particular LEADING ZEROS ARE
 *     KEPT: "INV-001" and "INV-1" stay different.
 *  5. An empty result, or one with private-use, unassigned or lone-surrogate code points, is
 *     refused (their category, hence the result, could change with the Unicode version).
 *
 * Why: case, spacing and separators are how the same number gets re-typed, OCR'd or rendered by
 * another system, and a fraudster's cheapest way to register one receivable twice — so
 * "INV-001", "inv 001", "INV/001", " Inv.001 " and "INV001" are one receivable. The digits are
 * the number itself: suppliers pad to a fixed width, "INV-001" and "INV-0001" can both exist in
 * one ledger, and stripping zeros would merge distinct receivables and block a genuine bill.
 */
export function normalizeInvoiceNumber(invoiceNumber: string): string {
  if (typeof invoiceNumber !== 'string') throw new BillFingerprintInputError('invoiceNumber', 'must be a string');
  const folded = invoiceNumber.normalize('NFKC').toUpperCase().normalize('NFKC');
  const kept = folded.replace(/[\p{P}\p{Z}\p{Cc}\p{Cf}]/gu, '');
  if (/[\p{Co}\p{Cn}\p{Cs}]/u.test(kept)) {
    throw new BillFingerprintInputError('invoiceNumber', 'contains private-use, unassigned or invalid characters');
  }
  if (kept === '') throw new BillFingerprintInputError('invoiceNumber', 'has no letters or digits');
  return kept;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function normalizeOrgId(id: string, field: 'sellerOrgId' | 'buyerOrgId'): string {
  if (typeof id !== 'string' || !UUID.test(id)) throw new BillFingerprintInputError(field, 'must be a UUID');
  return id.toLowerCase();
}

function normalizeAmount(amountMinor: bigint): string {
  if (typeof amountMinor !== 'bigint') throw new BillFingerprintInputError('amountMinor', 'must be a bigint of minor units');
  if (amountMinor <= 0n) throw new BillFingerprintInputError('amountMinor', 'must be greater than zero');
  return amountMinor.toString(10);
}

function normalizeCurrency(currency: string): string {
  const code = typeof currency === 'string' ? currency.trim().toUpperCase() : '';
  if (!isCurrency(code)) throw new BillFingerprintInputError('currency', 'must be a supported ISO 4217 code');
  return code;
}

function normalizeDate(date: string): string {
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1]) return date;
  }
  throw new BillFingerprintInputError('issueDate', 'must be a calendar date YYYY-MM-DD');
}
