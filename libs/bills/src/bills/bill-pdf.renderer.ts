import { drawQr, loadQrCode } from '#documents';
import { formatAmount } from '../financing/available-funds.check.js';

export interface BillPdfParty {
  role: string;
  name: string;
  lei?: string;
}

export interface BillPdfInput {
  invoiceNumber: string;
  faceAmountMinor: bigint;
  currency: string;
  issueDate: string;
  dueDate: string;
  state: string;
  encumbrance: string;
  fingerprint: string;
  tokenId: string;
  parties: BillPdfParty[];
  /** The lifecycle, oldest first; `by` is an organization's name. */
  events: { at: Date; action: string; by: string | null; txHash: string | null }[];
  document: null | {
    sha256: string;
    /** Where its hash is: not anchored yet, or the anchoring transaction. */
    anchoring: null | { state: string; anchoredAt?: Date; blockNumber?: number; txHash?: string; chainId?: number; contract?: string; root?: string };
    /** Opened by the QR code: the public verify page of the document's hash. */
    verifyUrl: string;
  };
  /** The PDF's dates (the bill's creation): the same bill gives the same bytes. */
  createdAt: Date;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const INK = '#1a237e';
const MUTED = '#555555';
const latin1 = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
const short = (hash: string) => (hash.length > 20 ? `${hash.slice(0, 10)}...${hash.slice(-8)}` : hash);
const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
/** `issue.confirmed` → `issue confirmed`. */
const step = (action: string) => action.replace(/[._]/g, ' ');

/**
 * The bill as a PDF with the layout of the anchoring certificate: a header with a QR code to the
 * public verify page of the bill's document, the parties by name, amounts in currency, the
 * lifecycle as a table and the anchoring status. Standard fonts only (Latin-1).
 */
export async function renderBillPdf(input: BillPdfInput): Promise<Buffer> {
  // pdfkit and qrcode load on the first PDF, not at start
  const { default: PDFDocument } = await import('pdfkit');
  await loadQrCode();
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: true,
    info: { Title: latin1(`Bill ${input.invoiceNumber}`), Author: 'Tally', Creator: 'Tally', Producer: 'Tally', CreationDate: input.createdAt, ModDate: input.createdAt },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = A4.width - 2 * MARGIN;
  const qrSize = input.document ? 100 : 0;
  const textWidth = width - (qrSize ? qrSize + 20 : 0);

  pdf.fillColor(INK).font('Helvetica-Bold').fontSize(22).text('Digital bill', MARGIN, MARGIN, { width: textWidth });
  pdf
    .moveDown(0.2)
    .fillColor('black')
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(latin1(`${input.invoiceNumber}: ${formatAmount(input.faceAmountMinor, input.currency)}, due ${input.dueDate}`), { width: textWidth });
  pdf
    .moveDown(0.3)
    .fillColor(MUTED)
    .font('Helvetica')
    .fontSize(9.5)
    .text(`A receivable registered on chain as token ${input.tokenId}. State ${input.state}; encumbrance ${input.encumbrance}.`, { width: textWidth });
  if (input.document) {
    drawQr(pdf, input.document.verifyUrl, A4.width - MARGIN - qrSize, MARGIN, qrSize);
    pdf.fillColor(MUTED).font('Helvetica').fontSize(7).text('Scan to verify the invoice', A4.width - MARGIN - qrSize, MARGIN + qrSize + 4, { width: qrSize, align: 'center' });
  }

  let y = Math.max(pdf.y, MARGIN + qrSize + 24) + 12;
  y = section(pdf, 'Terms', y, [
    ['Face amount', formatAmount(input.faceAmountMinor, input.currency)],
    ['Issue date', input.issueDate],
    ['Due date', input.dueDate],
    ['Fingerprint', input.fingerprint, true],
  ]);
  y = section(
    pdf,
    'Parties',
    y + 10,
    input.parties.map((party) => [party.role, latin1(party.lei ? `${party.name} (LEI ${party.lei})` : party.name)]),
  );
  const d = input.document;
  const a = d?.anchoring;
  y = section(
    pdf,
    'Document and anchoring',
    y + 10,
    !d
      ? [['Document', 'none attached']]
      : [
          ['SHA-256', d.sha256, true],
          ...(!a
            ? ([['Anchoring', 'unknown']] as [string, string][])
            : a.state !== 'ANCHORED' || !a.txHash
              ? ([['Anchoring', `${a.state.toLowerCase()}: not on chain yet`]] as [string, string][])
              : ([
                  ['Anchored at', `${a.anchoredAt ? when(a.anchoredAt) : '?'}, block ${a.blockNumber}`],
                  ['Transaction', a.txHash, true],
                  ['Contract', `${a.contract} on chain ${a.chainId}`, true],
                  ['Merkle root', a.root ?? '?', true],
                ] as [string, string, boolean?][])),
        ],
  );

  // the lifecycle as a table
  pdf.fillColor(INK).font('Helvetica-Bold').fontSize(12).text('Lifecycle', MARGIN, y + 10);
  const cols = [
    { title: 'When', x: MARGIN, w: 105 },
    { title: 'Step', x: MARGIN + 110, w: 125 },
    { title: 'By', x: MARGIN + 240, w: 140 },
    { title: 'Transaction', x: MARGIN + 385, w: width - 385 },
  ];
  let row = pdf.y + 4;
  pdf.fillColor(MUTED).font('Helvetica-Bold').fontSize(8.5);
  for (const c of cols) pdf.text(c.title, c.x, row, { width: c.w });
  row = pdf.y + 2;
  pdf.moveTo(MARGIN, row).lineTo(A4.width - MARGIN, row).strokeColor('#cccccc').lineWidth(0.5).stroke();
  row += 3;
  for (const e of input.events) {
    if (row > A4.height - MARGIN - 20) {
      pdf.addPage();
      row = MARGIN;
    }
    const cells = [when(e.at), step(e.action), latin1(e.by ?? '-'), e.txHash ? short(e.txHash) : '-'];
    let bottom = row;
    cells.forEach((cell, i) => {
      pdf.fillColor('black').font(i === 3 ? 'Courier' : 'Helvetica').fontSize(8.5).text(cell, cols[i]!.x, row, { width: cols[i]!.w });
      bottom = Math.max(bottom, pdf.y);
    });
    row = bottom + 3;
  }
  if (input.events.length === 0) pdf.fillColor(MUTED).font('Helvetica').fontSize(8.5).text('No step recorded yet.', MARGIN, row);
  if (d) pdf.fillColor(MUTED).font('Helvetica').fontSize(7).text(`Verify page: ${d.verifyUrl}`, MARGIN, A4.height - MARGIN - 10, { width, lineBreak: false });
  pdf.end();
  return done;
}

function section(pdf: PDFKit.PDFDocument, title: string, y: number, rows: [string, string, boolean?][]): number {
  const labelWidth = 90;
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
