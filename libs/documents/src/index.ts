import { DocumentEntity } from './document.entity.js';
import { DocumentsFoundation1763791000000 } from './migrations/1763791000000-DocumentsFoundation.js';

export { DocumentsModule } from './documents.module.js';
export {
  DocumentsService,
  type DocumentAnchoring,
  type DocumentFile,
  type DocumentListQuery,
  type DocumentView,
} from './documents.service.js';
export { DocumentKind, DOCUMENT_KINDS } from './document-kind.js';
export { DocumentsErrorCode, DocumentsException, DOCUMENTS_ERROR_STATUS } from './documents.errors.js';
export { DocumentEntity } from './document.entity.js';
export { DOCUMENT_STORE, type DocumentStore, type StoredObject } from './store/document-store.js';
export { LocalDocumentStore } from './store/local-document-store.js';
export { receiveDocument, type ReceivedDocument } from './intake/document-intake.js';
export { DocumentMediaType, sniffMediaType, SNIFF_BYTES } from './intake/media-type.util.js';
export { renderCertificate, type CertificateInput } from './certificate/certificate.renderer.js';
export {
  A4,
  CONTENT_WIDTH,
  drawFooter,
  drawHeader,
  drawQr,
  drawSection,
  drawTable,
  latin1,
  loadQrCode,
  openPdf,
  type PdfColumn,
  type PdfHeader,
} from './certificate/pdf-layout.util.js';

/** Documents' entities and migrations (in order), for the platform schema. */
export const DOCUMENTS_ENTITIES = [DocumentEntity];
export const DOCUMENTS_MIGRATIONS = [DocumentsFoundation1763791000000];
