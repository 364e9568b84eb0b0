/**
 * Nothing secret reaches a log line: values under secret-looking keys are replaced, and secret-
 * looking strings (argon2 hashes, JWTs, bearer credentials) are masked wherever they appear.
 * Query parameters of database errors are dropped whole: they carry whatever the row held
 * (a user's password hash, an encrypted key).
 */
const SECRET_KEY = /pass(word|wd|phrase)?$|passwordhash|secret|token|authorization|cookie|^hash$|privatekey|private_key|encryptedkey|encrypted_key|mnemonic|keystore|apikey|api_key|^parameters$|^params$|signature/i;
const SECRET_TEXT: [RegExp, string][] = [
  [/\$argon2(id|i|d)\$[^\s"',)]+/g, '[argon2 hash]'],
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g, '[jwt]'],
  [/\bBearer\s+[\w.~+/=-]+/gi, 'Bearer [redacted]'],
  [/("?(password|token|secret)"?\s*[:=]\s*)("[^"]*"|[^\s,}]+)/gi, '$1[redacted]'],
];
const REDACTED = '[redacted]';
const MAX_DEPTH = 8;

export function scrubText(s: string): string {
  let out = s;
  for (const [re, by] of SECRET_TEXT) out = out.replace(re, by);
  return out;
}

export function scrub(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[deep]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  if (value instanceof Error) {
    out.type = value.name;
    out.message = scrubText(value.message);
    if (value.stack) out.stack = scrubText(value.stack);
  }
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) ? REDACTED : scrub(v, depth + 1, seen);
  }
  return out;
}
