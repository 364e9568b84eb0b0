import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { DomainException, statusOfCode } from './domain.exception.js';
import type { ErrorBody } from './error-body.js';

const PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'Malformed JSON in request body',
  'entity.too.large': 'Request body too large',
  'encoding.unsupported': 'Unsupported content encoding',
  'charset.unsupported': 'Unsupported charset',
};

/** Maps every error (HTTP, domain, body parser, unexpected) to the shared body; never leaks a stack. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception, String(req.id ?? res.getHeader('x-request-id') ?? ''));
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId, path: req.url }, 'unhandled error');
    }
    if (res.headersSent) return;
    const retryAfterSec = (body.details as { retryAfterSec?: unknown } | undefined)?.retryAfterSec;
    if (typeof retryAfterSec === 'number') res.setHeader('Retry-After', String(retryAfterSec));
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof DomainException) {
      const status = statusOfCode(exception.code) ?? HttpStatus.INTERNAL_SERVER_ERROR;
      return this.body(status, exception.message, requestId, exception.code, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // body-parser errors arrive wrapped, with the parser's error as the cause
      const parserMessage = PARSER_MESSAGES[(exception.cause as { type?: string } | undefined)?.type ?? ''];
      if (parserMessage) return this.body(status, parserMessage, requestId);
      const response = exception.getResponse();
      if (typeof response === 'string') return this.body(status, response, requestId);
      const r = response as { message?: unknown; details?: unknown; code?: string };
      const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? exception.message);
      return this.body(status, message, requestId, r.code, r.details);
    }
    const db = databaseErrorBody(exception);
    if (db) return this.body(db.status, db.message, requestId, db.code, db.details);
    // other Express middleware errors carry a 4xx `status`
    const e = exception as { status?: unknown; statusCode?: unknown; type?: string; message?: string };
    const status = Number(e?.status ?? e?.statusCode);
    if (Number.isInteger(status) && status >= 400 && status < 500) {
      return this.body(status, PARSER_MESSAGES[e.type ?? ''] ?? String(STATUS_CODES[status]), requestId);
    }
    return this.body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error', requestId);
  }

  private body(statusCode: number, message: string, requestId: string, code?: string, details?: unknown): ErrorBody {
    const body: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, requestId };
    if (code) body.code = code;
    if (details !== undefined) body.details = details;
    return body;
  }
}

/**
 * Database errors that are the caller's or the load's, not a bug: pg-pool's connect timeout is the
 * deliberate overload answer (503 + Retry-After); a serialization failure or deadlock is a retryable
 * conflict; a data exception (SQLSTATE class 22: a NUL byte, a value out of range, an impossible
 * date) is bad input. The message never echoes the query or its parameters.
 */
function databaseErrorBody(exception: unknown): { status: number; message: string; code: string; details?: unknown } | undefined {
  const e = exception as { message?: unknown; code?: unknown; driverError?: { code?: unknown } } | null;
  if (!e || typeof e !== 'object') return undefined;
  if (typeof e.message === 'string' && /timeout exceeded when trying to connect/i.test(e.message)) {
    return { status: 503, message: 'The service is busy; retry shortly', code: 'SERVICE_OVERLOADED', details: { retryAfterSec: 1 } };
  }
  const sqlState = typeof e.driverError?.code === 'string' ? e.driverError.code : typeof e.code === 'string' ? e.code : '';
  if (!/^[0-9A-Z]{5}$/.test(sqlState)) return undefined;
  if (sqlState === '40001' || sqlState === '40P01') {
    return { status: 409, message: 'A concurrent change conflicted with this request; retry it', code: 'CONCURRENT_MODIFICATION' };
  }
  if (sqlState.startsWith('22')) return { status: 400, message: 'A value in the request is not valid (out of range or malformed)', code: 'VALIDATION_FAILED' };
  return undefined;
}
