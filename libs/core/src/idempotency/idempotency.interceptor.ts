import { HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { CoreErrorCode, CoreException, DomainException, statusOfCode } from '../errors/domain.exception.js';
import { canonicalJson } from '../util/canonical-json.js';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';

const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * `Idempotency-Key` on mutating requests (global). The first request with a key runs; a retry
 * with the same key and the same request gets the first answer again (`Idempotent-Replayed:
 * true`), a retry while the first still runs gets 409, the same key with another request 422.
 * 4xx answers are kept too (the same request fails the same way); 5xx ones are forgotten so the
 * client may retry. Money-moving commands also guard themselves by state (a bill financed once
 * cannot be financed again), so the rare crash between the business commit and the record
 * below cannot repeat a payment.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = req.headers['idempotency-key'];
    // authenticated callers only: public routes (login, refresh) answer with secrets that must
    // never be stored, and anonymous callers would share one scope
    if (!MUTATING.has(req.method) || header === undefined || !req.principal) return next.handle();
    return from(this.run(ctx, req, String(header), next));
  }

  private async run(ctx: ExecutionContext, req: Request & { principal?: Principal }, key: string, next: CallHandler): Promise<unknown> {
    if (!KEY.test(key)) {
      throw new CoreException(CoreErrorCode.IDEMPOTENCY_KEY_INVALID, 'Idempotency-Key must be 8 to 200 characters of A-Z a-z 0-9 _ . : -');
    }
    const res = ctx.switchToHttp().getResponse<Response>();
    const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const scope = `${req.principal!.userId} ${req.method} ${route}`;
    const requestHash = createHash('sha256')
      .update(canonicalJson({ params: req.params, query: req.query, body: req.body }))
      .digest('hex');
    const repo = this.dataSource.getRepository(IdempotencyKeyEntity);
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, state) VALUES ($1, $2, $3, 'IN_PROGRESS')
       ON CONFLICT (scope, key) DO NOTHING RETURNING id`,
      [scope, key, requestHash],
    );
    if (inserted.length === 0) {
      const first = await repo.findOneByOrFail({ scope, key });
      if (first.requestHash !== requestHash) {
        throw new CoreException(CoreErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request');
      }
      if (first.state === 'IN_PROGRESS') {
        throw new CoreException(CoreErrorCode.IDEMPOTENT_REQUEST_IN_PROGRESS, 'A request with this Idempotency-Key is still being processed');
      }
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(first.responseStatus!);
      if (first.responseStatus! >= 400) throw new HttpException(first.responseBody as Record<string, unknown>, first.responseStatus!);
      return first.responseBody;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await repo.update({ scope, key }, { state: 'DONE', responseStatus: res.statusCode, responseBody: (body ?? null) as object });
      return body;
    } catch (err) {
      const status =
        err instanceof HttpException ? err.getStatus() : err instanceof DomainException ? (statusOfCode(err.code) ?? 500) : 500;
      if (status >= 400 && status < 500) {
        const body =
          err instanceof DomainException
            ? { message: err.message, code: err.code, details: err.details }
            : (err as HttpException).getResponse();
        await repo.update({ scope, key }, { state: 'DONE', responseStatus: status, responseBody: body as object });
      } else {
        await repo.delete({ scope, key });
      }
      throw err;
    }
  }
}
