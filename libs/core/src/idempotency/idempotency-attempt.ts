import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/** The idempotency key an HTTP request runs under (set by `IdempotencyInterceptor`). */
export interface IdempotencyAttempt {
  id: string;
  attempt: number;
  /** The status the route answers with on success (201 for POST unless `@HttpCode`). */
  successStatus: number;
  /** Set once the request declared its answer itself (`answerInTransaction`). */
  answered?: boolean;
}

export const idempotencyAttempt = new AsyncLocalStorage<IdempotencyAttempt>();

/**
 * Called inside every top-level business transaction, just before it commits: the key records
 * that the request's effect committed, with the transaction's answer, in the same transaction.
 * A process that dies between this commit and the final record leaves the key COMMITTED, and a
 * retry after the lease gets this answer instead of running the command a second time.
 */
export async function recordCommittedAnswer(m: EntityManager, value: unknown, explicit = false): Promise<void> {
  const a = idempotencyAttempt.getStore();
  if (!a || (a.answered && !explicit)) return;
  if (explicit) a.answered = true;
  let body: unknown;
  try {
    body = value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
  } catch {
    return; // not JSON-able (never the case for response DTOs): only the final record counts
  }
  await m.query(
    `UPDATE idempotency_keys SET state = 'COMMITTED', response_status = $3, response_body = $4, updated_at = now()
     WHERE id = $1 AND attempt = $2 AND state <> 'DONE'`,
    [a.id, a.attempt, a.successStatus, JSON.stringify(body)],
  );
}

/**
 * For a request whose answer is not the value its business transaction returns (a service that
 * answers with another record, or re-reads after the commit): declares that answer inside the
 * transaction, so a retry after a crash between the commit and the final record replays the
 * same body as the first attempt would have answered. The interceptor logs an error when a
 * committed answer differs from the response actually sent.
 */
export const answerInTransaction = (m: EntityManager, value: unknown): Promise<void> => recordCommittedAnswer(m, value, true);
