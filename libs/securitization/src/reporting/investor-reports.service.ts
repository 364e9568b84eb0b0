import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { TALLY_CONFIG, type Principal, type TallyConfig } from '#core';
import { AnchoringErrorCode, AnchoringException, AnchoringService, LeafState, type LeafStatus } from '#anchoring';
import { DOCUMENT_STORE, DocumentKind, DocumentsService, type DocumentStore, type DocumentView } from '#documents';
import { OrganizationAccess, OrganizationRole, ParticipantDirectory } from '#identity';
import { PeriodRunEntity, PeriodRunState } from '../servicing/period-run.entity.js';
import type { PeriodComputation } from '../servicing/period-run.util.js';
import { PeriodRunsService, type RunAudience } from '../servicing/period-runs.service.js';
import { ServicingErrorCode, ServicingException } from '../servicing/servicing.errors.js';
import { buildInvestorReport, investorReportCsv, renderInvestorReportPdf, type InvestorReportData, type ReportLine } from './investor-report.util.js';

export interface ReportCsvView {
  runId: string;
  sha256: string;
  sizeBytes: number;
  anchored: boolean;
}

/** Where one published report file's hash stands on its way to the chain (the receipt's fields once anchored). */
export interface ReportFileView {
  sha256: string;
  state: LeafState;
  txHash: string | null;
  blockNumber: number | null;
  anchoredAt: string | null;
  root: string | null;
  chainId: number | null;
  contract: string | null;
}

/**
 * The investor report of a period as the caller may read it: every figure as report lines
 * (minor units; a holder sees only its own distribution lines and the total), the holders'
 * organization names, and the CSV and PDF with their anchoring (null: not published yet).
 */
export interface InvestorReportView {
  runId: string;
  dealId: string;
  dealName: string;
  period: number;
  currency: string;
  distributionDate: string;
  recordDate: string;
  dealStatus: string;
  waterfallUsed: string;
  lines: ReportLine[];
  /** Legal name per holder wallet of the distribution lines shown (lower-case address → name). */
  holderNames: Record<string, string>;
  csv: ReportFileView | null;
  pdf: ReportFileView | null;
}

const fileView = (sha256: string, s: LeafStatus | undefined): ReportFileView => {
  const anchored = s?.state === LeafState.ANCHORED;
  const b = s?.batch ?? null;
  return {
    sha256,
    state: s?.state ?? LeafState.PENDING,
    txHash: anchored ? (b?.txHash ?? null) : null,
    blockNumber: anchored ? (b?.blockNumber ?? null) : null,
    anchoredAt: anchored ? (b?.blockTimestamp?.toISOString() ?? null) : null,
    root: b?.root ?? null,
    chainId: b?.chainId ?? null,
    contract: anchored ? (b?.contractAddress ?? null) : null,
  };
};

