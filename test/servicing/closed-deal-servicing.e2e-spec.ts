// Servicing a deal closed on chain (issue 11 on issue 10's closing), real PostgreSQL and anvil:
// the pool's sold bills are paid by their obligors into the SPV vault (one late), one defaults,
// the servicer proposes the period from the deal, the trustee approves, the vault pays the holders.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { connectSettlementToken } from '#contracts';
import { BillAgingScheduler } from '#bills';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, platformClients, type TestOrg } from '../support/auth.js';
import { closeDeal, type ClosedDeal, SERVICED_ORDERS, SERVICED_TRANCHES, SERVICED_FACES } from '../support/closed-deal.js';
import { deposit, plusDays, waitFor } from '../securitization/closing-setup.js';

const FACES = SERVICED_FACES; // 1,350,000; due in 60..64 days
const TRANCHES = SERVICED_TRANCHES;

describe('servicing a deal closed on chain', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let deal: ClosedDeal;
  let servicer: TestOrg;
  let trustee: TestOrg;
  let eurAddress: string;
  const token = () => connectSettlementToken(eurAddress, p.chain.provider);

  beforeAll(async () => {
    // grace of one day: the aging pass at due+2 defaults bill 0 (due +60) and leaves bill 1 (due +61) OVERDUE
    p = await startTestPlatform({ worker: true, env: { KYC_EXPIRY_CHECK_MS: '86400000', BILL_DEFAULT_GRACE_DAYS: '1', ANCHOR_BATCH_WINDOW_MS: '200' } });
    platform = await platformClients(p.baseUrl, p.db.url);
    const status = await platform.anonymous.get('/api/v1/status');
    eurAddress = status.body.contracts.find((c: { name: string }) => c.name === 'SettlementToken.EUR').address;
    deal = await closeDeal(p, platform, {
      tag: 'Servicing',
      faces: FACES,
      tranches: TRANCHES,
      orders: SERVICED_ORDERS,
      investorCash: 2_000_000n,
      cutOffDate: plusDays(0),
      closingDate: plusDays(0),
      firstDistributionDate: plusDays(40),
      statedMaturityDate: plusDays(400),
    });
    for (const buyer of deal.parties.buyers) await deposit(platform, buyer, 1_000_000n);
    [servicer, trustee] = await Promise.all([createOrg(p.baseUrl, platform, { roles: ['SERVICER'] }), createOrg(p.baseUrl, platform, { roles: ['TRUSTEE'] })]);
  }, 600_000);

  afterAll(async () => {
    await p?.close();
  });

  it("pays the sold bills into the vault: the obligor's payment goes to the bill's on-chain holder", async () => {
    const eur = token();
    const vault = deal.closing.vaultAddress;
    const before = (await eur.balanceOf(vault)) as bigint;
    expect(before).toBe(BigInt(deal.closing.reserveMinor));
    // the aging scheduler run with the clock of day +62: bill 0 DEFAULTED, bill 1 OVERDUE
    const aged = await p.app.get(BillAgingScheduler).tick(plusDays(62));
    expect(aged.defaulted).toBeGreaterThanOrEqual(1);
    const states = async () => Promise.all(deal.billIds.map(async (id) => (await deal.parties.bank.admin.get(`/api/v1/bills/${id}`)).body.state as string));
    expect((await states()).slice(0, 2)).toEqual(['DEFAULTED', 'OVERDUE']);
    // bill 1 paid late (OVERDUE), bills 2 and 3 on time; bill 4 stays unpaid
    for (const i of [1, 2, 3]) {
      const buyer = deal.parties.buyers[i % deal.parties.buyers.length]!;
      const r = await buyer.admin.post(`/api/v1/bills/${deal.billIds[i]}/pay`, {});
      expect([r.status, r.body.code]).toEqual([200, undefined]);
    }
    await waitFor(states, (s) => s[1] === 'PAID' && s[2] === 'PAID' && s[3] === 'PAID', 'bills paid');
    expect(await states()).toEqual(['DEFAULTED', 'PAID', 'PAID', 'PAID', 'ACCEPTED']);
    expect(((await eur.balanceOf(vault)) as bigint) - before).toBe(FACES[1]! + FACES[2]! + FACES[3]!);
  }, 180_000);

  it('runs period 1 from the deal: proposed by the servicer, approved by the trustee, paid from the vault to the minor unit', async () => {
    const eur = token();
    const body = { dealId: deal.dealId, period: 1, distributionDate: plusDays(40), recordDate: plusDays(0) };
    const notServicer = await trustee.admin.post('/api/v1/servicing/runs/from-deal', body);
    expect([notServicer.status, notServicer.body.code]).toEqual([403, 'SERVICING_NOT_SERVICER']);
    const unknown = await servicer.admin.post('/api/v1/servicing/runs/from-deal', { ...body, dealId: '00000000-0000-4000-8000-000000000000' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'SERVICING_DEAL_NOT_FOUND']);
    const proposed = await servicer.admin.post('/api/v1/servicing/runs/from-deal', body);
    expect([proposed.status, proposed.body.state]).toEqual([201, 'PROPOSED']);
    const run = proposed.body;
    const rows = (await p.app.get(DataSource).query(`SELECT input FROM servicing_period_runs WHERE id = $1`, [run.id]))[0].input;
    // one row: three bills paid today (face); the default is dated on its aging pass's day (+62), after
    // this period's distribution date (+40), so it is not in period 1 (closed-deal-periods.e2e-spec.ts
    // runs the default in its period on the business date); bills 0 and 4 are outstanding
    expect(rows.rows).toEqual([
      expect.objectContaining({
        date: plusDays(0),
        principalMinor: String(FACES[1]! + FACES[2]! + FACES[3]!),
        defaultMinor: '0',
        lossMinor: '0',
        balanceMinor: String(FACES[0]! + FACES[4]!),
      }),
    ]);
    expect(rows.vaultAddress).toBe(deal.closing.vaultAddress);
    const wallets = deal.parties.investors.map((o) => deal.parties.wallets.get(o.id)!);
    expect(rows.holders).toEqual({
      A: [
        { holder: wallets[0], balanceMinor: '500000' },
        { holder: wallets[1], balanceMinor: '300000' },
      ].sort((a, b) => (a.holder < b.holder ? -1 : 1)),
      B: [{ holder: wallets[0], balanceMinor: '200000' }],
      E: [{ holder: wallets[1], balanceMinor: '100000' }],
    });
    expect(BigInt(run.totalDistributedMinor)).toBeGreaterThan(0n);
    // the same request again is the same run
    expect((await servicer.admin.post('/api/v1/servicing/runs/from-deal', body)).body.id).toBe(run.id);

    const before = await Promise.all(wallets.map((w) => eur.balanceOf(w) as Promise<bigint>));
    const vaultBefore = (await eur.balanceOf(deal.closing.vaultAddress)) as bigint;
    const approved = await trustee.admin.post(`/api/v1/servicing/runs/${run.id}/approve`);
    expect(approved.status).toBe(200);
    await waitFor(
      () => trustee.admin.get(`/api/v1/servicing/runs/${run.id}`),
      (r) => r.body.state === 'DISTRIBUTED',
      'distributed',
      120_000,
    );
    const after = await Promise.all(wallets.map((w) => eur.balanceOf(w) as Promise<bigint>));
    const due = wallets.map((w) =>
      (run.result.distribution as { holder: string; interestMinor: string; principalMinor: string }[])
        .filter((d) => d.holder === w)
        .reduce((s, d) => s + BigInt(d.interestMinor) + BigInt(d.principalMinor), 0n),
    );
    expect(after.map((a, i) => a - before[i]!)).toEqual(due);
    expect(vaultBefore - ((await eur.balanceOf(deal.closing.vaultAddress)) as bigint)).toBe(BigInt(run.totalDistributedMinor));
    console.log(`period 1: distributed ${run.totalDistributedMinor}, per holder ${due.join(' / ')}, factors ${JSON.stringify(run.result.factors)}`);
  }, 240_000);
});
