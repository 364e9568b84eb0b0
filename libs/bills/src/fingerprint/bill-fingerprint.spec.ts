import { describe, expect, it } from '@jest/globals';
import { keccak256, toUtf8Bytes } from 'ethers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseUblInvoice } from '../ubl/ubl-invoice.parser.js';
import {
  billFingerprint,
  billFingerprintPreimage,
  BillFingerprintInputError,
  normalizeInvoiceNumber,
  type BillFingerprintInput,
} from './bill-fingerprint.js';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/peppol-bis3/', import.meta.url));

const SELLER = '3f2b8c1e-6a4d-4f0e-9b7a-2c5d8e1f0a93';
const BUYER = 'b71c0d2a-9e3f-4a5b-8c6d-0e1f2a3b4c5d';

const receivable: BillFingerprintInput = {
  sellerOrgId: SELLER,
  buyerOrgId: BUYER,
  invoiceNumber: 'INV-001',
  amountMinor: 165625n,
  currency: 'EUR',
  issueDate: '2017-11-13',
};

const fixtureFingerprint = (file: string): string => {
  const inv = parseUblInvoice(readFileSync(join(FIXTURES, file)));
  return billFingerprint({
    sellerOrgId: SELLER,
    buyerOrgId: BUYER,
    invoiceNumber: inv.invoiceNumber,
    amountMinor: inv.payableAmountMinor,
    currency: inv.currency,
    issueDate: inv.issueDate,
  });
};

describe('billFingerprint', () => {
  it('is keccak256 of the documented preimage, as 0x-prefixed bytes32 hex', () => {
    const preimage = billFingerprintPreimage(receivable);
    expect(preimage).toBe(['tally.bill-fingerprint.v1', SELLER, BUYER, 'INV001', '165625', 'EUR', '2017-11-13'].join('\n'));
    const fp = billFingerprint(receivable);
    expect(fp).toMatch(/^0x[0-9a-f]{64}$/);
    expect(fp).toBe(keccak256(toUtf8Bytes(preimage)));
    // pinned: a change of the encoding must be a deliberate v2, never an accident
    expect(fp).toBe(FROZEN_V1);
  });

  it('gives the same fingerprint for the same receivable written differently', () => {
    const variants: Partial<BillFingerprintInput>[] = [
      { invoiceNumber: 'inv 001' },
      { invoiceNumber: '  INV-001  ' },
      { invoiceNumber: 'Inv/001' },
      { invoiceNumber: 'INV_001' },
      { invoiceNumber: 'inv.001' },
      { invoiceNumber: 'INV\u2013001' }, // en dash
      { invoiceNumber: 'INV\u00a0001' }, // no-break space
      { invoiceNumber: 'INV\u200b001' }, // zero-width space
      { invoiceNumber: '\uff29\uff2e\uff36\uff0d\uff10\uff10\uff11' }, // full-width "ＩＮＶ－００１"
      { invoiceNumber: 'I N V\t0 0 1\n' },
      { sellerOrgId: SELLER.toUpperCase(), buyerOrgId: BUYER.toUpperCase() },
      { currency: 'eur' },
      { currency: ' EUR ' },
    ];
    const expected = billFingerprint(receivable);
    for (const v of variants) expect(billFingerprint({ ...receivable, ...v })).toBe(expected);
  });

  it('changes when any one field changes', () => {
    const other = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const changes: Partial<BillFingerprintInput>[] = [
      { sellerOrgId: other },
      { buyerOrgId: other },
      { sellerOrgId: BUYER, buyerOrgId: SELLER }, // the other direction is another receivable
      { invoiceNumber: 'INV-002' },
      { invoiceNumber: 'INV-1' }, // leading zeros are kept
      { invoiceNumber: 'INV-0001' },
      { invoiceNumber: 'INV-001A' },
      { amountMinor: 165626n },
      { amountMinor: 16562500n },
      { currency: 'USD' },
      { issueDate: '2017-11-14' },
    ];
    const all = new Set([billFingerprint(receivable), ...changes.map((c) => billFingerprint({ ...receivable, ...c }))]);
    expect(all.size).toBe(changes.length + 1);
  });

  it('vat-category-E.xml and vat-category-Z.xml are one receivable; base-example.xml is another', () => {
    const e = fixtureFingerprint('vat-category-E.xml');
    const z = fixtureFingerprint('vat-category-Z.xml');
    const baseExample = fixtureFingerprint('base-example.xml');
    expect(e).toBe(z);
    expect(baseExample).not.toBe(e);
    // the documents themselves differ (VAT category E vs Z): only the receivable is the same
    const read = (f: string): string => readFileSync(join(FIXTURES, f), 'utf8');
    expect(read('vat-category-E.xml')).not.toBe(read('vat-category-Z.xml'));
  });

  it('refuses inputs it cannot normalize, naming the field', () => {
    const bad: [Partial<BillFingerprintInput>, string][] = [
      [{ sellerOrgId: 'org-1' }, 'sellerOrgId'],
      [{ buyerOrgId: `${BUYER}x` }, 'buyerOrgId'],
      [{ invoiceNumber: ' - / . ' }, 'invoiceNumber'],
      [{ invoiceNumber: '' }, 'invoiceNumber'],
      [{ invoiceNumber: 'INV\ue000001' }, 'invoiceNumber'], // private use
      [{ amountMinor: 0n }, 'amountMinor'],
      [{ amountMinor: -5n }, 'amountMinor'],
      [{ amountMinor: 165625 as unknown as bigint }, 'amountMinor'],
      [{ currency: 'XXX' }, 'currency'],
      [{ issueDate: '2017-02-29' }, 'issueDate'],
      [{ issueDate: '2017-11-13T00:00:00Z' }, 'issueDate'],
    ];
    for (const [change, field] of bad) {
      let error: unknown;
      try {
        billFingerprint({ ...receivable, ...change });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BillFingerprintInputError);
      expect(error).toMatchObject({ code: 'BILL_FINGERPRINT_INPUT_INVALID', field });
    }
  });
});

describe('normalizeInvoiceNumber', () => {
  it('upper-cases, drops whitespace and punctuation, keeps digits and leading zeros', () => {
    expect(normalizeInvoiceNumber('INV-001')).toBe('INV001');
    expect(normalizeInvoiceNumber('inv 001')).toBe('INV001');
    expect(normalizeInvoiceNumber(' 2024/00042-a ')).toBe('202400042A');
    expect(normalizeInvoiceNumber('Vat-Z')).toBe('VATZ');
    expect(normalizeInvoiceNumber('Snippet1')).toBe('SNIPPET1');
    expect(normalizeInvoiceNumber('Rechnung Nr. 7')).toBe('RECHNUNGNR7');
    expect(normalizeInvoiceNumber('straße-1')).toBe('STRASSE1');
    expect(normalizeInvoiceNumber('A+B|C$1')).toBe('A+B|C$1'); // symbols are not punctuation: kept
    expect(normalizeInvoiceNumber('007')).toBe('007');
  });
});

/** billFingerprint(receivable) under the v1 rules: keccak256 of the preimage asserted above. */
const FROZEN_V1 = '0x2c149d70f10dcbf0e4c44a7a0ccb24d69c57d97856e5364bee8e35b64aec2503';
