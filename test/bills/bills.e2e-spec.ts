import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { connectBillRegistry } from '#contracts';
import { BillAgingScheduler } from '#bills';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, platformClients, type TestOrg } from '../support/auth.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

describe('digital bills end to end (real PostgreSQL, real anvil, DvP on chain)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let sql: pg.Client;
  let supplier: TestOrg;
  let buyer: TestOrg;
  let bank: TestOrg;
  let bank2: TestOrg;
  let tier2: TestOrg;
  let unverified: TestOrg;

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
  const settled = (org: TestOrg, id: string) => waitFor(() => bill(org, id), (r) => r.body?.pendingAction === null, `bill ${id} settled`);
  const balance = async (org: TestOrg, currency = 'EUR') =>
    BigInt((await org.admin.get(`/api/v1/settlement/organizations/${org.id}/balances`)).body.find((b: { currency: string }) => b.currency === currency).balanceMinor);
  const registry = async () => connectBillRegistry((await platform.anonymous.get('/api/v1/status')).body.contracts.find((c: { name: string }) => c.name === 'BillRegistry').address, p.chain.provider);
  const walletOf = async (org: TestOrg) => (await org.admin.get(`/api/v1/organizations/${org.id}/wallets`)).body[0].address as string;
  const billRow = async (id: string) => (await sql.query('SELECT state, encumbrance, holder_org_id, version, pending_action FROM bills WHERE id = $1', [id])).rows[0];

  async function fund(org: TestOrg, amountMinor: string) {
    const dep = await platform.admin.post('/api/v1/settlement/deposits', { organizationId: org.id, currency: 'EUR', amountMinor, reference: `dep-${randomBytes(6).toString('hex')}` });
    expect(dep.status).toBe(201);
    await waitFor(() => org.admin.get(`/api/v1/settlement/organizations/${org.id}/movements`), (r) => r.body[0]?.state === 'CONFIRMED', 'deposit confirmed');
  }

  async function issue(amountMinor = '1000000', invoiceNumber = `INV-${randomBytes(4).toString('hex')}`, from = supplier, to = buyer) {
    const res = await from.admin.post('/api/v1/bills', { buyerOrganizationId: to.id, invoiceNumber, amountMinor, currency: 'EUR', issueDate: today(), dueDate: plusDays(90) });
    expect(res.status).toBe(201);
    return (await settled(from, res.body.id)).body;
  }

  async function acceptedBill(amountMinor = '1000000') {
    const b = await issue(amountMinor);
    expect((await buyer.admin.post(`/api/v1/bills/${b.id}/accept`, {})).status).toBe(200);
    return (await settled(supplier, b.id)).body;
  }

  async function offerOn(holder: TestOrg, billId: string, financier = bank, advanceRateBps = 9_000) {
    const req = await holder.admin.post(`/api/v1/bills/${billId}/financing-requests`);
    expect(req.status).toBe(201);
    const offer = await financier.admin.post(`/api/v1/financing/requests/${req.body.id}/offers`, {
      advanceRateBps,
      annualDiscountRateBps: 500,
      feesMinor: '2500',
      dayCount: 'ACT/360',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(offer.status).toBe(201);
    return offer.body;
  }

  beforeAll(async () => {
    p = await startTestPlatform();
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    [supplier, buyer, bank, bank2, tier2, unverified] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Acme Components GmbH' }),
      createOrg(p.baseUrl, platform, { roles: ['BUYER'], legalName: 'Globex Retail SE', country: 'FR' }),
      createOrg(p.baseUrl, platform, { roles: ['FINANCIER', 'ORIGINATOR'], legalName: 'Northbank AG' }),
      createOrg(p.baseUrl, platform, { roles: ['FINANCIER'], legalName: 'Southbank AG' }),
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Tier Two Parts Kft', country: 'HU' }),
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Not Yet Verified Ltd', approve: false, submit: true }),
    ]);
    for (const org of [supplier, buyer, bank, bank2, tier2]) {
      await waitFor(() => org.admin.get(`/api/v1/organizations/${org.id}/wallets`), (r) => r.body[0]?.chainStatus === 'REGISTERED', 'wallet registered');
    }
    await fund(bank, '100000000');
    await fund(bank2, '100000000');
    await fund(buyer, '100000000');
  }, 180_000);

  afterAll(async () => {
    await sql?.end();
    await p?.close();
  });

  it('issue → accept (signature checked on chain) → finance (DvP) → pay at maturity → PAID', async () => {
    const b = await issue('1000000');
    expect(b).toMatchObject({ state: 'ISSUED', chainStatus: 'ON_CHAIN', holderOrganizationId: supplier.id });
    const reg = await registry();
    expect(await reg.ownerOf(BigInt(b.tokenId))).toBe(await walletOf(supplier));

    expect((await buyer.admin.post(`/api/v1/bills/${b.id}/accept`, {})).status).toBe(200);
    const accepted = (await settled(buyer, b.id)).body;
    expect(accepted.state).toBe('ACCEPTED');
    const [record] = await reg.billOf('0x' + BigInt(b.tokenId).toString(16).padStart(64, '0'));
    expect(record.status).toBe(2n); // ACCEPTED on chain: the obligor's EIP-712 signature verified there

    const offer = await offerOn(supplier, b.id);
    // 1,000,000 × 90 % = 900,000; discount 900,000 × 5 % × days / 360; fees 2,500
    const expectedDiscount = (900_000n * 500n * BigInt(offer.tenorDays) * 2n + 10_000n * 360n) / (2n * 10_000n * 360n);
    expect(BigInt(offer.discountMinor)).toBe(expectedDiscount);
    expect(BigInt(offer.netProceedsMinor)).toBe(900_000n - expectedDiscount - 2_500n);

    const [supplierBefore, bankBefore] = await Promise.all([balance(supplier), balance(bank)]);
    const fin = await supplier.admin.post(`/api/v1/financing/offers/${offer.id}/accept`);
    expect(fin.status).toBe(200);
    const financed = (await settled(supplier, b.id)).body;
    expect(financed).toMatchObject({ holderOrganizationId: bank.id, encumbrance: 'FINANCED' });
    // the bill's own parties are named, also to the supplier, who may not read those organizations
    expect(financed).toMatchObject({ supplierName: 'Acme Components GmbH', buyerName: 'Globex Retail SE', holderName: 'Northbank AG' });
    expect((await supplier.admin.get(`/api/v1/organizations/${bank.id}`)).status).toBe(404);
    const listed = (await supplier.admin.get(`/api/v1/bills?holderId=${bank.id}`)).body.items.find((x: { id: string }) => x.id === b.id);
    expect(listed).toMatchObject({ buyerName: 'Globex Retail SE', holderName: 'Northbank AG' });
    const net = BigInt(offer.netProceedsMinor);
    expect(await balance(supplier)).toBe(supplierBefore + net);
    expect(await balance(bank)).toBe(bankBefore - net);
    expect(await reg.ownerOf(BigInt(b.tokenId))).toBe(await walletOf(bank));

    const buyerBefore = await balance(buyer);
    expect((await buyer.admin.post(`/api/v1/bills/${b.id}/pay`)).status).toBe(200);
    const paid = (await settled(bank, b.id)).body;
    expect(paid).toMatchObject({ state: 'PAID', chainStatus: 'BURNED' });
    expect(await balance(buyer)).toBe(buyerBefore - 1_000_000n);
    expect(await balance(bank)).toBe(bankBefore - net + 1_000_000n);
    await expect(reg.ownerOf(BigInt(b.tokenId))).rejects.toThrow();
    const timeline = (await bill(bank, b.id)).body.timeline.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['issue.confirmed', 'accept.confirmed', 'finance.confirmed', 'repay.confirmed']));
  });

  it('splits into three, endorses a part to a tier-2 supplier, who finances it', async () => {
    const b = await acceptedBill('900000');
    const split = await supplier.admin.post(`/api/v1/bills/${b.id}/split`, { amountsMinor: ['300000', '450000', '150000'] });
    expect(split.status).toBe(201);
    const parts = split.body as { id: string; faceAmountMinor: string }[];
    for (const part of parts) await settled(supplier, part.id);
    const parent = (await supplier.admin.get(`/api/v1/bills/${b.id}`)).body;
    expect(parent.supersededAt).not.toBeNull();
    expect(parts.reduce((s, x) => s + BigInt(x.faceAmountMinor), 0n)).toBe(900_000n);

    expect((await supplier.admin.post(`/api/v1/bills/${parts[1]!.id}/transfer`, { toOrganizationId: tier2.id })).status).toBe(200);
    const endorsed = (await settled(supplier, parts[1]!.id)).body;
    expect({ holder: endorsed.holderOrganizationId, timeline: endorsed.timeline.at(-1).action }).toEqual({ holder: tier2.id, timeline: 'transfer.confirmed' });
    const before = await balance(tier2);
    const offer = await offerOn(tier2, parts[1]!.id);
    expect((await tier2.admin.post(`/api/v1/financing/offers/${offer.id}/accept`)).status).toBe(200);
    expect((await settled(tier2, parts[1]!.id)).body.encumbrance).toBe('FINANCED');
    expect(await balance(tier2)).toBe(before + BigInt(offer.netProceedsMinor));
  });

  it('answers a retry after a crash between the commit and the final record with the financing, as the first answer would have been', async () => {
    const b = await acceptedBill();
    const offer = await offerOn(supplier, b.id);
    const key = `accept-${randomBytes(6).toString('hex')}`;
    // the key's final record fails, as if the process died right after the business commit
    await sql.query(`CREATE OR REPLACE FUNCTION test_die_before_done() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.key = '${key}' AND NEW.state = 'DONE' THEN RAISE EXCEPTION 'process died'; END IF; RETURN NEW; END $$`);
    await sql.query(`CREATE TRIGGER test_die_before_done BEFORE UPDATE ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION test_die_before_done()`);
    let first;
    try {
      first = await supplier.admin.post(`/api/v1/financing/offers/${offer.id}/accept`, undefined, { 'idempotency-key': key });
    } finally {
      await sql.query(`DROP TRIGGER test_die_before_done ON idempotency_keys`);
    }
    expect(first.status).toBe(500); // the client never saw the answer
    const financings = (await sql.query('SELECT id FROM financings WHERE offer_id = $1', [offer.id])).rows;
    expect(financings).toHaveLength(1); // but the financing was committed
    const retry = await supplier.admin.post(`/api/v1/financing/offers/${offer.id}/accept`, undefined, { 'idempotency-key': key });
    expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    // the financing as the accept answers it (not the bill of the transaction underneath)
    expect(retry.body).toEqual({ id: financings[0].id, billId: b.id, offerId: offer.id, priceMinor: offer.netProceedsMinor, currency: 'EUR', state: 'SETTLING', failureReason: null });
    expect((await settled(supplier, b.id)).body.encumbrance).toBe('FINANCED');
    expect((await sql.query('SELECT count(*)::int AS n FROM financings WHERE offer_id = $1', [offer.id])).rows[0].n).toBe(1);
  });

  it('settles DvPs confirmed together: each financing once, rival offers lapsed, one audit row each, the audit chain intact', async () => {
    const bills = await Promise.all([0, 1, 2, 3, 4].map(() => acceptedBill('400000')));
    const offers = [];
    for (const b of bills) {
      const offer = await offerOn(supplier, b.id);
      const rival = await bank2.admin.post(`/api/v1/financing/requests/${offer.requestId}/offers`, {
        advanceRateBps: 8_000,
        annualDiscountRateBps: 700,
        feesMinor: '1000',
        dayCount: 'ACT/365',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      expect(rival.status).toBe(201);
      offers.push({ bill: b, offer, rivalId: rival.body.id as string });
    }
    const accepted = await Promise.all(offers.map(({ offer }) => supplier.admin.post(`/api/v1/financing/offers/${offer.id}/accept`)));
    expect(accepted.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    for (const { bill: b } of offers) expect((await settled(supplier, b.id)).body).toMatchObject({ holderOrganizationId: bank.id, encumbrance: 'FINANCED' });

    const ids = offers.map(({ bill: b }) => b.id);
    const rows = await sql.query(
      `SELECT f.state AS financing, r.state AS request, rival.state AS rival,
              (SELECT count(*)::int FROM bill_events e WHERE e.bill_id = f.bill_id AND e.action = 'finance.confirmed') AS events,
              (SELECT count(*)::int FROM audit_log a WHERE a.entity_id = f.bill_id::text AND a.action = 'bill.financed') AS audits
         FROM financings f JOIN financing_offers o ON o.id = f.offer_id JOIN financing_requests r ON r.id = o.request_id
         JOIN financing_offers rival ON rival.request_id = r.id AND rival.id <> o.id
        WHERE f.bill_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows.rows).toEqual(ids.map(() => ({ financing: 'SETTLED', request: 'CLOSED', rival: 'LAPSED', events: 1, audits: 1 })));
    expect((await platform.auditor.get('/api/v1/audit/verify')).body).toMatchObject({ ok: true });
  });

  describe('refused steps change nothing, in the database or on chain', () => {
    async function refused(billId: string, act: () => Promise<{ status: number; body: { code: string } }>, status: number, code: string) {
      const before = await billRow(billId);
      const reg = await registry();
      const idHex = '0x' + billId.replace(/-/g, '').padStart(64, '0');
      const [chainBefore, holderBefore] = await reg.billOf(idHex);
      const res = await act();
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(await billRow(billId)).toEqual(before);
      const [chainAfter, holderAfter] = await reg.billOf(idHex);
      expect(chainAfter.toString()).toBe(chainBefore.toString());
      expect(holderAfter).toBe(holderBefore);
    }

    it('accept by the wrong organization', async () => {
      const b = await issue();
      await refused(b.id, () => supplier.admin.post(`/api/v1/bills/${b.id}/accept`, {}), 403, 'BILL_WRONG_PARTY');
      await refused(b.id, () => bank.admin.post(`/api/v1/bills/${b.id}/accept`, {}), 404, 'BILL_NOT_FOUND');
    });

    it('accept an offer the caller may not know: exactly the 404 of an offer that exists nowhere', async () => {
      const b = await acceptedBill();
      const offer = await offerOn(supplier, b.id);
      // status, code and message (its id blanked) of an offer id that exists nowhere, for the same caller
      const answer = async (org: TestOrg, id: string) => {
        const res = await org.admin.post(`/api/v1/financing/offers/${id}/accept`);
        return { status: res.status, code: res.body.code, message: String(res.body.message).split(id).join('<id>') };
      };
      const ghost = randomUUID();
      // a financier that did not make the offer sees the bill on the marketplace, a supplier does not see it at all: neither learns the offer exists
      for (const stranger of [bank2, tier2]) {
        const missing = await answer(stranger, ghost);
        expect(missing).toEqual({ status: 404, code: 'OFFER_NOT_FOUND', message: 'Offer <id> not found' });
        await refused(b.id, async () => {
          const res = await stranger.admin.post(`/api/v1/financing/offers/${offer.id}/accept`);
          expect({ status: res.status, code: res.body.code, message: String(res.body.message).split(offer.id).join('<id>') }).toEqual(missing);
          return res;
        }, 404, 'OFFER_NOT_FOUND');
      }
      // the financier knows its own offer: refused for what it is (not the holder)
      await refused(b.id, () => bank.admin.post(`/api/v1/financing/offers/${offer.id}/accept`), 403, 'BILL_NOT_HOLDER');
      expect((await sql.query('SELECT state FROM financing_offers WHERE id = $1', [offer.id])).rows[0].state).toBe('OPEN');
      // the holder still accepts it
      expect((await supplier.admin.post(`/api/v1/financing/offers/${offer.id}/accept`)).status).toBe(200);
      await settled(bank, b.id);
    });

    it('finance an unaccepted bill', async () => {
      const b = await issue();
      await refused(b.id, () => supplier.admin.post(`/api/v1/bills/${b.id}/financing-requests`), 409, 'BILL_NOT_ACCEPTED');
    });

    it('split an encumbered bill, and transfer it', async () => {
      const b = await acceptedBill();
      const offer = await offerOn(supplier, b.id);
      await supplier.admin.post(`/api/v1/financing/offers/${offer.id}/accept`);
      await settled(bank, b.id);
      await refused(b.id, () => bank.admin.post(`/api/v1/bills/${b.id}/split`, { amountsMinor: ['500000', '500000'] }), 409, 'BILL_ENCUMBERED');
      await refused(b.id, () => bank.admin.post(`/api/v1/bills/${b.id}/transfer`, { toOrganizationId: bank2.id }), 409, 'BILL_ENCUMBERED');
    });

    it('pay twice', async () => {
      const b = await acceptedBill();
      expect((await buyer.admin.post(`/api/v1/bills/${b.id}/pay`)).status).toBe(200);
      await settled(buyer, b.id);
      const before = await balance(buyer);
      const again = await buyer.admin.post(`/api/v1/bills/${b.id}/pay`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('PAYMENT_ALREADY_MADE');
      expect(await balance(buyer)).toBe(before);
    });

    it('transfer to an unverified organization', async () => {
      const b = await issue();
      await refused(b.id, () => supplier.admin.post(`/api/v1/bills/${b.id}/transfer`, { toOrganizationId: unverified.id }), 409, 'COUNTERPARTY_NOT_VERIFIED');
    });

    it('a split whose parts do not sum to the bill', async () => {
      const b = await issue('1000000');
      await refused(b.id, () => supplier.admin.post(`/api/v1/bills/${b.id}/split`, { amountsMinor: ['500000', '400000'] }), 422, 'SPLIT_INVALID');
    });
  });

  it('refuses the same receivable twice (409 BILL_DUPLICATE) and alerts platform admins', async () => {
    const number = `DUP-${randomBytes(3).toString('hex')}`;
    await issue('777700', number);
    const again = await supplier.admin.post('/api/v1/bills', { buyerOrganizationId: buyer.id, invoiceNumber: ` ${number.toLowerCase()} `, amountMinor: '777700', currency: 'EUR', issueDate: today(), dueDate: plusDays(60) });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('BILL_DUPLICATE');
    const alerts = await platform.admin.get('/api/v1/bills/duplicate-alerts');
    expect(alerts.body.some((a: { attemptedByOrgId: string }) => a.attemptedByOrgId === supplier.id)).toBe(true);
    expect((await supplier.admin.get('/api/v1/bills/duplicate-alerts')).status).toBe(403);
    const check = await bank.admin.post('/api/v1/bills/fingerprint-check', {
      sellerOrganizationId: supplier.id,
      buyerOrganizationId: buyer.id,
      invoiceNumber: number,
      amountMinor: '777700',
      currency: 'EUR',
      issueDate: today(),
    });
    expect(check.body).toEqual({ registered: true, encumbered: false });
  });

  it('settles exactly one DvP when 100 acceptances of offers on one bill race', async () => {
    const b = await acceptedBill('2000000');
    const first = await offerOn(supplier, b.id, bank);
    const req = (await supplier.admin.get(`/api/v1/bills/${b.id}/offers`)).body[0].requestId;
    const second = await bank2.admin.post(`/api/v1/financing/requests/${req}/offers`, {
      advanceRateBps: 9_500,
      annualDiscountRateBps: 400,
      feesMinor: '0',
      dayCount: 'ACT/365',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const offers = [first.id, second.body.id];
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => supplier.admin.post(`/api/v1/financing/offers/${offers[i % 2]}/accept`)));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    // the others are refused with a code: 409 while the DvP settles; once it settled (it can, before
    // the last request arrives) 403/404/409 as the financier holds the bill and the offers lapsed
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.map((r) => [403, 404, 409].includes(r.status) && typeof r.body.code === 'string')).toEqual(Array(99).fill(true));
    await settled(supplier, b.id);
    const live = await sql.query(`SELECT count(*)::int AS n FROM financings WHERE bill_id = $1 AND state IN ('SETTLING','SETTLED')`, [b.id]);
    expect(live.rows[0].n).toBe(1);
    const dvps = await sql.query(`SELECT count(*)::int AS n FROM chain_jobs WHERE kind = 'bills.finance' AND payload->>'billId' = $1`, [b.id]);
    expect(dvps.rows[0].n).toBe(1);
  });

  it('lets exactly one of 100 concurrent splits, and of 100 concurrent transfers, through', async () => {
    const b = await acceptedBill('1000000');
    const splits = await Promise.all(Array.from({ length: 100 }, () => supplier.admin.post(`/api/v1/bills/${b.id}/split`, { amountsMinor: ['600000', '400000'] })));
    expect(splits.filter((r) => r.status === 201)).toHaveLength(1);
    const c = await acceptedBill('1000000');
    const transfers = await Promise.all(Array.from({ length: 100 }, (_, i) => supplier.admin.post(`/api/v1/bills/${c.id}/transfer`, { toOrganizationId: i % 2 ? tier2.id : bank.id })));
    expect(transfers.filter((r) => r.status === 200)).toHaveLength(1);
    const after = (await settled(supplier, c.id)).body;
    expect([tier2.id, bank.id]).toContain(after.holderOrganizationId);
  });

  it('ages an unpaid bill to OVERDUE, then DEFAULTED after the grace days; debits a pre-authorised one on its due date', async () => {
    const aging = p.app.get(BillAgingScheduler);
    const b = await issue('500000');
    expect((await buyer.admin.post(`/api/v1/bills/${b.id}/accept`, {})).status).toBe(200);
    const plain = (await settled(supplier, b.id)).body;
    const auto = await issue('250000');
    expect((await buyer.admin.post(`/api/v1/bills/${auto.id}/accept`, { autoDebit: true })).status).toBe(200);
    await settled(supplier, auto.id);

    const dayAfter = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const buyerBefore = await balance(buyer);
    await aging.tick(plain.dueDate); // due today: the pre-authorised bill is debited, nothing is overdue yet
    await waitFor(() => bill(supplier, auto.id), (r) => r.body.state === 'PAID', 'auto-debited bill paid');
    expect(await balance(buyer)).toBe(buyerBefore - 250_000n);
    expect((await billRow(b.id)).state).toBe('ACCEPTED');

    await aging.tick(dayAfter(plain.dueDate, 1));
    expect((await billRow(b.id)).state).toBe('OVERDUE');
    await aging.tick(dayAfter(plain.dueDate, 30)); // grace (30 days) not over
    expect((await billRow(b.id)).state).toBe('OVERDUE');
    await aging.tick(dayAfter(plain.dueDate, 31));
    expect((await billRow(b.id)).state).toBe('DEFAULTED');
    const timeline = (await bill(supplier, b.id)).body.timeline.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['overdue', 'defaulted']));
  });
});
