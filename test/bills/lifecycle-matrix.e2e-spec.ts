import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectBillRegistry, type BillRegistry } from '#contracts';
import { BillAgingScheduler } from '#bills';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, platformClients, type Client, type Http, type TestOrg } from '../support/auth.js';

/**
 * The bill lifecycle table and the financing table, cell by cell, through the HTTP API on a real
 * PostgreSQL and a real anvil. Bills are built into every position the current features reach
 * (set-based: each step for all bills at once); then, for every (position, role):
 * - the bill read's `allowedActions` equals this file's own expectation (written from the issue's
 *   rules, not from the table), and a bill the role cannot read offers nothing;
 * - every action not offered is refused with 403/404/409 and a code, and changes nothing: row
 *   counts and a content hash of the bills, financing and chain_jobs tables, and the bill on chain;
 * - every action offered succeeds on a twin bill built to the same position, and its effect is on
 *   chain (BillRegistry) and in the database.
 * The same for financing requests (offers by role) and offers (acceptance by role).
 */

type Role = 'supplier' | 'buyer' | 'financier' | 'tier2' | 'member' | 'platform';
type Action = 'accept' | 'reject' | 'cancel' | 'transfer' | 'split' | 'request-financing' | 'finance' | 'pay';
type Position = 'issued' | 'endorsed' | 'accepted' | 'financed' | 'overdue' | 'overdue-financed' | 'defaulted' | 'paid' | 'paid-financed' | 'cancelled' | 'split';

const ROLES: Role[] = ['supplier', 'buyer', 'financier', 'tier2', 'member', 'platform'];
const ACTIONS: Action[] = ['accept', 'reject', 'cancel', 'transfer', 'split', 'request-financing', 'finance', 'pay'];

/**
 * What each role may do in each position. `endorsed`: issued, then transferred to tier2. Financed
 * bills are held by the financier. The financier, tier2 (unless it holds the bill), a member of the
 * supplier and platform staff may do nothing anywhere.
 */
const EXPECTED: Record<Position, Partial<Record<Role, Action[]>>> = {
  issued: { supplier: ['cancel', 'transfer', 'split'], buyer: ['accept', 'reject'] },
  endorsed: { tier2: ['transfer', 'split'], buyer: ['accept', 'reject'] },
  accepted: { supplier: ['transfer', 'split', 'request-financing', 'finance'], buyer: ['pay'] },
  financed: { buyer: ['pay'] },
  overdue: { buyer: ['pay'] },
  'overdue-financed': { buyer: ['pay'] },
  defaulted: {},
  paid: {},
  'paid-financed': {},
  cancelled: {},
  split: {},
};
const POSITIONS = Object.keys(EXPECTED) as Position[];

