import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Contract } from 'ethers';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { BillChainIndexer, billIdBytes32 } from '#bills';
import { ChainRole } from '#chain';
import { BillDvPInterface, BillRegistryInterface, SettlementTokenAbi } from '#contracts';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, platformClients, waitForVerifiedWallet, type TestOrg } from '../support/auth.js';
import { prng } from '../support/seeded-random.js';

/**
 * Reorgs of depth 1..5 under load (issue 12, proving ground): bills are issued, accepted, financed,
 * transferred and paid through the API by many clients at once while the outbox worker runs in the
 * app and the indexer ticks every 100 ms; meanwhile anvil replaces the last 1..5 blocks, every depth twice: once
 * plainly (the abandoned transactions are simply gone) and once with transactions of the operator's
 * key that spend the nonces of the abandoned ones (their signed bytes can never be mined again).
 * Each round takes at least one CONFIRMED job away. At the end every job is CONFIRMED exactly once on
 * the final chain, every business effect is on chain exactly once (each bill issued once, each DvP
 * moved its cash once), its confirmation handler ran once, the bills equal the chain and the
 * reconciliation is empty. Real PostgreSQL, real anvil, the real API; no mocks.
 */
const SEED = Number(process.env.REORG_SEED ?? 20261208);
/** Clients, and the least number of bills: each client starts bills until the reorg rounds are over. */
const BILLS = Number(process.env.REORG_BILLS ?? 20);
const ROUNDS: { depth: number; spend: boolean }[] = [1, 2, 3, 4, 5].flatMap((depth) => [
  { depth, spend: false },
  { depth, spend: true },
]);
const FUND = 1_000_000_000n;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

type Mode = 'finance-pay' | 'transfer' | 'pay';
interface Round {
  depth: number;
  spend: boolean;
  confirmedTaken: number;
  noncesSpent: number;
}

/**
 * Not in `npm test` yet: it does not pass reliably. At one confirmation a reorg can reorder a bill's
 * dependent steps (a financing signed anew with a fresh nonce lands after the payment that followed
 * it, and reverts for good); see docs/architecture.md (reorgs) and docs/reliability.md (row R).
 * Run it with `npm run reorg-load`.
 */
const underLoad = process.env.REORG_LOAD === '1' ? describe : describe.skip;

