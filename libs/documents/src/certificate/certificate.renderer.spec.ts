import { describe, expect, it } from '@jest/globals';
import type { AnchorReceipt } from '#anchoring';
import { renderCertificate, type CertificateInput } from './certificate.renderer.js';
import { pdfTextRuns } from '../../../../test/support/pdf-text.js';

const h = (c: string) => `0x${c.repeat(64)}`;
const receipt: AnchorReceipt = {
  format: 'tally-anchor-receipt/1',
  documentHash: h('a'),
  leafEncoding: ['bytes32'],
  leaf: h('b'),
  leafIndex: 3,
  leafCount: 8,
  proof: [h('c'), h('d'), h('e')],
  root: h('f'),
  batchId: `0x${'0'.repeat(32)}${'1'.repeat(32)}`,
  chainId: 31337,
  contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  txHash: h('9'),
  blockNumber: 42,
  blockTimestamp: 1_763_800_000,
  anchoredAt: new Date(1_763_800_000_000).toISOString(),
};
const input: CertificateInput = {
  document: { name: 'Rechnung Nr. 7 — März.pdf', kind: 'INVOICE', mediaType: 'application/pdf', sizeBytes: 123_456 },
  receipt,
  verifyUrl: `https://tally.example/#/verify?sha256=${h('a')}`,
};

const pageText = (pdf: Buffer): string => pdfTextRuns(pdf).join('');

describe('renderCertificate', () => {
  it('gives the same bytes for the same inputs, and other bytes for another receipt', async () => {
    const a = await renderCertificate(input);
    const b = await renderCertificate(input);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    const c = await renderCertificate({ ...input, receipt: { ...receipt, blockNumber: 43 } });
    expect(c.equals(a)).toBe(false);
  });

  it('dates the PDF with the anchoring block time, not the rendering time', async () => {
    const raw = (await renderCertificate(input)).toString('latin1');
    expect(raw).toContain('D:20251122082640Z');
    expect(raw).toContain(`(SHA-256 ${h('a')})`);
  });

  it('shows the hash, the anchoring facts, every proof hash and the verify URL', async () => {
    const text = pageText(await renderCertificate(input)).replace(/\s+/g, '');
    for (const value of [
      receipt.documentHash,
      receipt.txHash,
      receipt.root,
      receipt.contract,
      ...receipt.proof,
      '31337',
      '2025-11-22T08:26:40Z',
    ]) {
      expect(text).toContain(value.replace(/\s+/g, ''));
    }
    expect(text).toContain('tally.example/#/verify?sha256=');
    expect(text).toContain('Rechnung'); // non-Latin-1 characters degrade to '?' rather than failing
  });
});
