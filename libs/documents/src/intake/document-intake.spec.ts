import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalDocumentStore } from '../store/local-document-store.js';
import { receiveDocument } from './document-intake.js';

const sha = (b: Buffer) => '0x' + createHash('sha256').update(b).digest('hex');
/** A stream of `data` in chunks of `size` bytes (as a multipart part arrives). */
const chunks = (data: Buffer, size = 7) =>
  Readable.from(Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size)));

describe('receiveDocument into the local content-addressed store', () => {
  let dir: string;
  let store: LocalDocumentStore;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-intake-'));
    store = new LocalDocumentStore(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores a document at its SHA-256, in chunks, idempotently', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5_000)]);
    const first = await receiveDocument(chunks(pdf), store, 10_000);
    expect(first).toEqual({ sha256: sha(pdf), sizeBytes: pdf.length, mediaType: 'application/pdf' });
    const hex = first.sha256.slice(2);
    expect(readFileSync(join(dir, hex.slice(0, 2), hex.slice(2, 4), hex)).equals(pdf)).toBe(true);
    expect(await receiveDocument(chunks(pdf, 1_000), store, 10_000)).toEqual(first);
    const back = await store.open(first.sha256);
    const read: Buffer[] = [];
    for await (const c of back!) read.push(c as Buffer);
    expect(Buffer.concat(read).equals(pdf)).toBe(true);
    expect(await store.open(`0x${'0'.repeat(64)}`)).toBeNull();
    expect(await store.exists('../../etc/passwd')).toBe(false);
  });

  it('refuses an empty, an over-limit and a not-allowed document, and keeps nothing of them', async () => {
    await expect(receiveDocument(chunks(Buffer.alloc(0)), store, 100)).rejects.toMatchObject({ code: 'DOCUMENT_EMPTY' });
    await expect(receiveDocument(chunks(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(200)])), store, 100)).rejects.toMatchObject({
      code: 'DOCUMENT_TOO_LARGE',
      message: 'The document is larger than the 100 bytes allowed',
    });
    await expect(
      receiveDocument(chunks(Buffer.from('hello world, this is not a document of an allowed type at all')), store, 1_000),
    ).rejects.toMatchObject({
      code: 'DOCUMENT_TYPE_NOT_ALLOWED',
    });
    await expect(receiveDocument(chunks(Buffer.from('MZ')), store, 1_000)).rejects.toMatchObject({ code: 'DOCUMENT_TYPE_NOT_ALLOWED' });
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('accepts exactly the limit', async () => {
    const atLimit = Buffer.concat([Buffer.from('%PDF-'), randomBytes(95)]);
    expect((await receiveDocument(chunks(atLimit), store, 100)).sizeBytes).toBe(100);
  });

  it('passes a failing source on (a client that hangs up mid-upload)', async () => {
    const source = new Readable({ read() {} });
    const received = receiveDocument(source, store, 1_000);
    source.push(Buffer.from('%PDF-1.7 partial'));
    source.destroy(new Error('client aborted'));
    await expect(received).rejects.toThrow('client aborted');
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });
});
