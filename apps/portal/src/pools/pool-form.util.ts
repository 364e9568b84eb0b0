import { parseMajor, parsePercentToBps } from '../bills/money';
import type { CreatePool } from './pools-api';

/** The pool form's fields as typed (text): amounts in major units, limits in percent. */
export interface PoolFormValues {
  name: string;
  currency: string;
  cutOffDate: string;
  minRemainingTermDays: string;
  maxRemainingTermDays: string;
  minFaceAmount: string;
  maxFaceAmount: string;
  maxSingleObligorPercent: string;
  maxTop5ObligorsPercent: string;
  maxSingleSellerPercent: string;
  maxPoolBalance: string;
  maxAssetCount: string;
  concentrationBase: string;
}

export const EMPTY_POOL_FORM: PoolFormValues = {
  name: '',
  currency: 'EUR',
  cutOffDate: '',
  minRemainingTermDays: '',
  maxRemainingTermDays: '',
  minFaceAmount: '',
  maxFaceAmount: '',
  maxSingleObligorPercent: '',
  maxTop5ObligorsPercent: '',
  maxSingleSellerPercent: '',
  maxPoolBalance: '',
  maxAssetCount: '',
  concentrationBase: '',
};

export type PoolFormErrors = Partial<Record<keyof PoolFormValues, string>>;

/** The request body, or the problems of each field (empty optional fields are left out). */
export function poolRequestOf(v: PoolFormValues): { ok: true; body: CreatePool } | { ok: false; errors: PoolFormErrors } {
  const errors: PoolFormErrors = {};
  const currency = v.currency.trim().toUpperCase();
  if (!v.name.trim()) errors.name = 'A name';
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'An ISO 4217 code, e.g. EUR';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.cutOffDate)) errors.cutOffDate = 'A date';
  const days = (key: keyof PoolFormValues): number | undefined => {
    const text = v[key].trim();
    if (!text) return undefined;
    if (!/^\d{1,5}$/.test(text)) errors[key] = 'Whole days';
    return Number(text);
  };
  const money = (key: keyof PoolFormValues): string | undefined => {
    const text = v[key].trim();
    if (!text) return undefined;
    const parsed = parseMajor(text, currency || 'EUR');
    if (!parsed.ok) errors[key] = parsed.error;
    else if (parsed.value === 0n) errors[key] = 'More than zero';
    return parsed.ok ? parsed.value.toString() : undefined;
  };
  const bps = (key: keyof PoolFormValues): number | undefined => {
    const text = v[key].trim();
    if (!text) return undefined;
    const parsed = parsePercentToBps(text);
    if (!parsed.ok) errors[key] = parsed.error;
    else if (parsed.value < 1 || parsed.value > 10_000) errors[key] = 'Between 0.01 % and 100 %';
    return parsed.ok ? parsed.value : undefined;
  };
  const eligibility = {
    minRemainingTermDays: days('minRemainingTermDays'),
    maxRemainingTermDays: days('maxRemainingTermDays'),
    minFaceAmountMinor: money('minFaceAmount'),
    maxFaceAmountMinor: money('maxFaceAmount'),
  };
  const count = v.maxAssetCount.trim();
  if (count && !/^[1-9]\d{0,6}$/.test(count)) errors.maxAssetCount = 'A whole number';
  const limits = {
    maxSingleObligorBps: bps('maxSingleObligorPercent'),
    maxTop5ObligorsBps: bps('maxTop5ObligorsPercent'),
    maxSingleSellerBps: bps('maxSingleSellerPercent'),
    maxPoolBalanceMinor: money('maxPoolBalance'),
    maxAssetCount: count ? Number(count) : undefined,
    concentrationBaseMinor: money('concentrationBase'),
  };
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    body: { name: v.name.trim(), currency, cutOffDate: v.cutOffDate, eligibility: defined(eligibility), limits: defined(limits) },
  };
}

function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as T;
}
