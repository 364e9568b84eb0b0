import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, In } from 'typeorm';
import { DomainException, statusOfCode, type Principal } from '#core';
import { DocumentKind, DocumentsService } from '#documents';
import { normaliseVatId, ParticipantDirectory, type Participant } from '#identity';
import { BillErrorCode, BillException } from '../bills.errors.js';
import { BillsService } from '../bills/bills.service.js';
import { BillDto } from '../dto/bill.dto.js';
import { BillEntity } from '../bills/bill.entity.js';
import { BillIntakeService, type PreparedRow, type RowDocument } from '../intake/bill-intake.service.js';
import { checkRow, isRowError, type BulkRow } from '../intake/bulk-rows.util.js';
import { actorOf } from '../lifecycle/bill-lifecycle.js';
import { parseUblInvoice, type UblParty } from './ubl-invoice.parser.js';

export interface UblFile {
  filename: string;
  content: Buffer;
}

export interface UblImportResult {
  file: string;
  ok: boolean;
  bill?: BillDto;
  error?: { statusCode: number; code?: string; message: string; details?: unknown };
}

/**
 * Peppol BIS Billing 3.0 / UBL 2.1 invoices become bills: parsed (BT-1, BT-2, BT-9, BT-5,
 * BT-115), parties matched by Peppol endpoint id, VAT id or LEI, the XML stored and anchored as the
 * bill's document, then issued like any bill (same fingerprint, same double-financing guard).
 */