const pdfName = (data: InvestorReportData) => `investor-report-${data.meta.dealName}-p${data.meta.period}.pdf`;

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
    private readonly participants: ParticipantDirectory,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(TALLY_CONFIG) private readonly config: TallyConfig,
  ) {}

  /** Step 1: the CSV, stored and queued for anchoring (idempotent). */
  async publishCsv(p: Principal, runId: string): Promise<ReportCsvView> {
    await this.requirePublisher(p);
    const { csv } = await this.render(await this.runs.findRun(runId));
    const bytes = Buffer.from(csv, 'utf8');
    const stored = await this.store.put(Readable.from([bytes]));
    await this.dataSource.transaction(async (m) => {
      await this.anchoring.anchorArtifact(m, { kind: 'REPORT', sha256: stored.sha256, reference: `servicing.report.csv:${runId}` });
      await m.update(PeriodRunEntity, { id: runId }, { reportCsvSha256: stored.sha256 });
    });
    const status = (await this.anchoring.statusOf([stored.sha256])).get(stored.sha256);
    return { runId, sha256: stored.sha256, sizeBytes: stored.sizeBytes, anchored: status?.state === 'ANCHORED' };
  }

  /** The CSV's bytes (as anchored): for the servicer, the trustee, platform staff and the run's holders (`RunAudience`). */
  async csv(p: Principal, runId: string): Promise<string> {
    return (await this.render(await this.runs.readable(p, runId))).csv;
  }

  /**
   * The published PDF's bytes, from the content-addressed store (the anchored ones), for the
   * readers of the run; 409 `SERVICING_REPORT_NOT_PUBLISHED` before the PDF step.
   */
  async pdf(p: Principal, runId: string): Promise<{ stream: Readable; filename: string; sha256: string }> {
    const run = await this.runs.readable(p, runId);
    if (!run.reportPdfSha256) throw new ServicingException(ServicingErrorCode.REPORT_NOT_PUBLISHED, `The investor report PDF of period ${run.period} is not published yet`);
    const stream = await this.store.open(run.reportPdfSha256);
    if (!stream) throw new ServicingException(ServicingErrorCode.REPORT_NOT_PUBLISHED, `The investor report PDF of period ${run.period} is not in the document store`);
    return { stream, filename: pdfName(this.build(run)), sha256: run.reportPdfSha256 };
  }

  /** The report's figures and the anchoring of its files, as the caller may read them (see `InvestorReportView`). */
  async view(p: Principal, runId: string): Promise<InvestorReportView> {
    const audience: RunAudience = await this.runs.audience(p);
    const run = await this.runs.readable(p, runId, audience);
    const data = this.build(run);
    const own = (item: string) => audience.wallets.includes(item.slice(item.indexOf(':') + 1).toLowerCase());
    const lines = audience.all ? data.lines : data.lines.filter((l) => l.section !== 'distribution' || l.item === 'total' || own(l.item));
    const holders = [...new Set(lines.filter((l) => l.section === 'distribution' && l.item !== 'total').map((l) => l.item.slice(l.item.indexOf(':') + 1)))];
    const wallets = await this.participants.wallets(holders);
    const names = await this.participants.legalNames([...new Set(wallets.map((w) => w.organizationId))]);
    const holderNames = Object.fromEntries(wallets.filter((w) => names.has(w.organizationId)).map((w) => [w.address.toLowerCase(), names.get(w.organizationId)!]));
    const hashes = [run.reportCsvSha256, run.reportPdfSha256].filter((h): h is string => !!h);
    const statuses = await this.anchoring.statusOf(hashes);
    return {
      runId: run.id,
      dealId: run.dealId,
      dealName: data.meta.dealName,
      period: run.period,
      currency: run.currency,
      distributionDate: data.distributionDate,
      recordDate: run.recordDate,
      dealStatus: data.dealStatus,
      waterfallUsed: data.waterfallUsed,
      lines,
      holderNames,
      csv: run.reportCsvSha256 ? fileView(run.reportCsvSha256, statuses.get(run.reportCsvSha256)) : null,
      pdf: run.reportPdfSha256 ? fileView(run.reportPdfSha256, statuses.get(run.reportPdfSha256)) : null,
    };
  }

  /** Step 2: the PDF with the CSV's receipt on it, registered (and anchored) as a REPORT document. */
  async publishPdf(p: Principal, runId: string): Promise<{ document: DocumentView; pdf: Buffer; csvSha256: string }> {
    await this.requirePublisher(p);
    const { data, csv } = await this.render(await this.runs.findRun(runId));
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
    const { document } = await this.documents.upload(p, Readable.from([pdf]), { name: pdfName(data), kind: DocumentKind.REPORT });
    await this.dataSource.getRepository(PeriodRunEntity).update({ id: runId }, { reportCsvSha256: csvSha256, reportPdfSha256: document.sha256, reportPdfDocumentId: document.id });
    return { document, pdf, csvSha256 };
  }

  private async requirePublisher(p: Principal): Promise<void> {
    const org = await this.access.readable(p, p.organizationId);
    if (!org.roles.includes(OrganizationRole.SERVICER) && !org.roles.includes(OrganizationRole.TRUSTEE)) {
      throw new ServicingException(ServicingErrorCode.NOT_SERVICER, 'Only the servicer or the trustee publishes investor reports');
    }
  }

  /** The report of an approved period (what is published and downloaded). */
  private async render(run: PeriodRunEntity): Promise<{ data: InvestorReportData; csv: string }> {
    if (![PeriodRunState.APPROVED, PeriodRunState.DISTRIBUTING, PeriodRunState.DISTRIBUTED].includes(run.state)) {
      throw new ServicingException(ServicingErrorCode.REPORT_NOT_READY, `Run ${run.id} is ${run.state}: only an approved period is reported`);
    }
    const data = this.build(run);
    return { data, csv: investorReportCsv(data) };
  }

  /** The report's figures of any run (a proposed one too: the trustee reviews them before approving). */
  private build(run: PeriodRunEntity): InvestorReportData {
    const dealCase = run.input.dealCase as { id?: string; titleEn?: string };
    return buildInvestorReport(
      { dealId: run.dealId, dealName: String(dealCase.titleEn ?? dealCase.id ?? run.dealId), period: run.period, currency: run.currency, recordDate: run.recordDate, runId: run.id },
      run.result as unknown as PeriodComputation,
    );
  }
}
