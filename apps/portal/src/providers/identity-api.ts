import type {
  ApproveKycRequest,
  AuditVerification,
  FalsePositiveRequest,
  KycQueueItem,
  Organization,
  ReasonRequest,
  Screening,
  Wallet,
} from '../api/identity-types';
import { httpClient } from './http-client';
import { idempotencyHeader } from './idempotency-key';

const API_PREFIX = '/api/v1';

export interface ReadOptions {
  signal?: AbortSignal;
}

export interface CommandOptions {
  /** Reuse a key when the user retries the same command; a fresh one otherwise. */
  idempotencyKey?: string;
}

/**
 * Identity and audit endpoints that are not plain records of a resource (queues, KYC commands,
 * wallets of an organization, chain verification). Part of the one data provider: reach them
 * with `useDataProvider<TallyDataProvider>()`.
 */
export interface IdentityMethods {
  /** `GET /kyc/queue`: submitted organizations with their screening. */
  getKycQueue(options?: ReadOptions): Promise<KycQueueItem[]>;
  getScreening(organizationId: string, options?: ReadOptions): Promise<Screening>;
  /** DRAFT → SUBMITTED (runs the screening). */
  submitKyc(organizationId: string, options?: CommandOptions): Promise<Organization>;
  approveKyc(organizationId: string, body: ApproveKycRequest, options?: CommandOptions): Promise<Organization>;
  rejectKyc(organizationId: string, body: ReasonRequest, options?: CommandOptions): Promise<Organization>;
  recordFalsePositive(organizationId: string, body: FalsePositiveRequest, options?: CommandOptions): Promise<Screening>;
  getWallets(organizationId: string, options?: ReadOptions): Promise<Wallet[]>;
  /** `GET /audit/verify`: recomputes the whole hash chain. */
  verifyAuditChain(options?: ReadOptions): Promise<AuditVerification>;
}

function organizationPath(id: string, rest = ''): string {
  return `${API_PREFIX}/organizations/${encodeURIComponent(id)}${rest}`;
}

async function get<T>(path: string, options: ReadOptions = {}): Promise<T> {
  return (await httpClient<T>(path, { signal: options.signal })).body;
}

async function post<T>(path: string, body: unknown, options: CommandOptions = {}): Promise<T> {
  const { body: answer } = await httpClient<T>(path, {
    method: 'POST',
    body,
    headers: idempotencyHeader(options),
  });
  return answer;
}

export const identityMethods: IdentityMethods = {
  getKycQueue: (options) => get(`${API_PREFIX}/kyc/queue`, options),
  getScreening: (id, options) => get(organizationPath(id, '/kyc/screening'), options),
  submitKyc: (id, options) => post(organizationPath(id, '/kyc/submit'), {}, options),
  approveKyc: (id, body, options) => post(organizationPath(id, '/kyc/approve'), body, options),
  rejectKyc: (id, body, options) => post(organizationPath(id, '/kyc/reject'), body, options),
  recordFalsePositive: (id, body, options) => post(organizationPath(id, '/kyc/screening/false-positives'), body, options),
  getWallets: (id, options) => get(organizationPath(id, '/wallets'), options),
  verifyAuditChain: (options) => get(`${API_PREFIX}/audit/verify`, options),
};
