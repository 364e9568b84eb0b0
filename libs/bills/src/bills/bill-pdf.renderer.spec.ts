import { describe, expect, it } from '@jest/globals';
import { renderBillPdf, type BillPdfInput } from './bill-pdf.renderer.js';
import { pdfTextRuns } from '../../../../test/support/pdf-text.js';

const h = (c: string) => `0x${c.repeat(64)}`;
const input: BillPdfInput = {
  invoiceNumber: 'Snippet1',
  faceAmountMinor: 165625n,
  currency: 'EUR',
  issueDate: '2026-11-13',
  dueDate: '2027-01-12',
  state: 'ACCEPTED',
  encumbrance: 'FINANCED',
  fingerprint: h('1'),
  tokenId: '42',
  parties: [
    { role: 'Supplier (creditor)', name: 'Acme Components GmbH', lei: '5493001KJTIIGC8Y1R12' },
    { role: 'Buyer (obligor)', name: 'Globex Retail SE' },
    { role: 'Holder', name: 'Northbank AG' },
  ],
  events: [
    { at: new Date('2026-11-13T09:00:00Z'), action: 'issue.requested', by: 'Acme Components GmbH', txHash: null },
    { at: new Date('2026-11-13T09:00:05Z'), action: 'issue.confirmed', by: null, txHash: h('9') },
  ],
  document: {
    sha256: h('a'),
    verifyUrl: `https://tally.example/#/verify?sha256=${h('a')}`,
    anchoring: { state: 'ANCHORED', anchoredAt: new Date('2026-11-13T09:10:00Z'), blockNumber: 7, txHash: h('b'), chainId: 31337, contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3', root: h('c') },
  },
  createdAt: new Date('2026-11-13T09:00:00Z'),
};

const pageText = (pdf: Buffer): string => pdfTextRuns(pdf).join('');

describe('renderBillPdf', () => {
  it('gives the same bytes for the same bill', async () => {
    const a = await renderBillPdf(input);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(await renderBillPdf(input))).toBe(true);
    expect(a.equals(await renderBillPdf({ ...input, state: 'PAID' }))).toBe(false);
  });

  it('names the parties, formats amounts in currency, tabulates the lifecycle and shows the anchoring', async () => {
    const text = pageText(await renderBillPdf(input)).replace(/\s+/g, '');
    for (const value of ['Digitalbill', '1,656.25EUR', 'AcmeComponentsGmbH', 'GlobexRetailSE', 'NorthbankAG', 'issueconfirmed', 'Lifecycle', h('b'), h('c'), 'block7', 'tally.example/#/verify?sha256=']) {
      expect(text).toContain(value);
    }
    expect(text).not.toContain('165625');
  });

  it('says when the document is not anchored yet, and when there is none', async () => {
    const pending = pageText(await renderBillPdf({ ...input, document: { ...input.document!, anchoring: { state: 'PENDING' } } }));
    expect(pending.replace(/\s+/g, '')).toContain('pending:notonchainyet');
    const none = pageText(await renderBillPdf({ ...input, document: null }));
    expect(none.replace(/\s+/g, '')).toContain('noneattached');
  });
});
