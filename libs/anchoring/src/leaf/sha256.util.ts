const SHA256 = /^(0x)?([0-9a-fA-F]{64})$/;

/** A SHA-256 as Tally writes it: `0x` and 64 lower-case hex digits; null when `value` is not one. */
export function normalizeSha256(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = SHA256.exec(value.trim());
  return m ? `0x${m[2]!.toLowerCase()}` : null;
}

export function sha256ToBytes(sha256: string): Buffer {
  return Buffer.from(sha256.slice(2), 'hex');
}

export function bytesToSha256(bytes: Buffer): string {
  return `0x${bytes.toString('hex')}`;
}
