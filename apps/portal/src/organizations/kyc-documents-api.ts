import { assertOk, rawFetch } from '../bills/raw-transport';
import type { DocumentRecord } from '../documents/document-types';
import { httpClient } from '../providers/http-client';
import { idempotencyHeader } from '../providers/idempotency-key';
import type { Organization } from '../api/identity-types';

const organizationPath = (id: string, rest: string) => `/api/v1/organizations/${encodeURIComponent(id)}${rest}`;

/** KYC documents and resubmission of a rejected file. Part of the one data provider. */
export interface KycFileMethods {
  /** `GET /organizations/:id/kyc/documents`, with their anchoring status. */
  getKycDocuments(organizationId: string, options?: { signal?: AbortSignal }): Promise<DocumentRecord[]>;
  /** `POST /organizations/:id/kyc/documents` (multipart, the organization's admin). */
  uploadKycDocument(organizationId: string, file: File): Promise<DocumentRecord>;
  /** `POST /organizations/:id/kyc/resubmit`: REJECTED → SUBMITTED. */
  resubmitKyc(organizationId: string, options?: { idempotencyKey?: string }): Promise<Organization>;
}

export const kycFileMethods: KycFileMethods = {
  async getKycDocuments(organizationId, options = {}) {
    return (await httpClient<DocumentRecord[]>(organizationPath(organizationId, '/kyc/documents'), { signal: options.signal })).body;
  },
  async uploadKycDocument(organizationId, file) {
    const body = new FormData();
    body.append('file', file, file.name);
    const response = await assertOk(await rawFetch(organizationPath(organizationId, '/kyc/documents'), { method: 'POST', body }));
    return (await response.json()) as DocumentRecord;
  },
  async resubmitKyc(organizationId, options = {}) {
    const path = organizationPath(organizationId, '/kyc/resubmit');
    return (await httpClient<Organization>(path, { method: 'POST', body: {}, headers: idempotencyHeader(options) })).body;
  },
};
