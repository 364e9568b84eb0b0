/** What a document is, for people and for the domain libs that attach documents. */
export enum DocumentKind {
  INVOICE = 'INVOICE',
  UBL_INVOICE = 'UBL_INVOICE',
  KYC = 'KYC',
  POOL_TAPE = 'POOL_TAPE',
  REPORT = 'REPORT',
  CERTIFICATE = 'CERTIFICATE',
  AUDIT_HEAD = 'AUDIT_HEAD',
  OTHER = 'OTHER',
}

export const DOCUMENT_KINDS = Object.values(DocumentKind);
