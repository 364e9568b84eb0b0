import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { json } from 'express';
import { PlatformRole } from '#core';
import { AccessTokenVerifier, bearerTokenOf } from '#identity';

/** 100,000 hashes of 66 characters in JSON are ~7 MB: this one route accepts up to 16 MB. */
export const BULK_HASHES_BODY_LIMIT = '16mb';
export const BULK_HASHES_PATH = '/api/v1/anchors/hashes';

/**
 * Raises the JSON body limit for `POST /api/v1/anchors/hashes` only. It must parse before the
 * application-wide parser (JSON_BODY_LIMIT_BYTES, 1 MB by default), which skips a body already
 * read: Nest instantiates providers inside `NestFactory.create`, before `createApiApp` registers
 * the global parser, so registering here puts this parser first.
 *
 * Only for a caller who may submit: a valid access token that is not the read-only auditor's.
 * Middleware runs before the access guard, so without this check anyone could make the API read
 * and parse 16 MB; the others meet the application-wide parser (its 1 MB limit, 413 above it), then
 * the guard (401/403), as on every other route.
 */
@Injectable()
export class BulkHashesBodyParser {
  constructor(host: HttpAdapterHost, tokens: AccessTokenVerifier) {
    const adapter = host.httpAdapter;
    if (!adapter) throw new Error('BulkHashesBodyParser needs the HTTP adapter (API app only)');
    const large = json({ limit: BULK_HASHES_BODY_LIMIT });
    adapter.use(BULK_HASHES_PATH, (req: Request, res: Response, next: NextFunction) => {
      const token = bearerTokenOf(req.headers.authorization);
      const claims = token ? tokens.claimsOf(token) : null;
      if (!claims || claims.roles.every((r) => r === PlatformRole.AUDITOR)) return next();
      return large(req, res, next);
    });
  }
}
