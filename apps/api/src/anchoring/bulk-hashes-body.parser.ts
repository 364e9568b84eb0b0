import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { json } from 'express';

/** 100,000 hashes of 66 characters in JSON are ~7 MB: this one route accepts up to 16 MB. */
export const BULK_HASHES_BODY_LIMIT = '16mb';
export const BULK_HASHES_PATH = '/api/v1/anchors/hashes';

/**
 * Raises the JSON body limit for `POST /api/v1/anchors/hashes` only. It must parse before the
 * application-wide parser (JSON_BODY_LIMIT_BYTES, 1 MB by default), which skips a body already
 * read: Nest instantiates providers inside `NestFactory.create`, before `createApiApp` registers
 * the global parser, so registering here puts this parser first.
 */
@Injectable()
export class BulkHashesBodyParser {
  constructor(host: HttpAdapterHost) {
    const adapter = host.httpAdapter;
    if (!adapter) throw new Error('BulkHashesBodyParser needs the HTTP adapter (API app only)');
    adapter.use(BULK_HASHES_PATH, json({ limit: BULK_HASHES_BODY_LIMIT }));
  }
}
