import { HttpError } from 'react-admin';
import { httpClient } from '../providers/http-client';
import { idempotencyHeader } from '../providers/idempotency-key';
import type {
  AcceptBillRequest,
  Bill,
  BillListFilter,
  BillReasonRequest,
  FinancingRequest,
  Offer,
  SplitBillRequest,
  TransferBillRequest,
  UblImportResult,
} from './bill-types';
import { assertOk, rawFetch, readErrorBody, saveResponseAs } from './raw-transport';

const BILLS = '/api/v1/bills';

export interface ReadOptions {
  signal?: AbortSignal;
}

export interface CommandOptions {
  /** Reuse a key when the user retries the same command; a fresh one otherwise. */
  idempotencyKey?: string;
}

/**
 * Bill commands and the bill endpoints that are not plain records (offers, UBL import, PDF and
 * CSV). Lists and single bills go through the data provider's `getList` / `getOne` on
 * `bills`. Part of the one data provider: reach them with `useDataProvider<TallyDataProvider>()`.
 */
export interface BillMethods {
  /** The buyer accepts; its custodial wallet signs the EIP-712 acceptance. */
  acceptBill(id: string, body: AcceptBillRequest, options?: CommandOptions): Promise<Bill>;
  rejectBill(id: string, body: BillReasonRequest, options?: CommandOptions): Promise<Bill>;
  cancelBill(id: string, body: BillReasonRequest, options?: CommandOptions): Promise<Bill>;
  transferBill(id: string, body: TransferBillRequest, options?: CommandOptions): Promise<Bill>;
  /** The parts, in the order of `amountsMinor`. */
  splitBill(id: string, body: SplitBillRequest, options?: CommandOptions): Promise<Bill[]>;
  /** Opens a request (or answers the open one) that financiers see in their marketplace. */
  requestFinancing(id: string, options?: CommandOptions): Promise<FinancingRequest>;
  /** The offers the caller may see: all of them for the holder, its own for a financier. */
  getBillOffers(id: string, options?: ReadOptions): Promise<Offer[]>;
  /** The obligor pays the face amount to the holder (DvP). */
  payBill(id: string, options?: CommandOptions): Promise<Bill>;
  /** One result per file, whether one file or many were sent. */
  importUbl(files: File[], dueDate?: string): Promise<UblImportResult[]>;
  /** Downloads `bill.pdf`; resolves to the file name offered. */
  downloadBillPdf(id: string): Promise<string>;
  /** Downloads the CSV of the bills matching the list's filters. */
  exportBillsCsv(filter: BillListFilter): Promise<string>;
}

function billPath(id: string, rest = ''): string {
  return `${BILLS}/${encodeURIComponent(id)}${rest}`;
}

async function get<T>(path: string, options: ReadOptions = {}): Promise<T> {
  return (await httpClient<T>(path, { signal: options.signal })).body;
}

async function post<T>(path: string, body: unknown, options: CommandOptions = {}): Promise<T> {
  const { body: answer } = await httpClient<T>(path, { method: 'POST', body, headers: idempotencyHeader(options) });
  return answer;
}

async function importUbl(files: File[], dueDate?: string): Promise<UblImportResult[]> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  if (dueDate) form.append('dueDate', dueDate);
  const response = await rawFetch(`${BILLS}/import/ubl`, { method: 'POST', body: form, headers: idempotencyHeader() });
  // One file: the API answers the bill, or that file's refusal (a domain error with a code).
  // Several: `{ results }`, one per file. A refusal without a code is about the request itself.
  if (files.length === 1 && !response.ok && response.status !== 401) {
    const error = await readErrorBody(response);
    if (error.code) return [{ file: files[0]!.name, ok: false, error }];
    throw new HttpError(error.message, response.status, error);
  }
  await assertOk(response);
  const body = (await response.json()) as Bill | { results: UblImportResult[] };
  return 'results' in body ? body.results : [{ file: files[0]!.name, ok: true, bill: body }];
}

export const billMethods: BillMethods = {
  acceptBill: (id, body, options) => post(billPath(id, '/accept'), body, options),
  rejectBill: (id, body, options) => post(billPath(id, '/reject'), body, options),
  cancelBill: (id, body, options) => post(billPath(id, '/cancel'), body, options),
  transferBill: (id, body, options) => post(billPath(id, '/transfer'), body, options),
  splitBill: (id, body, options) => post(billPath(id, '/split'), body, options),
  requestFinancing: (id, options) => post(billPath(id, '/financing-requests'), {}, options),
  getBillOffers: (id, options) => get(billPath(id, '/offers'), options),
  payBill: (id, options) => post(billPath(id, '/pay'), {}, options),
  importUbl,
  async downloadBillPdf(id) {
    const response = await assertOk(await rawFetch(billPath(id, '/bill.pdf'), { headers: { Accept: 'application/pdf' } }));
    return saveResponseAs(response, `bill-${id}.pdf`);
  },
  async exportBillsCsv(filter) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) {
      if (typeof value === 'string' && value !== '') query.set(key, value);
    }
    const response = await assertOk(await rawFetch(`${BILLS}/export.csv`, { query, headers: { Accept: 'text/csv' } }));
    return saveResponseAs(response, 'bills.csv');
  },
};
