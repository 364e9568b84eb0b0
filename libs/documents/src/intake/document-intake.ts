import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { DocumentsErrorCode, DocumentsException } from '../documents.errors.js';
import type { DocumentStore } from '../store/document-store.js';
import { sniffMediaType, SNIFF_BYTES, type DocumentMediaType } from './media-type.util.js';

export interface ReceivedDocument {
  sha256: string;
  sizeBytes: number;
  mediaType: DocumentMediaType;
}

const MB = 1_048_576;
const size = (bytes: number) => (bytes % MB === 0 ? `${bytes / MB} MB` : `${bytes} bytes`);

/**
 * Checks an upload while it streams into the store: at most `maxBytes`, not empty, and its first
 * bytes one of the allowed types. The first bytes are held back until the type is known, so a
 * refused document never reaches the store (not even its temporary file's content).
 */
class IntakeCheck extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private total = 0;
  mediaType: DocumentMediaType | null = null;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.total += chunk.length;
    if (this.total > this.maxBytes) {
      done(
        new DocumentsException(DocumentsErrorCode.DOCUMENT_TOO_LARGE, `The document is larger than the ${size(this.maxBytes)} allowed`, {
          maxBytes: this.maxBytes,
        }),
      );
      return;
    }
    if (this.mediaType) {
      done(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) {
      done();
      return;
    }
    this.decide(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.total === 0) {
      done(new DocumentsException(DocumentsErrorCode.DOCUMENT_EMPTY, 'The document is empty'));
      return;
    }
    if (this.mediaType) done();
    else this.decide(done);
  }

  private decide(done: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.mediaType = sniffMediaType(head);
    if (!this.mediaType) {
      done(
        new DocumentsException(
          DocumentsErrorCode.DOCUMENT_TYPE_NOT_ALLOWED,
          'The document is not a PDF, XML, PNG or JPEG file (judged by its content, not its name)',
          { allowed: ['application/pdf', 'application/xml', 'image/png', 'image/jpeg'] },
        ),
      );
      return;
    }
    this.head = [];
    done(null, head);
  }
}

/** Streams an upload through the checks into the content-addressed store. */
export async function receiveDocument(source: Readable, store: DocumentStore, maxBytes: number): Promise<ReceivedDocument> {
  const check = new IntakeCheck(maxBytes);
  // the store consumes `check`; an error of the source or of the check rejects the put. A small
  // upload can be refused (empty, wrong type) before the store has attached to the stream: the
  // listener keeps that early error from being "unhandled"; the store's pipeline still sees it.
  source.once('error', (err) => check.destroy(err));
  check.on('error', () => undefined);
  try {
    const stored = await store.put(source.pipe(check));
    return { ...stored, mediaType: check.mediaType! };
  } catch (err) {
    source.unpipe(check);
    source.resume(); // refused half-way: let the rest of the upload drain instead of stalling the request
    throw err;
  }
}
