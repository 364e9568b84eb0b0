// POST /api/v1/projections and /projections/grid on the real API: figures equal #waterfall's,
// bad input is a 4xx with a code (never a 500), limits hold.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createTape, profilePool, runScenario, breakevenCdr, sampleDealTemplate, sampleTape, type AssetTape, type JsonObject } from '#waterfall';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { client, createOrg, platformClients, type Client } from '../support/auth.js';

const decimal = (v: number, places: number) => {
  const s = Math.round(v).toString().padStart(places + 1, '0');
  return `${s.slice(0, -places)}.${s.slice(-places)}`;
};
const assetsOf = (t: AssetTape) =>
  Array.from(t.balanceCents, (b, i) => ({ balance: decimal(b, 2), rate: decimal(t.rateMicro[i], 6), remainingTerm: t.remainingTerm[i] }));

const TAPE = sampleTape(200, 7, 60);
const ASSETS = assetsOf(TAPE);
const BASE = { cdr: '0.03', cpr: '0.08', recoveryRate: '0.4', recoveryLag: 4, delinquency: '0.02' };

let platform: TestPlatform;
let investor: Client;
let anonymous: Client;

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false });
  const p = await platformClients(platform.baseUrl, platform.db.url);
  investor = (await createOrg(platform.baseUrl, p, { roles: ['INVESTOR'], approve: false })).member;
  anonymous = client(platform.baseUrl);
}, 120_000);

afterAll(async () => {
  await platform?.close();
});

