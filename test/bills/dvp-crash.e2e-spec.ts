import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { ChainJobStatus, ChainRole, type OutboxWorker } from '#chain';
import { BillDvPInterface, connectBillDvP } from '#contracts';
import { BillChainIndexer, billIdBytes32 } from '#bills';
import { runReconcileCommand } from '../../apps/cli/src/reconcile.command.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, login, platformClients, type TestOrg } from '../support/auth.js';
import { seededDraws } from '../support/seeded-random.js';
import { CRASH_POINTS, crashTally, crashWorkers, SimulatedCrash, type CrashWorkers } from '../support/outbox-crash.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

const RUNS = 20;
const LEASE_MS = 2_500; // longer than a dying tick takes on a loaded machine: the impatient heir must find it held

/**
 * Acceptance (issue 5, crash safety): the outbox worker killed at random points during DvP, 20
 * runs → every financing settles exactly once, and reconciliation (`tally reconcile`) reports
 * zero differences. The app runs without its own worker; the test drives `OutboxWorker`s itself:
 * one that dies after persisting the signed transaction or after broadcasting it (or does not
 * die), then an heir that takes over once the lease has expired.
 */
describe('DvP financing with the outbox worker killed at random points (real PostgreSQL, real anvil)', () => {
  const { seed, random, pick } = seededDraws('DVP_CRASH_SEED');

  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;
  let workers: CrashWorkers;
  let driver: OutboxWorker;
  let supplier: TestOrg;
  let buyer: TestOrg;
  let bank: TestOrg;
  const bills: { id: string; faceAmountMinor: string }[] = [];

  const waitFor = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not reached; last ${JSON.stringify(v)}`);
      await sleep(100);
    }
  };
  const settled = (org: TestOrg, id: string) =>
    waitFor(
      () => org.admin.get(`/api/v1/bills/${id}`),
      (r) => r.body?.pendingAction === null,
      `bill ${id} settled`,
    );
  const balance = async (org: TestOrg) =>
    BigInt(
      (await org.admin.get(`/api/v1/settlement/organizations/${org.id}/balances`)).body.find(
        (b: { currency: string }) => b.currency === 'EUR',
      ).balanceMinor,
    );
  /** The bill operator's key signs the DvPs (BillDvP's AGENT_ROLE). */
  const operatorNonce = () => p.chain.provider.getTransactionCount(p.chain.context.addresses[ChainRole.BILL_OPERATOR], 'latest');
  const dvpAddress = async () =>
    (await platform.anonymous.get('/api/v1/status')).body.contracts.find((c: { name: string }) => c.name === 'BillDvP').address as string;

  beforeAll(async () => {
    console.log(`dvp-crash seed=${seed} (replay with DVP_CRASH_SEED=${seed})`);
    p = await startTestPlatform({ worker: false });
    workers = crashWorkers(p, LEASE_MS);
    // setup only: a well-behaved worker registers wallets, mints deposits, issues and accepts the bills
    driver = workers.worker('driver');
    driver.start();
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    [supplier, buyer, bank] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Crash Test Supplies GmbH' }),
      createOrg(p.baseUrl, platform, { roles: ['BUYER'], legalName: 'Crash Test Retail SE', country: 'FR' }),
      createOrg(p.baseUrl, platform, { roles: ['FINANCIER'], legalName: 'Crash Test Bank AG' }),
    ]);
    for (const org of [supplier, buyer, bank]) {
      await waitFor(
        () => org.admin.get(`/api/v1/organizations/${org.id}/wallets`),
        (r) => r.body[0]?.chainStatus === 'REGISTERED',
        'wallet registered',
      );
    }
    const dep = await platform.admin.post('/api/v1/settlement/deposits', {
      organizationId: bank.id,
      currency: 'EUR',
      amountMinor: '1000000000',
      reference: `crash-${randomBytes(6).toString('hex')}`,
    });
    expect(dep.status).toBe(201);
    await waitFor(
      () => bank.admin.get(`/api/v1/settlement/organizations/${bank.id}/movements`),
      (r) => r.body[0]?.state === 'CONFIRMED',
      'deposit confirmed',
    );
    for (let i = 0; i < RUNS; i++) {
      const amountMinor = String(100_000 + Math.floor(random() * 900_000));
      const res = await supplier.admin.post('/api/v1/bills', {
        buyerOrganizationId: buyer.id,
        invoiceNumber: `CRASH-${i}-${randomBytes(3).toString('hex')}`,
        amountMinor,
        currency: 'EUR',
        issueDate: today(),
        dueDate: plusDays(60 + i),
      });
      expect(res.status).toBe(201);
      bills.push({ id: res.body.id, faceAmountMinor: amountMinor });
    }
    for (const b of bills) await settled(supplier, b.id);
    // the buyer accepts every bill at once: acceptances carry no ordered nonce, so they share blocks
    const accepted = await Promise.all(bills.map((b) => buyer.admin.post(`/api/v1/bills/${b.id}/accept`, {})));
    expect(accepted.map((r) => r.status)).toEqual(bills.map(() => 200));
    for (const b of bills) {
      const done = (await settled(supplier, b.id)).body;
      expect({ id: b.id, state: done.state, last: done.timeline.at(-1) }).toMatchObject({ id: b.id, state: 'ACCEPTED' });
    }
    await driver.stop();
  }, 300_000);

  afterAll(async () => {
    await driver?.stop();
    await sql?.end();
    await p?.close();
  });

  it(`settles each of ${RUNS} financings exactly once, whatever point the worker dies at`, async () => {
    const dvp = connectBillDvP(await dvpAddress(), p.chain.provider);
    const financingIds: string[] = [];
    const crashes = crashTally();
    for (let run = 0; run < RUNS; run++) {
      const b = bills[run]!;
      const crashAt = pick(CRASH_POINTS);
      const impatientHeir = random() < 0.5;
      const where = `run ${run} (seed ${seed}, crash ${crashAt})`;
      crashes[crashAt]++;

      const req = await supplier.admin.post(`/api/v1/bills/${b.id}/financing-requests`);
      expect(req.status).toBe(201);
      const offer = await bank.admin.post(`/api/v1/financing/requests/${req.body.id}/offers`, {
        advanceRateBps: 8_000 + Math.floor(random() * 1_500),
        annualDiscountRateBps: 300 + Math.floor(random() * 700),
        feesMinor: String(Math.floor(random() * 5_000)),
        dayCount: pick(['ACT/360', 'ACT/365'] as const),
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      expect(offer.status).toBe(201);
      const price = BigInt(offer.body.netProceedsMinor);
      const [supplierBefore, bankBefore, nonceBefore] = await Promise.all([balance(supplier), balance(bank), operatorNonce()]);

      const accepted = await supplier.admin.post(`/api/v1/financing/offers/${offer.body.id}/accept`);
      expect(accepted.status).toBe(200);
      const financingId = accepted.body.id as string;
      financingIds.push(financingId);
      const jobId = (await sql.query('SELECT chain_job_id FROM financings WHERE id = $1', [financingId])).rows[0].chain_job_id as string;

      const dying = workers.dying(`dying-${run}`, crashAt, where);
      if (crashAt === 'none') {
        await dying.drain([jobId]);
      } else {
        await expect(dying.tick()).rejects.toThrow(SimulatedCrash);
        const heir = workers.worker(`heir-${run}`);
        if (impatientHeir) {
          // the dead worker's lease still holds: the heir leaves that job alone
          await heir.tick();
          const held = (await sql.query('SELECT status, locked_by FROM chain_jobs WHERE id = $1', [jobId])).rows[0];
          expect({ where, held }).toEqual({ where, held: { status: 'SUBMITTED', locked_by: `dying-${run}` } });
        }
        await workers.outliveLease();
        await heir.drain([jobId]);
      }

      const job = (await sql.query('SELECT status, tx_hash FROM chain_jobs WHERE id = $1', [jobId])).rows[0];
      const attempts = (await sql.query('SELECT count(*)::int AS n FROM chain_tx_attempts WHERE job_id = $1', [jobId])).rows[0].n;
      const financing = (await sql.query('SELECT state FROM financings WHERE id = $1', [financingId])).rows[0];
      const row = (await sql.query('SELECT holder_org_id, encumbrance, pending_action FROM bills WHERE id = $1', [b.id])).rows[0];
      const logs = await p.chain.provider.getLogs({
        address: await dvp.getAddress(),
        topics: [BillDvPInterface.getEvent('FinancingSettled')!.topicHash, billIdBytes32(financingId)],
        fromBlock: 0,
      });
      expect({
        where,
        job: job.status,
        attempts,
        financing: financing.state,
        bill: row,
        settledOnChain: await dvp.isFinancingSettled(billIdBytes32(financingId)),
        settlements: logs.length,
        settledBy: logs[0]?.transactionHash,
        transactions: (await operatorNonce()) - nonceBefore,
        supplierGain: (await balance(supplier)) - supplierBefore,
        bankLoss: bankBefore - (await balance(bank)),
      }).toEqual({
        where,
        job: ChainJobStatus.CONFIRMED,
        attempts: 1, // the same signed bytes throughout: no second signature, no replacement
        financing: 'SETTLED',
        bill: { holder_org_id: bank.id, encumbrance: 'FINANCED', pending_action: null },
        settledOnChain: true,
        settlements: 1,
        settledBy: job.tx_hash,
        transactions: 1,
        supplierGain: price,
        bankLoss: price,
      });
    }
    console.log(`dvp-crash seed=${seed}: crashes ${JSON.stringify(crashes)}`);

    // the indexer catches up; then the database and the chain agree on everything
    const indexer = p.app.get(BillChainIndexer);
    for (let i = 0; i < 20; i++) {
      const r = await indexer.tick();
      if (r.cursorBlock >= r.safeBlock && r.deferred.length === 0) break;
    }
    const indexed = await sql.query(`SELECT args->>'financingId' AS financing_id FROM chain_events WHERE event_name = 'FinancingSettled'`);
    expect(indexed.rows.map((r) => r.financing_id).sort()).toEqual(financingIds.map(billIdBytes32).sort());
    expect((await sql.query(`SELECT count(*)::int AS n FROM bill_events WHERE action = 'reconciled.from_chain'`)).rows[0].n).toBe(0);

    const res = await platform.auditor.get('/api/v1/reconciliation');
    expect({ status: res.status, differences: res.body }).toEqual({ status: 200, differences: [] });
    const out = new PassThrough();
    let text = '';
    out.on('data', (c) => (text += c));
    const code = await runReconcileCommand({ api: p.baseUrl, token: (await login(p.baseUrl, platform.emails.auditor)).accessToken }, out);
    await new Promise((r) => setImmediate(r)); // let the stream deliver what was written
    expect({ code, text }).toEqual({ code: 0, text: '0 differences\n' });
  }, 600_000);
});
