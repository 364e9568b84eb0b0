import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { scrub, scrubText } from './redact.js';
import type { LogLevel } from '../config/config.js';

/** JSON logs on stdout (one line per event), scrubbed of secrets (see `scrub`). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'tally' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'],
    formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
    // the std serializers would re-expand errors with every property: scrub already did
    serializers: { err: (e: unknown) => scrub(e) },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's logger interface on top of pino, so framework logs are JSON too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context?: string, trace?: string): void {
    if (message !== null && typeof message === 'object') {
      this.logger[level]({ context, trace, ...(message as object) });
    } else {
      this.logger[level]({ context, trace }, String(message));
    }
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Express-style middleware (IncomingMessage/ServerResponse are what Express's req/res extend). */
export type HttpLogMiddleware = (req: IncomingMessage & { id?: string }, res: ServerResponse, next: () => void) => void;

/**
 * Request logging with a request id: taken from `X-Request-Id` when sane, else generated; echoed
 * back and left on `req.id` (the exception filter puts it into error bodies). One line per
 * request once the response is done (`request completed`, level by status: info, warn from 400,
 * error from 500, as pino-http did; `request aborted` when the client went away first); none for /health and
 * /metrics. The same fields pino-http wrote, without a child logger, a serialized `req` binding
 * and three listeners per request: the line is only built when its level is enabled.
 */
export function createHttpLogger(logger: Logger): HttpLogMiddleware {
  return (req, res, next) => {
    const header = req.headers['x-request-id'];
    const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    const url = req.url;
    if (url !== '/health' && url !== '/metrics') {
      const started = Date.now();
      // `close` follows `finish` on every response (and comes alone when the client went away)
      res.once('close', () => {
        const statusCode = res.statusCode;
        const finished = res.writableFinished;
        const level = statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
        if (!logger.isLevelEnabled(level)) return;
        const line: Record<string, unknown> = { req: { id, method: req.method, url }, res: { statusCode }, responseTime: Date.now() - started };
        if (statusCode >= 500) line.err = { type: 'Error', message: `failed with status code ${statusCode}` };
        logger[level](line, !finished ? 'request aborted' : statusCode >= 500 ? 'request errored' : 'request completed');
      });
    }
    next();
  };
}
