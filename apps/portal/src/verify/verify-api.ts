import type { AnchorReceipt, VerificationResult } from '../documents/document-types';

/** An answer of the public verify endpoints that is not a result (bad input, rate limit). */
export class VerifyError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }
}

/**
 * The public verification endpoints, without a session: the verify page works for anyone with
 * a document or a receipt, signed in or not. Only the hash (or the receipt) is sent.
 */
async function post(path: string, body: unknown): Promise<VerificationResult> {
  const response = await fetch(`/api/v1/verify${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'omit',
  });
  const json = (await response.json().catch(() => null)) as (VerificationResult & { message?: string }) | null;
  if (!response.ok) {
    const retry = Number(response.headers.get('Retry-After')) || undefined;
    throw new VerifyError(json?.message ?? `The verification service answered ${response.status}`, response.status, retry);
  }
  return json as VerificationResult;
}

export const verifyHash = (sha256: string) => post('', { sha256 });
export const verifyReceipt = (receipt: AnchorReceipt | Record<string, unknown>, sha256?: string) =>
  post('/receipt', sha256 ? { receipt, sha256 } : { receipt });
