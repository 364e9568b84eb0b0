// Field-by-field comparison of an engine result against a case's `expected` half.
import type { Json, WaterfallResult } from './case.types.js';

export interface Difference {
  /** JSON path of the field, e.g. `bondTransactions.A1[3].interestPaid`. */
  field: string;
  /** The period (1-based) or date the field belongs to, when it has one. */
  period: string | null;
  want: Json | undefined;
  got: Json | undefined;
}

/** The parts of `expected` an engine must reproduce. */
export const COMPARED_SECTIONS = [
  'periods',
  'bondTransactions',
  'feeTransactions',
  'accountTransactions',
  'ledgerTransactions',
  'triggerHistory',
  'endOfRun',
  'final',
] as const;

const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(want: Json | undefined, got: Json | undefined, path: string, period: string | null, out: Difference[]): void {
  if (isObj(want) && isObj(got)) {
    const p = typeof want.date === 'string' ? want.date : typeof want.distributionDate === 'string' ? `${want.period ?? ''}:${want.distributionDate}` : period;
    for (const k of new Set([...Object.keys(want), ...Object.keys(got)])) walk(want[k], got[k], `${path}.${k}`, p, out);
    return;
  }
  if (Array.isArray(want) && Array.isArray(got)) {
    const n = Math.max(want.length, got.length);
    for (let i = 0; i < n; i++) {
      const w = want[i];
      const g = got[i];
      // A statement row as an array ([date, ...]) names its date.
      const p = Array.isArray(w) && typeof w[0] === 'string' ? w[0] : period;
      walk(w, g, `${path}[${i}]`, p, out);
    }
    return;
  }
  if (want === got) return;
  out.push({ field: path, period, want, got });
}

/** Every difference between `expected` and `result`, in document order. */
export function compareWithExpected(expected: unknown, result: WaterfallResult): Difference[] {
  const out: Difference[] = [];
  const e = (isObj(expected) ? expected : {}) as Record<string, Json>;
  const r = result as unknown as Record<string, Json>;
  for (const s of COMPARED_SECTIONS) walk(e[s], r[s], s, null, out);
  return out;
}

export function formatDifference(d: Difference): string {
  return `${d.field}${d.period ? ` (${d.period})` : ''}: want ${JSON.stringify(d.want)} got ${JSON.stringify(d.got)}`;
}
