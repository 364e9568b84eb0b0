import { HttpError } from 'react-admin';
import { refreshSession } from '../providers/http-client';
import { tokenStore } from '../providers/token-store';

/** Same margin as the http client: renew the access token when it has less than this left. */
const REFRESH_MARGIN_MS = 30_000;

export interface RawRequest {
  method?: 'GET' | 'POST';
  query?: URLSearchParams;
  /** Sent as is (multipart `FormData`: the browser sets the content type and boundary; or a JSON text with its content type). */
  body?: FormData | string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * The few calls `httpClient` cannot carry, because it speaks JSON only: multipart uploads (UBL
 * import) and binary downloads (bill PDF, CSV export). Same session handling: the stored access
 * token, renewed shortly before expiry and once after a 401 (the same request is retried).
 *
 * Answers the raw `Response` whatever its status, so a caller can read a per-file error body;
 * `assertOk` turns a refusal into the `HttpError` the rest of the portal expects.
 */
export async function rawFetch(path: string, request: RawRequest = {}): Promise<Response> {
  let session = tokenStore.read();
  if (session && session.accessTokenExpiresAtMs - Date.now() < REFRESH_MARGIN_MS) {
    session = (await refreshSession(session.accessToken).catch(() => session)) ?? null;
  }
  let response = await send(path, request, session?.accessToken ?? null);
  if (response.status === 401 && session) {
    const renewed = await refreshSession(session.accessToken);
    if (renewed) response = await send(path, request, renewed.accessToken);
  }
  return response;
}

/** Throws an `HttpError` with the API's message for a non-2xx answer. */
export async function assertOk(response: Response): Promise<Response> {
  if (response.ok) return response;
  const body = await readErrorBody(response);
  throw new HttpError(body.message, response.status, body);
}

/** The API's error body (`{ statusCode, code?, message, requestId }`), or one made from the status. */
export async function readErrorBody(
  response: Response,
): Promise<{ statusCode: number; code?: string; message: string; details?: unknown }> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { message?: unknown; code?: unknown; details?: unknown };
    const message = Array.isArray(parsed.message)
      ? parsed.message.join('; ')
      : typeof parsed.message === 'string'
        ? parsed.message
        : undefined;
    if (message) {
      return {
        statusCode: response.status,
        message,
        ...(typeof parsed.code === 'string' ? { code: parsed.code } : {}),
        details: parsed.details,
      };
    }
  } catch {
    // not the API's JSON (a proxy page): fall through
  }
  return { statusCode: response.status, message: response.statusText || `HTTP ${response.status}` };
}

/** Offers a downloaded body as a file, named by the answer's Content-Disposition when it has one. */
export async function saveResponseAs(response: Response, fallbackName: string): Promise<string> {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the object URL; give the browser a moment before releasing it.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

function send(path: string, request: RawRequest, accessToken: string | null): Promise<Response> {
  const headers = new Headers(request.headers);
  if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
  const query = request.query?.toString();
  return fetch(`${path}${query ? `?${query}` : ''}`, {
    method: request.method ?? 'GET',
    headers,
    body: request.body,
    signal: request.signal,
    credentials: 'same-origin',
  });
}
