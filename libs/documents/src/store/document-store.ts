import type { Readable } from 'node:stream';

export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');

export interface StoredObject {
  /** 0x-prefixed SHA-256 of the bytes: their address in the store. */
  sha256: string;
  sizeBytes: number;
}

/**
 * Content-addressed bytes. The local disk implements it (LocalDocumentStore); an S3-compatible
 * store can too (upload under a temporary key, copy to the hash's key, delete the temporary one).
 */
export interface DocumentStore {
  /**
   * Streams `source` in, hashing on the way, and keeps it under its SHA-256. The same bytes
   * always land at the same address, so a repeated put is harmless. When `source` fails (e.g. an
   * upload refused half-way), nothing is kept and the promise rejects with that error.
   */
  put(source: Readable): Promise<StoredObject>;
  /** The bytes under `sha256`, or null when the store does not hold them. */
  open(sha256: string): Promise<Readable | null>;
  exists(sha256: string): Promise<boolean>;
}