describe('projections API', () => {
  it('answers the same figures as the engine library, with breakeven CDR', async () => {
    const res = await investor.post('/api/v1/projections', { assets: ASSETS, assumptions: BASE, prices: { A: 99.5 }, breakeven: true });
    expect(res.status).toBe(200);
    const tape = createTape(ASSETS);
    let pool = 0n;
    for (const b of tape.balanceCents) pool += BigInt(b);
    const template = sampleDealTemplate(pool);
    const profile = profilePool(tape, 60);
    const want = runScenario(profile, template, BASE, { A: 99.5 });
    expect(res.body.poolBalanceMinor).toBe(pool.toString());
    expect(res.body.months).toBe(60);
    expect(res.body.tranches.map((t: { tranche: string }) => t.tranche)).toEqual(['A', 'M', 'E']);
    for (const [i, w] of want.tranches.entries()) {
      const got = res.body.tranches[i];
      expect(got).toMatchObject({ tranche: w.tranche, walYears: w.wal, principalWindow: w.principalWindow, lossPct: w.lossPct, yield: w.yield });
      expect(got.balancesMinor).toEqual(w.balances.map((b) => Math.round(b * 100).toString()));
    }
    const { recoveryLag, recoveryRate, cpr, delinquency } = BASE;
    expect(res.body.tranches[0].breakevenCdr).toBe(breakevenCdr(profile, template, 'A', { cpr, recoveryRate, recoveryLag, delinquency }));
    expect(res.body.tranches[0].breakevenCdr).toBeGreaterThan(0.03);
    expect(res.body.tranches[2].breakevenCdr).toBeNull(); // equity
    expect(res.body.distributionDates).toHaveLength(res.body.tranches[0].balancesMinor.length);
  });

  it('runs a deal structure of the case format, and a scenario grid', async () => {
    const c = JSON.parse(readFileSync(new URL('../fixtures/waterfall/absbox-us-test01.json', import.meta.url), 'utf8')) as JsonObject;
    const assets = [
      { balance: '1200.00', rate: '0.08', remainingTerm: 24 },
      { balance: '1000.00', rate: '0.07', remainingTerm: 30 },
    ];
    const one = await investor.post('/api/v1/projections', { deal: { structure: c.structure, dates: c.dates, dealStatusAtStart: c.dealStatusAtStart }, assets, assumptions: BASE });
    expect(one.status).toBe(200);
    expect(one.body.tranches.map((t: { tranche: string }) => t.tranche)).toEqual(['A1', 'B']);
    const a1 = (one.body.tranches[0].balancesMinor as string[]).map(BigInt);
    expect(a1[0]).toBeLessThan(100000n); // A1 (1000.00) amortises from the first distribution
    for (let i = 1; i < a1.length; i++) expect(a1[i]).toBeLessThanOrEqual(a1[i - 1]);
    expect(one.body.tranches[0].walYears).toBeGreaterThan(0);
    const grid = await investor.post('/api/v1/projections/grid', { assets: ASSETS, axes: { cdr: ['0', '0.05', '0.2'], cpr: ['0.05', '0.2'], recoveryRate: ['0.4'], recoveryLag: 4 } });
    expect(grid.status).toBe(200);
    expect(grid.body.scenarios).toHaveLength(6);
    const loss = (s: { tranches: { tranche: string; lossPct: number }[] }) => s.tranches.find((t) => t.tranche === 'M')!.lossPct;
    // more defaults never reduce the mezzanine's loss (same CPR)
    expect(loss(grid.body.scenarios[4])).toBeGreaterThanOrEqual(loss(grid.body.scenarios[0]));
    expect(BigInt(grid.body.scenarios[4].poolLossMinor)).toBeGreaterThan(BigInt(grid.body.scenarios[0].poolLossMinor));
  });

  it('refuses bad input with a 4xx and a code, never a 500', async () => {
    const bad: [unknown, number, string][] = [
      [{ assets: [], assumptions: BASE }, 400, 'VALIDATION_FAILED'],
      [{ assets: [{ balance: 100.5, rate: '0.05', remainingTerm: 12 }], assumptions: BASE }, 400, 'VALIDATION_FAILED'],
      [{ assets: [{ balance: '100.555', rate: '0.05', remainingTerm: 12 }], assumptions: BASE }, 400, 'VALIDATION_FAILED'],
      [{ assets: ASSETS, assumptions: { ...BASE, cdr: '1.5' } }, 400, 'VALIDATION_FAILED'],
      [{ assets: ASSETS, assumptions: { ...BASE, recoveryLag: -1 } }, 400, 'VALIDATION_FAILED'],
      [{ assets: ASSETS }, 400, 'VALIDATION_FAILED'],
      [{ assets: ASSETS, assumptions: BASE, surprise: 1 }, 400, 'VALIDATION_FAILED'],
      [{ assets: [{ balance: '0', rate: '0.05', remainingTerm: 12 }], assumptions: BASE }, 422, 'PROJECTION_INVALID'],
      [{ deal: { structure: { bonds: 'nope' } }, assets: ASSETS, assumptions: BASE }, 422, 'PROJECTION_INVALID'],
      [{ deal: { structure: {} }, assets: ASSETS, assumptions: BASE }, 422, 'PROJECTION_INVALID'],
      [{ assets: ASSETS, assumptions: BASE, prices: { A: -1 } }, 422, 'PROJECTION_INVALID'],
    ];
    for (const [body, status, code] of bad) {
      const res = await investor.post('/api/v1/projections', body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
    }
    const tooMany = await investor.post('/api/v1/projections/grid', { assets: ASSETS, axes: { cdr: ['0', '0.01', '0.02', '0.03', '0.04', '0.05', '0.06', '0.07'], cpr: ['0', '0.1', '0.2'], recoveryRate: ['0.1', '0.2', '0.3'], recoveryLag: 4 } });
    expect([tooMany.status, tooMany.body.code]).toEqual([413, 'PROJECTION_TOO_LARGE']);
    const tooManyAssets = await investor.post('/api/v1/projections', { assets: Array.from({ length: 10_001 }, () => ASSETS[0]), assumptions: BASE });
    expect([tooManyAssets.status, tooManyAssets.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await anonymous.post('/api/v1/projections', { assets: ASSETS, assumptions: BASE })).status).toBe(401);
  });
});
