import { HttpError } from 'react-admin';
import { refreshSession } from '../providers/http-client';
import { tokenStore } from '../providers/token-store';
import type { DocumentRecord } from './document-types';

/** Same margin as the http client: renew the access token when it has less than this left. */
const REFRESH_MARGIN_MS = 30_000;

/**
 * The two document calls the JSON `httpClient` cannot carry: the multipart upload and the binary
 * downloads (content, receipt, certificate), with the same session handling (stored token,
 * renewed shortly before expiry and once after a 401).
 */
async function authorizedFetch(path: string, init: { method?: 'GET' | 'POST'; body?: FormData } = {}): Promise<Response> {
  let session = tokenStore.read();
  if (session && session.accessTokenExpiresAtMs - Date.now() < REFRESH_MARGIN_MS) {
    session = (await refreshSession(session.accessToken).catch(() => session)) ?? null;
  }
  const send = (token: string | null) =>
    fetch(path, {
      method: init.method ?? 'GET',
      body: init.body,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      credentials: 'same-origin',
    });
  let response = await send(session?.accessToken ?? null);
  if (response.status === 401 && session) {
    const renewed = await refreshSession(session.accessToken);
    if (renewed) response = await send(renewed.accessToken);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string; code?: string } | null;
    throw new HttpError(body?.message ?? (response.statusText || `HTTP ${response.status}`), response.status, body);
  }
  return response;
}

/** `POST /api/v1/documents` (multipart): the created document, or the organization's copy of the same content. */
export async function uploadDocument(file: File, kind: string): Promise<{ document: DocumentRecord; created: boolean }> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('kind', kind);
  const response = await authorizedFetch('/api/v1/documents', { method: 'POST', body: form });
  return { document: (await response.json()) as DocumentRecord, created: response.status === 201 };
}

/** Downloads `GET /api/v1/documents/:id/<what>` under the name the API gives in Content-Disposition. */
export async function downloadDocumentFile(
  id: string,
  what: 'content' | 'receipt.json' | 'certificate.pdf',
  fallbackName: string,
): Promise<void> {
  const response = await authorizedFetch(`/api/v1/documents/${encodeURIComponent(id)}/${what}`);
  const name = /filename="?([^";]+)"?/i.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  saveBlob(await response.blob(), name);
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
