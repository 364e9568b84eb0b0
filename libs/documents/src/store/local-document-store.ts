import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DocumentStore, StoredObject } from './document-store.js';

const SHA256 = /^0x[0-9a-f]{64}$/;

/**
 * Documents on the local disk under `dir`, at `ab/cd/<sha256 hex>`: written to `dir/tmp` first,
 * flushed to disk, then renamed into place (atomic on one file system), so a reader never sees
 * half a document and a crash leaves at most a temporary file.
 */
export class LocalDocumentStore implements DocumentStore {
  constructor(private readonly dir: string) {}

  async put(source: Readable): Promise<StoredObject> {
    const tmpDir = join(this.dir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        done(null, chunk);
      },
    });
    // opened before the copy starts: a stream that opened the file itself could create it after
    // a failed copy was cleaned up, leaving a temporary file behind
    const file = await open(tmp, 'wx');
    try {
      await pipeline(source, hashing, file.createWriteStream()); // closes the file when done or destroyed
      const fh = await open(tmp, 'r');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      const sha256 = `0x${hash.digest('hex')}`;
      const target = this.pathOf(sha256);
      await mkdir(join(target, '..'), { recursive: true });
      await rename(tmp, target);
      return { sha256, sizeBytes };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async open(sha256: string): Promise<Readable | null> {
    if (!(await this.exists(sha256))) return null;
    return createReadStream(this.pathOf(sha256));
  }

  async exists(sha256: string): Promise<boolean> {
    if (!SHA256.test(sha256)) return false;
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  private pathOf(sha256: string): string {
    const hex = sha256.slice(2);
    return join(this.dir, hex.slice(0, 2), hex.slice(2, 4), hex);
  }
}
