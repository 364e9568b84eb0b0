import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { ChainRole } from '#chain';
import { connectBillRegistry } from '#contracts';
import { BillChainIndexer, type IndexerTickResult } from '#bills';
import { runReconcileCommand } from '../../apps/cli/src/reconcile.command.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, login, platformClients, TEST_PASSWORD, type TestOrg } from '../support/auth.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The bill indexer and reconciliation (issue 5, item 4) on real PostgreSQL and anvil, driven
 * through the API. The in-app indexer loop is slowed down (INDEXER_POLL_MS) so that the test
 * decides when it ticks; the outbox worker runs in the app as usual (confirmations: 1).
 */
describe('bill indexer and reconciliation (real PostgreSQL, real anvil)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;
  let indexer: BillChainIndexer;
  let auditorToken: string;
  let supplier: TestOrg;
  let buyer: TestOrg;
  let bank: TestOrg;
  let tier2: TestOrg;

  const waitFor = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not reached; last ${JSON.stringify(v)}`);
      await sleep(100);
    }
  };
  const bill = (org: TestOrg, id: string) => org.admin.get(`/api/v1/bills/${id}`);
  const settled = (org: TestOrg, id: string) =>
    waitFor(
      () => bill(org, id),
      (r) => r.body?.pendingAction === null,
      `bill ${id} settled`,
    );
  const walletOf = async (org: TestOrg) => (await org.admin.get(`/api/v1/organizations/${org.id}/wallets`)).body[0].address as string;
  const registry = async () =>
    connectBillRegistry(
      (await platform.anonymous.get('/api/v1/status')).body.contracts.find((c: { name: string }) => c.name === 'BillRegistry').address,
      p.chain.provider,
    );
  const reconciliation = async () => {
    const res = await platform.auditor.get('/api/v1/reconciliation');
    expect(res.status).toBe(200);
    return res.body as {
      billId: string | null;
      entity: string;
      entityId: string;
      field: string;
      database: string | null;
      chain: string | null;
    }[];
  };
  const billRow = async (id: string) =>
    (await sql.query('SELECT state, encumbrance, holder_org_id, chain_status FROM bills WHERE id = $1', [id])).rows[0];
  const timeline = async (org: TestOrg, id: string) =>
    (await bill(org, id)).body.timeline as {
      action: string;
      chainJobId: string | null;
      txHash: string | null;
      payload: Record<string, unknown>;
    }[];
  const rpc = (method: string, params: unknown[] = []) => p.chain.provider.send(method, params);
  const cli = async (auth: { token?: string; email?: string; password?: string } = { token: auditorToken }) => {
    const out = new PassThrough();
    const err = new PassThrough();
    let text = '';
    out.on('data', (c) => (text += c));
    err.on('data', (c) => (text += c));
    const code = await runReconcileCommand({ api: p.baseUrl, ...auth, err }, out);
    await new Promise((r) => setImmediate(r)); // let the streams deliver what was written
    return { code, text };
  };

  /** Ticks until the cursor stands at the confirmed tip; the results of every tick. */
  async function index(): Promise<IndexerTickResult[]> {
    const results: IndexerTickResult[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await indexer.tick();
      results.push(r);
      if (r.cursorBlock >= r.safeBlock && r.deferred.length === 0) return results;
      await sleep(100);
    }
    throw new Error(`indexer did not catch up: ${JSON.stringify(results.at(-1))}`);
  }

  async function fund(org: TestOrg, amountMinor: string) {
    const dep = await platform.admin.post('/api/v1/settlement/deposits', {
      organizationId: org.id,
      currency: 'EUR',
      amountMinor,
      reference: `dep-${randomBytes(6).toString('hex')}`,
    });
    expect(dep.status).toBe(201);
    await waitFor(
      () => org.admin.get(`/api/v1/settlement/organizations/${org.id}/movements`),
      (r) => r.body[0]?.state === 'CONFIRMED',
      'deposit confirmed',
    );
  }

  async function issue(amountMinor = '1000000') {
    const res = await supplier.admin.post('/api/v1/bills', {
      buyerOrganizationId: buyer.id,
      invoiceNumber: `IDX-${randomBytes(4).toString('hex')}`,
      amountMinor,
      currency: 'EUR',
      issueDate: today(),
      dueDate: plusDays(90),
    });
    expect(res.status).toBe(201);
    return (await settled(supplier, res.body.id)).body;
  }

  async function acceptedBill(amountMinor = '1000000') {
    const b = await issue(amountMinor);
    expect((await buyer.admin.post(`/api/v1/bills/${b.id}/accept`, {})).status).toBe(200);
    return (await settled(supplier, b.id)).body;
  }

  async function transfer(from: TestOrg, billId: string, to: TestOrg) {
    expect((await from.admin.post(`/api/v1/bills/${billId}/transfer`, { toOrganizationId: to.id })).status).toBe(200);
    await settled(supplier, billId); // the issuing supplier always sees its bill (a former holder may not)
    const [row] = (
      await sql.query(
        `SELECT j.id, j.tx_hash, j.nonce, j.block_number, j.block_hash FROM bill_events e JOIN chain_jobs j ON j.id = e.chain_job_id
         WHERE e.bill_id = $1 AND e.action = 'transfer.confirmed' ORDER BY e.created_at DESC LIMIT 1`,
        [billId],
      )
    ).rows;
    return row as { id: string; tx_hash: string; nonce: string; block_number: string; block_hash: string };
  }

  beforeAll(async () => {
    p = await startTestPlatform({ env: { INDEXER_POLL_MS: '3600000' } });
    indexer = p.app.get(BillChainIndexer);
    platform = await platformClients(p.baseUrl, p.db.url);
    auditorToken = (await login(p.baseUrl, platform.emails.auditor)).accessToken;
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    [supplier, buyer, bank, tier2] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Indexed Components GmbH' }),
      createOrg(p.baseUrl, platform, { roles: ['BUYER'], legalName: 'Indexed Retail SE', country: 'FR' }),
      createOrg(p.baseUrl, platform, { roles: ['FINANCIER'], legalName: 'Indexed Bank AG' }),
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Indexed Tier Two Kft', country: 'HU' }),
    ]);
    for (const org of [supplier, buyer, bank, tier2]) {
      await waitFor(
        () => org.admin.get(`/api/v1/organizations/${org.id}/wallets`),
        (r) => r.body[0]?.chainStatus === 'REGISTERED',
        'wallet registered',
      );
    }
    await fund(bank, '100000000');
    await fund(buyer, '100000000');
  }, 180_000);

  afterAll(async () => {
    await sql?.end();
    await p?.close();
  });

  it('records every event of issue → accept → finance → pay, and reconciliation finds nothing to report', async () => {
    const b = await acceptedBill('1000000');
    const req = await supplier.admin.post(`/api/v1/bills/${b.id}/financing-requests`);
    const offer = await bank.admin.post(`/api/v1/financing/requests/${req.body.id}/offers`, {
      advanceRateBps: 9_000,
      annualDiscountRateBps: 500,
      feesMinor: '2500',
      dayCount: 'ACT/360',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(offer.status).toBe(201);
    expect((await supplier.admin.post(`/api/v1/financing/offers/${offer.body.id}/accept`)).status).toBe(200);
    await settled(supplier, b.id);
    expect((await buyer.admin.post(`/api/v1/bills/${b.id}/pay`)).status).toBe(200);
    expect((await settled(bank, b.id)).body).toMatchObject({
      state: 'PAID',
      chainStatus: 'BURNED',
      holderOrganizationId: bank.id,
      encumbrance: 'FINANCED',
    });

    const ticks = await index();
    expect(ticks.flatMap((t) => t.reconciled)).toEqual([]); // the outbox had already brought every row in line

    const { rows } = await sql.query(
      `SELECT contract_name, event_name, args, block_hash, tx_hash FROM chain_events WHERE $1 = ANY(bill_ids) ORDER BY block_number, log_index`,
      [b.id],
    );
    const names = rows.map((r) => `${r.contract_name}.${r.event_name}`);
    for (const name of [
      'BillRegistry.BillIssued',
      'BillRegistry.BillAccepted',
      'BillRegistry.EncumbranceChanged',
      'BillDvP.FinancingSettled',
      'BillRegistry.BillPaid',
      'BillDvP.RepaymentSettled',
    ]) {
      expect(names.filter((n) => n === name)).toHaveLength(1);
    }
    expect(names.filter((n) => n === 'BillRegistry.Transfer')).toHaveLength(3); // mint, DvP, burn
    const issued = rows.find((r) => r.event_name === 'BillIssued')!;
    expect(issued.args).toMatchObject({ amount: '1000000', holder: await walletOf(supplier), obligor: await walletOf(buyer) });
    const block = await p.chain.provider.getBlock(issued.block_hash);
    expect(block?.hash).toBe(issued.block_hash);
    // append-only: the database refuses to rewrite an indexed fact
    await expect(sql.query(`UPDATE chain_events SET event_name = 'Forged' WHERE tx_hash = $1`, [issued.tx_hash])).rejects.toThrow(
      /append-only/,
    );

    expect(await reconciliation()).toEqual([]);
    expect((await platform.admin.get('/api/v1/reconciliation')).status).toBe(200);
    expect((await supplier.admin.get('/api/v1/reconciliation')).status).toBe(403);
    expect((await platform.kyc.get('/api/v1/reconciliation')).status).toBe(403);
    expect(await cli()).toEqual({ code: 0, text: '0 differences\n' });
    expect(await cli({ email: platform.emails.admin, password: TEST_PASSWORD })).toEqual({ code: 0, text: '0 differences\n' });
    const refused = await cli({ email: platform.emails.admin, password: 'not the password' });
    expect(refused.code).toBe(2);
    expect(refused.text).toMatch(/^tally reconcile: the API at .* answered 401/);
    expect((await timeline(bank, b.id)).map((e) => e.action)).not.toContain('reconciled.from_chain');
  });

  it('reports a holder changed in SQL, and repairs it when the next event touches the bill', async () => {
    const b = await issue('250000');
    await index();
    const [supplierWallet, bankWallet] = await Promise.all([walletOf(supplier), walletOf(bank)]);
    await sql.query('UPDATE bills SET holder_org_id = $2 WHERE id = $1', [b.id, bank.id]);

    expect(await reconciliation()).toEqual([
      {
        billId: b.id,
        entity: 'bill',
        entityId: b.id,
        field: 'holder',
        database: `${bank.id} (${bankWallet})`,
        chain: `${supplierWallet} (organization ${supplier.id})`,
      },
    ]);
    const report = await cli();
    expect(report.code).toBe(1);
    expect(report.text).toContain('holder');
    expect(report.text.trimEnd().endsWith('1 difference')).toBe(true);

    // the indexer alone does not look at a bill no event touches
    expect((await index()).flatMap((t) => t.reconciled)).toEqual([]);
    expect((await billRow(b.id)).holder_org_id).toBe(bank.id);

    // the buyer's acceptance touches the bill on chain (BillAccepted): the row follows the chain
    expect((await buyer.admin.post(`/api/v1/bills/${b.id}/accept`, {})).status).toBe(200);
    await settled(buyer, b.id);
    const repaired = (await index()).flatMap((t) => t.reconciled);
    expect(repaired).toEqual([
      {
        billId: b.id,
        cause: 'event',
        differences: [expect.objectContaining({ field: 'holder' })],
        changes: { holderOrgId: supplier.id },
      },
    ]);
    expect(await billRow(b.id)).toMatchObject({ holder_org_id: supplier.id, state: 'ACCEPTED' });
    const events = await timeline(supplier, b.id);
    expect(events.at(-1)).toMatchObject({
      action: 'reconciled.from_chain',
      payload: { cause: 'event', changes: { holderOrgId: supplier.id } },
    });
    const audit = await sql.query(
      `SELECT organization_id, payload FROM audit_log WHERE entity_id = $1 AND action = 'bill.reconciled_from_chain'`,
      [b.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].organization_id).toBe(supplier.id);
    expect(await reconciliation()).toEqual([]);
  });

  it('repairs on request (BillChainIndexer.repair) what no event touches', async () => {
    const b = await acceptedBill('300000');
    await index();
    await sql.query(`UPDATE bills SET encumbrance = 'PLEDGED', state = 'ISSUED' WHERE id = $1`, [b.id]);
    expect((await reconciliation()).map((d) => [d.billId, d.field, d.database, d.chain])).toEqual([
      [b.id, 'encumbrance', 'PLEDGED', 'NONE'],
      [b.id, 'status', 'ISSUED, ON_CHAIN', 'ACCEPTED'],
    ]);
    const repaired = await indexer.repair([b.id]);
    expect(repaired).toHaveLength(1);
    expect(repaired[0]).toMatchObject({ cause: 'repair', changes: { encumbrance: 'NONE', state: 'ACCEPTED' } });
    expect(await billRow(b.id)).toMatchObject({ encumbrance: 'NONE', state: 'ACCEPTED' });
    expect(await indexer.repair([b.id])).toEqual([]); // in line now: nothing to do
    expect(await reconciliation()).toEqual([]);
  });

  describe('reorgs (evm_snapshot / evm_revert, confirmations 1)', () => {
    it('detects a reorg by block hash, removes the abandoned events, replays, and the orphaned transfer comes back', async () => {
      const b = await acceptedBill('400000');
      await index();
      const reg = await registry();
      const snapshot = await rpc('evm_snapshot');
      const job = await transfer(supplier, b.id, tier2);
      const indexed = await index();
      expect(indexed.reduce((n, t) => n + t.events, 0)).toBeGreaterThan(0);
      expect(
        (await sql.query('SELECT count(*)::int AS n FROM chain_events WHERE block_hash = $1', [job.block_hash])).rows[0].n,
      ).toBeGreaterThan(0);

      expect(await rpc('evm_revert', [snapshot])).toBe(true);
      for (let i = 0; i < 3; i++) await rpc('evm_mine');
      const fork = await p.chain.provider.getBlock(Number(job.block_number));
      expect(fork?.hash).not.toBe(job.block_hash); // the height the transfer was mined at now holds another block
      expect(await reg.ownerOf(BigInt(b.tokenId))).toBe(await walletOf(supplier));

      const r = await indexer.tick();
      expect(r.reorg).toMatchObject({ removedEvents: expect.any(Number) });
      expect(r.reorg!.ancestor).toBeLessThan(Number(job.block_number));
      expect(r.reorg!.removedEvents).toBeGreaterThan(0);
      // the confirmed transfer's signed bytes went back to the node (same nonce: at most once)
      expect(r.reorg!.orphanedJobs).toContainEqual(
        expect.objectContaining({ jobId: job.id, txHash: job.tx_hash, rebroadcast: 'sent', billIds: [b.id] }),
      );
      expect((await sql.query('SELECT count(*)::int AS n FROM chain_events WHERE block_hash = $1', [job.block_hash])).rows[0].n).toBe(0);

      await index();
      const receipt = await p.chain.provider.getTransactionReceipt(job.tx_hash);
      expect(receipt?.status).toBe(1);
      expect(receipt!.blockHash).not.toBe(job.block_hash);
      const replayed = await sql.query('SELECT DISTINCT block_hash FROM chain_events WHERE tx_hash = $1', [job.tx_hash]);
      expect(replayed.rows).toEqual([{ block_hash: receipt!.blockHash }]);
      expect(await reg.ownerOf(BigInt(b.tokenId))).toBe(await walletOf(tier2));
      expect((await billRow(b.id)).holder_org_id).toBe(tier2.id);
      const events = await timeline(supplier, b.id);
      expect(events.find((e) => e.action === 'chain_job.reorged')).toMatchObject({
        chainJobId: job.id,
        txHash: job.tx_hash,
        payload: { rebroadcast: 'sent', blockHash: job.block_hash },
      });
      expect(events.map((e) => e.action)).not.toContain('reconciled.from_chain'); // the row never had to move
      expect(await reconciliation()).toEqual([]);

      // the operator's nonces have no gap: the outbox goes on
      await transfer(tier2, b.id, supplier);
      await index();
      expect((await billRow(b.id)).holder_org_id).toBe(supplier.id);
      expect(await reconciliation()).toEqual([]);
    });

    it('makes the bill follow the chain when the orphaned transfer cannot come back, and reconciliation reports the job', async () => {
      const b = await acceptedBill('500000');
      await index();
      const reg = await registry();
      const snapshot = await rpc('evm_snapshot');
      const job = await transfer(supplier, b.id, tier2);
      await index();
      expect((await billRow(b.id)).holder_org_id).toBe(tier2.id);

      expect(await rpc('evm_revert', [snapshot])).toBe(true);
      // the new fork spends the transfer's nonce on something else, so its signed bytes are dead
      // (the bill operator's key: the transfer's nonce is of its sequence)
      const other = await p.chain.context.signers[ChainRole.BILL_OPERATOR].sendTransaction({
        to: p.chain.context.addresses[ChainRole.BILL_OPERATOR],
        value: 0n,
        nonce: Number(job.nonce),
      });
      await other.wait();
      for (let i = 0; i < 2; i++) await rpc('evm_mine');
      expect(await reg.ownerOf(BigInt(b.tokenId))).toBe(await walletOf(supplier));

      // before the indexer has seen the reorg, reconciliation already shows the row ahead of the chain
      expect((await reconciliation()).filter((d) => d.billId === b.id).map((d) => d.field)).toEqual(['holder']);

      const r = await indexer.tick();
      expect(r.reorg!.orphanedJobs).toContainEqual(
        expect.objectContaining({ jobId: job.id, rebroadcast: 'refused', error: expect.stringMatching(/nonce/i) }),
      );
      expect(r.reconciled).toContainEqual({
        billId: b.id,
        cause: 'reorg',
        differences: [expect.objectContaining({ field: 'holder', database: expect.stringContaining(tier2.id) })],
        changes: { holderOrgId: supplier.id },
      });
      await index();
      expect((await billRow(b.id)).holder_org_id).toBe(supplier.id);
      const actions = (await timeline(supplier, b.id)).map((e) => e.action);
      // both written in the reorg's one transaction (same timestamp): their order in the timeline is not defined
      expect({ before: actions.at(-3), last: actions.slice(-2).sort() }).toEqual({
        before: 'transfer.confirmed',
        last: ['chain_job.reorged', 'reconciled.from_chain'],
      });
      const audit = await sql.query(
        `SELECT action FROM audit_log WHERE entity_id = $1 AND action IN ('bill.chain_job_reorged', 'bill.reconciled_from_chain') ORDER BY seq`,
        [b.id],
      );
      expect(audit.rows.map((a) => a.action)).toEqual(['bill.chain_job_reorged', 'bill.reconciled_from_chain']);

      // the bill is in line; the outbox still says CONFIRMED for a transaction the chain does not have
      expect(await reconciliation()).toEqual([
        {
          billId: b.id,
          entity: 'chain_job',
          entityId: job.id,
          field: 'transaction',
          database: `bills.transfer CONFIRMED by ${job.tx_hash} in block ${job.block_number}`,
          chain: 'not in the canonical chain (lost in a reorg)',
        },
      ]);
      expect((await cli()).code).toBe(1);

      // the holder may simply ask again
      await transfer(supplier, b.id, tier2);
      await index();
      expect((await billRow(b.id)).holder_org_id).toBe(tier2.id);
      expect((await reconciliation()).map((d) => d.entity)).toEqual(['chain_job']);
    });
  });
});
