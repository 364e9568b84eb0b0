import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { DocumentsErrorCode, DocumentsException } from '#documents';

export type HashedFile = Express.Multer.File & { sha256: string };

/** multer storage engine that only hashes the `file` part (verification keeps nothing). */
export class VerifyHashStorage implements StorageEngine {
  constructor(private readonly maxBytes: number) {}

  _handleFile(_req: Request, file: Express.Multer.File, cb: (error?: unknown, info?: Partial<HashedFile>) => void): void {
    const hash = createHash('sha256');
    let size = 0;
    let failed = false;
    file.stream.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > this.maxBytes) {
        failed = true;
        cb(
          new DocumentsException(DocumentsErrorCode.DOCUMENT_TOO_LARGE, `The file is larger than the ${this.maxBytes} bytes allowed`, {
            maxBytes: this.maxBytes,
          }),
        );
        return;
      }
      hash.update(chunk);
    });
    file.stream.once('error', (err) => {
      if (!failed) cb(err);
      failed = true;
    });
    file.stream.once('end', () => {
      if (failed) return;
      if (size === 0) cb(new DocumentsException(DocumentsErrorCode.DOCUMENT_EMPTY, 'The file is empty'));
      else cb(null, { sha256: `0x${hash.digest('hex')}`, size });
    });
  }

  _removeFile(_req: Request, _file: Express.Multer.File, cb: (error: Error | null) => void): void {
    cb(null);
  }
}
