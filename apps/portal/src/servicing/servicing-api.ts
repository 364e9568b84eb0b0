import type { components } from '../api/schema';
import { assertOk, rawFetch, saveResponseAs } from '../bills/raw-transport';
import { httpClient } from '../providers/http-client';
import { idempotencyHeader } from '../providers/idempotency-key';

// Aliases of the types generated from the OpenAPI document (`../api/schema`, `npm run api:types`).
type Schemas = components['schemas'];
export type ServicedDeal = Schemas['ServicedDealDto'];
export type PeriodRunSummary = Schemas['PeriodRunSummaryDto'];
export type PeriodRun = Schemas['PeriodRunDto'];
export type InvestorReport = Schemas['InvestorReportDto'];
export type ReportFile = Schemas['ReportFileDto'];
export type ReportLine = Schemas['ReportLineDto'];
export type ProposeFromDeal = Schemas['ProposeFromDealDto'];

const RUNS = '/api/v1/servicing/runs';
const enc = encodeURIComponent;

/** Servicing period runs and their investor reports. Part of the one data provider. */
export interface ServicingMethods {
  /** Closed deals with their servicing state (servicers, trustees, staff; others get none). */
  getServicedDeals(options?: { signal?: AbortSignal }): Promise<ServicedDeal[]>;
  /** The runs the caller may read, of one deal or all. */
  getPeriodRuns(dealId?: string, options?: { signal?: AbortSignal }): Promise<PeriodRunSummary[]>;
  getPeriodRun(id: string, options?: { signal?: AbortSignal }): Promise<PeriodRun>;
  getRunReport(id: string, options?: { signal?: AbortSignal }): Promise<InvestorReport>;
  proposePeriodFromDeal(body: ProposeFromDeal): Promise<PeriodRun>;
  approveRun(id: string): Promise<PeriodRun>;
  rejectRun(id: string, reason: string): Promise<PeriodRun>;
  /** Step 1 of publishing: the CSV, queued for anchoring. */
  publishReportCsv(id: string): Promise<unknown>;
  /** Step 2, once the CSV is anchored: the PDF with the CSV's receipt on it. */
  publishReportPdf(id: string): Promise<unknown>;
  /** Saves the published file; resolves to the file name. */
  downloadReport(id: string, format: 'pdf' | 'csv'): Promise<string>;
}

export const servicingMethods: ServicingMethods = {
  async getServicedDeals(options) {
    return (await httpClient<ServicedDeal[]>('/api/v1/servicing/deals', { signal: options?.signal })).body;
  },
  async getPeriodRuns(dealId, options) {
    const query = new URLSearchParams();
    if (dealId) query.set('dealId', dealId);
    return (await httpClient<PeriodRunSummary[]>(RUNS, { query, signal: options?.signal })).body;
  },
  async getPeriodRun(id, options) {
    return (await httpClient<PeriodRun>(`${RUNS}/${enc(id)}`, { signal: options?.signal })).body;
  },
  async getRunReport(id, options) {
    return (await httpClient<InvestorReport>(`${RUNS}/${enc(id)}/report`, { signal: options?.signal })).body;
  },
  async proposePeriodFromDeal(body) {
    return (await httpClient<PeriodRun>(`${RUNS}/from-deal`, { method: 'POST', body, headers: idempotencyHeader() })).body;
  },
  async approveRun(id) {
    return (await httpClient<PeriodRun>(`${RUNS}/${enc(id)}/approve`, { method: 'POST', headers: idempotencyHeader() })).body;
  },
  async rejectRun(id, reason) {
    return (await httpClient<PeriodRun>(`${RUNS}/${enc(id)}/reject`, { method: 'POST', body: { reason }, headers: idempotencyHeader() })).body;
  },
  async publishReportCsv(id) {
    return (await httpClient(`${RUNS}/${enc(id)}/report/csv`, { method: 'POST', headers: idempotencyHeader() })).body;
  },
  async publishReportPdf(id) {
    return (await httpClient(`${RUNS}/${enc(id)}/report/pdf`, { method: 'POST', headers: idempotencyHeader() })).body;
  },
  async downloadReport(id, format) {
    const accept = format === 'pdf' ? 'application/pdf' : 'text/csv';
    const response = await assertOk(await rawFetch(`${RUNS}/${enc(id)}/report.${format}`, { headers: { Accept: accept } }));
    return saveResponseAs(response, `investor-report.${format}`);
  },
};
