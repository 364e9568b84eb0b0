import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { DocumentsService } from '#documents';
import { DocumentUploadStorage } from './document-upload.storage.js';
import { DocumentsController } from './documents.controller.js';

/**
 * HTTP face of #documents. Its own multer options: the one `file` part streams through the
 * documents intake into the store (size and type are checked there, with the domain's errors).
 */
@Module({
  imports: [
    MulterModule.registerAsync({
      useFactory: (documents: DocumentsService) => ({
        storage: new DocumentUploadStorage(documents),
        limits: { files: 1, fields: 10, parts: 12 },
        defParamCharset: 'utf8',
      }),
      inject: [DocumentsService],
    }),
  ],
  controllers: [DocumentsController],
})
export class DocumentsApiModule {}
