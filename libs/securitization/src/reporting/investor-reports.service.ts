import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { TALLY_CONFIG, type Principal, type TallyConfig } from '#core';
import { AnchoringErrorCode, AnchoringException, AnchoringService } from '#anchoring';
import { DOCUMENT_STORE, DocumentKind, DocumentsService, type DocumentStore, type DocumentView } from '#documents';
import { OrganizationAccess, OrganizationRole } from '#identity';
import { PeriodRunState } from '../servicing/period-run.entity.js';
import type { PeriodComputation } from '../servicing/period-run.util.js';
import { PeriodRunsService } from '../servicing/period-runs.service.js';
import { ServicingErrorCode, ServicingException } from '../servicing/servicing.errors.js';
import { buildInvestorReport, investorReportCsv, renderInvestorReportPdf, type InvestorReportData } from './investor-report.util.js';

export interface ReportCsvView {
  runId: string;
  sha256: string;
  sizeBytes: number;
  anchored: boolean;
}

/**
 * Investor reports of approved periods, anchored in two steps: (1) the CSV (every figure) is kept
 * in the content-addressed store and its hash queued for anchoring; (2) once the CSV is anchored,
 * the PDF is rendered with the CSV's receipt printed on it and registered as a REPORT document
 * of the caller's organization, which anchors the PDF too. Both renderings are deterministic, so
 * repeating a step gives the same bytes and the same anchored hash.
 */
@Injectable()
export class InvestorReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: PeriodRunsService,
    private readonly anchoring: AnchoringService,
    private readonly documents: DocumentsService,
    private readonly access: OrganizationAccess,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(TALLY_CONFIG) private readonly config: TallyConfig,
  ) {}

  /** Step 1: the CSV, stored and queued for anchoring (idempotent). */
  async publishCsv(p: Principal, runId: string): Promise<ReportCsvView> {
    const { csv } = await this.render(p, runId);
    const bytes = Buffer.from(csv, 'utf8');
    const stored = await this.store.put(Readable.from([bytes]));
    await this.dataSource.transaction((m) => this.anchoring.anchorArtifact(m, { kind: 'REPORT', sha256: stored.sha256, reference: `servicing.report.csv:${runId}` }));
    const status = (await this.anchoring.statusOf([stored.sha256])).get(stored.sha256);
    return { runId, sha256: stored.sha256, sizeBytes: stored.sizeBytes, anchored: status?.state === 'ANCHORED' };
  }

  /** The CSV's bytes (as anchored). */
  async csv(p: Principal, runId: string): Promise<string> {
    return (await this.render(p, runId)).csv;
  }

  /** Step 2: the PDF with the CSV's receipt on it, registered (and anchored) as a REPORT document. */
  async publishPdf(p: Principal, runId: string): Promise<{ document: DocumentView; pdf: Buffer; csvSha256: string }> {
    const { data, csv } = await this.render(p, runId);
    const csvSha256 = (await this.store.put(Readable.from([Buffer.from(csv, 'utf8')]))).sha256;
    let receipt;
    try {
      receipt = await this.anchoring.receiptOf(csvSha256);
    } catch (err) {
      if (err instanceof AnchoringException && (err.code === AnchoringErrorCode.NOT_ANCHORED_YET || err.code === AnchoringErrorCode.HASH_NOT_FOUND)) {
        throw new ServicingException(ServicingErrorCode.REPORT_CSV_NOT_ANCHORED, 'The report CSV is not anchored yet: publish it and wait for its batch', { csvSha256 });
      }
      throw err;
    }
    const pdf = await renderInvestorReportPdf(data, { sha256: csvSha256, receipt, verifyUrl: `${this.config.publicUrl}/#/verify?sha256=${csvSha256}` });
    const { document } = await this.documents.upload(p, Readable.from([pdf]), { name: `investor-report-${data.meta.dealName}-p${data.meta.period}.pdf`, kind: DocumentKind.REPORT });
    return { document, pdf, csvSha256 };
  }

  private async render(p: Principal, runId: string): Promise<{ data: InvestorReportData; csv: string }> {
    const org = await this.access.readable(p, p.organizationId);
    if (!org.roles.includes(OrganizationRole.SERVICER) && !org.roles.includes(OrganizationRole.TRUSTEE)) {
      throw new ServicingException(ServicingErrorCode.NOT_SERVICER, 'Only the servicer or the trustee publishes investor reports');
    }
    const run = await this.runs.findRun(runId);
    if (![PeriodRunState.APPROVED, PeriodRunState.DISTRIBUTING, PeriodRunState.DISTRIBUTED].includes(run.state)) {
      throw new ServicingException(ServicingErrorCode.REPORT_NOT_READY, `Run ${runId} is ${run.state}: only an approved period is reported`);
    }
    const dealCase = run.input.dealCase as { id?: string; titleEn?: string };
    const data = buildInvestorReport(
      { dealId: run.dealId, dealName: String(dealCase.titleEn ?? dealCase.id ?? run.dealId), period: run.period, currency: run.currency, recordDate: run.recordDate, runId: run.id },
      run.result as unknown as PeriodComputation,
    );
    return { data, csv: investorReportCsv(data) };
  }
}
