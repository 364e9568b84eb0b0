import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Wallet } from 'ethers';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ChainJobHandlerRegistry, OutboxWorker } from '#chain';
import { connectBillRegistry, connectSettlementToken, connectTrancheToken, decodeTrancheTokenError } from '#contracts';
import { billIdBytes32 } from '#bills';
import { WalletsService } from '#identity';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, platformClients } from '../support/auth.js';
import { count, createParties, dealBody, deposit, issueAcceptedBills, plusDays, POOL_BODY, waitFor, type ClosingParties } from './closing-setup.js';

const FACES = Array.from({ length: 12 }, (_, i) => BigInt(250_000 + i * 10_000)); // 3,660,000 in all
const TRANCHES = [
  { className: 'A', sizeMinor: '2400000', couponBps: 350, rank: 1, denominationMinor: '100000' },
  { className: 'B', sizeMinor: '600000', couponBps: 600, rank: 2, denominationMinor: '100000' },
  { className: 'E', sizeMinor: '300000', couponBps: 0, rank: 3, equity: true, denominationMinor: '100000' },
];

/**
 * Acceptance (issue 10, closing): a bank pools accepted on-chain bills, structures senior /
 * mezzanine / equity, two investors subscribe (A oversubscribed), and the closing settles on chain
 * through the outbox: per-deal contracts, true sale in batches, one DvP per allocation, proceeds.
 */
