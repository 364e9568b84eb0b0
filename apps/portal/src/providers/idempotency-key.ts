/** `Idempotency-Key` header of a mutating call: the caller's key when it retries a command, else a fresh one. */
export function idempotencyHeader(meta?: { idempotencyKey?: string }): Record<string, string> {
  return { 'Idempotency-Key': meta?.idempotencyKey ?? newIdempotencyKey() };
}

export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts (https, localhost); the portal may be served over
  // plain http inside a private network, where getRandomValues still works.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
