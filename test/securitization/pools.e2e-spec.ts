import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, platformClients, waitForVerifiedWallet, type TestOrg } from '../support/auth.js';
import { insertAcceptedBills } from '../support/bill-factory.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DAY = 86_400_000;
const plusDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

/** Runs `fn` over `items`, `n` at a time. */
async function mapLimit<T, R>(items: T[], n: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

describe('receivables pools: eligibility and concentration at entry (real PostgreSQL, real anvil)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;
  let bank: TestOrg;
  let supplier2: TestOrg;
  let buyers: TestOrg[];
  let expiredBuyer: TestOrg;

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
      (r) => r.body?.pendingAction === null && r.body?.chainStatus === 'ON_CHAIN',
      `bill ${id} settled`,
    ).catch(async (err: Error) => {
      // a stall names the outbox's view of the bill's job
      const job = await sql.query(
        `SELECT j.status, j.attempts, j.last_error, j.locked_by, j.locked_until, j.next_attempt_at, now() AS now,
                j.nonce::text AS nonce, j.from_address, j.tx_hash, j.submitted_at,
                (SELECT next_nonce::text FROM chain_nonces n WHERE n.address = j.from_address) AS next_nonce
           FROM bills b JOIN chain_jobs j ON j.id = b.pending_job_id WHERE b.id = $1`,
        [id],
      );
      // and the node's view: the key's mined count, the transaction, the pool (a nonce gap or a fee below the base fee)
      const row = job.rows[0];
      const provider = p.chain.provider;
      const node = row?.from_address
        ? {
            mined: await provider.getTransactionCount(row.from_address, 'latest'),
            pending: await provider.getTransactionCount(row.from_address, 'pending'),
            tx: await provider.getTransaction(row.tx_hash),
            baseFee: (await provider.getBlock('latest'))?.baseFeePerGas?.toString(),
            pool: await provider.send('txpool_inspect', []).catch((e: Error) => e.message),
            stalled: await sql.query(
              `SELECT kind, status, nonce::text AS nonce, tx_hash FROM chain_jobs WHERE from_address = $1 AND status IN ('SUBMITTED', 'REORGED', 'PENDING') ORDER BY nonce`,
              [row.from_address],
            ).then((r) => r.rows),
          }
        : null;
      throw new Error(`${err.message}; chain job ${JSON.stringify(row ?? null)}; node ${JSON.stringify(node, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
    });

  interface Issued {
    id: string;
    buyer: TestOrg;
    faceMinor: bigint;
    dueDate: string;
  }
  async function issue(
    from: TestOrg,
    to: TestOrg,
    faceMinor: bigint,
    dueDate: string,
    opts: { accept?: boolean; currency?: string } = {},
  ): Promise<Issued> {
    const res = await from.admin.post('/api/v1/bills', {
      buyerOrganizationId: to.id,
      invoiceNumber: `INV-${randomBytes(5).toString('hex')}`,
      amountMinor: faceMinor.toString(),
      currency: opts.currency ?? 'EUR',
      issueDate: today(),
      dueDate,
    });
    if (res.status !== 201) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
    await settled(from, res.body.id);
    if (opts.accept ?? true) {
      const a = await to.admin.post(`/api/v1/bills/${res.body.id}/accept`, {});
      if (a.status !== 200) throw new Error(`accept: ${a.status} ${JSON.stringify(a.body)}`);
      await waitFor(
        () => from.admin.get(`/api/v1/bills/${res.body.id}`),
        (r) => r.body?.state === 'ACCEPTED' && r.body?.pendingAction === null,
        'accepted',
      );
    }
    return { id: res.body.id, buyer: to, faceMinor, dueDate };
  }

  const poolRow = async (id: string) =>
    (await sql.query('SELECT asset_count, balance_minor::text AS balance, version FROM pools WHERE id = $1', [id])).rows[0];
  const billRows = async (ids: string[]) =>
    (await sql.query('SELECT id, encumbrance, version, holder_org_id FROM bills WHERE id = ANY($1::uuid[]) ORDER BY id', [ids])).rows as {
      id: string;
      encumbrance: string;
      version: number;
    }[];
  const counts = async () =>
    (
      await sql.query(
        `SELECT (SELECT count(*) FROM audit_log)::int AS audit, (SELECT count(*) FROM chain_jobs)::int AS jobs, (SELECT count(*) FROM pool_assets)::int AS assets`,
      )
    ).rows[0];

  // the 50 bills of the bank's book: obligor i has BOOK[i] bills of FACE[i]
  const BOOK = [20, 10, 8, 7, 5];
  const FACE = [500_000n, 400_000n, 300_000n, 300_000n, 200_000n];
  let book: Issued[][];
  let bad: { issued: Issued; usd: Issued; foreign: Issued; expired: Issued[]; tooBigTooLong: Issued };

  beforeAll(async () => {
    // the KYC expiry schedule stays out of the way: the test lapses a KYC itself
    p = await startTestPlatform({ env: { KYC_EXPIRY_CHECK_MS: '86400000' } });
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    [bank, supplier2, expiredBuyer, ...buyers] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER', 'ORIGINATOR', 'FINANCIER'], legalName: 'Northbank AG' }),
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Tier Two Parts Kft', country: 'HU' }),
      createOrg(p.baseUrl, platform, { roles: ['BUYER'], legalName: 'Lapsed Buyer BV', country: 'NL' }),
      ...BOOK.map((_, i) => createOrg(p.baseUrl, platform, { roles: ['BUYER'], legalName: `Obligor ${i} SE`, country: 'FR' })),
    ]);
    for (const org of [bank, supplier2, expiredBuyer, ...buyers]) await waitForVerifiedWallet(org, 60_000);
    const plan = BOOK.flatMap((n, o) => Array.from({ length: n }, (_, k) => ({ o, k })));
    const issued = await mapLimit(plan, 8, ({ o, k }) => issue(bank, buyers[o]!, FACE[o]!, plusDays(30 + (k % 5) * 30)));
    book = BOOK.map((_, o) => issued.filter((b) => b.buyer === buyers[o]));
    const [notAccepted, usd, foreign, e1, e2, big] = await Promise.all([
      issue(bank, buyers[0]!, 100_000n, plusDays(60), { accept: false }),
      issue(bank, buyers[1]!, 100_000n, plusDays(60), { currency: 'USD' }),
      issue(supplier2, buyers[0]!, 100_000n, plusDays(60)),
      issue(bank, expiredBuyer, 100_000n, plusDays(60)),
      issue(bank, expiredBuyer, 100_000n, plusDays(90)),
      issue(bank, buyers[4]!, 6_000_000n, plusDays(300)),
    ]);
    bad = { issued: notAccepted, usd, foreign, expired: [e1, e2], tooBigTooLong: big };
    // the obligor's KYC lapses after its bills were accepted (the scheduled expiry has not run yet)
    await sql.query(`UPDATE organizations SET kyc_expires_at = now() - interval '1 day' WHERE id = $1`, [expiredBuyer.id]);
  }, 600_000);

  afterAll(async () => {
    await sql?.end();
    await p?.close();
  });

  const POOL = {
    name: 'Northbank Trade Receivables 2026-1',
    currency: 'EUR',
    eligibility: { minRemainingTermDays: 10, maxRemainingTermDays: 200, minFaceAmountMinor: '1000', maxFaceAmountMinor: '5000000' },
    limits: {
      maxSingleObligorBps: 3_000,
      maxTop5ObligorsBps: 10_000,
      maxSingleSellerBps: 10_000,
      maxAssetCount: 45,
      concentrationBaseMinor: '10000000',
    },
  };
  let poolId: string;

  it('creates a pool only for an approved originator admin, with consistent criteria', async () => {
    const body = { ...POOL, cutOffDate: plusDays(7) };
    const before = await counts();
    const notOriginator = await supplier2.admin.post('/api/v1/pools', body);
    expect([notOriginator.status, notOriginator.body.code]).toEqual([403, 'POOL_ORIGINATOR_NOT_ELIGIBLE']);
    const member = await bank.member.post('/api/v1/pools', body);
    expect([member.status, member.body.code]).toEqual([403, 'POOL_ORGANIZATION_ADMIN_REQUIRED']);
    const staff = await platform.admin.post('/api/v1/pools', body);
    expect([staff.status, staff.body.code]).toEqual([403, 'POOL_ORGANIZATION_ADMIN_REQUIRED']);
    const inverted = await bank.admin.post('/api/v1/pools', {
      ...body,
      eligibility: { minRemainingTermDays: 90, maxRemainingTermDays: 30 },
    });
    expect([inverted.status, inverted.body.code]).toEqual([422, 'POOL_CRITERIA_INVALID']);
    const badBps = await bank.admin.post('/api/v1/pools', { ...body, limits: { maxSingleObligorBps: 10_001 } });
    expect([badBps.status, badBps.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const floatAmount = await bank.admin.post('/api/v1/pools', { ...body, limits: { maxPoolBalanceMinor: '10.5' } });
    expect([floatAmount.status, floatAmount.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknownCurrency = await bank.admin.post('/api/v1/pools', { ...body, currency: 'XYZ' });
    expect(unknownCurrency.status).toBeGreaterThanOrEqual(400);
    expect(unknownCurrency.status).toBeLessThan(500);
    expect(await counts()).toEqual(before);

    const created = await bank.admin.post('/api/v1/pools', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'OPEN',
      assetCount: 0,
      balanceMinor: '0',
      originatorOrganizationId: bank.id,
      limits: { maxSingleObligorBps: 3_000, concentrationBaseMinor: '10000000' },
    });
    poolId = created.body.id;
    expect((await supplier2.admin.get(`/api/v1/pools/${poolId}`)).status).toBe(404);
    expect((await supplier2.admin.get('/api/v1/pools')).body).toEqual([]);
    expect((await bank.member.get(`/api/v1/pools/${poolId}`)).status).toBe(200);
  });

  it('refuses ineligible bills naming each failed criterion, and changes nothing', async () => {
    const ids = [bad.issued.id, bad.usd.id, bad.foreign.id, ...bad.expired.map((b) => b.id), bad.tooBigTooLong.id];
    const [before, billsBefore, poolBefore] = [await counts(), await billRows(ids), await poolRow(poolId)];
    const res = await bank.admin.post(`/api/v1/pools/${poolId}/bills`, { billIds: ids });
    expect([res.status, res.body.code]).toEqual([409, 'POOL_ADDITION_REFUSED']);
    const codes = Object.fromEntries(
      (res.body.details.results as { billId: string; ok: boolean; errors: { code: string }[] }[]).map((r) => [
        r.billId,
        [r.ok, ...r.errors.map((e) => e.code)],
      ]),
    );
    expect(codes).toEqual({
      [bad.issued.id]: [false, 'NOT_ACCEPTED'],
      [bad.usd.id]: [false, 'CURRENCY_MISMATCH'],
      [bad.foreign.id]: [false, 'BILL_NOT_FOUND'],
      [bad.expired[0]!.id]: [false, 'OBLIGOR_KYC_EXPIRED'],
      [bad.expired[1]!.id]: [false, 'OBLIGOR_KYC_EXPIRED'],
      [bad.tooBigTooLong.id]: [false, 'REMAINING_TERM_TOO_LONG', 'FACE_AMOUNT_TOO_LARGE'],
    });
    expect(await counts()).toEqual(before);
    expect(await billRows(ids)).toEqual(billsBefore);
    expect(await poolRow(poolId)).toEqual(poolBefore);
    // someone else's pool does not exist for the caller
    const foreign = await supplier2.admin.post(`/api/v1/pools/${poolId}/bills`, { billIds: [bad.foreign.id] });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'POOL_NOT_FOUND']);
    const member = await bank.member.post(`/api/v1/pools/${poolId}/bills`, { billIds: [book[0]![0]!.id] });
    expect([member.status, member.body.code]).toEqual([403, 'POOL_ORGANIZATION_ADMIN_REQUIRED']);
    const notUuid = await bank.admin.post(`/api/v1/pools/${poolId}/bills`, { billIds: ['nope'] });
    expect([notUuid.status, notUuid.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await counts()).toEqual(before);
  });

  let added: Issued[];
  it('adds 50 accepted bills of five obligors in one request, checking each limit against the pool after the addition', async () => {
    // obligors 2, 3, 4 first, then 1, then 0: the single-obligor cap is 30 % of max(balance after, 10,000,000)
    const order = [...book[2]!, ...book[3]!, ...book[4]!, ...book[1]!, ...book[0]!];
    const res = await bank.admin.post(`/api/v1/pools/${poolId}/bills`, { billIds: order.map((b) => b.id) });
    expect(res.status).toBe(200);
    const results = res.body.results as { billId: string; ok: boolean; errors: { code: string }[] }[];
    expect(results.map((r) => r.billId)).toEqual(order.map((b) => b.id));
    // obligor 1: 7 × 400,000 = 2,800,000 fit under 3,000,000; obligor 0: 7 × 500,000 = 3,500,000 ≤ 30 % of 11,800,000
    const expectedOk = [...book[2]!, ...book[3]!, ...book[4]!, ...book[1]!.slice(0, 7), ...book[0]!.slice(0, 7)].map((b) => b.id);
    expect(results.filter((r) => r.ok).map((r) => r.billId)).toEqual(expectedOk);
    for (const r of results.filter((x) => !x.ok)) expect(r.errors.map((e) => e.code)).toEqual(['SINGLE_OBLIGOR_LIMIT']);
    expect(res.body).toMatchObject({ added: 34, refused: 16, assetCount: 34, balanceMinor: '11800000' });
    added = order.filter((b) => expectedOk.includes(b.id));

    const rows = await billRows(order.map((b) => b.id));
    expect(
      rows
        .filter((r) => r.encumbrance === 'POOLED')
        .map((r) => r.id)
        .sort(),
    ).toEqual([...expectedOk].sort());
    expect(rows.filter((r) => r.encumbrance === 'NONE')).toHaveLength(16);
    expect(await poolRow(poolId)).toMatchObject({ asset_count: 34, balance: '11800000' });
    const timeline = (await bank.admin.get(`/api/v1/bills/${expectedOk[0]}`)).body.timeline.map((e: { action: string }) => e.action);
    expect(timeline).toContain('add-to-pool.confirmed');
  });

  it('answers the analytics from SQL: balance, WA term, obligor top-N and HHI, sellers, buckets', async () => {
    const asOf = today();
    const res = await bank.admin.get(`/api/v1/pools/${poolId}/analytics?asOf=${asOf}&top=3`);
    expect(res.status).toBe(200);
    const total = added.reduce((s, b) => s + b.faceMinor, 0n);
    const term = (b: Issued) => BigInt(Math.round((Date.parse(b.dueDate) - Date.parse(asOf)) / DAY));
    const weighted = added.reduce((s, b) => s + b.faceMinor * term(b), 0n);
    // round half up to 2 places (all terms are positive)
    const wa100 = (weighted * 1000n) / total;
    const wa = (wa100 + 5n) / 10n;
    const byObligor = BOOK.map((_, o) => added.filter((b) => b.buyer === buyers[o]).reduce((s, b) => s + b.faceMinor, 0n));
    const sorted = byObligor
      .map((v, o) => ({ v, id: buyers[o]!.id }))
      .sort((a, b) => (a.v === b.v ? (a.id < b.id ? -1 : 1) : a.v > b.v ? -1 : 1));
    const hhi = (10_000n * byObligor.reduce((s, v) => s + v * v, 0n)) / (total * total);
    expect(res.body).toMatchObject({
      count: 34,
      balanceMinor: total.toString(),
      currency: 'EUR',
      asOf,
      waRemainingTermDays: `${wa / 100n}.${(wa % 100n).toString().padStart(2, '0')}`,
      obligorHhi: Number(hhi),
      top5ObligorsShareBps: 10_000,
      // no deal yet: no purchase price, so no discount yield (priced cases: pool-tape and closing e2e)
      waDiscountYieldBps: null,
      discountYieldPriceMinor: null,
      discountYieldPriceSource: null,
    });
    expect(
      res.body.topObligors.map((e: { organizationId: string; balanceMinor: string; shareBps: number }) => [
        e.organizationId,
        e.balanceMinor,
        e.shareBps,
      ]),
    ).toEqual(sorted.slice(0, 3).map((s) => [s.id, s.v.toString(), Number((s.v * 10_000n) / total)]));
    expect(res.body.topObligors[0].legalName).toBe('Obligor 0 SE');
    expect(res.body.sellers).toEqual([
      { organizationId: bank.id, legalName: 'Northbank AG', count: 34, balanceMinor: total.toString(), shareBps: 10_000 },
    ]);
    const bucketOf = (t: bigint) =>
      t <= 0n ? 'due' : t <= 30n ? '1-30' : t <= 60n ? '31-60' : t <= 90n ? '61-90' : t <= 180n ? '91-180' : t <= 365n ? '181-365' : '>365';
    const expectedBuckets = ['due', '1-30', '31-60', '61-90', '91-180', '181-365', '>365'].map((bucket) => {
      const inIt = added.filter((b) => bucketOf(term(b)) === bucket);
      return { bucket, count: inIt.length, balanceMinor: inIt.reduce((s, b) => s + b.faceMinor, 0n).toString() };
    });
    expect(res.body.maturityBuckets).toEqual(expectedBuckets);
    expect(res.body.delinquencyBuckets[0]).toEqual({ bucket: 'current', count: 34, balanceMinor: total.toString() });
    // a year on, every asset is past due
    const later = await bank.admin.get(`/api/v1/pools/${poolId}/analytics?asOf=${plusDays(400)}`);
    expect(later.body.delinquencyBuckets.find((b: { bucket: string }) => b.bucket === '>90').count).toBe(34);
    expect((await supplier2.admin.get(`/api/v1/pools/${poolId}/analytics`)).status).toBe(404);
  });

  it('keeps a pooled bill from being financed, split, transferred or put in a second pool', async () => {
    const pooled = added[0]!.id;
    const second = await bank.admin.post('/api/v1/pools', { ...POOL, name: 'Second pool', cutOffDate: plusDays(7) });
    expect(second.status).toBe(201);
    const [before, billBefore] = [await counts(), await billRows([pooled])];
    const transfer = await bank.admin.post(`/api/v1/bills/${pooled}/transfer`, { toOrganizationId: supplier2.id });
    expect([transfer.status, transfer.body.code]).toEqual([409, 'BILL_ENCUMBERED']);
    const split = await bank.admin.post(`/api/v1/bills/${pooled}/split`, { amountsMinor: ['200000', '100000'] });
    expect([split.status, split.body.code]).toEqual([409, 'BILL_ENCUMBERED']);
    const financing = await bank.admin.post(`/api/v1/bills/${pooled}/financing-requests`);
    expect([financing.status, financing.body.code]).toEqual([409, 'BILL_ALREADY_FINANCED']);
    const again = await bank.admin.post(`/api/v1/pools/${second.body.id}/bills`, { billIds: [pooled, pooled] });
    expect([again.status, again.body.code]).toEqual([409, 'POOL_ADDITION_REFUSED']);
    expect(again.body.details.results.map((r: { errors: { code: string }[] }) => r.errors.map((e) => e.code))).toEqual([
      ['ALREADY_POOLED'],
      ['DUPLICATE_IN_REQUEST'],
    ]);
    expect(await counts()).toEqual(before);
    expect(await billRows([pooled])).toEqual(billBefore);
    expect((await bank.admin.get(`/api/v1/bills/${pooled}`)).body.allowedActions).toEqual([]);
  });

  it('100 concurrent additions of different bills to one pool never breach a limit', async () => {
    const obligors = await Promise.all(
      Array.from({ length: 5 }, (_, i) => createOrg(p.baseUrl, platform, { roles: ['BUYER'], legalName: `Concurrent Obligor ${i} SA` })),
    );
    // obligor 0 has 40 bills, the others 15 each, all of 100,000: obligor 0 can take at most 25 % of the pool
    const plan = obligors.flatMap((o, i) => Array.from({ length: i === 0 ? 40 : 15 }, () => o));
    const ids = await insertAcceptedBills(
      sql,
      plan.map((o) => ({
        supplierOrgId: bank.id,
        buyerOrgId: o.id,
        holderOrgId: bank.id,
        faceAmountMinor: 100_000n,
        dueDate: plusDays(60),
      })),
    );
    const limits = { maxSingleObligorBps: 2_500, maxAssetCount: 75, concentrationBaseMinor: '4000000' };
    const pool = await bank.admin.post('/api/v1/pools', { name: 'Concurrent', currency: 'EUR', cutOffDate: plusDays(7), limits });
    expect(pool.status).toBe(201);
    const answers = await Promise.all(ids.map((id) => bank.admin.post(`/api/v1/pools/${pool.body.id}/bills`, { billIds: [id] })));
    for (const a of answers) expect([200, 409]).toContain(a.status);
    const ok = answers.filter((a) => a.status === 200).length;
    const { rows } = await sql.query(
      `SELECT obligor_org_id AS o, sum(face_amount_minor)::text AS s, count(*)::int AS n FROM pool_assets WHERE pool_id = $1 GROUP BY 1`,
      [pool.body.id],
    );
    const total = rows.reduce((s: bigint, r: { s: string }) => s + BigInt(r.s), 0n);
    const base = total > 4_000_000n ? total : 4_000_000n;
    for (const r of rows) expect(BigInt(r.s) * 10_000n <= 2_500n * base).toBe(true);
    const count = rows.reduce((s: number, r: { n: number }) => s + r.n, 0);
    expect(count).toBe(ok);
    expect(count).toBeLessThanOrEqual(75);
    // obligor 0 is capped whatever the interleaving: at most 25 % of (others + itself) → ≤ 20 bills
    expect(rows.find((r: { o: string }) => r.o === obligors[0]!.id).n).toBeLessThanOrEqual(20);
    expect(await poolRow(pool.body.id)).toMatchObject({ asset_count: count, balance: total.toString() });
    const pooled = (await sql.query(`SELECT count(*)::int AS n FROM bills WHERE id = ANY($1::uuid[]) AND encumbrance = 'POOLED'`, [ids]))
      .rows[0].n;
    expect(pooled).toBe(count);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.body.code).toBe('POOL_ADDITION_REFUSED');
      expect(['SINGLE_OBLIGOR_LIMIT', 'POOL_COUNT_LIMIT']).toEqual(
        expect.arrayContaining(a.body.details.results[0].errors.map((e: { code: string }) => e.code)),
      );
    }
  }, 180_000);

  it('the same bill added to two pools at once lands in exactly one', async () => {
    const obligors = await Promise.all(
      Array.from({ length: 4 }, (_, i) => createOrg(p.baseUrl, platform, { roles: ['BUYER'], legalName: `Race Obligor ${i} SA` })),
    );
    const ids = await insertAcceptedBills(
      sql,
      Array.from({ length: 20 }, (_, i) => ({
        supplierOrgId: bank.id,
        buyerOrgId: obligors[i % 4]!.id,
        holderOrgId: bank.id,
        faceAmountMinor: 250_000n,
        dueDate: plusDays(45),
      })),
    );
    const [x, y] = await Promise.all(
      ['Race X', 'Race Y'].map((name) => bank.admin.post('/api/v1/pools', { name, currency: 'EUR', cutOffDate: plusDays(7) })),
    );
    const answers = await Promise.all(
      ids.flatMap((id) =>
        [x!, y!].map((pool) =>
          bank.admin.post(`/api/v1/pools/${pool.body.id}/bills`, { billIds: [id] }).then((r) => ({ id, pool: pool.body.id, r })),
        ),
      ),
    );
    for (const id of ids) {
      const mine = answers.filter((a) => a.id === id);
      expect(mine.map((a) => a.r.status).sort()).toEqual([200, 409]);
      const lost = mine.find((a) => a.r.status === 409)!;
      expect(lost.r.body.details.results[0].errors.map((e: { code: string }) => e.code)).toEqual(['ALREADY_POOLED']);
    }
    const { rows } = await sql.query(
      `SELECT bill_id, count(*)::int AS n FROM pool_assets WHERE bill_id = ANY($1::uuid[]) AND released_at IS NULL GROUP BY 1`,
      [ids],
    );
    expect(rows).toHaveLength(20);
    for (const r of rows) expect(r.n).toBe(1);
    const px = await poolRow(x!.body.id);
    const py = await poolRow(y!.body.id);
    expect(px.asset_count + py.asset_count).toBe(20);
    expect(BigInt(px.balance) + BigInt(py.balance)).toBe(20n * 250_000n);
  }, 120_000);
});
