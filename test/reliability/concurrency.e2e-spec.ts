import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, platformClients, type Http, type TestOrg } from '../support/auth.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);
const N = 200;

/** Every answer is 2xx/4xx, or the one documented overload answer: 503 SERVICE_OVERLOADED with Retry-After. */
function unexpected5xx(answers: Http[]): Http[] {
  return answers.filter((r) => r.status >= 500 && !(r.status === 503 && r.body?.code === 'SERVICE_OVERLOADED' && r.headers.get('retry-after')));
}
const statuses = (answers: Http[]) => answers.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
/** The figures of a burst; the assertion shows them whole when it fails. */
function expectNo5xx(answers: Http[]): void {
  const bad = unexpected5xx(answers);
  const seen = statuses(answers);
  expect({ unexpected5xx: bad.length, sample: bad.slice(0, 2).map((r) => r.body), statuses: seen }).toEqual({ unexpected5xx: 0, sample: [], statuses: seen });
}

describe(`connection discipline: ${N} concurrent mutating requests on a pool of 10 connections`, () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;
  let supplier: TestOrg;
  let buyer: TestOrg;
  let tier2: TestOrg;
  const billIds: string[] = [];

  const settledCount = async (ids: string[]) =>
    Number((await sql.query(`SELECT count(*)::int AS n FROM bills WHERE id = ANY($1) AND pending_action IS NULL AND chain_status = 'ON_CHAIN'`, [ids])).rows[0].n);
  const waitSettled = async (ids: string[], what: string) => {
    const deadline = Date.now() + 240_000;
    while ((await settledCount(ids)) < ids.length) {
      if (Date.now() > deadline) throw new Error(`${what}: only ${await settledCount(ids)} of ${ids.length} settled`);
      await sleep(250);
    }
  };

  beforeAll(async () => {
    p = await startTestPlatform({ env: { DATABASE_POOL_SIZE: '10' } });
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    [supplier, buyer, tier2] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'] }),
      createOrg(p.baseUrl, platform, { roles: ['BUYER'], country: 'FR' }),
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], country: 'HU' }),
    ]);
    const deadline = Date.now() + 60_000;
    while (Number((await sql.query(`SELECT count(*)::int AS n FROM wallets WHERE organization_id = ANY($1) AND chain_status = 'REGISTERED'`, [[supplier.id, buyer.id, tier2.id]])).rows[0].n) < 3) {
      if (Date.now() > deadline) throw new Error('wallets not registered');
      await sleep(200);
    }
  }, 180_000);

  afterAll(async () => {
    await sql?.end();
    await p?.close();
  });

  it(`${N} concurrent POST /bills: no 5xx, every bill written once`, async () => {
    const tag = randomBytes(4).toString('hex');
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        supplier.admin.post('/api/v1/bills', { buyerOrganizationId: buyer.id, invoiceNumber: `C-${tag}-${i}`, amountMinor: String(100_000 + i), currency: 'EUR', issueDate: today(), dueDate: plusDays(90) }),
      ),
    );
    expectNo5xx(answers);
    const created = answers.filter((r) => r.status === 201).map((r) => r.body.id as string);
    // a refused request wrote nothing: the rows are exactly the 201s
    expect(Number((await sql.query(`SELECT count(*)::int AS n FROM bills WHERE invoice_number LIKE $1`, [`C-${tag}-%`])).rows[0].n)).toBe(created.length);
    expect(created.length).toBeGreaterThan(0);
    billIds.push(...created);
    // the documented overload answer means "try again after Retry-After": a client that does so ends
    // with all N bills (the next tests need N), each written once
    let overloaded = answers.flatMap((r, i) => (r.status === 503 ? [i] : []));
    for (let round = 0; overloaded.length && round < 30; round++) {
      await sleep(1_000 * Number(answers.find((r) => r.status === 503)?.headers.get('retry-after') ?? 1));
      const retried = await Promise.all(
        overloaded.map((i) =>
          supplier.admin.post('/api/v1/bills', { buyerOrganizationId: buyer.id, invoiceNumber: `C-${tag}-${i}`, amountMinor: String(100_000 + i), currency: 'EUR', issueDate: today(), dueDate: plusDays(90) }),
        ),
      );
      expectNo5xx(retried);
      billIds.push(...retried.filter((r) => r.status === 201).map((r) => r.body.id as string));
      overloaded = overloaded.filter((_, k) => retried[k]!.status === 503);
    }
    expect(Number((await sql.query(`SELECT count(*)::int AS n FROM bills WHERE invoice_number LIKE $1`, [`C-${tag}-%`])).rows[0].n)).toBe(billIds.length);
    await waitSettled(billIds, 'issued bills');
  }, 300_000);

  it(`${N} concurrent POST /bills/{id}/transfer on different bills while another user reads: no 5xx, reads answered`, async () => {
    expect(billIds.length).toBe(N);
    const reads: Promise<Http>[] = [];
    const transfers = Promise.all(billIds.map((id) => supplier.admin.post(`/api/v1/bills/${id}/transfer`, { toOrganizationId: tier2.id })));
    for (let i = 0; i < 20; i++) reads.push(buyer.member.get('/api/v1/bills?page=1&pageSize=5'));
    const [answers, readAnswers] = await Promise.all([transfers, Promise.all(reads)]);
    expectNo5xx(answers);
    expect(unexpected5xx(readAnswers)).toEqual([]);
    expect(readAnswers.filter((r) => r.status === 200).length).toBe(readAnswers.filter((r) => r.status !== 503).length);
    const ok = answers.filter((r) => r.status === 200).map((r) => r.body.id as string);
    // a transfer answered 200 is pending on chain; one refused left the bill untouched
    const pending = Number((await sql.query(`SELECT count(*)::int AS n FROM bills WHERE id = ANY($1) AND pending_action = 'transfer'`, [billIds])).rows[0].n);
    const settledTransfers = Number((await sql.query(`SELECT count(*)::int AS n FROM bills WHERE id = ANY($1) AND holder_org_id = $2`, [billIds, tier2.id])).rows[0].n);
    expect(pending + settledTransfers).toBe(ok.length);
    expect(ok.length).toBeGreaterThan(0);
  }, 300_000);

  it(`${N} concurrent POST /bills/{id}/accept and then /pay: no 5xx`, async () => {
    await waitSettled(billIds, 'transferred bills');
    const accepts = await Promise.all(billIds.map((id) => buyer.admin.post(`/api/v1/bills/${id}/accept`, {})));
    expectNo5xx(accepts);
    await waitSettled(billIds, 'accepted bills');
    // the buyer holds no settlement tokens: every payment is refused, but with a 4xx, never a 500
    const pays = await Promise.all(billIds.map((id) => buyer.admin.post(`/api/v1/bills/${id}/pay`, {})));
    expectNo5xx(pays);
  }, 400_000);
});
