/**
 * Shapes of the documents and anchoring endpoints (`apps/api/src/documents/document.dto.ts`,
 * `apps/api/src/anchoring/*.dto.ts`, `apps/api/src/verify/verify.dto.ts`), as the portal uses them.
 * Hand-written like `api/types.ts`, to be replaced by the generated client (convention 16).
 */

export const DOCUMENT_KINDS = ['INVOICE', 'UBL_INVOICE', 'KYC', 'POOL_TAPE', 'REPORT', 'CERTIFICATE', 'AUDIT_HEAD', 'OTHER'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** PENDING: waiting for a batch; SEALED: in a batch, transaction not confirmed; ANCHORED: on chain. */
export type AnchoringState = 'PENDING' | 'SEALED' | 'ANCHORED';

/** `GET /api/v1/documents/:id` */
export interface DocumentRecord {
  id: string;
  ownerOrganizationId: string;
  kind: DocumentKind;
  name: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByUserId: string | null;
  createdAt: string;
  anchoring: {
    state: AnchoringState;
    batchId: string | null;
    root: string | null;
    txHash: string | null;
    blockNumber: number | null;
    anchoredAt: string | null;
    chainId: number | null;
    contract: string | null;
  };
}

/** `GET /api/v1/anchors/batches/:id` */
export interface AnchorBatchRecord {
  id: string;
  chainBatchId: string;
  root: string;
  leafCount: number;
  status: 'SEALED' | 'ANCHORED' | 'FAILED';
  chainId: number;
  chainJobId: string;
  contractAddress: string | null;
  txHash: string | null;
  blockNumber: number | null;
  blockTimestamp: string | null;
  confirmations: number | null;
  failureReason: string | null;
  sealedAt: string;
  confirmedAt: string | null;
}

/** `receipt.json` */
export interface AnchorReceipt {
  format: 'tally-anchor-receipt/1';
  documentHash: string;
  leafEncoding: ['bytes32'];
  leaf: string;
  leafIndex: number;
  leafCount: number;
  proof: string[];
  root: string;
  batchId: string;
  chainId: number;
  contract: string;
  txHash: string;
  blockNumber: number;
  blockTimestamp: number;
  anchoredAt: string;
}

/** `POST /api/v1/verify`, `/verify/receipt` */
export interface VerificationResult {
  documentHash: string;
  anchored: boolean;
  status: 'ANCHORED' | 'PENDING' | 'NOT_FOUND' | 'INVALID';
  code?: string;
  reason?: string;
  anchoredAt?: string;
  blockNumber?: number;
  txHash?: string;
  chainId?: number;
  contract?: string;
  root?: string;
  batchId?: string;
  checks: { check: string; ok: boolean; detail: string }[];
  receipt?: AnchorReceipt;
}
