// The investor report of one servicing period: its data (pure, from the stored engine result),
// the CSV and the PDF. Both renderings are deterministic: the same period gives the same bytes.
import type QRCodeModule from 'qrcode';
import type { AnchorReceipt } from '#anchoring';
import { toCents } from '#waterfall';
import type { PeriodComputation } from '../servicing/period-run.util.js';

export interface ReportMeta {
  dealId: string;
  dealName: string;
  period: number;
  currency: string;
  recordDate: string;
  runId: string;
}

export interface ReportLine {
  section: 'pool' | 'waterfall' | 'tranche' | 'trigger' | 'distribution';
  item: string;
  field: string;
  value: string;
}

export interface InvestorReportData {
  meta: ReportMeta;
  distributionDate: string;
  waterfallUsed: string;
  dealStatus: string;
  lines: ReportLine[];
}

const cents = (v: number) => toCents(v, 'report amount');

/** Every figure of the report as (section, item, field, value) lines: the CSV is exactly these. */
export function buildInvestorReport(meta: ReportMeta, r: PeriodComputation): InvestorReportData {
  const p = r.period;
  const lines: ReportLine[] = [];
  const add = (section: ReportLine['section'], item: string, field: string, value: string) => lines.push({ section, item, field, value });
  add('pool', 'pool', 'balanceAfterCollectionsMinor', cents(p.poolBalanceAfterCollections).toString());
  for (const k of ['principal', 'interest', 'prepayment', 'recovery', 'default', 'loss'] as const) add('pool', 'collections', `${k}Minor`, cents(p.collected[k]).toString());
  add('pool', 'pool', 'delinquentMinor', r.pool.delinquentMinor);
  add('pool', 'pool', 'cumulativeDefaultMinor', r.pool.cumulativeDefaultMinor);
  for (const [fee, f] of Object.entries(p.fees)) {
    add('waterfall', `fee:${fee}`, 'paidMinor', cents(f.paid).toString());
    add('waterfall', `fee:${fee}`, 'dueAfterMinor', cents(f.dueAfter).toString());
    add('waterfall', `fee:${fee}`, 'arrearsAfterMinor', cents(f.arrearsAfter).toString());
  }
  for (const [bond, b] of Object.entries(p.bonds)) {
    add('waterfall', `tranche:${bond}`, 'interestPaidMinor', cents(b.interestPaid).toString());
    add('waterfall', `tranche:${bond}`, 'principalPaidMinor', cents(b.principalPaid).toString());
  }
  for (const [acc, bal] of Object.entries(p.accountsAfter)) add('waterfall', `account:${acc}`, 'balanceAfterMinor', cents(bal).toString());
  for (const [bond, f] of Object.entries(r.factors)) {
    add('tranche', bond, 'originalMinor', f.originalMinor);
    add('tranche', bond, 'outstandingMinor', f.outstandingMinor);
    add('tranche', bond, 'factor', f.factor);
    if (r.creditEnhancement[bond] !== undefined) add('tranche', bond, 'creditEnhancementPct', r.creditEnhancement[bond]);
    const due = p.bonds[bond]?.interestDueAfter;
    if (due !== null && due !== undefined) add('tranche', bond, 'interestDueAfterMinor', cents(due).toString());
  }
  add('trigger', 'deal', 'status', r.dealStatus);
  add('trigger', 'deal', 'waterfallUsed', p.waterfallUsed);
  for (const [t, on] of Object.entries(r.triggers)) add('trigger', t, 'breached', on ? 'true' : 'false');
  for (const d of r.distribution) {
    add('distribution', `${d.tranche}:${d.holder}`, 'interestMinor', d.interestMinor);
    add('distribution', `${d.tranche}:${d.holder}`, 'principalMinor', d.principalMinor);
  }
  add('distribution', 'total', 'amountMinor', r.totalDistributedMinor);
  return { meta, distributionDate: p.distributionDate, waterfallUsed: p.waterfallUsed, dealStatus: r.dealStatus, lines };
}