/** `IBillRegistry.BillStatus` values. */
const CHAIN = { ISSUED: 1n, ACCEPTED: 2n, PAID: 3n, CANCELLED: 4n, SPLIT: 5n } as const;
const FACE = '1000000';
const TABLES = ['bills', 'financing_requests', 'financing_offers', 'financings', 'bill_payments', 'chain_jobs'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const plusDays = (days: number, from = Date.now()) => new Date(from + days * 86_400_000).toISOString().slice(0, 10);
const idHex = (billId: string) => '0x' + billId.replace(/-/g, '').padStart(64, '0');
const sorted = <T>(xs: readonly T[]) => [...xs].sort();

describe('the bill and financing lifecycle tables, cell by cell through the API (real PostgreSQL, real anvil)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;
  let reg: BillRegistry;
  let supplier: TestOrg;
  let buyer: TestOrg;
  let bank: TestOrg;
  let bank2: TestOrg;
  let tier2: TestOrg;
  let clients: Record<Role, Client>;
  const wallets = new Map<string, string>();
  /** Per position: the fixture (index 0, for refusals and reads) and one twin per allowed cell. */
  const bills = new Map<Position, string[]>();

  const waitFor = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not reached; last ${JSON.stringify(v)}`);
      await sleep(100);
    }
  };
  const read = (id: string) => platform.admin.get(`/api/v1/bills/${id}`);
  /** Every bill settled: nothing pending on a bill, no chain job in flight. */
  const allSettled = () =>
    waitFor(
      async () =>
        (await sql.query(`SELECT (SELECT count(*) FROM bills WHERE pending_action IS NOT NULL)::int + (SELECT count(*) FROM chain_jobs WHERE status IN ('PENDING', 'SUBMITTED'))::int AS n`)).rows[0].n as number,
      (n) => n === 0,
      'all bills settled',
      120_000,
    );
  const expectOk = (res: Http, what: string) => {
    if (res.status !== 200 && res.status !== 201) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const of = (...positions: Position[]) => positions.flatMap((pos) => bills.get(pos)!);

  async function fund(org: TestOrg, amountMinor: string) {
    const dep = await platform.admin.post('/api/v1/settlement/deposits', { organizationId: org.id, currency: 'EUR', amountMinor, reference: `dep-${randomBytes(6).toString('hex')}` });
    expect(dep.status).toBe(201);
    await waitFor(() => org.admin.get(`/api/v1/settlement/organizations/${org.id}/movements`), (r) => r.body[0]?.state === 'CONFIRMED', 'deposit confirmed');
  }

  async function offer(financier: TestOrg, billId: string, advanceRateBps = 9_000): Promise<string> {
    const requestId = (await sql.query('SELECT id FROM financing_requests WHERE bill_id = $1', [billId])).rows[0].id as string;
    const res = await financier.admin.post(`/api/v1/financing/requests/${requestId}/offers`, {
      advanceRateBps,
      annualDiscountRateBps: 500,
      feesMinor: '1000',
      dayCount: 'ACT/360',
      expiresAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    });
    expectOk(res, `offer on ${billId}`);
    return res.body.id as string;
  }
  const offerOf = async (billId: string, financierOrgId = bank.id): Promise<string | undefined> =>
    (await sql.query('SELECT id FROM financing_offers WHERE bill_id = $1 AND financier_org_id = $2 ORDER BY created_at LIMIT 1', [billId, financierOrgId])).rows[0]?.id;

  /** Row counts and content hashes of the lifecycle's tables, and the bill on chain. */
  async function snapshot(billId: string) {
    const { rows } = await sql.query(
      TABLES.map((t) => `SELECT '${t}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`).join(' UNION ALL '),
    );
    const [record, holder] = await reg.billOf(idHex(billId));
    return { rows, chain: record.toString(), holder };
  }

  const holderOf = async (billId: string) => (await read(billId)).body.holderOrganizationId as string;
  const transferTarget = async (billId: string) => ((await holderOf(billId)) === tier2.id ? supplier.id : tier2.id);

  /** The request of an action as a role; null when the action cannot be addressed (no offer on the bill to accept). */
  async function attempt(role: Role, action: Action, billId: string): Promise<Http | null> {
    const c = clients[role];
    const path = `/api/v1/bills/${billId}`;
    switch (action) {
      case 'accept':
        return c.post(`${path}/accept`, {});
      case 'reject':
        return c.post(`${path}/reject`, { reason: 'lifecycle matrix' });
      case 'cancel':
        return c.post(`${path}/cancel`, { reason: 'lifecycle matrix' });
      case 'transfer':
        return c.post(`${path}/transfer`, { toOrganizationId: await transferTarget(billId) });
      case 'split':
        return c.post(`${path}/split`, { amountsMinor: ['600000', '400000'] });
      case 'request-financing':
        return c.post(`${path}/financing-requests`);
      case 'finance': {
        const offerId = await offerOf(billId);
        return offerId ? c.post(`/api/v1/financing/offers/${offerId}/accept`) : null;
      }
      case 'pay':
        return c.post(`${path}/pay`);
    }
  }

  /** The read's `allowedActions` for a role, or none when it may not read the bill (404). */
  async function allowedFor(role: Role, billId: string): Promise<string[]> {
    const res = await clients[role].get(`/api/v1/bills/${billId}`);
    if (res.status === 404) return [];
    expect(res.status).toBe(200);
    return res.body.allowedActions as string[];
  }

  beforeAll(async () => {
    // no audit anchoring during the run: its chain job would change the chain_jobs the refusals must leave alone
    p = await startTestPlatform({ env: { AUDIT_ANCHOR_INTERVAL_MS: '86400000' } });
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    [supplier, buyer, bank, bank2, tier2] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Matrix Supplier GmbH' }),
      createOrg(p.baseUrl, platform, { roles: ['BUYER'], legalName: 'Matrix Buyer SE', country: 'FR' }),
      createOrg(p.baseUrl, platform, { roles: ['FINANCIER'], legalName: 'Matrix Bank AG' }),
      createOrg(p.baseUrl, platform, { roles: ['FINANCIER'], legalName: 'Matrix Second Bank AG' }),
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Matrix Tier Two Kft', country: 'HU' }),
    ]);
    clients = { supplier: supplier.admin, buyer: buyer.admin, financier: bank.admin, tier2: tier2.admin, member: supplier.member, platform: platform.admin };
    for (const org of [supplier, buyer, bank, bank2, tier2]) {
      const w = await waitFor(() => org.admin.get(`/api/v1/organizations/${org.id}/wallets`), (r) => r.body[0]?.chainStatus === 'REGISTERED', 'wallet registered');
      wallets.set(org.id, w.body[0].address);
    }
    await Promise.all([fund(bank, '1000000000'), fund(bank2, '1000000000'), fund(buyer, '1000000000')]);
    reg = connectBillRegistry((await platform.anonymous.get('/api/v1/status')).body.contracts.find((c: { name: string }) => c.name === 'BillRegistry').address, p.chain.provider);

    // ---- the bills: one fixture per position and a twin per allowed cell, built set-based --------
    const today = Date.now();
    const dueOf = (pos: Position) => (pos === 'defaulted' ? plusDays(1, today) : pos === 'overdue' || pos === 'overdue-financed' ? plusDays(10, today) : plusDays(90, today));
    const plan = POSITIONS.flatMap((pos) => Array.from({ length: 1 + Object.values(EXPECTED[pos]).flat().length }, () => pos));
    const issued = await Promise.all(
      plan.map((pos) =>
        supplier.admin.post('/api/v1/bills', {
          buyerOrganizationId: buyer.id,
          invoiceNumber: `MX-${pos}-${randomBytes(4).toString('hex')}`,
          amountMinor: FACE,
          currency: 'EUR',
          issueDate: plusDays(0, today),
          dueDate: dueOf(pos),
        }),
      ),
    );
    issued.forEach((res, i) => {
      expectOk(res, `issue ${plan[i]}`);
      bills.set(plan[i]!, [...(bills.get(plan[i]!) ?? []), res.body.id as string]);
    });
    await allSettled();

    const ACCEPTED: Position[] = ['accepted', 'financed', 'overdue', 'overdue-financed', 'defaulted', 'paid', 'paid-financed', 'split'];
    const FINANCED: Position[] = ['financed', 'overdue-financed', 'paid-financed'];
    const step = async (ids: string[], act: (id: string) => Promise<Http>, what: string) => {
      const answers = await Promise.all(ids.map(act));
      answers.forEach((res, i) => expectOk(res, `${what} ${ids[i]}`));
      await allSettled();
    };
    await step(of('endorsed'), (id) => supplier.admin.post(`/api/v1/bills/${id}/transfer`, { toOrganizationId: tier2.id }), 'endorse');
    await step(of('cancelled'), (id) => supplier.admin.post(`/api/v1/bills/${id}/cancel`, { reason: 'matrix fixture' }), 'cancel');
    await step(of(...ACCEPTED), (id) => buyer.admin.post(`/api/v1/bills/${id}/accept`, {}), 'accept');
    // every accepted bill but the split one has a financing request with offers of two financiers
    const financeable = of(...ACCEPTED.filter((pos) => pos !== 'split'));
    await step(financeable, (id) => supplier.admin.post(`/api/v1/bills/${id}/financing-requests`), 'request financing');
    for (const id of financeable) {
      await offer(bank, id);
      await offer(bank2, id, 8_000);
    }
    await step(of('split'), (id) => supplier.admin.post(`/api/v1/bills/${id}/split`, { amountsMinor: ['500000', '500000'] }), 'split');
    const taken = new Map<string, string>();
    for (const id of of(...FINANCED)) taken.set(id, (await offerOf(id))!);
    await step(of(...FINANCED), (id) => supplier.admin.post(`/api/v1/financing/offers/${taken.get(id)}/accept`), 'finance');
    await step(of('paid', 'paid-financed'), (id) => buyer.admin.post(`/api/v1/bills/${id}/pay`), 'pay');
    // aging: the bill due tomorrow becomes OVERDUE, then DEFAULTED while those due in 10 days become OVERDUE
    const aging = p.app.get(BillAgingScheduler);
    await aging.tick(plusDays(2, today));
    await aging.tick(plusDays(2 + p.config.bills.defaultGraceDays, today));
    await allSettled();

    // the positions are what they claim
    const expectedState: Record<Position, [string, string]> = {
      issued: ['ISSUED', 'NONE'],
      endorsed: ['ISSUED', 'NONE'],
      accepted: ['ACCEPTED', 'NONE'],
      financed: ['ACCEPTED', 'FINANCED'],
      overdue: ['OVERDUE', 'NONE'],
      'overdue-financed': ['OVERDUE', 'FINANCED'],
      defaulted: ['DEFAULTED', 'NONE'],
      paid: ['PAID', 'NONE'],
      'paid-financed': ['PAID', 'FINANCED'],
      cancelled: ['CANCELLED', 'NONE'],
      split: ['ACCEPTED', 'NONE'],
    };
    for (const pos of POSITIONS) {
      const { rows } = await sql.query('SELECT state, encumbrance, superseded_at IS NOT NULL AS split FROM bills WHERE id = ANY($1::uuid[])', [bills.get(pos)]);
      expect(rows.map((r) => [r.state, r.encumbrance, r.split])).toEqual(bills.get(pos)!.map(() => [...expectedState[pos], pos === 'split']));
    }
  }, 600_000);

  afterAll(async () => {
    await sql?.end();
    await p?.close();
  });

  describe.each(POSITIONS)('a bill %s', (pos) => {
    it('offers each role exactly the expected actions; refuses the others (403/404/409 with a code), changing nothing in the database or on chain', async () => {
      const [fixture] = bills.get(pos)!;
      const addressable = (await offerOf(fixture!)) !== undefined ? ACTIONS : ACTIONS.filter((a) => a !== 'finance');
      let tried = 0;
      for (const role of ROLES) {
        const allowed = await allowedFor(role, fixture!);
        expect({ role, allowed: sorted(allowed) }).toEqual({ role, allowed: sorted(EXPECTED[pos][role] ?? []) });
        for (const action of ACTIONS.filter((a) => !allowed.includes(a))) {
          const before = await snapshot(fixture!);
          const res = await attempt(role, action, fixture!);
          if (!res) continue; // nothing to address: no offer on this bill to accept
          tried++;
          expect({ role, action, refused: [403, 404, 409].includes(res.status), code: typeof res.body?.code }).toEqual({ role, action, refused: true, code: 'string' });
          expect(await snapshot(fixture!)).toEqual(before);
        }
      }
      // every cell was tried: each role × each addressable action, less the offered ones
      expect(tried).toBe(ROLES.length * addressable.length - Object.values(EXPECTED[pos]).flat().length);
    });

    const cells = ROLES.flatMap((role) => (EXPECTED[pos][role] ?? []).map((action) => [role, action] as const));
    if (cells.length) {
      it.each(cells)('lets the %s %s it, and the effect is on chain', async (role, action) => {
        const twins = bills.get(pos)!.slice(1);
        const billId = twins[cells.findIndex(([r, a]) => r === role && a === action)]!;
        const before = (await read(billId)).body;
        const [chainBefore] = await reg.billOf(idHex(billId));
        const target = action === 'transfer' ? await transferTarget(billId) : null;
        const offerId = action === 'finance' ? await offerOf(billId) : null;
        const res = await attempt(role, action, billId);
        expect([200, 201]).toContain(res!.status);
        const after = (await waitFor(() => read(billId), (r) => r.body?.pendingAction === null, `${action} of ${billId} settled`)).body;
        const [record, holder] = await reg.billOf(idHex(billId));
        switch (action) {
          case 'accept':
            expect(after.state).toBe('ACCEPTED');
            expect(record.status).toBe(CHAIN.ACCEPTED);
            break;
          case 'reject':
          case 'cancel':
            expect(after).toMatchObject({ state: 'CANCELLED', chainStatus: 'BURNED' });
            expect(record.status).toBe(CHAIN.CANCELLED);
            break;
          case 'transfer':
            expect(after.holderOrganizationId).toBe(target);
            expect(holder).toBe(wallets.get(target!));
            break;
          case 'split': {
            expect(after.supersededAt).not.toBeNull();
            expect(record.status).toBe(CHAIN.SPLIT);
            await allSettled();
            const parts = (await sql.query('SELECT id, state, chain_status FROM bills WHERE parent_bill_id = $1', [billId])).rows;
            expect(parts.map((r) => [r.state, r.chain_status])).toEqual([
              [before.state, 'ON_CHAIN'],
              [before.state, 'ON_CHAIN'],
            ]);
            for (const part of parts) expect((await reg.billOf(idHex(part.id)))[0].status).toBe(chainBefore.status);
            break;
          }
          case 'request-financing':
            expect((await sql.query('SELECT state FROM financing_requests WHERE bill_id = $1', [billId])).rows).toEqual([{ state: 'OPEN' }]);
            expect(record.toString()).toBe(chainBefore.toString());
            break;
          case 'finance': {
            expect(after).toMatchObject({ holderOrganizationId: bank.id, encumbrance: 'FINANCED' });
            expect(holder).toBe(wallets.get(bank.id));
            expect(record.encumbrance).toBe(1n);
            const offers = (await sql.query('SELECT id, state FROM financing_offers WHERE bill_id = $1', [billId])).rows;
            expect(sorted(offers.map((o) => `${o.id === offerId ? 'taken' : 'rival'}:${o.state}`))).toEqual(['rival:LAPSED', 'taken:ACCEPTED']);
            expect((await sql.query('SELECT state FROM financing_requests WHERE bill_id = $1', [billId])).rows).toEqual([{ state: 'CLOSED' }]);
            break;
          }
          case 'pay':
            expect(after).toMatchObject({ state: 'PAID', chainStatus: 'BURNED' });
            expect(record.status).toBe(CHAIN.PAID);
            break;
        }
        // now settled, the bill offers what its new position allows, and nothing it left behind
        // once settled, the step is not offered again (asking for financing twice returns the open request)
        if (action !== 'request-financing') expect(await allowedFor(role, billId)).not.toContain(action);
      });
    }
  });

  describe('financing requests and offers', () => {
    /** The offers a role reads on a bill, with their `allowedActions`; none when it may not read them. */
    async function offersFor(role: Role, billId: string): Promise<{ id: string; state: string; allowedActions: string[] }[]> {
      const res = await clients[role].get(`/api/v1/bills/${billId}/offers`);
      if (res.status === 404) return [];
      expect(res.status).toBe(200);
      return res.body;
    }

    it('lets only a financier offer on an open request; nobody on a closed one; refusals change nothing', async () => {
      const open = bills.get('accepted')![0]!;
      const closed = bills.get('financed')![0]!;
      for (const [billId, state] of [
        [open, 'OPEN'],
        [closed, 'CLOSED'],
      ] as const) {
        const request = (await sql.query('SELECT id, state FROM financing_requests WHERE bill_id = $1', [billId])).rows[0];
        expect(request.state).toBe(state);
        for (const role of ROLES) {
          if (role === 'financier' && state === 'OPEN') continue; // the allowed cell, last
          const before = await snapshot(billId);
          const res = await clients[role].post(`/api/v1/financing/requests/${request.id}/offers`, {
            advanceRateBps: 9_000,
            annualDiscountRateBps: 500,
            feesMinor: '0',
            dayCount: 'ACT/365',
            expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          });
          expect({ role, state, refused: [403, 404, 409].includes(res.status), code: typeof res.body?.code }).toEqual({ role, state, refused: true, code: 'string' });
          expect(await snapshot(billId)).toEqual(before);
        }
      }
      const made = await offer(bank, open);
      expect((await sql.query('SELECT state FROM financing_offers WHERE id = $1', [made])).rows).toEqual([{ state: 'OPEN' }]);
    });

    it("offers each role's acceptance exactly where it succeeds: the holder, on an open offer of a bill it may finance", async () => {
      // open offers (accepted), accepted and lapsed ones (financed), open ones on bills past financing (overdue)
      for (const pos of ['accepted', 'financed', 'overdue', 'paid'] as Position[]) {
        const billId = bills.get(pos)![0]!;
        for (const role of ROLES) {
          for (const o of await offersFor(role, billId)) {
            const expected = pos === 'accepted' && role === 'supplier' && o.state === 'OPEN' ? ['accept'] : [];
            expect({ pos, role, state: o.state, allowed: o.allowedActions }).toEqual({ pos, role, state: o.state, allowed: expected });
          }
        }
        const offers = (await sql.query('SELECT id, state FROM financing_offers WHERE bill_id = $1 ORDER BY created_at', [billId])).rows;
        for (const role of ROLES) {
          for (const o of offers) {
            if (pos === 'accepted' && role === 'supplier' && o.state === 'OPEN') continue; // allowed: last
            const before = await snapshot(billId);
            const res = await clients[role].post(`/api/v1/financing/offers/${o.id}/accept`);
            expect({ pos, role, state: o.state, refused: [403, 404, 409].includes(res.status), code: typeof res.body?.code }).toEqual({ pos, role, state: o.state, refused: true, code: 'string' });
            expect(await snapshot(billId)).toEqual(before);
          }
        }
      }
      // the allowed cell: the holder accepts an open offer; the DvP settles on chain
      const billId = bills.get('accepted')![0]!;
      const taken = (await offersFor('supplier', billId)).find((o) => o.allowedActions.includes('accept'))!;
      const res = await supplier.admin.post(`/api/v1/financing/offers/${taken.id}/accept`);
      expect(res.status).toBe(200);
      await waitFor(() => read(billId), (r) => r.body?.pendingAction === null, 'financed');
      const [record, holder] = await reg.billOf(idHex(billId));
      expect(record.encumbrance).toBe(1n);
      const offerHolder = (await sql.query('SELECT financier_org_id FROM financing_offers WHERE id = $1', [taken.id])).rows[0].financier_org_id;
      expect(holder).toBe(wallets.get(offerHolder));
      const states = (await sql.query('SELECT id, state FROM financing_offers WHERE bill_id = $1', [billId])).rows;
      expect(sorted(states.map((o) => (o.id === taken.id ? `taken:${o.state}` : `rival:${o.state}`)))).toEqual(['rival:LAPSED', 'rival:LAPSED', 'taken:ACCEPTED']);
    });
  });
});
