import type { AnchorReceipt } from '#anchoring';
import { CONTENT_WIDTH, drawFooter, drawHeader, drawSection, INK, latin1, MARGIN, MUTED, openPdf } from './pdf-layout.util.js';

export { drawQr, loadQrCode } from './pdf-layout.util.js';

export interface CertificateInput {
  document: { name: string; kind: string; mediaType: string; sizeBytes: number };
  receipt: AnchorReceipt;
  /** Opened by the QR code: the portal's public verify page for this hash. */
  verifyUrl: string;
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
  const { document: d, receipt: r, verifyUrl } = input;
  const anchoredAt = new Date(r.blockTimestamp * 1000);
  const { pdf, done } = await openPdf({
    Title: `Certificate of anchoring: ${d.name}`,
    Subject: `SHA-256 ${r.documentHash}`,
    Keywords: `anchoring, merkle, ${r.root}`,
    date: anchoredAt,
  });
  const width = CONTENT_WIDTH;

  let y = drawHeader(pdf, {
    title: 'Certificate of anchoring',
    lead:
      'This document existed, with exactly the content whose SHA-256 is given below, no later than the time of the ' +
      'block that anchored it. Anyone can check this with the receipt and any node of the chain, without Tally.',
    qr: { url: verifyUrl, caption: 'Scan to verify', size: 110 },
  });
  y = drawSection(pdf, 'Document', y, [
    ['Name', latin1(d.name)],
    ['Kind', d.kind],
    ['Type', d.mediaType],
    ['Size', humanSize(d.sizeBytes)],
    ['SHA-256', r.documentHash, true],
  ]);
  y = drawSection(pdf, 'Anchoring', y + 10, [
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
  drawFooter(pdf, `Verify page: ${verifyUrl}`);

  pdf.end();
  return done;
}