const csvField = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The report as CSV (RFC 4180, LF line ends), header lines first. */
export function investorReportCsv(d: InvestorReportData): string {
  const head = [
    ['meta', 'deal', 'id', d.meta.dealId],
    ['meta', 'deal', 'name', d.meta.dealName],
    ['meta', 'period', 'number', String(d.meta.period)],
    ['meta', 'period', 'distributionDate', d.distributionDate],
    ['meta', 'period', 'recordDate', d.meta.recordDate],
    ['meta', 'period', 'currency', d.meta.currency],
    ['meta', 'period', 'runId', d.meta.runId],
  ];
  const rows = [['section', 'item', 'field', 'value'], ...head, ...d.lines.map((l) => [l.section, l.item, l.field, l.value])];
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

// ------------------------------------------------------------------ PDF

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 45;
const INK = '#1a237e';
const MUTED = '#555555';
// pdfkit and qrcode load on the first report, not at start (as the certificate renderer does)
let QRCode: typeof QRCodeModule | undefined;
const latin1 = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/** Minor units as a grouped decimal (2 decimals): 1234567 → "12,345.67". */
export function formatMinor(v: string | bigint): string {
  const n = BigInt(v);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const int = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${int}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export interface CsvAnchoring {
  /** SHA-256 of the report's CSV. */
  sha256: string;
  receipt: AnchorReceipt;
  verifyUrl: string;
}

/**
 * The report's PDF. It prints the anchoring receipt of the report's CSV (the same figures), which
 * is anchored first: a file cannot hold its own receipt. Its dates are the distribution date, so
 * the same period and receipt always give the same bytes.
 */
export async function renderInvestorReportPdf(d: InvestorReportData, csv: CsvAnchoring | null): Promise<Buffer> {
  const at = new Date(`${d.distributionDate}T00:00:00Z`);
  const { default: PDFDocument } = await import('pdfkit');
  QRCode ??= (await import('qrcode')).default;
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: true,
    info: {
      Title: latin1(`Investor report ${d.meta.dealName} period ${d.meta.period}`),
      Author: 'Tally',
      Subject: `Deal ${d.meta.dealId}, distribution ${d.distributionDate}`,
      Creator: 'Tally',
      Producer: 'Tally',
      CreationDate: at,
      ModDate: at,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = A4.width - 2 * MARGIN;
  const get = (section: string, item: string, field: string) => d.lines.find((l) => l.section === section && l.item === item && l.field === field)?.value ?? '';
  const items = (section: string, prefix = '') => [...new Set(d.lines.filter((l) => l.section === section && l.item.startsWith(prefix)).map((l) => l.item))];

  pdf.fillColor(INK).font('Helvetica-Bold').fontSize(18).text(latin1(`Investor report: ${d.meta.dealName}`), MARGIN, MARGIN, { width });
  pdf
    .moveDown(0.2)
    .fillColor(MUTED)
    .font('Helvetica')
    .fontSize(9.5)
    .text(`Period ${d.meta.period}, distribution date ${d.distributionDate}, record date ${d.meta.recordDate}, amounts in ${d.meta.currency}. Deal ${d.meta.dealId}, run ${d.meta.runId}.`, { width });

  const table = (title: string, header: string[], rows: string[][], widths: number[]) => {
    if (pdf.y > A4.height - 160) pdf.addPage();
    pdf.moveDown(0.8).fillColor(INK).font('Helvetica-Bold').fontSize(11.5).text(title, MARGIN, pdf.y, { width });
    const line = (cells: string[], bold: boolean) => {
      if (pdf.y > A4.height - MARGIN - 20) pdf.addPage();
      const y = pdf.y + 2;
      let x = MARGIN;
      pdf.fillColor(bold ? MUTED : 'black').font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
      cells.forEach((c, i) => {
        pdf.text(latin1(c), x, y, { width: widths[i] - 4, align: i === 0 ? 'left' : 'right', lineBreak: false });
        x += widths[i];
      });
      pdf.y = y + 11;
    };
    line(header, true);
    rows.forEach((r) => line(r, false));
  };

  table(
    'Pool performance',
    ['', 'amount'],
    [
      ['Pool balance after collections', formatMinor(get('pool', 'pool', 'balanceAfterCollectionsMinor'))],
      ['Collected: scheduled principal', formatMinor(get('pool', 'collections', 'principalMinor'))],
      ['Collected: interest', formatMinor(get('pool', 'collections', 'interestMinor'))],
      ['Collected: prepayments', formatMinor(get('pool', 'collections', 'prepaymentMinor'))],
      ['Collected: recoveries', formatMinor(get('pool', 'collections', 'recoveryMinor'))],
      ['New defaults', formatMinor(get('pool', 'collections', 'defaultMinor'))],
      ['Losses', formatMinor(get('pool', 'collections', 'lossMinor'))],
      ['Delinquent balance', formatMinor(get('pool', 'pool', 'delinquentMinor'))],
      ['Cumulative defaults', formatMinor(get('pool', 'pool', 'cumulativeDefaultMinor'))],
    ],
    [width - 140, 140],
  );
  const fees = items('waterfall', 'fee:').map((f) => [f.slice(4), formatMinor(get('waterfall', f, 'paidMinor')), formatMinor(get('waterfall', f, 'dueAfterMinor')), formatMinor(get('waterfall', f, 'arrearsAfterMinor'))]);
  const bonds = items('waterfall', 'tranche:').map((b) => {
    const i = BigInt(get('waterfall', b, 'interestPaidMinor'));
    const pr = BigInt(get('waterfall', b, 'principalPaidMinor'));
    return [b.slice(8), formatMinor(i), formatMinor(pr), formatMinor(i + pr)];
  });
  table(`Waterfall (${d.waterfallUsed})`, ['fees', 'paid', 'due after', 'arrears after'], fees, [width - 330, 110, 110, 110]);
  table('', ['tranches', 'interest paid', 'principal paid', 'total'], bonds, [width - 330, 110, 110, 110]);
  table('', ['accounts', 'balance after'], items('waterfall', 'account:').map((a) => [a.slice(8), formatMinor(get('waterfall', a, 'balanceAfterMinor'))]), [width - 140, 140]);
  table(
    'Tranche balances, factors and credit enhancement',
    ['tranche', 'original', 'outstanding', 'factor', 'credit enh. %'],
    items('tranche').map((t) => [t, formatMinor(get('tranche', t, 'originalMinor')), formatMinor(get('tranche', t, 'outstandingMinor')), get('tranche', t, 'factor'), get('tranche', t, 'creditEnhancementPct') || '-']),
    [width - 400, 100, 100, 100, 100],
  );
  const triggers = items('trigger').filter((t) => t !== 'deal');
  table(
    'Triggers',
    ['trigger', 'status'],
    [['Deal status', get('trigger', 'deal', 'status')], ...(triggers.length ? triggers.map((t) => [t, get('trigger', t, 'breached') === 'true' ? 'BREACHED' : 'not breached']) : [['(none defined)', '']])],
    [width - 140, 140],
  );
  const holders = items('distribution').filter((x) => x !== 'total');
  const shown = holders.slice(0, 40);
  table(
    `Distribution to note holders (${holders.length} payments${holders.length > shown.length ? `, first ${shown.length} shown; all in the CSV` : ''})`,
    ['tranche: holder', 'interest', 'principal'],
    [...shown.map((h) => [h, formatMinor(get('distribution', h, 'interestMinor')), formatMinor(get('distribution', h, 'principalMinor'))]), ['Total', '', formatMinor(get('distribution', 'total', 'amountMinor'))]],
    [width - 200, 100, 100],
  );

  if (pdf.y > A4.height - 230) pdf.addPage();
  pdf.moveDown(1).fillColor(INK).font('Helvetica-Bold').fontSize(11.5).text('Anchoring of this report', MARGIN, pdf.y, { width });
  if (!csv) {
    pdf.moveDown(0.3).fillColor(MUTED).font('Helvetica').fontSize(9).text('Draft: the CSV of this report is not anchored yet.', { width });
  } else {
    const r = csv.receipt;
    const qr = 90;
    const top = pdf.y + 4;
    drawQr(pdf, csv.verifyUrl, A4.width - MARGIN - qr, top, qr);
    const rows: [string, string][] = [
      ['CSV SHA-256', csv.sha256],
      ['Merkle root', r.root],
      ['Batch id', r.batchId],
      ['Chain id', String(r.chainId)],
      ['Contract', r.contract],
      ['Transaction', r.txHash],
      ['Block', `${r.blockNumber} at ${new Date(r.blockTimestamp * 1000).toISOString().replace('.000Z', 'Z')}`],
    ];
    let y = top;
    for (const [label, value] of rows) {
      pdf.fillColor(MUTED).font('Helvetica').fontSize(8.5).text(label, MARGIN, y, { width: 80 });
      pdf.fillColor('black').font('Courier').fontSize(7.5).text(value, MARGIN + 80, y, { width: width - 80 - qr - 10 });
      y = pdf.y + 3;
    }
    pdf
      .fillColor(MUTED)
      .font('Helvetica')
      .fontSize(8)
      .text(
        'The CSV of this report holds every figure above; its SHA-256 was anchored on chain in the transaction shown. ' +
          'Check it on the verify page (QR code), or with: tally verify report.csv --receipt receipt.json --rpc <node URL>. This PDF is anchored as a document too.',
        MARGIN,
        Math.max(y, top + qr) + 6,
        { width },
      );
  }
  pdf.end();
  return done;
}

function drawQr(pdf: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode!.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  pdf.rect(x, y, size, size).fill('white');
  for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) if (qr.modules.get(row, col)) pdf.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
  pdf.fill('black');
}
