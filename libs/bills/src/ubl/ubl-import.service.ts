import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DomainException, statusOfCode, type Principal } from '#core';
import { DocumentKind, DocumentsService } from '#documents';
import { normaliseVatId, ParticipantDirectory, type Participant } from '#identity';
import { BillErrorCode, BillException } from '../bills.errors.js';
import { BillsService } from '../bills/bills.service.js';
import type { BillDto } from '../dto/bill.dto.js';
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
    private readonly participants: ParticipantDirectory,
    private readonly bills: BillsService,
    private readonly documents: DocumentsService,
  ) {}

  async importOne(p: Principal, file: UblFile, fallbackDueDate?: string): Promise<BillDto> {
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

  /** Every file gets its own result; one bad invoice does not sink the others. */
  async importMany(p: Principal, files: UblFile[], fallbackDueDate?: string): Promise<UblImportResult[]> {
    const results: UblImportResult[] = [];
    for (const file of files) {
      try {
        results.push({ file: file.filename, ok: true, bill: await this.importOne(p, file, fallbackDueDate) });
      } catch (err) {
        if (!(err instanceof DomainException)) throw err;
        results.push({ file: file.filename, ok: false, error: { statusCode: statusOfCode(err.code) ?? 500, code: err.code, message: err.message, details: err.details } });
      }
    }
    return results;
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
