import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Money, TALLY_CONFIG, type Principal, type TallyConfig } from '#core';
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

/** Documents out: the bill as a PDF with its anchoring status, and the CSV export of bills. */
@Injectable()
export class BillDocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bills: BillsService,
    private readonly anchoring: AnchoringService,
    @Inject(TALLY_CONFIG) private readonly config: TallyConfig,
    private readonly participants: ParticipantDirectory,
  ) {}

  async csv(p: Principal, q: ListBillsQueryDto): Promise<string> {
    const rows: string[] = [CSV_COLUMNS.join(',')];
    const names = new Map<string, string>();
    const name = async (id: string) => {
      if (!names.has(id)) names.set(id, (await this.bills.partyNames([id])).get(id) ?? id);
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
    const anchoring = bill.documentSha256 ? await this.anchoring.describeHash(bill.documentSha256).catch(() => null) : null;
    const events = await this.dataSource.getRepository(BillEventEntity).find({ where: { billId: id }, order: { createdAt: 'ASC' } });

    const actorIds = events.map((e) => e.actorOrgId).filter((x): x is string => x !== null);
    const orgs = await this.participants.participants([...new Set([bill.supplierOrgId, bill.buyerOrgId, bill.holderOrgId, ...actorIds])]);
    const org = (oid: string) => orgs.get(oid);
    const nameOf = (oid: string | null) => (oid ? (org(oid)?.legalName ?? null) : null);
    const r = anchoring?.receipt;
    // pdfkit and qrcode load on the first PDF, not at start
    const { renderBillPdf } = await import('./bill-pdf.renderer.js');
    const pdf = await renderBillPdf({
      invoiceNumber: bill.invoiceNumber,
      faceAmountMinor: bill.faceAmountMinor,
      currency: bill.currency,
      issueDate: bill.issueDate,
      dueDate: bill.dueDate,
      state: bill.state,
      encumbrance: bill.encumbrance,
      fingerprint: bill.fingerprint,
      tokenId: bill.tokenId.toString(),
      parties: [
        { role: 'Supplier (creditor)', name: nameOf(bill.supplierOrgId) ?? '?', lei: org(bill.supplierOrgId)?.lei },
        { role: 'Buyer (obligor)', name: nameOf(bill.buyerOrgId) ?? '?', lei: org(bill.buyerOrgId)?.lei },
        { role: 'Holder', name: nameOf(bill.holderOrgId) ?? (await this.bills.partyNames([bill.holderOrgId])).get(bill.holderOrgId) ?? '?' },
      ],
      events: events.map((e) => ({ at: e.createdAt, action: e.action, by: nameOf(e.actorOrgId), txHash: e.txHash })),
      document: bill.documentSha256
        ? {
            sha256: bill.documentSha256,
            verifyUrl: `${this.config.publicUrl}/#/verify?sha256=${bill.documentSha256}`,
            anchoring: !anchoring
              ? null
              : r
                ? { state: 'ANCHORED', anchoredAt: new Date(r.blockTimestamp * 1000), blockNumber: r.blockNumber, txHash: r.txHash, chainId: r.chainId, contract: r.contract, root: r.root }
                : { state: anchoring.status.state },
          }
        : null,
      createdAt: bill.createdAt,
    });
    return { pdf, filename: `bill-${bill.invoiceNumber.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf` };
  }
}
