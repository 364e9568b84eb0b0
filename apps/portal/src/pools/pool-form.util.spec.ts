import { describe, expect, it } from '@jest/globals';
import { EMPTY_POOL_FORM, poolRequestOf } from './pool-form.util';

describe('pool form → CreatePoolDto', () => {
  it('sends amounts as exact minor units, limits as bps, and leaves empty fields out', () => {
    const r = poolRequestOf({
      ...EMPTY_POOL_FORM,
      name: ' Trade 2026-1 ',
      currency: 'eur',
      cutOffDate: '2026-12-31',
      maxRemainingTermDays: '180',
      minFaceAmount: '1,000.01',
      maxSingleObligorPercent: '12.5',
      concentrationBase: '99999999999999999999.99',
    });
    expect(r).toEqual({
      ok: true,
      body: {
        name: 'Trade 2026-1',
        currency: 'EUR',
        cutOffDate: '2026-12-31',
        eligibility: { maxRemainingTermDays: 180, minFaceAmountMinor: '100001' },
        limits: { maxSingleObligorBps: 1_250, concentrationBaseMinor: '9999999999999999999999' },
      },
    });
  });

  it('names every bad field', () => {
    const r = poolRequestOf({
      ...EMPTY_POOL_FORM,
      currency: 'euro',
      maxTop5ObligorsPercent: '120',
      minFaceAmount: '1.234',
      maxAssetCount: '1.5',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual([
      'currency',
      'cutOffDate',
      'maxAssetCount',
      'maxTop5ObligorsPercent',
      'minFaceAmount',
      'name',
    ]);
  });
});
