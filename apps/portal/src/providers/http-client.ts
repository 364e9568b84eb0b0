import { HttpError } from 'react-admin';
import type { ApiErrorBody, RefreshTokenRequest, TokenResponse } from '../api/types';
import { type StoredSession, tokenStore } from './token-store';

/** The API serves the portal, so calls go to the same origin (Vite proxies them in dev). */
const API_BASE_URL = '';
const REFRESH_PATH = '/api/v1/auth/refresh';
/** Renew the access token when it has less than this left, so a request never races its expiry. */
const REFRESH_MARGIN_MS = 30_000;

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: URLSearchParams;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Attach the stored access token, renew it when it is about to expire and retry once after a
   * 401. Defaults to true; the auth endpoints themselves turn it off.
   */
  authenticated?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty body (204). */
  body: T;
}

/**
 * The portal's only fetch wrapper. Non-2xx answers become an `HttpError` carrying the API's
 * `message`, its status, and the parsed error body (with `requestId`) as `body`.
 */
export async function httpClient<T = unknown>(
  path: string,
  request: HttpRequest = {},
): Promise<HttpResponse<T>> {
  const authenticated = request.authenticated ?? true;
  let session = authenticated ? tokenStore.read() : null;

  if (session && session.accessTokenExpiresAtMs - Date.now() < REFRESH_MARGIN_MS) {
    // If the early renewal fails (API unreachable) the request still goes out with the old token
    // and the 401 path below decides.
    session = (await refreshSession(session.accessToken).catch(() => session)) ?? null;
  }

  let response = await send(path, request, session?.accessToken ?? null);

  if (response.status === 401 && session) {
    const renewed = await refreshSession(session.accessToken);
    if (renewed) {
      // Same request, same headers (so the same Idempotency-Key): a retry, not a new command.
      response = await send(path, request, renewed.accessToken);
    }
  }

  if (!response.ok) throw await toHttpError(response);
  return {
    status: response.status,
    headers: response.headers,
    body: (await readJson(response)) as T,
  };
}

let refreshInFlight: Promise<StoredSession | null> | null = null;

/**
 * Exchanges the refresh token for new tokens. Resolves to the new session, or to null (and
 * clears the stored tokens) when the API refuses the refresh token. Concurrent callers share one
 * call; `staleAccessToken` lets a caller skip the call when someone else already renewed it.
 */
export function refreshSession(staleAccessToken: string): Promise<StoredSession | null> {
  refreshInFlight ??= withCrossTabLock(() => renew(staleAccessToken)).finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

async function renew(staleAccessToken: string): Promise<StoredSession | null> {
  // Read again under the lock: another tab may have renewed while we waited, and refresh
  // tokens may be single-use, so renewing twice could end the session.
  const current = tokenStore.read();
  if (!current) return null;
  if (
    current.accessToken !== staleAccessToken &&
    current.accessTokenExpiresAtMs - Date.now() > REFRESH_MARGIN_MS
  ) {
    return current;
  }

  const body: RefreshTokenRequest = { refreshToken: current.refreshToken };
  const response = await send(REFRESH_PATH, { method: 'POST', body }, null);
  if (response.ok) return tokenStore.save((await readJson(response)) as TokenResponse);
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    tokenStore.clear();
    return null;
  }
  throw await toHttpError(response);
}

function withCrossTabLock<T>(work: () => Promise<T>): Promise<T> {
  // Web Locks serialize the renewal across tabs; without them (old browsers) we only
  // serialize within this tab.
  if ('locks' in navigator && navigator.locks) {
    return navigator.locks.request('tally.auth.refresh', work);
  }
  return work();
}

function send(path: string, request: HttpRequest, accessToken: string | null): Promise<Response> {
  const headers = new Headers(request.headers);
  headers.set('Accept', 'application/json');
  let body: string | undefined;
  if (request.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(request.body);
  }
  if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);

  const query = request.query?.toString();
  return fetch(`${API_BASE_URL}${path}${query ? `?${query}` : ''}`, {
    method: request.method ?? 'GET',
    headers,
    body,
    signal: request.signal,
    credentials: 'same-origin',
  });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError('The API answered with a body that is not JSON', response.status, text);
  }
}

async function toHttpError(response: Response): Promise<HttpError> {
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // Not from the API itself (a proxy page, say): keep the raw text as the body.
  }
  const message = isApiErrorBody(body)
    ? Array.isArray(body.message)
      ? body.message.join('; ')
      : body.message
    : response.statusText || `HTTP ${response.status}`;
  const errors = isApiErrorBody(body) ? fieldErrors(body.details, message) : null;
  // `body.errors` is how react-admin forms show server errors: per field, and `root.serverError`
  // in the notification (also covers a field the form does not show).
  return new HttpError(message, response.status, errors ? { ...(body as ApiErrorBody), errors } : body);
}

/** `details: [{ field, errors }]` of a validation failure, as `{ field: 'message; message' }`. */
function fieldErrors(details: unknown, message: string): Record<string, unknown> | null {
  if (!Array.isArray(details) || details.length === 0) return null;
  const errors: Record<string, unknown> = { root: { serverError: message } };
  for (const detail of details as unknown[]) {
    const { field, errors: messages } = (detail ?? {}) as { field?: unknown; errors?: unknown };
    if (typeof field !== 'string' || !Array.isArray(messages)) return null;
    errors[field] = messages.join('; ');
  }
  return errors;
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const message = (body as Record<string, unknown>).message;
  return (
    typeof message === 'string' ||
    (Array.isArray(message) && message.every((m) => typeof m === 'string'))
  );
}
