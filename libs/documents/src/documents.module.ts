import { Global, Module } from '@nestjs/common';
import { TALLY_CONFIG, type TallyConfig } from '#core';
import { DocumentsService } from './documents.service.js';
import { DOCUMENT_STORE } from './store/document-store.js';
import { LocalDocumentStore } from './store/local-document-store.js';

/**
 * Content-addressed documents of organizations (needs AnchoringModule, global, for their hashes).
 * Global, so that the domain libs that attach documents (bills, KYC, pools) inject DocumentsService.
 */
@Global()
@Module({
  providers: [
    { provide: DOCUMENT_STORE, useFactory: (config: TallyConfig) => new LocalDocumentStore(config.documents.dir), inject: [TALLY_CONFIG] },
    DocumentsService,
  ],
  exports: [DocumentsService, DOCUMENT_STORE],
})
export class DocumentsModule {}
