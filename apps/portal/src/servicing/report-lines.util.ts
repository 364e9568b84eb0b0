// The investor report's lines (section, item, field, value; minor units as decimal strings)
// regrouped for the run page's tables. Pure, no React.
import type { ReportLine } from './servicing-api';

export interface WaterfallRow {
  /** `fee`, `tranche` or `account`. */
  kind: 'fee' | 'tranche' | 'account';
  name: string;
  /** fee: paid; tranche: interest paid; account: balance after. */
  values: Record<string, string>;
}

export interface TrancheRow {
  name: string;
  originalMinor: string | null;
  outstandingMinor: string | null;
  factor: string | null;
  creditEnhancementPct: string | null;
  interestDueAfterMinor: string | null;
}

export interface DistributionRow {
  tranche: string;
  holder: string;
  interestMinor: string;
  principalMinor: string;
  amountMinor: string;
}

export interface ReportTables {
  pool: Record<string, string>;
  collections: Record<string, string>;
  waterfall: WaterfallRow[];
  tranches: TrancheRow[];
  triggers: { name: string; breached: boolean }[];
  distribution: DistributionRow[];
  totalDistributedMinor: string | null;
}

/** Groups the lines by what they describe; keeps the report's order. */
export function reportTables(lines: ReportLine[]): ReportTables {
  const t: ReportTables = { pool: {}, collections: {}, waterfall: [], tranches: [], triggers: [], distribution: [], totalDistributedMinor: null };
  const waterfall = new Map<string, WaterfallRow>();
  const tranches = new Map<string, TrancheRow>();
  const distribution = new Map<string, DistributionRow>();
  for (const l of lines) {
    if (l.section === 'pool') (l.item === 'collections' ? t.collections : t.pool)[l.field] = l.value;
    else if (l.section === 'waterfall') {
      const colon = l.item.indexOf(':');
      const kind = l.item.slice(0, colon) as WaterfallRow['kind'];
      const key = l.item;
      if (!waterfall.has(key)) waterfall.set(key, { kind, name: l.item.slice(colon + 1), values: {} });
      waterfall.get(key)!.values[l.field] = l.value;
    } else if (l.section === 'tranche') {
      if (!tranches.has(l.item))
        tranches.set(l.item, { name: l.item, originalMinor: null, outstandingMinor: null, factor: null, creditEnhancementPct: null, interestDueAfterMinor: null });
      const row = tranches.get(l.item)!;
      if (l.field in row) (row as unknown as Record<string, string | null>)[l.field] = l.value;
    } else if (l.section === 'trigger') {
      if (l.field === 'breached') t.triggers.push({ name: l.item, breached: l.value === 'true' });
    } else if (l.section === 'distribution') {
      if (l.item === 'total') {
        t.totalDistributedMinor = l.value;
        continue;
      }
      const colon = l.item.indexOf(':');
      if (!distribution.has(l.item))
        distribution.set(l.item, { tranche: l.item.slice(0, colon), holder: l.item.slice(colon + 1), interestMinor: '0', principalMinor: '0', amountMinor: '0' });
      const row = distribution.get(l.item)!;
      if (l.field === 'interestMinor') row.interestMinor = l.value;
      if (l.field === 'principalMinor') row.principalMinor = l.value;
      row.amountMinor = (BigInt(row.interestMinor) + BigInt(row.principalMinor)).toString();
    }
  }
  t.waterfall = [...waterfall.values()];
  t.tranches = [...tranches.values()];
  t.distribution = [...distribution.values()];
  return t;
}

/** `0.853125` → `0.8531` (a factor to four places, truncated as text: no float). */
export function formatFactor(factor: string | null | undefined): string {
  if (!factor) return '—';
  const [whole, fraction = ''] = factor.split('.');
  return `${whole}.${fraction.padEnd(4, '0').slice(0, 4)}`;
}

/** A percentage string from the engine (`12.5`, `12.345678`) to two places, as text. */
export function formatPct(pct: string | null | undefined): string {
  if (!pct) return '—';
  const negative = pct.startsWith('-');
  const [whole, fraction = ''] = (negative ? pct.slice(1) : pct).split('.');
  return `${negative ? '-' : ''}${whole}.${fraction.padEnd(2, '0').slice(0, 2)} %`;
}
