import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Money, type Principal } from '#core';
import { AnchoringService } from '#anchoring';
import { ParticipantDirectory } from '#identity';
import { BillsService } from './bills.service.js';
import { BillEntity } from './bill.entity.js';
import { BillEventEntity } from './bill-event.entity.js';
import type { ListBillsQueryDto } from '../dto/bill.dto.js';

const CSV_COLUMNS = [
  'id',
  'invoice_number',
  'supplier',
  'buyer',
  'holder',
  'face_amount_minor',
  'face_amount',
  'currency',
  'issue_date',
  'due_date',
  'state',
  'encumbrance',
  'fingerprint',
  'token_id',
  'document_sha256',
] as const;

/** RFC 4180 field; a leading =, +, - or @ is quoted with a tick so spreadsheets do not run it. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const latin1 = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/** Documents out: the bill as a PDF with its anchoring status, and the CSV export of bills. */
@Injectable()
export class BillDocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bills: BillsService,
    private readonly anchoring: AnchoringService,
    private readonly participants: ParticipantDirectory,
  ) {}

  async csv(p: Principal, q: ListBillsQueryDto): Promise<string> {
    const rows: string[] = [CSV_COLUMNS.join(',')];
    const names = new Map<string, string>();
    const name = async (id: string) => {
      if (!names.has(id)) names.set(id, (await this.participants.legalNames([id])).get(id) ?? id);
      return names.get(id)!;
    };
    for (let page = 1; ; page++) {
      const chunk = await this.bills.list(p, Object.assign(Object.create(Object.getPrototypeOf(q)), q, { page, pageSize: 200 }));
      for (const b of chunk.items) {
        const values = [
          b.id,
          b.invoiceNumber,
          await name(b.supplierOrganizationId),
          await name(b.buyerOrganizationId),
          await name(b.holderOrganizationId),
          b.faceAmountMinor,
          Money.parseMinor(b.faceAmountMinor, b.currency).toMajorString(),
          b.currency,
          b.issueDate,
          b.dueDate,
          b.state,
          b.encumbrance,
          b.fingerprint,
          b.tokenId,
          b.documentSha256 ?? '',
        ];
        rows.push(values.map(csvField).join(','));
      }
      if (page * 200 >= chunk.total) break;
    }
    return rows.join('\r\n') + '\r\n';
  }

  async pdf(p: Principal, id: string): Promise<{ pdf: Buffer; filename: string }> {
    await this.bills.visible(p, id);
    const bill = await this.dataSource.getRepository(BillEntity).findOneByOrFail({ id });
    const orgs = await this.participants.participants([bill.supplierOrgId, bill.buyerOrgId, bill.holderOrgId]);
    const org = (oid: string) => orgs.get(oid);
    const anchoring = bill.documentSha256 ? await this.anchoring.describeHash(bill.documentSha256).catch(() => null) : null;
    const events = await this.dataSource.getRepository(BillEventEntity).find({ where: { billId: id }, order: { createdAt: 'ASC' } });

    // pdfkit loads on the first PDF, not at start
    const { default: PDFDocument } = await import('pdfkit');
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Bill ${bill.invoiceNumber}`, Producer: 'Tally', CreationDate: bill.createdAt } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    const line = (label: string, value: string) => doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(latin1(value));
    doc.font('Helvetica-Bold').fontSize(18).text('Digital bill (receivable)');
    doc.moveDown(0.5).fontSize(10);
    line('Invoice number', bill.invoiceNumber);
    line('Amount', `${Money.of(bill.faceAmountMinor, bill.currency).toMajorString()} ${bill.currency}`);
    line('Issue date', bill.issueDate);
    line('Due date', bill.dueDate);
    line('Supplier (creditor)', `${org(bill.supplierOrgId)?.legalName} (LEI ${org(bill.supplierOrgId)?.lei})`);
    line('Buyer (obligor)', `${org(bill.buyerOrgId)?.legalName} (LEI ${org(bill.buyerOrgId)?.lei})`);
    line('Holder', `${org(bill.holderOrgId)?.legalName}`);
    line('State', `${bill.state}; encumbrance ${bill.encumbrance}`);
    line('Fingerprint', bill.fingerprint);
    line('Token id', bill.tokenId.toString());
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(12).text('Document and anchoring');
    doc.fontSize(10);
    if (!bill.documentSha256) line('Document', 'none attached');
    else {
      line('Document SHA-256', bill.documentSha256);
      if (!anchoring) line('Anchoring', 'unknown');
      else if (!anchoring.receipt) line('Anchoring', `${anchoring.status.state.toLowerCase()}: not on chain yet`);
      else {
        const r = anchoring.receipt;
        line('Anchoring', `anchored in block ${r.blockNumber} at ${new Date(r.blockTimestamp * 1000).toISOString()}`);
        line('Transaction', r.txHash);
        line('Merkle root', r.root);
        line('Chain / contract', `${r.chainId} / ${r.contract}`);
      }
    }
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(12).text('Lifecycle');
    doc.font('Helvetica').fontSize(9);
    for (const e of events) doc.text(latin1(`${e.createdAt.toISOString()}  ${e.action}${e.txHash ? `  tx ${e.txHash}` : ''}`));
    doc.end();
    await done;
    return { pdf: Buffer.concat(chunks), filename: `bill-${bill.invoiceNumber.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf` };
  }
}
