import type { Bill } from '../bills/bill-types';
import { minorUnitsOf } from '../bills/money';

/** Bills still to be paid: what receivables and payables are made of. */
const OPEN_STATES = new Set(['ISSUED', 'ACCEPTED', 'OVERDUE']);
const DAY_MS = 86_400_000;

export interface AmountRow {
  label: string;
  amountMinor: bigint;
}

/** Today's UTC calendar day, `YYYY-MM-DD`: how the API dates bills and counts days. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export const isOpen = (bill: Bill) => OPEN_STATES.has(bill.state) && bill.supersededAt === null;

/** Whole days from `today` (`YYYY-MM-DD`) to the bill's due date; negative once overdue. */
export function daysToDue(bill: Bill, today: string): number {
  return Math.round((Date.parse(`${bill.dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** The currency most of the bills are in (charts show one currency); EUR when there are none. */
export function mainCurrency(bills: Bill[]): string {
  const counts = new Map<string, number>();
  for (const bill of bills) counts.set(bill.currency, (counts.get(bill.currency) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'EUR';
}

export function sum(bills: Bill[]): bigint {
  return bills.reduce((total, bill) => total + BigInt(bill.faceAmountMinor), 0n);
}

export const AGEING_BUCKETS = ['overdue', '≤ 30 d', '31–60 d', '61–90 d', '> 90 d'] as const;

/** Open bills by time to maturity (ageing of receivables), every bucket present. */
export function ageing(bills: Bill[], today: string): AmountRow[] {
  const totals = new Map<string, bigint>(AGEING_BUCKETS.map((bucket) => [bucket, 0n]));
  for (const bill of bills) {
    const days = daysToDue(bill, today);
    const bucket = days < 0 ? AGEING_BUCKETS[0] : days <= 30 ? AGEING_BUCKETS[1] : days <= 60 ? AGEING_BUCKETS[2] : days <= 90 ? AGEING_BUCKETS[3] : AGEING_BUCKETS[4];
    totals.set(bucket, totals.get(bucket)! + BigInt(bill.faceAmountMinor));
  }
  return AGEING_BUCKETS.map((label) => ({ label, amountMinor: totals.get(label)! }));
}

/** Face amounts per obligor, largest first; the rest beyond `top` summed as "others". */
export function exposureByBuyer(bills: Bill[], top = 6): AmountRow[] {
  const totals = new Map<string, bigint>();
  for (const bill of bills) {
    const name = bill.buyerName ?? 'another organization';
    totals.set(name, (totals.get(name) ?? 0n) + BigInt(bill.faceAmountMinor));
  }
  const rows = [...totals].map(([label, amountMinor]) => ({ label, amountMinor })).sort((a, b) => (b.amountMinor > a.amountMinor ? 1 : b.amountMinor < a.amountMinor ? -1 : a.label.localeCompare(b.label)));
  if (rows.length <= top) return rows;
  const others = rows.slice(top).reduce((total, row) => total + row.amountMinor, 0n);
  return [...rows.slice(0, top), { label: 'others', amountMinor: others }];
}

export interface ForecastRow {
  /** `YYYY-MM` */
  month: string;
  inMinor: bigint;
  outMinor: bigint;
}

/** Cash expected by due month over the next `months` (overdue amounts count in the current month). */
export function cashForecast(receivable: Bill[], payable: Bill[], today: string, months = 6): ForecastRow[] {
  const start = today.slice(0, 7);
  const [y, m] = start.split('-').map(Number) as [number, number];
  const keys = Array.from({ length: months }, (_, i) => {
    const index = y * 12 + (m - 1) + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
  const rows = new Map(keys.map((month) => [month, { month, inMinor: 0n, outMinor: 0n }]));
  const add = (bill: Bill, field: 'inMinor' | 'outMinor') => {
    const month = bill.dueDate.slice(0, 7) < start ? start : bill.dueDate.slice(0, 7);
    const row = rows.get(month);
    if (row) row[field] += BigInt(bill.faceAmountMinor);
  };
  receivable.forEach((bill) => add(bill, 'inMinor'));
  payable.forEach((bill) => add(bill, 'outMinor'));
  return keys.map((month) => rows.get(month)!);
}

/**
 * Whole major units for a chart's geometry only (bar heights); labels and tooltips format the
 * exact minor units. Integer division: no float touches the amount.
 */
export function chartUnits(amountMinor: bigint, currency: string): number {
  return Number(amountMinor / 10n ** BigInt(minorUnitsOf(currency)));
}

/** Basis points as a percentage with two decimals (`718` → `7.18 %`), by integer arithmetic. */
export function formatBps(bps: number): string {
  const sign = bps < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(bps));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} %`;
}
