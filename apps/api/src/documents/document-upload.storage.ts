import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import type { DocumentsService, ReceivedDocument } from '#documents';

export type UploadedDocument = Express.Multer.File & ReceivedDocument;

/**
 * multer storage engine streaming the `file` part straight through the documents intake (size,
 * emptiness and type checks, hashing) into the content-addressed store: nothing is buffered in
 * memory and nothing lands in a temporary upload folder.
 */
export class DocumentUploadStorage implements StorageEngine {
  constructor(private readonly documents: DocumentsService) {}

  _handleFile(_req: Request, file: Express.Multer.File, cb: (error?: unknown, info?: Partial<UploadedDocument>) => void): void {
    this.documents.receive(file.stream).then(
      (received) => cb(null, { ...received, size: received.sizeBytes }),
      (err: unknown) => cb(err),
    );
  }

  /** Stored bytes are content-addressed and may be shared by other documents: never removed here. */
  _removeFile(_req: Request, _file: Express.Multer.File, cb: (error: Error | null) => void): void {
    cb(null);
  }
}
