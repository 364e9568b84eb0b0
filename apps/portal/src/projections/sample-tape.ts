import type { TapeAsset } from './projections-api';

/** A seeded sample loan tape (same seed, same tape): balances 5,000–55,000, rates 3–11 %, 12–72 months. */
export function sampleTape(count: number, seed = 1): TapeAsset[] {
  let s = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: small, deterministic, good enough for a demo tape
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return Array.from({ length: count }, () => {
    const cents = 500_000 + (next() % 5_000_000);
    const rateMicro = 30_000 + (next() % 80_000);
    return {
      balance: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      rate: `0.${String(rateMicro).padStart(6, '0')}`,
      remainingTerm: 12 + (next() % 61),
    };
  });
}

/** `balance,rate,remainingTerm` lines (a header line is skipped) → assets; an error names the line. */
export function parseTape(csv: string): { assets: TapeAsset[] } | { error: string } {
  const assets: TapeAsset[] = [];
  const lines = csv.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  for (const [i, line] of lines.entries()) {
    if (i === 0 && /balance/i.test(line)) continue;
    const [balance, rate, term] = line.split(',').map((x) => x.trim());
    if (!/^\d+(\.\d{1,2})?$/.test(balance ?? '') || !/^\d(\.\d{1,6})?$/.test(rate ?? '') || !/^\d+$/.test(term ?? '')) {
      return { error: `line ${i + 1}: expected balance,rate,remainingTerm (e.g. 12500.00,0.065,48)` };
    }
    assets.push({ balance, rate, remainingTerm: Number(term) });
  }
  return assets.length ? { assets } : { error: 'the tape is empty' };
}

export const tapeToCsv = (assets: TapeAsset[]) => ['balance,rate,remainingTerm', ...assets.map((a) => `${a.balance},${a.rate},${a.remainingTerm}`)].join('\n');
