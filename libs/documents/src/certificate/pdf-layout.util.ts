import type QRCodeModule from 'qrcode';

// qrcode loads on the first PDF, not at start
let QRCode: typeof QRCodeModule;

/**
 * The layout family of Tally's PDFs (the anchoring certificate, the bill, the statement): A4,
 * standard fonts, a header with a title and an optional QR code on the right, label/value
 * sections and tables. Deterministic: the document's dates are the caller's, never the clock's.
 */
export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 50;
export const INK = '#1a237e';
export const MUTED = '#555555';
export const CONTENT_WIDTH = A4.width - 2 * MARGIN;

/** Standard PDF fonts only know Latin-1: anything else is shown as '?'. */
export function latin1(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

export interface PdfInfo {
  Title: string;
  Subject?: string;
  Keywords?: string;
  /** The PDF's creation and modification date (and so its file id): fixed by the caller. */
  date: Date;
}

/** A new A4 document and the promise of its bytes (resolved after `pdf.end()`). */
export async function openPdf(info: PdfInfo): Promise<{ pdf: PDFKit.PDFDocument; done: Promise<Buffer> }> {
  // pdfkit and qrcode load on the first PDF, not at start (about 0.2 s of a start)
  const { default: PDFDocument } = await import('pdfkit');
  await loadQrCode();
  const { date, ...rest } = info;
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: true,
    info: { ...rest, Title: latin1(rest.Title), Author: 'Tally', Creator: 'Tally', Producer: 'Tally', CreationDate: date, ModDate: date },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  return { pdf, done };
}

export interface PdfHeader {
  title: string;
  /** A bold line under the title (e.g. the bill's number, amount and due date). */
  subtitle?: string;
  /** The explanatory paragraph. */
  lead: string;
  leadSize?: number;
  qr?: { url: string; caption: string; size: number };
}

/** The header: title, subtitle, lead, and the QR code on the right. Returns the y below it. */
export function drawHeader(pdf: PDFKit.PDFDocument, header: PdfHeader): number {
  const qrSize = header.qr?.size ?? 0;
  const textWidth = CONTENT_WIDTH - (qrSize ? qrSize + 20 : 0);
  pdf.fillColor(INK).font('Helvetica-Bold').fontSize(22).text(latin1(header.title), MARGIN, MARGIN, { width: textWidth });
  if (header.subtitle !== undefined) {
    pdf.moveDown(0.2).fillColor('black').font('Helvetica-Bold').fontSize(14).text(latin1(header.subtitle), { width: textWidth });
  }
  pdf
    .moveDown(header.subtitle !== undefined ? 0.3 : 0.4)
    .fillColor(MUTED)
    .font('Helvetica')
    .fontSize(header.leadSize ?? 10)
    .text(latin1(header.lead), { width: textWidth });
  if (header.qr) {
    drawQr(pdf, header.qr.url, A4.width - MARGIN - qrSize, MARGIN, qrSize);
    pdf.fillColor(MUTED).font('Helvetica').fontSize(7).text(header.qr.caption, A4.width - MARGIN - qrSize, MARGIN + qrSize + 4, { width: qrSize, align: 'center' });
  }
  return Math.max(pdf.y, MARGIN + qrSize + 24) + 12;
}

/** A titled list of label/value rows (`mono` values in Courier). Returns the y below it. */
export function drawSection(pdf: PDFKit.PDFDocument, title: string, y: number, rows: [string, string, boolean?][], labelWidth = 80): number {
  pdf.fillColor(INK).font('Helvetica-Bold').fontSize(12).text(title, MARGIN, y);
  let at = pdf.y + 4;
  for (const [label, value, mono] of rows) {
    pdf.fillColor(MUTED).font('Helvetica').fontSize(9).text(label, MARGIN, at, { width: labelWidth });
    pdf
      .fillColor('black')
      .font(mono ? 'Courier' : 'Helvetica')
      .fontSize(mono ? 8.5 : 9.5)
      .text(value, MARGIN + labelWidth, at, { width: CONTENT_WIDTH - labelWidth });
    at = pdf.y + 3;
  }
  return at;
}

export interface PdfColumn {
  title: string;
  /** Offset from the left margin. */
  x: number;
  width: number;
  align?: 'left' | 'right';
  mono?: boolean;
}

/** A titled table that continues on new pages; `empty` is shown when there is no row. Returns the y below it. */
export function drawTable(pdf: PDFKit.PDFDocument, title: string, y: number, columns: PdfColumn[], rows: string[][], empty: string): number {
  pdf.fillColor(INK).font('Helvetica-Bold').fontSize(12).text(title, MARGIN, y);
  let row = pdf.y + 4;
  const heading = () => {
    pdf.fillColor(MUTED).font('Helvetica-Bold').fontSize(8.5);
    for (const c of columns) pdf.text(c.title, MARGIN + c.x, row, { width: c.width, align: c.align ?? 'left' });
    row = pdf.y + 2;
    pdf.moveTo(MARGIN, row).lineTo(A4.width - MARGIN, row).strokeColor('#cccccc').lineWidth(0.5).stroke();
    row += 3;
  };
  heading();
  for (const cells of rows) {
    if (row > A4.height - MARGIN - 20) {
      pdf.addPage();
      row = MARGIN;
      heading();
    }
    let bottom = row;
    cells.forEach((cell, i) => {
      const c = columns[i]!;
      pdf.fillColor('black').font(c.mono ? 'Courier' : 'Helvetica').fontSize(8.5).text(latin1(cell), MARGIN + c.x, row, { width: c.width, align: c.align ?? 'left' });
      bottom = Math.max(bottom, pdf.y);
    });
    row = bottom + 3;
  }
  if (rows.length === 0) {
    pdf.fillColor(MUTED).font('Helvetica').fontSize(8.5).text(empty, MARGIN, row);
    row = pdf.y + 3;
  }
  return row;
}

/** A small line at the foot of the current page. */
export function drawFooter(pdf: PDFKit.PDFDocument, text: string): void {
  pdf.fillColor(MUTED).font('Helvetica').fontSize(7).text(latin1(text), MARGIN, A4.height - MARGIN - 10, { width: CONTENT_WIDTH, lineBreak: false });
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
