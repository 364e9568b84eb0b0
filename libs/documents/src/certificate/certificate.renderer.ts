import type QRCodeModule from 'qrcode';
import type { AnchorReceipt } from '#anchoring';

// pdfkit and qrcode load on the first certificate, not at start (about 0.2 s of a start)
let QRCode: typeof QRCodeModule;

export interface CertificateInput {
  document: { name: string; kind: string; mediaType: string; sizeBytes: number };
  receipt: AnchorReceipt;
  /** Opened by the QR code: the portal's public verify page for this hash. */
  verifyUrl: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const INK = '#1a237e';
const MUTED = '#555555';

/** Standard PDF fonts only know Latin-1: anything else is shown as '?'. */
function latin1(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1_048_576) return `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
  return `${(bytes / 1_048_576).toFixed(1)} MiB (${bytes} bytes)`;
}

/**
 * The PDF certificate of an anchored document. Deterministic: the same inputs give the same
 * bytes (the PDF's dates are the anchoring block's time, its file id derives from them, fonts are
 * the standard ones and the QR code is drawn as vectors).
 */
export async function renderCertificate(input: CertificateInput): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  await loadQrCode();
  const { document: d, receipt: r, verifyUrl } = input;
  const anchoredAt = new Date(r.blockTimestamp * 1000);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: true,
    info: {
      Title: latin1(`Certificate of anchoring: ${d.name}`),
      Author: 'Tally',
      Subject: `SHA-256 ${r.documentHash}`,
      Keywords: `anchoring, merkle, ${r.root}`,
      Creator: 'Tally',
      Producer: 'Tally',
      CreationDate: anchoredAt,
      ModDate: anchoredAt,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const width = A4.width - 2 * MARGIN;
  const qrSize = 110;

  // header, with the QR code to the verify page on the right
  pdf
    .fillColor(INK)
    .font('Helvetica-Bold')
    .fontSize(22)
    .text('Certificate of anchoring', MARGIN, MARGIN, { width: width - qrSize - 20 });
  pdf
    .moveDown(0.4)
    .fillColor(MUTED)
    .font('Helvetica')
    .fontSize(10)
    .text(
      'This document existed, with exactly the content whose SHA-256 is given below, no later than the time of the ' +
        'block that anchored it. Anyone can check this with the receipt and any node of the chain, without Tally.',
      { width: width - qrSize - 20 },
    );
  drawQr(pdf, verifyUrl, A4.width - MARGIN - qrSize, MARGIN, qrSize);
  pdf
    .fillColor(MUTED)
    .font('Helvetica')
    .fontSize(7)
    .text('Scan to verify', A4.width - MARGIN - qrSize, MARGIN + qrSize + 4, { width: qrSize, align: 'center' });

  let y = Math.max(pdf.y, MARGIN + qrSize + 24) + 12;
  y = section(pdf, 'Document', y, [
    ['Name', latin1(d.name)],
    ['Kind', d.kind],
    ['Type', d.mediaType],
    ['Size', humanSize(d.sizeBytes)],
    ['SHA-256', r.documentHash, true],
  ]);
  y = section(pdf, 'Anchoring', y + 10, [
    ['Anchored at', `${anchoredAt.toISOString().replace('.000Z', 'Z')} (block time, UTC)`],
    ['Block', String(r.blockNumber)],
    ['Transaction', r.txHash, true],
    ['Contract', `${r.contract} (DocumentAnchor)`, true],
    ['Chain id', String(r.chainId)],
    ['Batch id', r.batchId, true],
    ['Merkle root', r.root, true],
    ['Leaf', `${r.leaf} (index ${r.leafIndex} of ${r.leafCount})`, true],
  ]);

  pdf
    .fillColor(INK)
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(`Merkle proof (${r.proof.length} hashes, leaf to root)`, MARGIN, y + 10);
  pdf
    .moveDown(0.3)
    .fillColor('black')
    .font('Courier')
    .fontSize(r.proof.length > 20 ? 6.5 : 8);
  if (r.proof.length === 0) pdf.text('(none: the document is the only leaf of its batch; its leaf is the root)');
  r.proof.forEach((h, i) => pdf.text(`${String(i + 1).padStart(2, ' ')}. ${h}`));

  pdf.moveDown(1).fillColor(INK).font('Helvetica-Bold').fontSize(10).text('How to verify without Tally', MARGIN, pdf.y, { width });
  pdf
    .moveDown(0.3)
    .fillColor(MUTED)
    .font('Helvetica')
    .fontSize(8.5)
    .text(
      `1. Compute the SHA-256 of the file: it must equal the SHA-256 above. 2. With OpenZeppelin's library: ` +
        `StandardMerkleTree.verify(root, ['bytes32'], [sha256], proof) must be true. 3. On chain ${r.chainId}, ` +
        `DocumentAnchor.batchOf(batchId) at ${r.contract} must return the root, block ${r.blockNumber} and time ` +
        `${r.blockTimestamp}; DocumentAnchor.verify(root, proof, sha256) computes the leaf and runs MerkleProof.sol on chain. ` +
        `Or run: tally verify <file> --receipt <receipt.json> --rpc <node URL>.`,
      { width },
    );
  pdf
    .fillColor(MUTED)
    .fontSize(7)
    .text(`Verify page: ${verifyUrl}`, MARGIN, A4.height - MARGIN - 10, { width, lineBreak: false });

  pdf.end();
  return done;
}

function section(pdf: PDFKit.PDFDocument, title: string, y: number, rows: [string, string, boolean?][]): number {
  const labelWidth = 80;
  pdf.fillColor(INK).font('Helvetica-Bold').fontSize(12).text(title, MARGIN, y);
  let at = pdf.y + 4;
  for (const [label, value, mono] of rows) {
    pdf.fillColor(MUTED).font('Helvetica').fontSize(9).text(label, MARGIN, at, { width: labelWidth });
    pdf
      .fillColor('black')
      .font(mono ? 'Courier' : 'Helvetica')
      .fontSize(mono ? 8.5 : 9.5)
      .text(value, MARGIN + labelWidth, at, { width: A4.width - 2 * MARGIN - labelWidth });
    at = pdf.y + 3;
  }
  return at;
}

/** Loads qrcode once, for drawQr (it is not loaded at start). */
export async function loadQrCode(): Promise<void> {
  QRCode ??= (await import('qrcode')).default;
}

/** The QR code as filled squares (call loadQrCode first) (vectors: sharp at any zoom, and no image encoder in the way of determinism). */
export function drawQr(pdf: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  pdf.rect(x, y, size, size).fill('white');
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(row, col)) pdf.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  pdf.fill('black');
}
