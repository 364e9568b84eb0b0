/** JSON with object keys sorted at every level (bigints as decimal strings): stable bytes to hash. */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value === null || value === undefined || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

/** A JSON-safe copy (bigint → string, Date → ISO string, undefined dropped), as stored in jsonb. */
export function toJsonSafe<T>(value: T): unknown {
  return JSON.parse(canonicalJson(value));
}