describe('closing a deal on chain (real PostgreSQL, real anvil, real contracts)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;
  let driver: OutboxWorker;
  let parties: ClosingParties;
  let billIds: string[];
  let poolId: string;
  let dealId: string;
  const offerings = new Map<string, string>();
  let contracts: Record<string, string>;

  const startDriver = () => {
    driver = new OutboxWorker(p.app.get(DataSource), p.chain.context, p.app.get(ChainJobHandlerRegistry), {
      pollMs: 20,
      batchSize: 50,
      leaseMs: 5_000,
      stuckAfterMs: 600_000,
      maxAttempts: 5,
      workerId: `driver-${Date.now()}`,
    });
    driver.start();
  };
  /** The analytics as of 60 days before the first bill's due date: bill i (face 250,000 + 10,000 i) then has t_i = 60 + i days. */
  const yieldFigures = async () => {
    const due0 = (await parties.bank.admin.get(`/api/v1/bills/${billIds[0]}`)).body.dueDate as string;
    const asOf = new Date(Date.parse(`${due0}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10);
    const a = (await parties.bank.admin.get(`/api/v1/pools/${poolId}/analytics?asOf=${asOf}`)).body;
    return [a.waDiscountYieldBps, a.discountYieldPriceMinor, a.discountYieldPriceSource];
  };
  const token = () => connectSettlementToken(contracts['SettlementToken.EUR']!, p.chain.provider);
  const jobs = () => count(sql, 'chain_jobs');

  beforeAll(async () => {
    // the test drives the outbox itself, so that it can hold the tape's anchoring back
    p = await startTestPlatform({ worker: false, env: { KYC_EXPIRY_CHECK_MS: '86400000' } });
    startDriver();
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    parties = await createParties(p, platform, 'Closing');
    for (const inv of parties.investors) await deposit(platform, inv, 5_000_000n);
    billIds = await issueAcceptedBills(parties, FACES);
    const status = await platform.anonymous.get('/api/v1/status');
    contracts = Object.fromEntries(status.body.contracts.map((c: { name: string; address: string }) => [c.name, c.address]));
  }, 300_000);

  afterAll(async () => {
    await driver?.stop();
    await sql?.end();
    await p?.close();
  });

  it('refuses to close before the cut-off is anchored, and with an offering not allocated; nothing is written', async () => {
    const { bank } = parties;
    const pool = await bank.admin.post('/api/v1/pools', POOL_BODY('Closing pool 2026-1'));
    expect(pool.status).toBe(201);
    poolId = pool.body.id;
    const added = await bank.admin.post(`/api/v1/pools/${poolId}/bills`, { billIds });
    expect(added.body.added).toBe(12);
    await driver.stop(); // the tape's root stays unanchored for now
    expect((await bank.admin.post(`/api/v1/pools/${poolId}/lock`)).status).toBe(200);
    const deal = await bank.admin.post(`/api/v1/pools/${poolId}/deal`, dealBody('Closing Deal 2026-1', TRANCHES));
    expect(deal.status).toBe(201);
    dealId = deal.body.id;
    // priced at the tranches at par: P = 3,300,000 for F = 3,660,000, so y_i = (F − P) / P × 365 / t_i
    // = 398,181.8… / t_i bps, and Σ f_i·y_i / F = 6,059.64… → 6,060 bps (worked by hand, fractions)
    expect(await yieldFigures()).toEqual([6_060, '3300000', 'DEAL']);
    const [jobsBefore, auditBefore] = [await jobs(), await count(sql, 'audit_log')];
    const early = await bank.admin.post(`/api/v1/deals/${dealId}/close`);
    expect([early.status, early.body.code]).toEqual([409, 'POOL_NOT_CUT_OFF']);
    expect([await jobs(), await count(sql, 'audit_log'), await count(sql, 'deal_closings')]).toEqual([jobsBefore, auditBefore, 0]);
    startDriver();
    await waitFor(
      () => bank.admin.get(`/api/v1/pools/${poolId}/assets/${billIds[0]}/proof`),
      (r) => r.body.anchor?.status === 'CONFIRMED',
      'tape anchored',
    );

    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    for (const t of TRANCHES) {
      const o = await bank.admin.post(`/api/v1/deals/${dealId}/tranches/${t.className}/subscription`, { closesAt });
      expect(o.status).toBe(201);
      offerings.set(t.className, o.body.id);
    }
    const [inv1, inv2] = parties.investors;
    // A: 1,600,000 + 1,600,000 for 2,400,000 → 1,200,000 each; B: 400,000 of 600,000; E: 300,000
    for (const [org, cls, amount] of [
      [inv1!, 'A', '1600000'],
      [inv2!, 'A', '1600000'],
      [inv1!, 'B', '400000'],
      [inv2!, 'E', '300000'],
    ] as const) {
      const r = await org.admin.post(`/api/v1/offerings/${offerings.get(cls)}/orders`, { amountMinor: amount });
      expect(r.status).toBe(201);
    }
    for (const cls of ['A', 'B']) expect((await bank.admin.post(`/api/v1/offerings/${offerings.get(cls)}/allocate`)).status).toBe(200);
    const jobs2 = await jobs();
    const unallocated = await bank.admin.post(`/api/v1/deals/${dealId}/close`);
    expect([unallocated.status, unallocated.body.code]).toEqual([409, 'OFFERING_NOT_ALLOCATED']);
    expect(unallocated.body.message).toContain('E');
    expect([await jobs(), await count(sql, 'deal_closings')]).toEqual([jobs2, 0]);
    expect((await bank.admin.post(`/api/v1/offerings/${offerings.get('E')}/allocate`)).status).toBe(200);
    const member = await bank.member.post(`/api/v1/deals/${dealId}/close`);
    expect([member.status, member.body.code]).toEqual([403, 'POOL_ORGANIZATION_ADMIN_REQUIRED']);
    const stranger = await inv1!.admin.post(`/api/v1/deals/${dealId}/close`);
    expect([stranger.status, stranger.body.code]).toEqual([404, 'DEAL_NOT_FOUND']);
    expect([await jobs(), await count(sql, 'deal_closings')]).toEqual([jobs2, 0]);
  }, 120_000);

  it('closes: contracts deployed, bills sold to the vault in batches, one DvP per allocation, proceeds to the originator', async () => {
    const { bank, investors, wallets } = parties;
    const [inv1, inv2] = investors;
    const eur = token();
    const holders = [wallets.get(bank.id)!, wallets.get(inv1!.id)!, wallets.get(inv2!.id)!];
    const before = await Promise.all(holders.map((a) => eur.balanceOf(a)));

    const closed = await bank.admin.post(`/api/v1/deals/${dealId}/close`, undefined, { 'Idempotency-Key': `close-${dealId}` });
    expect(closed.status).toBe(202);
    expect(closed.body).toMatchObject({ state: 'REQUESTED', purchasePriceMinor: '3100000', reserveMinor: '60000', proceedsMinor: '3040000' });
    // the same key answers the first answer; another request is refused
    const replay = await bank.admin.post(`/api/v1/deals/${dealId}/close`, undefined, { 'Idempotency-Key': `close-${dealId}` });
    expect([replay.status, replay.body.id]).toEqual([202, closed.body.id]);
    const twice = await bank.admin.post(`/api/v1/deals/${dealId}/close`);
    expect([twice.status, twice.body.code]).toEqual([409, 'CLOSING_EXISTS']);
    expect(await count(sql, 'deal_closings')).toBe(1);

    const done = (
      await waitFor(
        () => bank.admin.get(`/api/v1/deals/${dealId}/closing`),
        (r) => r.body.state === 'CLOSED' || r.body.state === 'FAILED',
        'closing finished',
        180_000,
      )
    ).body;
    expect({ state: done.state, reason: done.failureReason }).toEqual({ state: 'CLOSED', reason: null });
    expect(done.done).toBe(done.total);
    expect(done.trueSale).toMatchObject({ bills: 12, billsSold: 12, batches: 1 });
    expect(BigInt(done.trueSale.gasPerBill)).toBeGreaterThan(0n);
    console.log(`closing: true-sale gas per bill ${done.trueSale.gasPerBill} (${done.trueSale.batches} batch of ${done.trueSale.bills})`);
    expect(done.steps.filter((s: { kind: string }) => s.kind === 'securitization.closing.dvp')).toHaveLength(4);
    for (const s of done.steps) expect(s.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    // the state machine went through its milestones in order (audit rows)
    const moves = await sql.query(`SELECT action FROM audit_log WHERE entity = 'deal' AND entity_id = $1 AND action LIKE 'deal.closing-%' ORDER BY seq`, [dealId]);
    expect(moves.rows.map((r) => r.action)).toEqual([
      'deal.closing-requested',
      'deal.closing-assets-sold',
      'deal.closing-notes-issued',
      'deal.closing-closed',
    ]);

    // the bills are the vault's on chain, and the SPV's (the deal's) in the database
    const registry = connectBillRegistry(contracts['BillRegistry']!, p.chain.provider);
    for (const id of billIds) {
      const [bill, holder] = await registry.billOf(billIdBytes32(id));
      expect({ id, holder, encumbrance: Number(bill.encumbrance) }).toEqual({ id, holder: done.vaultAddress, encumbrance: 3 /* POOLED */ });
    }
    const rows = await sql.query(`SELECT DISTINCT holder_org_id, encumbrance FROM bills WHERE id = ANY($1::uuid[])`, [billIds]);
    expect(rows.rows).toEqual([{ holder_org_id: dealId, encumbrance: 'POOLED' }]);
    // and every bill read names that holder: the deal's SPV, for the parties who may read the bill
    const spv = 'Closing Deal 2026-1 SPV';
    const asBank = (await bank.admin.get(`/api/v1/bills/${billIds[0]}`)).body;
    expect([asBank.holderOrganizationId, asBank.holderName]).toEqual([dealId, spv]);
    expect((await parties.buyers[0]!.admin.get(`/api/v1/bills/${billIds[0]}`)).body.holderName).toBe(spv);
    const listed = (await bank.admin.get(`/api/v1/bills?holderId=${dealId}&pageSize=100`)).body.items;
    expect(listed.map((b: { id: string; holderName: string }) => [b.id, b.holderName]).sort()).toEqual(billIds.map((id) => [id, spv]).sort());
    expect((await inv1!.admin.get(`/api/v1/bills/${billIds[0]}`)).status).toBe(404);
    // the pool is now priced at what the investors paid: P = 3,100,000, y_i = 560,000 / 3,100,000 ×
    // 3,650,000 / t_i = 659,354.8… / t_i bps, and Σ f_i·y_i / F = 10,034.24… → 10,034 bps
    expect(await yieldFigures()).toEqual([10_034, '3100000', 'CLOSING']);

    // each investor's notes equal its allocations
    const notes = async (cls: string, org: string) => connectTrancheToken(done.trancheTokens[cls], p.chain.provider).balanceOf(wallets.get(org)!);
    expect([await notes('A', inv1!.id), await notes('A', inv2!.id), await notes('B', inv1!.id), await notes('B', inv2!.id), await notes('E', inv2!.id)]).toEqual([
      1_200_000n,
      1_200_000n,
      400_000n,
      0n,
      300_000n,
    ]);
    // cash conserved: investors paid 3,100,000; the originator got 3,040,000; the vault keeps the 60,000 reserve
    const after = await Promise.all(holders.map((a) => eur.balanceOf(a)));
    const vault = await eur.balanceOf(done.vaultAddress);
    expect([after[0]! - before[0]!, before[1]! - after[1]!, before[2]! - after[2]!, vault]).toEqual([3_040_000n, 1_600_000n, 1_500_000n, 60_000n]);
    expect(before.reduce((s, x) => s + x, 0n)).toBe(after.reduce((s, x) => s + x, 0n) + vault);

    const rec = await platform.auditor.get('/api/v1/reconciliation');
    expect({ status: rec.status, differences: rec.body }).toEqual({ status: 200, differences: [] });
    // a database that lost one settled DvP is caught: its flag, the investor's notes and the vault's cash disagree
    const one = (await sql.query(`SELECT id, key, spec FROM deal_closing_steps WHERE closing_id = $1 AND key LIKE 'dvp:%' ORDER BY key LIMIT 1`, [done.id])).rows[0];
    await sql.query(`UPDATE deal_closing_steps SET state = 'FAILED' WHERE id = $1`, [one.id]);
    const broken = (await platform.auditor.get('/api/v1/reconciliation')).body;
    expect(broken.map((d: { entity: string; field: string }) => `${d.entity} ${d.field}`).sort()).toEqual(
      [`deal_closing notes:${one.spec.className}:${one.spec.investor}`, `deal_closing subscription:${one.spec.orderId}`, 'deal_closing vaultBalance'].sort(),
    );
    await sql.query(`UPDATE deal_closing_steps SET state = 'DONE' WHERE id = $1`, [one.id]);
    expect((await platform.auditor.get('/api/v1/reconciliation')).body).toEqual([]);
  }, 240_000);

  it('refuses a note transfer to an unverified wallet (contract level, reason code)', async () => {
    const done = (await parties.bank.admin.get(`/api/v1/deals/${dealId}/closing`)).body;
    const signer = await p.app.get(WalletsService).custodialSigner(parties.investors[0]!.id);
    const notes = connectTrancheToken(done.trancheTokens.A, signer);
    const stranger = Wallet.createRandom().address;
    const err = await notes.transfer.staticCall(stranger, 100_000n).then(
      () => null,
      (e: { data?: string }) => e,
    );
    const decoded = err?.data ? decodeTrancheTokenError(err.data) : null;
    expect(decoded?.name).toBe('TrancheToken__TransferRefused');
    expect(Number(Object.values(decoded?.args ?? {})[3])).toBe(6); // RECEIVER_NOT_VERIFIED
    // frozen holders, pause, forced transfer and recovery: test/contracts/securitization.e2e-spec.ts
    const other = await createOrg(p.baseUrl, platform, { roles: ['INVESTOR'], legalName: 'Late Investor SA' });
    expect((await other.admin.get(`/api/v1/deals/${dealId}/closing`)).status).toBe(404);
    void plusDays;
  }, 60_000);
});
