import { DomainException, Money } from '#core';
import { BillErrorCode } from '../bills.errors.js';

/**
 * Rows of a bulk intake: JSON lines (one object a line) or CSV (a header line naming the columns),
 * both with the fields of a single issue (`buyerOrganizationId, invoiceNumber, amountMinor,
 * currency, issueDate, dueDate`). Pure: parsing and the checks that need no database.
 */
export type BulkFormat = 'jsonl' | 'csv';

export const BULK_FIELDS = ['buyerOrganizationId', 'invoiceNumber', 'amountMinor', 'currency', 'issueDate', 'dueDate'] as const;
type BulkField = (typeof BULK_FIELDS)[number];

/** A row that passed the checks below. */
export interface BulkRow {
  buyerOrganizationId: string;
  invoiceNumber: string;
  amountMinor: bigint;
  currency: string;
  issueDate: string;
  dueDate: string;
}

export interface RowError {
  code: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINOR = /^[1-9][0-9]{0,30}$/; // as IssueBillDto

/** The format a request's Content-Type names, or null. */
export function formatOf(contentType: string | undefined): BulkFormat | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/x-jsonlines') return 'jsonl';
  return null;
}

/** One CSV line (RFC 4180 quoting, no line breaks inside a field) into its fields; null when a quote is left open. */
export function csvFields(line: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

/** The CSV header's column of each field; an error names the missing or unknown columns. */
export function csvColumns(header: string): Map<BulkField, number> | RowError {
  const names = csvFields(header.replace(/^\uFEFF/, ''))?.map((n) => n.trim()) ?? [];
  const unknown = names.filter((n) => !(BULK_FIELDS as readonly string[]).includes(n));
  const missing = BULK_FIELDS.filter((f) => !names.includes(f));
  if (unknown.length || missing.length) {
    return { code: BillErrorCode.BULK_ROW_INVALID, message: `The CSV header must name the columns ${BULK_FIELDS.join(', ')}${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}` };
  }
  return new Map(BULK_FIELDS.map((f) => [f, names.indexOf(f)]));
}

/** The raw fields of one line, or the reason it is not a row. */
export function rawFields(line: string, format: BulkFormat, columns?: Map<BulkField, number>): Record<string, unknown> | RowError {
  if (format === 'jsonl') {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { code: BillErrorCode.BULK_ROW_INVALID, message: 'The line is not a JSON object' };
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { code: BillErrorCode.BULK_ROW_INVALID, message: 'The line is not a JSON object' };
    return value as Record<string, unknown>;
  }
  const fields = csvFields(line);
  if (!fields) return { code: BillErrorCode.BULK_ROW_INVALID, message: 'A quoted CSV field is not closed' };
  if (fields.length !== columns!.size) return { code: BillErrorCode.BULK_ROW_INVALID, message: `The line has ${fields.length} fields, the header ${columns!.size}` };
  return Object.fromEntries([...columns!].map(([f, i]) => [f, fields[i]!.trim()]));
}

/** A calendar day `YYYY-MM-DD` that exists (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The checks of a single issue's request body that need no database, with the same codes where one exists. */
export function checkRow(raw: Record<string, unknown>): BulkRow | RowError {
  const extra = Object.keys(raw).filter((k) => !(BULK_FIELDS as readonly string[]).includes(k));
  if (extra.length) return { code: BillErrorCode.BULK_ROW_INVALID, message: `Unknown fields: ${extra.join(', ')}` };
  const missing = BULK_FIELDS.filter((f) => typeof raw[f] !== 'string' || raw[f] === '');
  if (missing.length) return { code: BillErrorCode.BULK_ROW_INVALID, message: `Missing or not a string: ${missing.join(', ')}` };
  const r = raw as Record<BulkField, string>;
  if (!UUID.test(r.buyerOrganizationId)) return { code: BillErrorCode.BULK_ROW_INVALID, message: 'buyerOrganizationId must be a UUID' };
  const invoiceNumber = r.invoiceNumber.trim();
  if (invoiceNumber.length < 1 || invoiceNumber.length > 100) return { code: BillErrorCode.BULK_ROW_INVALID, message: 'invoiceNumber must be 1 to 100 characters' };
  if (!MINOR.test(r.amountMinor)) return { code: 'AMOUNT_INVALID', message: `amountMinor must be a positive integer of minor units, as a string (got "${r.amountMinor}")` };
  let amount: Money;
  try {
    amount = Money.parseMinor(r.amountMinor, r.currency);
  } catch (err) {
    if (err instanceof DomainException) return { code: err.code, message: err.message };
    throw err;
  }
  for (const f of ['issueDate', 'dueDate'] as const) {
    if (!isCalendarDate(r[f])) return { code: BillErrorCode.BULK_DATE_INVALID, message: `${f} must be a calendar date YYYY-MM-DD (got "${r[f]}")` };
  }
  if (r.dueDate < r.issueDate) return { code: BillErrorCode.BILL_TRANSITION_NOT_ALLOWED, message: 'dueDate must not be before issueDate' };
  return { buyerOrganizationId: r.buyerOrganizationId.toLowerCase(), invoiceNumber, amountMinor: amount.amountMinor, currency: amount.currency, issueDate: r.issueDate, dueDate: r.dueDate };
}

export function isRowError(v: unknown): v is RowError {
  return !!v && typeof v === 'object' && typeof (v as RowError).code === 'string' && typeof (v as RowError).message === 'string' && !('amountMinor' in v);
}
