import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CHAIN_ROLES, type OutboxWorker } from '#chain';
import { connectTrancheToken, SpvVaultInterface, TrancheDvPInterface } from '#contracts';
import { proceedsPaymentId, subscriptionId } from '#securitization';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { platformClients } from '../support/auth.js';
import { seededDraws } from '../support/seeded-random.js';
import { CRASH_POINTS, crashTally, crashWorkers, type CrashWorkers } from '../support/outbox-crash.js';
import { createParties, dealBody, deposit, issueAcceptedBills, POOL_BODY, waitFor, type ClosingParties } from './closing-setup.js';

const RUNS = 20;
const LEASE_MS = 800;

/**
 * Acceptance (issue 10, crash safety): 20 small deals closed with the outbox worker killed at a
 * random point of each closing (after persisting a tick's signed transactions or after broadcasting
 * them, after a random number of good ticks), an heir taking over once the lease has expired →
 * every investor's DvP settled exactly once, the proceeds paid once, no transaction signed twice,
 * and reconciliation empty.
 */
describe('closing with the outbox worker killed at random points (real PostgreSQL, real anvil)', () => {
  const { seed, random, pick } = seededDraws('CLOSING_CRASH_SEED');

  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;
  let driver: OutboxWorker;
  let workers: CrashWorkers;
  let parties: ClosingParties;
  const deals: string[] = [];

  /** Transactions sent by all of the platform's keys (a closing signs with the admin's, the registrar's and the bill operator's). */
  const operatorNonce = async () =>
    (await Promise.all(CHAIN_ROLES.map((r) => p.chain.provider.getTransactionCount(p.chain.context.addresses[r], 'latest')))).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    console.log(`closing-crash seed=${seed} (replay with CLOSING_CRASH_SEED=${seed})`);
    p = await startTestPlatform({ worker: false, env: { KYC_EXPIRY_CHECK_MS: '86400000' } });
    workers = crashWorkers(p, LEASE_MS);
    driver = workers.worker('driver');
    driver.start();
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    parties = await createParties(p, platform, 'Crash');
    for (const inv of parties.investors) await deposit(platform, inv, 10_000_000n);
    const bills = await issueAcceptedBills(parties, Array.from({ length: 2 * RUNS }, () => 200_000n));
    const { bank, investors } = parties;
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    const pools: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const pool = await bank.admin.post('/api/v1/pools', POOL_BODY(`Crash pool ${run}`));
      pools.push(pool.body.id);
      expect((await bank.admin.post(`/api/v1/pools/${pool.body.id}/bills`, { billIds: bills.slice(2 * run, 2 * run + 2) })).body.added).toBe(2);
      expect((await bank.admin.post(`/api/v1/pools/${pool.body.id}/lock`)).status).toBe(200);
      const deal = await bank.admin.post(
        `/api/v1/pools/${pool.body.id}/deal`,
        dealBody(`Crash deal ${run}`, [{ className: 'A', sizeMinor: '300000', couponBps: 400, rank: 1, denominationMinor: '100000' }], 100),
      );
      expect(deal.status).toBe(201);
      deals.push(deal.body.id);
      const offering = (await bank.admin.post(`/api/v1/deals/${deal.body.id}/tranches/A/subscription`, { closesAt })).body.id;
      for (const inv of investors) expect((await inv.admin.post(`/api/v1/offerings/${offering}/orders`, { amountMinor: '200000' })).status).toBe(201);
      expect((await bank.admin.post(`/api/v1/offerings/${offering}/allocate`)).status).toBe(200);
    }
    for (const poolId of pools) {
      const asset = (await sql.query('SELECT bill_id FROM pool_assets WHERE pool_id = $1 LIMIT 1', [poolId])).rows[0].bill_id;
      await waitFor(
        () => bank.admin.get(`/api/v1/pools/${poolId}/assets/${asset}/proof`),
        (r) => r.body.anchor?.status === 'CONFIRMED',
        'tape anchored',
      );
    }
    await driver.stop();
  }, 400_000);

  afterAll(async () => {
    await driver?.stop();
    await sql?.end();
    await p?.close();
  });

  it(`closes each of ${RUNS} deals with every DvP exactly once, whatever point the worker dies at`, async () => {
    const crashes = crashTally();
    for (let run = 0; run < RUNS; run++) {
      const dealId = deals[run]!;
      const crashAt = pick(CRASH_POINTS);
      const goodTicks = Math.floor(random() * 6);
      const where = `run ${run} (seed ${seed}, crash ${crashAt} after ${goodTicks} ticks)`;
      crashes[crashAt]++;
      const nonceBefore = await operatorNonce();
      const requested = await parties.bank.admin.post(`/api/v1/deals/${dealId}/close`);
      expect({ where, status: requested.status }).toEqual({ where, status: 202 });

      // a tick with nothing to sign does not reach the crash point: the worker then lives on
      const { heir } = await workers.crashThenInherit(String(run), crashAt, goodTicks, where);
      const closing = await waitFor(
        async () => {
          await heir.tick();
          return (await parties.bank.admin.get(`/api/v1/deals/${dealId}/closing`)).body;
        },
        (c) => c.state === 'CLOSED' || c.state === 'FAILED',
        `closing of ${where}`,
        60_000,
      );
      expect({ where, state: closing.state, reason: closing.failureReason }).toEqual({ where, state: 'CLOSED', reason: null });

      const orders = (
        await sql.query(
          `SELECT o.id, o.investor_org_id, o.allocated_minor::text AS allocated FROM subscription_orders o JOIN tranche_offerings t ON t.id = o.offering_id WHERE t.deal_id = $1`,
          [dealId],
        )
      ).rows;
      const settledLogs = await p.chain.provider.getLogs({ address: closing.dvpAddress, topics: [TrancheDvPInterface.getEvent('SubscriptionSettled')!.topicHash], fromBlock: 0 });
      const paidLogs = await p.chain.provider.getLogs({
        address: closing.vaultAddress,
        topics: [SpvVaultInterface.getEvent('PaidOut')!.topicHash, proceedsPaymentId(closing.id)],
        fromBlock: 0,
      });
      const notes = connectTrancheToken(closing.trancheTokens.A, p.chain.provider);
      const attempts = (
        await sql.query(
          `SELECT count(*)::int AS n, count(DISTINCT a.job_id)::int AS jobs FROM chain_tx_attempts a JOIN deal_closing_steps s ON s.job_id = a.job_id WHERE s.closing_id = $1`,
          [closing.id],
        )
      ).rows[0];
      expect({
        where,
        settlements: settledLogs.map((l) => l.topics[1]).sort(),
        notes: await Promise.all(orders.map((o) => notes.balanceOf(parties.wallets.get(o.investor_org_id)!))),
        proceedsPaid: paidLogs.length,
        attempts, // the same signed bytes throughout: one signature per job
        transactions: (await operatorNonce()) - nonceBefore,
      }).toEqual({
        where,
        settlements: orders.filter((o) => BigInt(o.allocated) > 0n).map((o) => subscriptionId(o.id)).sort(),
        notes: orders.map((o) => BigInt(o.allocated)),
        proceedsPaid: 1,
        attempts: { n: closing.total, jobs: closing.total },
        transactions: closing.total,
      });
    }
    console.log(`closing-crash seed=${seed}: crashes ${JSON.stringify(crashes)}`);
    const rec = await platform.auditor.get('/api/v1/reconciliation');
    expect({ status: rec.status, differences: rec.body }).toEqual({ status: 200, differences: [] });
  }, 300_000);
});
