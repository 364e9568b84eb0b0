import { createHash } from 'node:crypto';
import type { Http } from '../../support/auth.js';

export const sha256Hex = (data: Buffer | string) => '0x' + createHash('sha256').update(data).digest('hex');

/** A small valid-looking PDF (the intake only sniffs the `%PDF-` header). */
export function pdfBytes(text: string): Buffer {
  return Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

export interface UploadOptions {
  filename?: string;
  /** The Content-Type the client claims for the part (the server ignores it). */
  contentType?: string;
  kind?: string;
  name?: string;
  field?: string;
  headers?: Record<string, string>;
}

/** POST /api/v1/documents as multipart/form-data, as a browser or curl would. */
export async function uploadDocument(
  baseUrl: string,
  token: string | undefined,
  bytes: Buffer,
  options: UploadOptions = {},
): Promise<Http> {
  const form = new FormData();
  form.append(
    options.field ?? 'file',
    new Blob([bytes], { type: options.contentType ?? 'application/octet-stream' }),
    options.filename ?? 'invoice.pdf',
  );
  if (options.kind !== undefined) form.append('kind', options.kind);
  if (options.name !== undefined) form.append('name', options.name);
  return send(`${baseUrl}/api/v1/documents`, form, token, options.headers);
}

export async function send(
  url: string,
  body: FormData | undefined,
  token?: string,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<Http> {
  const res = await fetch(url, { method, body, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** GET returning the raw bytes. */
export async function getBytes(url: string, token?: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
