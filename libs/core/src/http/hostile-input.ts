import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter.js';
import type { ErrorBody } from '../errors/error-body.js';

/** Deeper JSON than this is refused before any code walks it (recursion would overflow the stack). */
export const JSON_MAX_DEPTH = 32;
const LONE_SURROGATE = /\p{Cs}/u; // with the u flag a surrogate pair is one code point: only a lone half matches
const NUL_IN_URL = /%00/i; // a raw NUL cannot pass Node's HTTP parser; its percent-encoding can

function send(req: Request & { id?: unknown }, res: Response, status: number, message: string, code = 'VALIDATION_FAILED'): void {
  const body: ErrorBody = { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, code, requestId: String(req.id ?? res.getHeader('x-request-id') ?? randomUUID()) };
  res.status(status).json(body);
}

/** Where the value breaks the rules: too deep, or a NUL character or a lone surrogate in a string or a key. Iterative: no stack to overflow. */
export function hostileJsonReason(value: unknown, maxDepth = JSON_MAX_DEPTH): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return 'Strings must not contain NUL characters';
      // a lone surrogate (`"\ud800"` in JSON) is no text: validators that encode it (IsEmail) throw
      if (LONE_SURROGATE.test(v)) return 'Strings must be well-formed Unicode (no lone surrogates)';
    } else if (v !== null && typeof v === 'object') {
      if (depth >= maxDepth) return `JSON nested deeper than ${maxDepth} levels`;
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return 'Keys must not contain NUL characters';
        if (LONE_SURROGATE.test(k)) return 'Keys must be well-formed Unicode (no lone surrogates)';
        stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}

/**
 * After the body parser: a body nested deeper than JSON_MAX_DEPTH, or a NUL character in the
 * URL, a string or a key, answers 400 in the error shape before any handler sees it (PostgreSQL
 * cannot store NUL in text; validators and serialisers recurse).
 */
export function hostileInputGuard(maxDepth = JSON_MAX_DEPTH) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (NUL_IN_URL.test(req.originalUrl ?? req.url)) return send(req, res, 400, 'The URL must not contain NUL characters');
    const reason = req.body === undefined ? null : hostileJsonReason(req.body, maxDepth);
    if (reason) return send(req, res, 400, reason);
    next();
  };
}

/**
 * Express-level errors (body parser, decompression, anything before Nest's filter) in the one
 * error shape with a requestId; a decompression error's message never reaches the client.
 */
export function expressErrorHandler() {
  const filter = new AllExceptionsFilter();
  return (err: unknown, req: Request & { id?: unknown }, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const body = filter.toBody(err, String(req.id ?? res.getHeader('x-request-id') ?? randomUUID()));
    res.status(body.statusCode).json(body);
  };
}

/**
 * Errors of the HTTP parser (oversized headers, malformed requests) answered in the error shape;
 * Node's default closes with an empty body.
 */
export function installClientErrorHandler(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'HPE_REQUEST_TIMEOUT' || err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = JSON.stringify({ statusCode: status, error: STATUS_CODES[status], message: status === 431 ? 'Request headers too large' : 'Malformed HTTP request', requestId: randomUUID() });
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
