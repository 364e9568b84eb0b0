import { parseMajor } from '../bills/money';
import type { CreateDeal, TriggerTerms } from './deals-api';

export interface TrancheRow {
  className: string;
  size: string;
  couponBps: string;
  rank: string;
  equity: boolean;
  denomination: string;
}

export interface TriggerRow {
  name: string;
  kind: TriggerTerms['kind'];
  thresholdBps: string;
  effect: TriggerTerms['effect'];
}

export interface DealFormValues {
  name: string;
  closingDate: string;
  firstDistributionDate: string;
  statedMaturityDate: string;
  paymentFrequency: CreateDeal['paymentFrequency'];
  dayCount: CreateDeal['dayCount'];
  servicerFeeBpsPerAnnum: string;
  trusteeFeePerPeriod: string;
  reserveTargetBps: string;
  tranches: TrancheRow[];
  triggers: TriggerRow[];
}

export const defaultDealForm = (poolName: string): DealFormValues => ({
  name: poolName,
  closingDate: '',
  firstDistributionDate: '',
  statedMaturityDate: '',
  paymentFrequency: 'MONTHLY',
  dayCount: 'ACT/360',
  servicerFeeBpsPerAnnum: '50',
  trusteeFeePerPeriod: '0',
  reserveTargetBps: '100',
  tranches: [
    { className: 'A', size: '', couponBps: '350', rank: '1', equity: false, denomination: '1000' },
    { className: 'B', size: '', couponBps: '600', rank: '2', equity: false, denomination: '1000' },
    { className: 'E', size: '', couponBps: '0', rank: '3', equity: true, denomination: '1000' },
  ],
  triggers: [],
});

const INT = /^\d{1,6}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The request body from the typed form (amounts in major units, exact), or one message per
 * problem the portal can see by itself; the API checks the structure against the pool.
 */
export function dealRequestOf(v: DealFormValues, currency: string): { ok: true; body: CreateDeal } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const money = (label: string, text: string, allowZero = false): string => {
    const parsed = parseMajor(text, currency);
    if (!parsed.ok) {
      problems.push(`${label}: ${parsed.error}`);
      return '0';
    }
    if (!allowZero && parsed.value === 0n) problems.push(`${label}: more than zero`);
    return parsed.value.toString();
  };
  const int = (label: string, text: string): number => {
    if (!INT.test(text.trim())) problems.push(`${label}: a whole number`);
    return Number(text.trim());
  };
  if (!v.name.trim()) problems.push('Name: required');
  for (const [label, d] of [
    ['Closing date', v.closingDate],
    ['First distribution date', v.firstDistributionDate],
    ['Stated maturity', v.statedMaturityDate],
  ] as const) {
    if (!DATE.test(d)) problems.push(`${label}: a date`);
  }
  const tranches = v.tranches.map((t, i) => {
    const label = `Tranche ${t.className || i + 1}`;
    return {
      className: t.className.trim(),
      sizeMinor: money(`${label} size`, t.size),
      couponBps: int(`${label} coupon`, t.couponBps),
      rank: int(`${label} rank`, t.rank),
      equity: t.equity,
      denominationMinor: money(`${label} denomination`, t.denomination),
    };
  });
  const triggers = v.triggers.map((t, i) => ({
    name: t.name.trim() || `trigger-${i + 1}`,
    kind: t.kind,
    thresholdBps: int(`Trigger ${t.name || i + 1} threshold`, t.thresholdBps),
    effect: t.effect,
  }));
  const body: CreateDeal = {
    name: v.name.trim(),
    closingDate: v.closingDate,
    firstDistributionDate: v.firstDistributionDate,
    statedMaturityDate: v.statedMaturityDate,
    paymentFrequency: v.paymentFrequency,
    dayCount: v.dayCount,
    tranches,
    servicerFeeBpsPerAnnum: int('Servicer fee', v.servicerFeeBpsPerAnnum),
    trusteeFeePerPeriodMinor: money('Trustee fee', v.trusteeFeePerPeriod, true),
    reserveTargetBps: int('Reserve target', v.reserveTargetBps),
    triggers,
  };
  return problems.length ? { ok: false, problems } : { ok: true, body };
}