underLoad('reorgs of depth 1..5 under load (real PostgreSQL, real anvil, the API with its worker and indexer)', () => {
  let p: TestPlatform;
  let sql: pg.Client;
  let supplier: TestOrg;
  let buyer: TestOrg;
  let bank: TestOrg;
  let tier2: TestOrg;
  const random = prng(SEED);
  /** Set when the test ends, however it ends: the clients and the indexer loop stop before the platform closes. */
  let stopping = false;

  const rpc = (method: string, params: unknown[] = []) => p.chain.provider.send(method, params);
  const head = () => p.chain.provider.getBlockNumber();
  const waitFor = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 180_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (stopping) throw new Error(`${what}: the test ended`);
      const v = await fn();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not reached; last ${JSON.stringify(v).slice(0, 400)}; ${await unfinished()}`);
      await sleep(100);
    }
  };
  /** What is not final yet, and the operator's nonces: the diagnosis of a wait that timed out. */
  const unfinished = async () => {
    const jobs = await sql.query(
      `SELECT j.id, j.kind, j.status, j.nonce, j.attempts, j.reorgs, j.last_error, j.next_attempt_at, (SELECT count(*) FROM chain_tx_attempts a WHERE a.job_id = j.id) AS signed
       FROM chain_jobs j WHERE j.status <> 'CONFIRMED' ORDER BY j.created_at`,
    );
    const operator = p.chain.context.addresses[ChainRole.BILL_OPERATOR];
    const nonces = { latest: await p.chain.provider.getTransactionCount(operator, 'latest'), pending: await p.chain.provider.getTransactionCount(operator, 'pending') };
    const stored = (await sql.query(`SELECT next_nonce FROM chain_nonces`)).rows;
    return `not CONFIRMED: ${JSON.stringify(jobs.rows)}; chain nonces ${JSON.stringify(nonces)}, stored ${JSON.stringify(stored)}`;
  };
  const expectStatus = <R extends { status: number; body?: unknown }>(res: R, status: number, what: string): R => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  /**
   * A step answered 409 (the bill's row not in the state the step needs) is asked again, as a client
   * would, for up to 60 s: at 1 confirmation a repair can make the row follow a chain state that a
   * reorg undoes a moment later (counted in the figures; the row comes back with the chain).
   */
  let retried409 = 0;
  const step = async <R extends { status: number; body?: unknown }>(send: () => Promise<R>, status: number, what: string): Promise<R> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await send();
      if (res.status !== 409 || Date.now() > deadline || stopping) return expectStatus(res, status, what);
      retried409++;
      await sleep(500);
    }
  };
  /** The bill's current step is confirmed (the issuing supplier always sees its bill). */
  const settled = (id: string) =>
    waitFor(
      () => supplier.admin.get(`/api/v1/bills/${id}`),
      (r) => r.status === 200 && r.body.pendingAction === null,
      `bill ${id} settled`,
    );

  async function fund(org: TestOrg) {
    const before = (await org.admin.get(`/api/v1/settlement/organizations/${org.id}/movements`)).body.length as number;
    expectStatus(
      await platformAdmin.post('/api/v1/settlement/deposits', {
        organizationId: org.id,
        currency: 'EUR',
        amountMinor: FUND.toString(),
        reference: `dep-${randomBytes(6).toString('hex')}`,
      }),
      201,
      'deposit',
    );
    await waitFor(
      () => org.admin.get(`/api/v1/settlement/organizations/${org.id}/movements`),
      (r) => r.body.length > before && r.body[0]?.state === 'CONFIRMED',
      'deposit confirmed',
    );
  }
  let platformAdmin: Awaited<ReturnType<typeof platformClients>>['admin'];
  let auditor: Awaited<ReturnType<typeof platformClients>>['auditor'];

  /** One bill's life through the API, each step once the previous one is confirmed. */
  async function lifecycle(i: number, mode: Mode): Promise<{ id: string; mode: Mode; face: bigint }> {
    const face = BigInt(100_000 + i * 1_000);
    const issued = expectStatus(
      await supplier.admin.post('/api/v1/bills', {
        buyerOrganizationId: buyer.id,
        invoiceNumber: `REORG-${i}-${randomBytes(3).toString('hex')}`,
        amountMinor: face.toString(),
        currency: 'EUR',
        issueDate: today(),
        dueDate: plusDays(90),
      }),
      201,
      'issue',
    );
    const id = issued.body.id as string;
    await settled(id);
    await step(() => buyer.admin.post(`/api/v1/bills/${id}/accept`, {}), 200, 'accept');
    await settled(id);
    if (mode === 'transfer') {
      await step(() => supplier.admin.post(`/api/v1/bills/${id}/transfer`, { toOrganizationId: tier2.id }), 200, 'transfer');
      await settled(id);
      return { id, mode, face };
    }
    if (mode === 'finance-pay') {
      const req = await step(() => supplier.admin.post(`/api/v1/bills/${id}/financing-requests`), 201, 'financing request');
      const offer = expectStatus(
        await bank.admin.post(`/api/v1/financing/requests/${req.body.id}/offers`, {
          advanceRateBps: 9_000,
          annualDiscountRateBps: 500,
          feesMinor: '2500',
          dayCount: 'ACT/360',
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        }),
        201,
        'offer',
      );
      await step(() => supplier.admin.post(`/api/v1/financing/offers/${offer.body.id}/accept`), 200, 'offer accept');
      await settled(id);
    }
    await step(() => buyer.admin.post(`/api/v1/bills/${id}/pay`), 200, 'pay');
    await settled(id);
    return { id, mode, face };
  }

  /** Transactions of the operator's key put into a new fork by a round (see `reorg`). */
  const foreign: string[] = [];
  /** The bill operator's key (which signs the bill jobs) signs a transaction outside the outbox: on the new fork it takes `nonce` away from the outbox's own. */
  const foreignRaw = (nonce: number) =>
    p.chain.context.signers[ChainRole.BILL_OPERATOR].signTransaction({
      type: 2,
      chainId: p.chain.context.chainId,
      to: p.chain.context.addresses[ChainRole.BILL_OPERATOR],
      value: 0n,
      nonce,
      gasLimit: 21_000n,
      maxFeePerGas: 100_000_000_000n,
      maxPriorityFeePerGas: 2_000_000_000n,
    });

  /**
   * Replaces the last `depth` blocks once they hold a CONFIRMED job. Mining pauses for the moment of
   * the reorg (sent transactions wait in the pool, as between two blocks), so the blocks replaced are
   * the ones counted.
   */
  async function reorg(depth: number, spend: boolean, until: () => boolean): Promise<Round | null> {
    /** CONFIRMED jobs mined in the last `depth` blocks of the chain as it is now (rows of an abandoned fork not counted). */
    const confirmedOnTop = async (h: number) => {
      const rows: { block_number: string; block_hash: string }[] = (
        await sql.query(`SELECT block_number, block_hash FROM chain_jobs WHERE status = 'CONFIRMED' AND block_number > $1`, [h - depth])
      ).rows;
      let n = 0;
      for (const r of rows) if ((await p.chain.provider.getBlock(Number(r.block_number)))?.hash === r.block_hash) n++;
      return n;
    };
    for (;;) {
      // mining paused (what is sent meanwhile waits in the pool) until the worker has confirmed a job of the top blocks
      await rpc('evm_setAutomine', [false]);
      try {
        const h = await head();
        const deadline = Date.now() + 3_000;
        let taken = await confirmedOnTop(h);
        while (taken === 0 && Date.now() < deadline) {
          await sleep(50);
          taken = await confirmedOnTop(h);
        }
        if (taken > 0) {
          const operator = p.chain.context.addresses[ChainRole.BILL_OPERATOR];
          const atAncestor = await p.chain.provider.getTransactionCount(operator, h - depth);
          const atHead = await p.chain.provider.getTransactionCount(operator, h);
          const spent = spend ? Math.min(2, atHead - atAncestor) : 0;
          const replacements = [];
          for (let k = 0; k < spent; k++) replacements.push([await foreignRaw(atAncestor + k), 0]);
          await rpc('anvil_reorg', [depth, replacements]);
          foreign.push(...replacements.map((r) => r[0] as string));
          return { depth, spend, confirmedTaken: taken, noncesSpent: spent };
        }
      } finally {
        await rpc('evm_setAutomine', [true]);
        // anvil drops the transactions of the blocks it replaces; a real node returns them to its pool.
        // The outbox re-sends its own; the other transactions of its key come back as they would
        // (else a later reorg that removed one would leave a nonce nobody holds)
        for (const raw of foreign) await rpc('eth_sendRawTransaction', [raw]).catch(() => undefined);
        // what was sent meanwhile waits in the pool: mine it (an empty block otherwise would push the confirmed jobs down)
        const pool = (await rpc('txpool_status')) as { pending: string };
        if (Number(pool.pending) > 0) await rpc('evm_mine');
      }
      if (until()) return null;
      await sleep(200);
    }
  }

  beforeAll(async () => {
    // the indexer's own loop sleeps: the test ticks it every 100 ms (below) and counts what it saw
    p = await startTestPlatform({ env: { INDEXER_POLL_MS: '3600000', WORKER_MAX_ATTEMPTS: '12', WORKER_STUCK_AFTER_MS: '5000' } });
    const platform = await platformClients(p.baseUrl, p.db.url);
    platformAdmin = platform.admin;
    auditor = platform.auditor;
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    [supplier, buyer, bank, tier2] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Reorg Components GmbH' }),
      createOrg(p.baseUrl, platform, { roles: ['BUYER'], legalName: 'Reorg Retail SE', country: 'FR' }),
      createOrg(p.baseUrl, platform, { roles: ['FINANCIER'], legalName: 'Reorg Bank AG' }),
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Reorg Tier Two Kft', country: 'HU' }),
    ]);
    for (const org of [supplier, buyer, bank, tier2]) await waitForVerifiedWallet(org, 120_000);
    await fund(bank);
    await fund(buyer);
  }, 600_000);

  afterAll(async () => {
    stopping = true;
    await sleep(500);
    await sql?.end();
    await p?.close();
  });

  it(
    'every job ends CONFIRMED exactly once on the final chain, every effect is on chain once, the bills equal the chain, reconciliation is empty',
    async () => {
      const modes: Mode[] = ['finance-pay', 'transfer', 'pay'];
      let loadDone = false;
      const indexer = p.app.get(BillChainIndexer);
      const seen = { reorgsDetected: 0, orphanedAtRewind: 0, orphanedLater: 0, signedBytesRefused: 0 };
      let indexing = true;
      const indexLoop = (async () => {
        while (indexing && !stopping) {
          const t = await indexer.tick();
          if (t.reorg) seen.reorgsDetected++;
          const orphans = [...(t.reorg?.orphanedJobs ?? []), ...t.orphanedLater];
          seen.orphanedAtRewind += t.reorg?.orphanedJobs.length ?? 0;
          seen.orphanedLater += t.orphanedLater.length;
          seen.signedBytesRefused += orphans.filter((o) => o.rebroadcast === 'refused').length;
          await sleep(100);
        }
      })();
      // BILLS clients, each driving bills one after the other until the reorg rounds are over
      let roundsDone = false;
      let next = 0;
      const client = async () => {
        const mine: Awaited<ReturnType<typeof lifecycle>>[] = [];
        while (!stopping && (!roundsDone || next < BILLS)) {
          const i = next++;
          mine.push(await lifecycle(i, modes[i % 3]!));
        }
        return mine;
      };
      const load = Promise.all(Array.from({ length: BILLS }, client))
        .then((all) => all.flat())
        .finally(() => (loadDone = true));

      // the reorg driver: rounds in order, a seeded pause between them, while the load runs
      const rounds: Round[] = [];
      for (const { depth, spend } of ROUNDS) {
        await sleep(100 + Math.floor(random() * 400));
        const r = await reorg(depth, spend, () => loadDone);
        if (r) rounds.push(r);
      }
      roundsDone = true;
      const bills = await load;

      // every job final, then the indexer at the confirmed tip with every bill projected
      await waitFor(
        async () => (await sql.query(`SELECT status, count(*)::int AS n FROM chain_jobs GROUP BY status ORDER BY status`)).rows,
        (rows) => rows.every((r) => r.status === 'CONFIRMED' || r.status === 'FAILED'),
        'every chain job final',
      );
      for (let k = 0; k < 2; k++) await rpc('evm_mine');
      indexing = false;
      await indexLoop;
      await waitFor(
        () => indexer.tick(),
        (t) => t.cursorBlock >= t.safeBlock && t.deferred.length === 0,
        'indexer at the tip',
      );

      const jobs: { id: string; kind: string; status: string; tx_hash: string; block_number: string; block_hash: string; reorgs: number }[] = (
        await sql.query(`SELECT id, kind, status, tx_hash, block_number, block_hash, reorgs FROM chain_jobs ORDER BY created_at`)
      ).rows;
      const attempts: { job_id: string; nonce: string; tx_hash: string }[] = (await sql.query(`SELECT job_id, nonce, tx_hash FROM chain_tx_attempts`)).rows;
      const provider = p.chain.provider;

      // the test did what it says: every depth taken, nonces spent, confirmed jobs taken away and signed anew
      const reorged = jobs.filter((j) => j.reorgs > 0);
      const resigned = reorged.filter((j) => new Set(attempts.filter((a) => a.job_id === j.id).map((a) => a.nonce)).size > 1);
      const figures = {
        seed: SEED,
        bills: bills.length,
        jobs: jobs.length,
        rounds: rounds.map((r) => `${r.depth}${r.spend ? `+${r.noncesSpent}` : ''}`).join(' '),
        confirmedTakenAway: rounds.reduce((n, r) => n + r.confirmedTaken, 0),
        reorgedJobs: reorged.length,
        reorgedTwiceOrMore: reorged.filter((j) => j.reorgs > 1).length,
        resignedWithFreshNonce: resigned.length,
        attempts: attempts.length,
        retried409,
        ...seen,
      };
      console.log(`reorg-load figures: ${JSON.stringify(figures)}`);
      expect(new Set(rounds.map((r) => r.depth))).toEqual(new Set([1, 2, 3, 4, 5]));
      expect(rounds.some((r) => r.noncesSpent > 0)).toBe(true);
      expect(reorged.length).toBeGreaterThan(0);
      expect(resigned.length).toBeGreaterThan(0);

      // every job CONFIRMED, by a transaction on the final chain, and by exactly one of its attempts
      expect(jobs.filter((j) => j.status !== 'CONFIRMED').map((j) => `${j.kind} ${j.status}`)).toEqual([]);
      const wrong: string[] = [];
      for (const j of jobs) {
        const mine = attempts.filter((a) => a.job_id === j.id);
        const receipts = await Promise.all(mine.map((a) => provider.getTransactionReceipt(a.tx_hash)));
        const succeeded = receipts.filter((r) => r?.status === 1);
        const canonical = await provider.getBlock(Number(j.block_number));
        if (succeeded.length !== 1 || succeeded[0]!.hash !== j.tx_hash || canonical?.hash !== j.block_hash || succeeded[0]!.blockHash !== j.block_hash)
          wrong.push(`${j.kind} ${j.id}: ${succeeded.length} successful attempts, row ${j.tx_hash}@${j.block_hash}`);
      }
      expect(wrong).toEqual([]);

      // each business effect on chain exactly once (logs read from the node, not from the index)
      const contracts = (await platformAdmin.get('/api/v1/status')).body.contracts as { name: string; address: string }[];
      const address = (name: string) => contracts.find((c) => c.name === name)!.address;
      const logs = await provider.getLogs({ address: [address('BillRegistry'), address('BillDvP')], fromBlock: 0, toBlock: 'latest' });
      const effects = new Map<string, number>();
      for (const log of logs) {
        const parsed = BillRegistryInterface.parseLog(log) ?? BillDvPInterface.parseLog(log);
        if (!parsed || !['BillIssued', 'BillAccepted', 'FinancingSettled', 'RepaymentSettled'].includes(parsed.name)) continue;
        const billId = parsed.args.billId as string;
        effects.set(`${parsed.name}:${billId}`, (effects.get(`${parsed.name}:${billId}`) ?? 0) + 1);
      }
      const expected = new Map<string, number>();
      for (const b of bills) {
        const id = billIdBytes32(b.id);
        expected.set(`BillIssued:${id}`, 1);
        expected.set(`BillAccepted:${id}`, 1);
        if (b.mode === 'finance-pay') expected.set(`FinancingSettled:${id}`, 1);
        if (b.mode !== 'transfer') expected.set(`RepaymentSettled:${id}`, 1);
      }
      expect(Object.fromEntries(effects)).toEqual(Object.fromEntries(expected));

      // the cash moved once: on-chain balances against the amounts of this test and the financings' prices
      const token = new Contract(address('SettlementToken.EUR'), SettlementTokenAbi, provider);
      const walletOf = async (org: TestOrg) => (await org.admin.get(`/api/v1/organizations/${org.id}/wallets`)).body[0].address as string;
      const balance = async (org: TestOrg) => (await token.balanceOf(await walletOf(org))) as bigint;
      const prices: { bill_id: string; price_minor: string }[] = (await sql.query(`SELECT bill_id, price_minor FROM financings`)).rows;
      expect(prices).toHaveLength(bills.filter((b) => b.mode === 'finance-pay').length);
      const priceSum = prices.reduce((s, r) => s + BigInt(r.price_minor), 0n);
      const paid = bills.filter((b) => b.mode !== 'transfer').reduce((s, b) => s + b.face, 0n);
      const financedPaid = bills.filter((b) => b.mode === 'finance-pay').reduce((s, b) => s + b.face, 0n);
      const directPaid = paid - financedPaid;
      expect({
        buyer: await balance(buyer),
        bank: await balance(bank),
        supplier: await balance(supplier),
        tier2: await balance(tier2),
        supply: (await token.totalSupply()) as bigint,
      }).toEqual({ buyer: FUND - paid, bank: FUND - priceSum + financedPaid, supplier: priceSum + directPaid, tier2: 0n, supply: 2n * FUND });

      // confirmation handlers ran once per job: one `<step>.confirmed` per job in the bills' timelines
      const twice = await sql.query(
        `SELECT chain_job_id, action, count(*)::int AS n FROM bill_events WHERE action LIKE '%.confirmed' GROUP BY 1, 2 HAVING count(*) > 1`,
      );
      expect(twice.rows).toEqual([]);
      const steps = await sql.query(`SELECT count(DISTINCT chain_job_id)::int AS n FROM bill_events WHERE action LIKE '%.confirmed'`);
      expect(steps.rows[0].n).toBe(jobs.filter((j) => j.kind.startsWith('bills.')).length);

      // the projections equal the chain
      const rows: { id: string; state: string; encumbrance: string; holder_org_id: string; chain_status: string; pending_action: string | null }[] = (
        await sql.query(`SELECT id, state, encumbrance, holder_org_id, chain_status, pending_action FROM bills`)
      ).rows;
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const b of bills) {
        const r = byId.get(b.id)!;
        const want =
          b.mode === 'transfer'
            ? { state: 'ACCEPTED', holder_org_id: tier2.id, chain_status: 'ON_CHAIN' }
            : { state: 'PAID', holder_org_id: b.mode === 'finance-pay' ? bank.id : supplier.id, chain_status: 'BURNED' };
        expect({ id: b.id, state: r.state, holder_org_id: r.holder_org_id, chain_status: r.chain_status, pending_action: r.pending_action }).toEqual({
          id: b.id,
          ...want,
          pending_action: null,
        });
      }
      const reconciliation = await auditor.get('/api/v1/reconciliation');
      expect(reconciliation.status).toBe(200);
      expect(reconciliation.body).toEqual([]);
      expect((await platformAdmin.get('/api/v1/chain/jobs/summary')).body).toMatchObject({ pending: 0, submitted: 0, reorged: 0, failed: 0 });
    },
    900_000,
  );
});
