import { HttpException, Inject, Injectable, Logger, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { CoreErrorCode, CoreException, DomainException, statusOfCode } from '../errors/domain.exception.js';
import { canonicalJson } from '../util/canonical-json.js';
import { TALLY_CONFIG } from '../config/config.module.js';
import type { TallyConfig } from '../config/config.js';
import { idempotencyAttempt } from './idempotency-attempt.js';

const HTTP_CODE_METADATA = '__httpCode__'; // what @HttpCode() sets (@nestjs/common constants)

const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Metadata of a handler that keeps its own `Idempotency-Key` (a resumable, streamed request): the interceptor leaves it alone. */
export const OWN_IDEMPOTENCY = 'tally:own-idempotency';
export const OwnIdempotency = (): MethodDecorator => SetMetadata(OWN_IDEMPOTENCY, true);

/**
 * `Idempotency-Key` on mutating requests (global). The first request with a key runs under a
 * lease (`IDEMPOTENCY_LEASE_MS`); a retry with the same key and the same request gets the first
 * answer again (`Idempotent-Replayed: true`), a retry while the first still holds its lease gets
 * 409 with `Retry-After`, the same key with another request 422. A key whose attempt died (its
 * process killed mid-request) does not stay stuck: after the lease, a retry gets the committed
 * answer if the attempt's business transaction committed (recorded in that same transaction, see
 * `recordCommittedAnswer`), or takes the key over and runs again.
 * 4xx answers are kept too (the same request fails the same way); 5xx ones are forgotten so the
 * client may retry. Money-moving commands also guard themselves by state (a bill financed once
 * cannot be financed again).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly leaseMs: number;
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TALLY_CONFIG) config: TallyConfig,
  ) {
    this.leaseMs = config.idempotencyLeaseMs;
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = req.headers['idempotency-key'];
    // authenticated callers only: public routes (login, refresh) answer with secrets that must
    // never be stored, and anonymous callers would share one scope
    if (!MUTATING.has(req.method) || header === undefined || !req.principal) return next.handle();
    if (Reflect.getMetadata(OWN_IDEMPOTENCY, ctx.getHandler()) === true) return next.handle();
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
    const inserted: { id: string; attempt: number }[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, state, lease_expires_at)
       VALUES ($1, $2, $3, 'IN_PROGRESS', now() + make_interval(secs => $4::double precision / 1000))
       ON CONFLICT (scope, key) DO NOTHING RETURNING id, attempt`,
      [scope, key, requestHash, this.leaseMs],
    );
    let claim = inserted[0];
    if (!claim) {
      const [first] = (await this.dataSource.query(
        `SELECT id, request_hash, state, response_status, response_body, attempt,
                ceil(extract(epoch FROM lease_expires_at - now()))::int AS lease_left_sec
         FROM idempotency_keys WHERE scope = $1 AND key = $2`,
        [scope, key],
      )) as { id: string; request_hash: string; state: string; response_status: number | null; response_body: unknown; attempt: number; lease_left_sec: number }[];
      if (!first) throw new CoreException(CoreErrorCode.IDEMPOTENT_REQUEST_IN_PROGRESS, 'A request with this Idempotency-Key is still being processed', { retryAfterSec: 1 });
      if (first.request_hash !== requestHash) {
        throw new CoreException(CoreErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request');
      }
      const leased = first.lease_left_sec > 0;
      if (first.state === 'DONE' || (first.state === 'COMMITTED' && !leased)) {
        // COMMITTED after the lease: the attempt committed, then died before its final record
        if (first.state === 'COMMITTED') {
          await this.dataSource.query(`UPDATE idempotency_keys SET state = 'DONE', updated_at = now() WHERE id = $1 AND state = 'COMMITTED'`, [first.id]);
        }
        return this.replay(res, first.response_status!, first.response_body);
      }
      if (leased) {
        throw new CoreException(CoreErrorCode.IDEMPOTENT_REQUEST_IN_PROGRESS, 'A request with this Idempotency-Key is still being processed', {
          retryAfterSec: Math.max(1, first.lease_left_sec),
        });
      }
      // IN_PROGRESS past its lease: the attempt died without committing; take the key over
      // TypeORM answers an UPDATE ... RETURNING with [rows, affected]
      const [taken]: [{ id: string; attempt: number }[], number] = await this.dataSource.query(
        `UPDATE idempotency_keys SET attempt = attempt + 1, lease_expires_at = now() + make_interval(secs => $3::double precision / 1000), updated_at = now()
         WHERE id = $1 AND attempt = $2 AND state = 'IN_PROGRESS' RETURNING id, attempt`,
        [first.id, first.attempt, this.leaseMs],
      );
      claim = taken[0];
      if (!claim) throw new CoreException(CoreErrorCode.IDEMPOTENT_REQUEST_IN_PROGRESS, 'A request with this Idempotency-Key is still being processed', { retryAfterSec: 1 });
    }
    const { id, attempt } = claim;
    const explicit = Reflect.getMetadata(HTTP_CODE_METADATA, ctx.getHandler()) as number | undefined;
    const successStatus = explicit ?? (req.method === 'POST' ? 201 : 200);
    const finish = async (status: number, body: unknown) => {
      // TypeORM answers an UPDATE ... RETURNING with [rows, affected]
      const [rows]: [{ differs: boolean }[], number] = await this.dataSource.query(
        `WITH prev AS (SELECT state, response_body FROM idempotency_keys WHERE id = $1 AND attempt = $2)
         UPDATE idempotency_keys k SET state = 'DONE', response_status = $3, response_body = $4, updated_at = now()
           FROM prev WHERE k.id = $1 AND k.attempt = $2
         RETURNING prev.state = 'COMMITTED' AND prev.response_body IS DISTINCT FROM $4::jsonb AS differs`,
        [id, attempt, status, JSON.stringify(body ?? null)],
      );
      // a retry after a crash right after the commit would have replayed another body than this one
      if (rows[0]?.differs && status < 400)
        this.logger.error({ route: `${req.method} ${route}` }, 'idempotency: the committed answer differs from the response (declare it with answerInTransaction)');
    };
    try {
      const body = await idempotencyAttempt.run({ id, attempt, successStatus }, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
      await finish(res.statusCode, body);
      return body;
    } catch (err) {
      const status =
        err instanceof HttpException ? err.getStatus() : err instanceof DomainException ? (statusOfCode(err.code) ?? 500) : 500;
      if (status >= 400 && status < 500) {
        const body =
          err instanceof DomainException
            ? { message: err.message, code: err.code, details: err.details }
            : (err as HttpException).getResponse();
        await finish(status, body);
      } else {
        // forgotten, so the client may retry; a committed effect stays answerable at once
        await this.dataSource.query(`DELETE FROM idempotency_keys WHERE id = $1 AND attempt = $2 AND state = 'IN_PROGRESS'`, [id, attempt]);
        await this.dataSource.query(`UPDATE idempotency_keys SET lease_expires_at = now() WHERE id = $1 AND attempt = $2 AND state = 'COMMITTED'`, [id, attempt]);
      }
      throw err;
    }
  }

  private replay(res: Response, status: number, body: unknown): unknown {
    res.setHeader('Idempotent-Replayed', 'true');
    res.status(status);
    if (status >= 400) throw new HttpException(body as Record<string, unknown>, status);
    return body;
  }
}
