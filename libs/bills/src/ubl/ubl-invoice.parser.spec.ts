import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { statusOfCode } from '#core';
import { parseUblInvoice, type ParsedUblInvoice } from './ubl-invoice.parser.js';
import {
  UblAmountPrecisionError,
  UblCurrencyMismatchError,
  UblDoctypeForbiddenError,
  UblErrorCode,
  UblException,
  UblFieldInvalidError,
  UblFieldMissingError,
  UblMalformedError,
  UblNotAnInvoiceError,
  UblTooLargeError,
} from './ubl.errors.js';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/peppol-bis3/', import.meta.url));
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));
const base = (): string => fixture('base-example.xml').toString('utf8');

/** Runs `fn`, expecting it to throw; returns the error for further checks. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

const SUPPLIER_OFFICIAL = { vatId: 'GB1232434', legalId: 'GB983294', name: 'SupplierOfficialName Ltd' };
const BUYER_OFFICIAL = { vatId: 'SE4598375937', legalId: '0183:39937423947', name: 'Buyer Official Name' };

describe('parseUblInvoice over the Peppol BIS 3.0 examples', () => {
  it('base-example.xml', () => {
    expect(parseUblInvoice(fixture('base-example.xml'))).toEqual({
      invoiceNumber: 'Snippet1',
      issueDate: '2017-11-13',
      dueDate: '2017-12-01',
      currency: 'EUR',
      payableAmountMinor: 165625n,
      payableAmountCurrency: 'EUR',
      seller: { endpointId: '0088:9482348239847239874', ...SUPPLIER_OFFICIAL },
      buyer: { endpointId: '0002:FR23342', ...BUYER_OFFICIAL },
      paymentTerms: 'Payment within 10 days, 2% discount',
    } satisfies ParsedUblInvoice);
  });

  it('Allowance-example.xml', () => {
    expect(parseUblInvoice(fixture('Allowance-example.xml'))).toEqual({
      invoiceNumber: 'Snippet1',
      issueDate: '2017-11-13',
      dueDate: '2017-12-01',
      currency: 'EUR',
      payableAmountMinor: 612500n,
      payableAmountCurrency: 'EUR',
      seller: { endpointId: '0088:7300010000001', ...SUPPLIER_OFFICIAL },
      buyer: { endpointId: '0002:4598375937', ...BUYER_OFFICIAL },
      paymentTerms: 'Payment within 10 days, 2% discount',
    } satisfies ParsedUblInvoice);
  });

  it('Vat-category-S.xml (an amount without decimals: "8550")', () => {
    expect(parseUblInvoice(fixture('Vat-category-S.xml'))).toEqual({
      invoiceNumber: 'Snippet1',
      issueDate: '2017-11-13',
      dueDate: '2017-12-01',
      currency: 'EUR',
      payableAmountMinor: 855000n,
      payableAmountCurrency: 'EUR',
      seller: { endpointId: '0088:7300010000001', ...SUPPLIER_OFFICIAL },
      buyer: { endpointId: '0002:FR23342', ...BUYER_OFFICIAL },
      paymentTerms: 'Payment within 10 days, 2% discount',
    } satisfies ParsedUblInvoice);
  });

  it.each(['vat-category-E.xml', 'vat-category-Z.xml'])('%s (no DueDate, no PartyName, no buyer VAT)', (name) => {
    expect(parseUblInvoice(fixture(name))).toEqual({
      invoiceNumber: 'Vat-Z',
      issueDate: '2018-08-30',
      dueDate: null,
      currency: 'GBP',
      payableAmountMinor: 120000n,
      payableAmountCurrency: 'GBP',
      seller: { endpointId: '0088:7300010000001', vatId: 'GB928741974', legalId: null, name: 'The Sellercompany Incorporated' },
      buyer: { endpointId: '0184:12345678', vatId: null, legalId: null, name: 'The Buyercompany' },
      paymentTerms: 'Payment within 30 days',
    } satisfies ParsedUblInvoice);
  });

  it('base-creditnote-correction.xml is refused: a credit note is not a receivable (422)', () => {
    const e = thrown(() => parseUblInvoice(fixture('base-creditnote-correction.xml')));
    expect(e).toBeInstanceOf(UblNotAnInvoiceError);
    expect(e).toMatchObject({
      code: 'UBL_NOT_AN_INVOICE',
      rootElement: 'CreditNote',
      namespace: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
    });
    expect(statusOfCode(UblErrorCode.UBL_NOT_AN_INVOICE)).toBe(422);
  });

  it('reads a string as well as a Buffer, with or without a UTF-8 BOM', () => {
    const expected = parseUblInvoice(fixture('base-example.xml'));
    expect(parseUblInvoice(base())).toEqual(expected);
    expect(parseUblInvoice(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture('base-example.xml')]))).toEqual(expected);
    expect(parseUblInvoice(`\uFEFF${base()}`)).toEqual(expected);
  });
});

describe('parseUblInvoice namespaces', () => {
  it('does not depend on the prefixes', () => {
    const renamed = base()
      .replace(/<(\/?)cbc:/g, '<$1b:')
      .replace(/<(\/?)cac:/g, '<$1a:')
      .replace('xmlns:cbc=', 'xmlns:b=')
      .replace('xmlns:cac=', 'xmlns:a=')
      .replace('<Invoice ', '<inv:Invoice ')
      .replace('</Invoice>', '</inv:Invoice>')
      .replace(
        'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"',
        'xmlns:inv="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"',
      );
    expect(renamed).not.toContain('cbc:');
    expect(parseUblInvoice(renamed)).toEqual(parseUblInvoice(base()));
  });

  it('accepts default-namespace declarations on the elements themselves', () => {
    const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';
    const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
    const xml = `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">
      <ID xmlns="${CBC}">INV-7</ID>
      <IssueDate xmlns="${CBC}">2024-02-29</IssueDate>
      <DocumentCurrencyCode xmlns="${CBC}">JPY</DocumentCurrencyCode>
      <AccountingSupplierParty xmlns="${CAC}"><Party><PartyLegalEntity><RegistrationName xmlns="${CBC}">S</RegistrationName></PartyLegalEntity></Party></AccountingSupplierParty>
      <AccountingCustomerParty xmlns="${CAC}"><Party><PartyName><Name xmlns="${CBC}">B</Name></PartyName></Party></AccountingCustomerParty>
      <LegalMonetaryTotal xmlns="${CAC}"><PayableAmount xmlns="${CBC}" currencyID="JPY">1000</PayableAmount></LegalMonetaryTotal>
    </Invoice>`;
    expect(parseUblInvoice(xml)).toEqual({
      invoiceNumber: 'INV-7',
      issueDate: '2024-02-29',
      dueDate: null,
      currency: 'JPY',
      payableAmountMinor: 1000n,
      payableAmountCurrency: 'JPY',
      seller: { endpointId: null, vatId: null, legalId: null, name: 'S' },
      buyer: { endpointId: null, vatId: null, legalId: null, name: 'B' },
      paymentTerms: null,
    } satisfies ParsedUblInvoice);
  });

  it('ignores elements of other namespaces that share a local name', () => {
    const xml = base().replace('<cbc:ID>Snippet1</cbc:ID>', '<cbc:ID>Snippet1</cbc:ID><x:ID xmlns:x="urn:example:other">Decoy</x:ID>');
    expect(parseUblInvoice(xml).invoiceNumber).toBe('Snippet1');
  });

  it('refuses an Invoice element outside the UBL namespace, and other documents', () => {
    const noNs = base().replace('xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"', '');
    expect(() => parseUblInvoice(noNs)).toThrow(UblNotAnInvoiceError);
    expect(thrown(() => parseUblInvoice(noNs))).toMatchObject({ rootElement: 'Invoice', namespace: null });
    const order = '<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>';
    expect(() => parseUblInvoice(order)).toThrow(/not a UBL 2.1 Invoice/);
  });

  it('refuses an Invoice whose type code is a credit note (381)', () => {
    const xml = base().replace('<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>', '<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>');
    expect(() => parseUblInvoice(xml)).toThrow(UblNotAnInvoiceError);
  });

  it('refuses an undeclared prefix', () => {
    const xml = base().replace('<cbc:ID>Snippet1</cbc:ID>', '<zz:ID>Snippet1</zz:ID>');
    expect(() => parseUblInvoice(xml)).toThrow(UblMalformedError);
  });
});

describe('parseUblInvoice refuses hostile or broken input', () => {
  it('malformed XML, with a line number', () => {
    const truncated = base().slice(0, 2000);
    const e = thrown(() => parseUblInvoice(truncated));
    expect(e).toBeInstanceOf(UblMalformedError);
    expect(e).toMatchObject({ code: 'UBL_MALFORMED' });
    expect(() => parseUblInvoice(base().replace('</cbc:IssueDate>', '</cbc:IssueDat>'))).toThrow(/Malformed XML: .*line 8/);
    expect(() => parseUblInvoice('')).toThrow(UblMalformedError);
    expect(() => parseUblInvoice('   ')).toThrow(UblMalformedError);
    expect(() => parseUblInvoice('%PDF-1.7 not xml')).toThrow(UblMalformedError);
    expect(() => parseUblInvoice(`${base()}<Invoice/>`)).toThrow(UblMalformedError);
  });

  it('a DOCTYPE entity bomb, before anything is expanded', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&lol9;</ID></Invoice>`;
    const e = thrown(() => parseUblInvoice(bomb));
    expect(e).toBeInstanceOf(UblDoctypeForbiddenError);
    expect(e).toMatchObject({ code: 'UBL_DOCTYPE_FORBIDDEN', declaration: 'DOCTYPE' });
  });

  it('an external entity (XXE), a stray ENTITY declaration and an undeclared entity', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${base().replace(/^<\?xml[^>]*>/, '')}`;
    expect(() => parseUblInvoice(xxe)).toThrow(UblDoctypeForbiddenError);
    expect(() => parseUblInvoice('<!ENTITY x "y"><a/>')).toThrow(UblDoctypeForbiddenError);
    expect(() => parseUblInvoice(base().replace('Snippet1</cbc:ID>', '&xxe;</cbc:ID>'))).toThrow(/undeclared entity reference "&xxe;"/);
  });

  it('too large inputs, before parsing (default 5 MiB, or the given limit)', () => {
    const e = thrown(() => parseUblInvoice(fixture('base-example.xml'), { maxBytes: 1000 }));
    expect(e).toBeInstanceOf(UblTooLargeError);
    expect(e).toMatchObject({ code: 'UBL_TOO_LARGE', maxBytes: 1000, sizeBytes: fixture('base-example.xml').length });
    expect(() => parseUblInvoice(Buffer.alloc(5 * 1024 * 1024 + 1, 0x20))).toThrow(UblTooLargeError);
    expect(() => parseUblInvoice(' '.repeat(5 * 1024 * 1024 + 1))).toThrow(UblTooLargeError);
    // "é" is 2 bytes in UTF-8: the limit counts bytes, not characters
    expect(() => parseUblInvoice('é'.repeat(600), { maxBytes: 1000 })).toThrow(UblTooLargeError);
    expect(statusOfCode(UblErrorCode.UBL_TOO_LARGE)).toBe(413);
  });

  it('deep nesting', () => {
    const deep = `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</Invoice>`;
    expect(() => parseUblInvoice(deep)).toThrow(UblMalformedError);
  });

  it('non-UTF-8 documents', () => {
    expect(() => parseUblInvoice(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]))).toThrow(/not valid UTF-8/);
    expect(() => parseUblInvoice(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base(), 'utf16le')]))).toThrow(/UTF-16/);
    expect(() => parseUblInvoice(base().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'))).toThrow(/ISO-8859-1/);
  });
});

describe('parseUblInvoice business terms', () => {
  it('names the missing business term', () => {
    const noPayable = base().replace(/<cbc:PayableAmount[^<]*<\/cbc:PayableAmount>/, '');
    const e = thrown(() => parseUblInvoice(noPayable));
    expect(e).toBeInstanceOf(UblFieldMissingError);
    expect((e as Error).message).toContain('BT-115 PayableAmount is missing');
    expect(e).toMatchObject({ code: 'UBL_FIELD_MISSING', details: { businessTerm: 'BT-115' } });

    expect(() => parseUblInvoice(base().replace('<cbc:ID>Snippet1</cbc:ID>', ''))).toThrow(/^BT-1 ID \(invoice number\) is missing/);
    expect(() => parseUblInvoice(base().replace('<cbc:ID>Snippet1</cbc:ID>', '<cbc:ID>  </cbc:ID>'))).toThrow(/^BT-1 /);
    expect(() => parseUblInvoice(base().replace('<cbc:IssueDate>2017-11-13</cbc:IssueDate>', ''))).toThrow(/^BT-2 IssueDate is missing/);
    expect(() => parseUblInvoice(base().replace('<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>', ''))).toThrow(/^BT-5 /);
    expect(() => parseUblInvoice(base().replace(/<cac:AccountingCustomerParty>[\s\S]*<\/cac:AccountingCustomerParty>/, ''))).toThrow(
      /^BG-7 /,
    );
    expect(() => parseUblInvoice(base().replace(/<cac:LegalMonetaryTotal>[\s\S]*<\/cac:LegalMonetaryTotal>/, ''))).toThrow(/^BG-22 /);
    expect(() => parseUblInvoice(base().replace(' currencyID="EUR">1656.25</cbc:PayableAmount>', '>1656.25</cbc:PayableAmount>'))).toThrow(
      /^BT-115 PayableAmount currencyID is missing/,
    );
  });

  it('requires a seller name: legal name, else trading name', () => {
    const noLegalName = base().replace('<cbc:RegistrationName>SupplierOfficialName Ltd</cbc:RegistrationName>', '');
    expect(parseUblInvoice(noLegalName).seller.name).toBe('SupplierTradingName Ltd.');
    const noName = noLegalName.replace('<cbc:Name>SupplierTradingName Ltd.</cbc:Name>', '');
    expect(() => parseUblInvoice(noName)).toThrow(/^BT-27 Seller name is missing/);
  });

  it('refuses a currencyID other than the document currency', () => {
    const xml = base().replace('<cbc:PayableAmount currencyID="EUR">', '<cbc:PayableAmount currencyID="USD">');
    const e = thrown(() => parseUblInvoice(xml));
    expect(e).toBeInstanceOf(UblCurrencyMismatchError);
    expect(e).toMatchObject({ code: 'UBL_CURRENCY_MISMATCH', documentCurrency: 'EUR', amountCurrency: 'USD' });
  });

  it('refuses more decimals than the currency has, even trailing zeros (BR-DEC-18)', () => {
    const withAmount = (amount: string): string => base().replace('>1656.25</cbc:PayableAmount>', `>${amount}</cbc:PayableAmount>`);
    const e = thrown(() => parseUblInvoice(withAmount('1656.255')));
    expect(e).toBeInstanceOf(UblAmountPrecisionError);
    expect(e).toMatchObject({ code: 'UBL_AMOUNT_PRECISION', value: '1656.255', currency: 'EUR', maxDecimals: 2 });
    expect(() => parseUblInvoice(withAmount('1656.250'))).toThrow(UblAmountPrecisionError);
  });

  it('parses amounts as decimal strings, exactly', () => {
    const withAmount = (amount: string): string => base().replace('>1656.25</cbc:PayableAmount>', `>${amount}</cbc:PayableAmount>`);
    expect(parseUblInvoice(withAmount('0.1')).payableAmountMinor).toBe(10n);
    expect(parseUblInvoice(withAmount(' 1656.2 ')).payableAmountMinor).toBe(165620n);
    expect(parseUblInvoice(withAmount('+000042.')).payableAmountMinor).toBe(4200n);
    expect(parseUblInvoice(withAmount('.07')).payableAmountMinor).toBe(7n);
    // beyond 2^53: a float would lose the last digits
    expect(parseUblInvoice(withAmount('90071992547409.93')).payableAmountMinor).toBe(9007199254740993n);
    expect(parseUblInvoice(withAmount('999999999999999999999999999999999999.99')).payableAmountMinor).toBe(
      99999999999999999999999999999999999999n,
    );
    for (const bad of ['1e3', '1,656.25', '0x10', 'NaN', '', '1.2.3', '9999999999999999999999999999999999999.99']) {
      expect(() => parseUblInvoice(withAmount(bad))).toThrow(bad === '' ? UblFieldMissingError : UblFieldInvalidError);
    }
    expect(() => parseUblInvoice(withAmount('0.00'))).toThrow(/must be greater than zero/);
    expect(() => parseUblInvoice(withAmount('-1656.25'))).toThrow(/must be greater than zero/);
  });

  it('refuses a single-valued term given twice (no parser differential on the amount)', () => {
    const twice = base().replace(
      '<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>',
      '<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount><cbc:PayableAmount currencyID="EUR">1.00</cbc:PayableAmount>',
    );
    expect(() => parseUblInvoice(twice)).toThrow(/^BT-115 PayableAmount occurs 2 times/);
    expect(() => parseUblInvoice(base().replace('<cbc:ID>Snippet1</cbc:ID>', '<cbc:ID>A</cbc:ID><cbc:ID>B</cbc:ID>'))).toThrow(
      /^BT-1 .* occurs 2 times/,
    );
  });

  it('refuses an unsupported currency and dates that are not YYYY-MM-DD calendar days', () => {
    const xxx = base().replaceAll('EUR', 'XXX');
    expect(() => parseUblInvoice(xxx)).toThrow(/^BT-5 DocumentCurrencyCode "XXX" is not a supported currency/);
    for (const date of ['2017-02-29', '2017-13-01', '13.11.2017', '2017-11-13Z', '2017-11-13T10:00:00']) {
      const e = thrown(() =>
        parseUblInvoice(base().replace('<cbc:IssueDate>2017-11-13</cbc:IssueDate>', `<cbc:IssueDate>${date}</cbc:IssueDate>`)),
      );
      expect(e).toBeInstanceOf(UblFieldInvalidError);
      expect(e).toMatchObject({ details: { businessTerm: 'BT-2' } });
    }
    expect(() => parseUblInvoice(base().replace('<cbc:DueDate>2017-12-01</cbc:DueDate>', '<cbc:DueDate>2017-12-32</cbc:DueDate>'))).toThrow(
      /^BT-9 /,
    );
  });

  it('refuses an EndpointID without schemeID', () => {
    const xml = base().replace('<cbc:EndpointID schemeID="0002">FR23342</cbc:EndpointID>', '<cbc:EndpointID>FR23342</cbc:EndpointID>');
    expect(() => parseUblInvoice(xml)).toThrow(/^BT-49 Buyer EndpointID has no schemeID/);
  });

  it('decodes entity and character references once, and CDATA literally', () => {
    const xml = base()
      .replace('<cbc:ID>Snippet1</cbc:ID>', '<cbc:ID>&#x41;&#66;-&amp;#65;</cbc:ID>')
      .replace('SupplierOfficialName Ltd</cbc:RegistrationName>', 'Smith &amp; Sons &lt;UK&gt;</cbc:RegistrationName>')
      .replace('Buyer Official Name</cbc:RegistrationName>', '<![CDATA[Buyer &amp; <Co>]]></cbc:RegistrationName>');
    const parsed = parseUblInvoice(xml);
    expect(parsed.invoiceNumber).toBe('AB-&#65;');
    expect(parsed.seller.name).toBe('Smith & Sons <UK>');
    expect(parsed.buyer.name).toBe('Buyer &amp; <Co>');
  });

  it('every error is a UblException with a registered code', () => {
    for (const code of Object.values(UblErrorCode)) expect(statusOfCode(code)).toBeDefined();
    expect(thrown(() => parseUblInvoice('<x'))).toBeInstanceOf(UblException);
  });
});
