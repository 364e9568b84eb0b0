import { isCurrency, minorUnits } from '#core';
import {
  UblAmountPrecisionError,
  UblCurrencyMismatchError,
  UblFieldInvalidError,
  UblFieldMissingError,
  UblNotAnInvoiceError,
  type UblTerm,
} from './ubl.errors.js';
import { childrenOf, parseXmlDocument, XML_MAX_BYTES_DEFAULT, type XmlElement } from './xml-tree.util.js';

export const UBL_INVOICE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
export const UBL_CREDIT_NOTE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';
export const UBL_CAC_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
export const UBL_CBC_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

/** Default size limit of {@link parseUblInvoice}: 5 MiB. */
export const UBL_MAX_BYTES_DEFAULT = XML_MAX_BYTES_DEFAULT;

/** A party of the invoice, as the import needs it to find the organization. */
export interface UblParty {
  /** Peppol electronic address (BT-34 / BT-49) as "schemeID:id", e.g. "0088:7300010000001". */
  endpointId: string | null;
  /** VAT identifier (BT-31 / BT-48): PartyTaxScheme/CompanyID whose TaxScheme/ID is VAT. */
  vatId: string | null;
  /** Legal registration id (BT-30 / BT-47): "schemeID:id" when a scheme is given, else the id. */
  legalId: string | null;
  /** Legal name (BT-27 / BT-44), or the trading name (BT-28 / BT-45) when the legal name is absent. */
  name: string;
}

export interface ParsedUblInvoice {
  /** BT-1, trimmed, otherwise as written. */
  invoiceNumber: string;
  /** BT-2, YYYY-MM-DD. */
  issueDate: string;
  /** BT-9, YYYY-MM-DD, or null when the invoice has only payment terms. */
  dueDate: string | null;
  /** BT-5, ISO 4217. */
  currency: string;
  /** BT-115 in minor units of `currency`; always > 0. */
  payableAmountMinor: bigint;
  /** BT-115's currencyID; always equal to `currency`. */
  payableAmountCurrency: string;
  seller: UblParty;
  buyer: UblParty;
  /** BT-20 payment terms note, or null. */
  paymentTerms: string | null;
}

export interface ParseUblInvoiceOptions {
  /** Refuse documents larger than this many bytes (UTF-8). Default 5 MiB. */
  maxBytes?: number;
}

/**
 * UNTDID 1001 codes of credit notes: an Invoice document carrying one is a credit note in
 * disguise, and a credit note is not a receivable.
 */
const CREDIT_NOTE_TYPE_CODES = new Set(['81', '83', '381', '396', '532']);

const T = {
  invoiceNumber: { bt: 'BT-1', name: 'ID (invoice number)', path: 'cbc:ID' },
  issueDate: { bt: 'BT-2', name: 'IssueDate', path: 'cbc:IssueDate' },
  typeCode: { bt: 'BT-3', name: 'InvoiceTypeCode', path: 'cbc:InvoiceTypeCode' },
  dueDate: { bt: 'BT-9', name: 'DueDate', path: 'cbc:DueDate' },
  currency: { bt: 'BT-5', name: 'DocumentCurrencyCode', path: 'cbc:DocumentCurrencyCode' },
  paymentTerms: { bt: 'BT-20', name: 'PaymentTerms Note', path: 'cac:PaymentTerms/cbc:Note' },
  monetaryTotal: { bt: 'BG-22', name: 'LegalMonetaryTotal', path: 'cac:LegalMonetaryTotal' },
  payable: { bt: 'BT-115', name: 'PayableAmount', path: 'cac:LegalMonetaryTotal/cbc:PayableAmount' },
  payableCurrency: { bt: 'BT-115', name: 'PayableAmount currencyID', path: 'cac:LegalMonetaryTotal/cbc:PayableAmount/@currencyID' },
} as const satisfies Record<string, UblTerm>;

interface PartyTerms {
  party: UblTerm;
  endpoint: UblTerm;
  vat: UblTerm;
  legal: UblTerm;
  name: UblTerm;
}

function partyTerms(
  role: 'Seller' | 'Buyer',
  wrapper: string,
  bt: Record<'party' | 'endpoint' | 'vat' | 'legal' | 'name', string>,
): PartyTerms {
  const p = `cac:${wrapper}/cac:Party`;
  return {
    party: { bt: bt.party, name: `${role} (${wrapper}/Party)`, path: p },
    endpoint: { bt: bt.endpoint, name: `${role} EndpointID`, path: `${p}/cbc:EndpointID` },
    vat: { bt: bt.vat, name: `${role} VAT identifier`, path: `${p}/cac:PartyTaxScheme/cbc:CompanyID` },
    legal: { bt: bt.legal, name: `${role} legal registration identifier`, path: `${p}/cac:PartyLegalEntity/cbc:CompanyID` },
    name: { bt: bt.name, name: `${role} name`, path: `${p}/cac:PartyLegalEntity/cbc:RegistrationName` },
  };
}