@Injectable()
export class UblImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantDirectory,
    private readonly bills: BillsService,
    private readonly documents: DocumentsService,
    private readonly intake: BillIntakeService,
  ) {}

  /** The caller is checked before the document is parsed (the API also asks it before reading the upload: BillIssuerGuard). */
  async importOne(p: Principal, file: UblFile, fallbackDueDate?: string): Promise<BillDto> {
    await this.bills.assertIssuer(p);
    const { invoice, dueDate, buyer } = await this.read(p, file, fallbackDueDate);
    const { document } = await this.documents.upload(p, Readable.from(file.content), { name: file.filename, kind: DocumentKind.UBL_INVOICE });
    return this.bills.issue(
      p,
      {
        buyerOrganizationId: buyer.id,
        invoiceNumber: invoice.invoiceNumber,
        amountMinor: invoice.payableAmountMinor.toString(),
        currency: invoice.currency,
        issueDate: invoice.issueDate,
        dueDate,
        documentId: document.id,
      },
      { source: 'ubl', documentId: document.id, documentSha256: document.sha256 },
    );
  }

  /**
   * Every file gets its own result; one bad invoice does not sink the others. Each file is parsed,
   * its parties matched and its XML stored on its own; the invoices that pass are issued together
   * through the bulk intake's set-based path (one transaction per 1,000, batched `issueBatch` jobs).
   */
  async importMany(p: Principal, files: UblFile[], fallbackDueDate?: string): Promise<UblImportResult[]> {
    await this.bills.assertIssuer(p);
    const results: (UblImportResult | undefined)[] = files.map(() => undefined);
    const rows: PreparedRow[] = [];
    for (const [i, file] of files.entries()) {
      try {
        const { bill, document } = await this.prepare(p, file, fallbackDueDate);
        rows.push({ row: i + 1, bill, document });
      } catch (err) {
        if (!(err instanceof DomainException)) throw err;
        results[i] = { file: file.filename, ok: false, error: { statusCode: statusOfCode(err.code) ?? 500, code: err.code, message: err.message, details: err.details } };
      }
    }
    if (rows.length) {
      const issued = await this.intake.issueRows(p, 'ubl', rows);
      const ids = issued.flatMap((r) => (r.billId ? [r.billId] : []));
      const bills = ids.length ? await this.dataSource.getRepository(BillEntity).findBy({ id: In(ids) }) : [];
      const actor = actorOf(p);
      for (const r of issued) {
        const i = r.row - 1;
        const bill = bills.find((b) => b.id === r.billId);
        results[i] = bill
          ? { file: files[i]!.filename, ok: true, bill: BillDto.from(bill, actor, this.bills.clock()) }
          : { file: files[i]!.filename, ok: false, error: { statusCode: statusOfCode(r.error!.code) ?? 422, code: r.error!.code, message: r.error!.message } };
      }
    }
    return results.map((r, i) => r ?? { file: files[i]!.filename, ok: false, error: { statusCode: 500, message: 'not imported' } });
  }

  /** A file as a checked row of the bulk intake: parsed, parties matched, the seller the caller, the XML stored. */
  private async prepare(p: Principal, file: UblFile, fallbackDueDate?: string): Promise<{ bill: BulkRow; document: RowDocument }> {
    const { invoice, dueDate, buyer } = await this.read(p, file, fallbackDueDate);
    const checked = checkRow({
      buyerOrganizationId: buyer.id,
      invoiceNumber: invoice.invoiceNumber,
      amountMinor: invoice.payableAmountMinor.toString(),
      currency: invoice.currency,
      issueDate: invoice.issueDate,
      dueDate,
    });
    if (isRowError(checked)) throw new DomainException(checked.code, checked.message);
    const { document } = await this.documents.upload(p, Readable.from(file.content), { name: file.filename, kind: DocumentKind.UBL_INVOICE });
    return { bill: checked, document: { documentId: document.id, documentSha256: document.sha256 } };
  }

  /** The invoice parsed, its due date (or the fallback), its parties matched; the seller must be the caller. */
  private async read(p: Principal, file: UblFile, fallbackDueDate?: string): Promise<{ invoice: ReturnType<typeof parseUblInvoice>; dueDate: string; buyer: Participant }> {
    const invoice = parseUblInvoice(file.content);
    const dueDate = invoice.dueDate ?? fallbackDueDate;
    if (!dueDate) {
      throw new BillException(BillErrorCode.UBL_DUE_DATE_REQUIRED, `Invoice ${invoice.invoiceNumber} has no due date (BT-9): give dueDate in the request`);
    }
    const seller = await this.party(invoice.seller, 'seller');
    const buyer = await this.party(invoice.buyer, 'buyer');
    if (seller.id !== p.organizationId) {
      throw new BillException(BillErrorCode.BILL_WRONG_PARTY, `The invoice's seller is ${seller.legalName}, not your organization`);
    }
    return { invoice, dueDate, buyer };
  }

  /**
   * The participant registered under the party's Peppol endpoint id, VAT id or LEI (legal id with
   * scheme 0199 or none). No match: 422 naming the ids; ids that name two participants: 422.
   */
  private async party(party: UblParty, role: 'seller' | 'buyer'): Promise<Participant> {
    const endpoint = party.endpointId?.toLowerCase() ?? null;
    const vat = party.vatId ? normaliseVatId(party.vatId) : null;
    const lei = party.legalId && /^(0199:)?[A-Z0-9]{20}$/i.test(party.legalId) ? party.legalId.replace(/^0199:/, '').toUpperCase() : null;
    const orgs = await this.participants.findByIdentifiers({ peppolEndpoint: endpoint, vatId: vat, lei }, 2);
    const ids = [party.endpointId && `endpoint ${party.endpointId}`, party.vatId && `VAT ${party.vatId}`, party.legalId && `legal id ${party.legalId}`].filter(Boolean).join(', ');
    if (orgs.length > 1) {
      throw new BillException(BillErrorCode.UBL_AMBIGUOUS_PARTY, `The ${role} ${party.name} (${ids}) matches two participants: ${orgs.map((o) => o.legalName).join(' and ')}`, { role, ...party });
    }
    if (!orgs[0]) {
      throw new BillException(BillErrorCode.UBL_UNKNOWN_PARTY, `Unknown ${role} ${party.name} (${ids || 'no identifier'}): no participant has this id`, { role, ...party });
    }
    return orgs[0];
  }
}