const SELLER = partyTerms('Seller', 'AccountingSupplierParty', {
  party: 'BG-4',
  endpoint: 'BT-34',
  vat: 'BT-31',
  legal: 'BT-30',
  name: 'BT-27',
});
const BUYER = partyTerms('Buyer', 'AccountingCustomerParty', {
  party: 'BG-7',
  endpoint: 'BT-49',
  vat: 'BT-48',
  legal: 'BT-47',
  name: 'BT-44',
});

/**
 * Reads the fields of a Peppol BIS Billing 3.0 / UBL 2.1 Invoice that make a bill.
 *
 * Namespace-aware, prefix-agnostic. Refuses: inputs over `maxBytes`, non-UTF-8, DOCTYPE/ENTITY
 * declarations, malformed XML, anything but a UBL Invoice (a CreditNote included), a missing
 * mandatory term, a single-valued term given twice (two parsers must not read two different
 * amounts from one document), amounts with more decimals than their currency, and a BT-115
 * currencyID other than BT-5. Amounts never go through a float.
 *
 * @throws UblTooLargeError, UblMalformedError, UblDoctypeForbiddenError, UblNotAnInvoiceError,
 *   UblFieldMissingError, UblFieldInvalidError, UblCurrencyMismatchError, UblAmountPrecisionError
 */
export function parseUblInvoice(xml: string | Buffer, options: ParseUblInvoiceOptions = {}): ParsedUblInvoice {
  const root = parseXmlDocument(xml, options.maxBytes ?? UBL_MAX_BYTES_DEFAULT);
  assertInvoiceRoot(root);

  const typeCode = optionalText(root, UBL_CBC_NS, 'InvoiceTypeCode', T.typeCode);
  if (typeCode !== null && CREDIT_NOTE_TYPE_CODES.has(typeCode)) {
    throw new UblNotAnInvoiceError('Invoice', UBL_INVOICE_NS, `InvoiceTypeCode ${typeCode} is a credit note, not a receivable`);
  }

  const invoiceNumber = requiredText(root, UBL_CBC_NS, 'ID', T.invoiceNumber);
  const issueDate = isoDate(requiredText(root, UBL_CBC_NS, 'IssueDate', T.issueDate), T.issueDate);
  const dueText = optionalText(root, UBL_CBC_NS, 'DueDate', T.dueDate);
  const dueDate = dueText === null ? null : isoDate(dueText, T.dueDate);

  const currency = requiredText(root, UBL_CBC_NS, 'DocumentCurrencyCode', T.currency);
  if (!isCurrency(currency)) throw new UblFieldInvalidError(T.currency, `"${clip(currency)}" is not a supported currency`, clip(currency));

  const total = required(root, UBL_CAC_NS, 'LegalMonetaryTotal', T.monetaryTotal);
  const payable = required(total, UBL_CBC_NS, 'PayableAmount', T.payable);
  const payableText = payable.text.trim();
  if (payableText === '') throw new UblFieldMissingError(T.payable);
  const payableAmountCurrency = (payable.attrs.currencyID ?? '').trim();
  if (payableAmountCurrency === '') throw new UblFieldMissingError(T.payableCurrency);
  if (payableAmountCurrency !== currency) throw new UblCurrencyMismatchError(currency, clip(payableAmountCurrency));
  const payableAmountMinor = decimalToMinor(payableText, currency, T.payable);
  if (payableAmountMinor <= 0n)
    throw new UblFieldInvalidError(T.payable, 'must be greater than zero to be a receivable', clip(payableText));

  const terms = childrenOf(root, UBL_CAC_NS, 'PaymentTerms');
  const paymentTerms = terms.length === 0 ? null : optionalText(terms[0], UBL_CBC_NS, 'Note', T.paymentTerms);

  return {
    invoiceNumber,
    issueDate,
    dueDate,
    currency,
    payableAmountMinor,
    payableAmountCurrency,
    seller: readParty(root, 'AccountingSupplierParty', SELLER),
    buyer: readParty(root, 'AccountingCustomerParty', BUYER),
    paymentTerms,
  };
}

function assertInvoiceRoot(root: XmlElement): void {
  if (root.ns === UBL_INVOICE_NS && root.local === 'Invoice') return;
  const shown = root.ns === null ? root.local : `{${root.ns}}${root.local}`;
  if (root.ns === UBL_CREDIT_NOTE_NS && root.local === 'CreditNote') {
    throw new UblNotAnInvoiceError(root.local, root.ns, 'A UBL CreditNote is not a receivable: only an Invoice can become a bill');
  }
  throw new UblNotAnInvoiceError(
    root.local,
    root.ns,
    `The root element ${shown} is not a UBL 2.1 Invoice (expected {${UBL_INVOICE_NS}}Invoice)`,
  );
}

function readParty(root: XmlElement, wrapper: string, t: PartyTerms): UblParty {
  const party = required(required(root, UBL_CAC_NS, wrapper, t.party), UBL_CAC_NS, 'Party', t.party);

  let endpointId: string | null = null;
  const endpoint = optional(party, UBL_CBC_NS, 'EndpointID', t.endpoint);
  if (endpoint !== null && endpoint.text.trim() !== '') {
    const scheme = (endpoint.attrs.schemeID ?? '').trim();
    if (scheme === '') throw new UblFieldInvalidError(t.endpoint, 'has no schemeID', clip(endpoint.text.trim()));
    endpointId = `${scheme}:${endpoint.text.trim()}`;
  }

  // BT-31/BT-48 is the PartyTaxScheme whose scheme is VAT (another one may carry a tax registration id)
  const vatSchemes = childrenOf(party, UBL_CAC_NS, 'PartyTaxScheme').filter((pts) =>
    childrenOf(pts, UBL_CAC_NS, 'TaxScheme').some((ts) =>
      childrenOf(ts, UBL_CBC_NS, 'ID').some((id) => id.text.trim().toUpperCase() === 'VAT'),
    ),
  );
  if (vatSchemes.length > 1) throw new UblFieldInvalidError(t.vat, `occurs ${vatSchemes.length} times`);
  const vatId = vatSchemes.length === 0 ? null : optionalText(vatSchemes[0], UBL_CBC_NS, 'CompanyID', t.vat);

  const legalEntity = optional(party, UBL_CAC_NS, 'PartyLegalEntity', t.legal);
  let legalId: string | null = null;
  let name: string | null = null;
  if (legalEntity !== null) {
    const company = optional(legalEntity, UBL_CBC_NS, 'CompanyID', t.legal);
    const id = company?.text.trim() ?? '';
    if (company !== null && id !== '') {
      const scheme = (company.attrs.schemeID ?? '').trim();
      legalId = scheme === '' ? id : `${scheme}:${id}`;
    }
    name = optionalText(legalEntity, UBL_CBC_NS, 'RegistrationName', t.name);
  }
  if (name === null) {
    const tradingName = childrenOf(party, UBL_CAC_NS, 'PartyName')
      .flatMap((pn) => childrenOf(pn, UBL_CBC_NS, 'Name'))
      .map((n) => n.text.trim())
      .find((n) => n !== '');
    name = tradingName ?? null;
  }
  if (name === null) throw new UblFieldMissingError(t.name);
  return { endpointId, vatId, legalId, name };
}

/** The one child with this name, or null; a single-valued term given twice is refused. */
function optional(el: XmlElement, ns: string, local: string, term: UblTerm): XmlElement | null {
  const found = childrenOf(el, ns, local);
  if (found.length > 1) throw new UblFieldInvalidError(term, `occurs ${found.length} times`);
  return found[0] ?? null;
}

function required(el: XmlElement, ns: string, local: string, term: UblTerm): XmlElement {
  const found = optional(el, ns, local, term);
  if (found === null) throw new UblFieldMissingError(term);
  return found;
}

/** Trimmed text of the one child, or null when absent or blank. */
function optionalText(el: XmlElement, ns: string, local: string, term: UblTerm): string | null {
  const text = optional(el, ns, local, term)?.text.trim() ?? '';
  return text === '' ? null : text;
}

function requiredText(el: XmlElement, ns: string, local: string, term: UblTerm): string {
  const text = optionalText(el, ns, local, term);
  if (text === null) throw new UblFieldMissingError(term);
  return text;
}

/** Peppol wants dates as YYYY-MM-DD (no time zone, PEPPOL-EN16931-F001), and a real calendar day. */
function isoDate(value: string, term: UblTerm): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1]) return value;
  }
  throw new UblFieldInvalidError(term, `"${clip(value)}" is not a calendar date in the form YYYY-MM-DD`, clip(value));
}

/** numeric(38,0) holds at most 38 digits of minor units. */
const MAX_MINOR_DIGITS = 38;

/**
 * An xsd:decimal string ("8550", "1656.25", "+.5") to minor units of `currency`, exactly: digits
 * are shifted as text, never through a float. More decimals than the currency has are refused
 * even when they are zeros ("1200.000" GBP), as Peppol BR-DEC-18 does for BT-115.
 */
function decimalToMinor(value: string, currency: string, term: UblTerm): bigint {
  const m = value.length <= 80 ? /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))$/.exec(value) : null;
  if (!m) throw new UblFieldInvalidError(term, `"${clip(value)}" is not a decimal number`, clip(value));
  const units = minorUnits(currency);
  const whole = m[2] ?? '0';
  const frac = m[3] ?? m[4] ?? '';
  if (frac.length > units) throw new UblAmountPrecisionError(term, clip(value), currency, units);
  const digits = (whole + frac.padEnd(units, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_MINOR_DIGITS) throw new UblFieldInvalidError(term, `"${clip(value)}" is out of range`, clip(value));
  const minor = BigInt(digits);
  return m[1] === '-' ? -minor : minor;
}

/** Values echoed in errors are cut short: a hostile document must not make a huge error body. */
function clip(value: string): string {
  return value.length <= 64 ? value : `${value.slice(0, 61)}...`;
}
