import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, login, platformClients, type TestOrg } from '../support/auth.js';
import { pdfCompactText } from '../support/pdf-text.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

interface Line {
  kind: string;
  direction: 'IN' | 'OUT';
  amountMinor: string;
  currency: string;
  state: string;
  counterparty: string;
  invoiceNumber: string | null;
  reference: string | null;
  assetLeg: string | null;
}


describe('statements: every flow of a settlement account, with counterparties, as JSON and PDF (real PostgreSQL, real anvil)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let supplier: TestOrg;
  let buyer: TestOrg;
  let bank: TestOrg;
  let investor: TestOrg;

  const waitFor = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not reached; last ${JSON.stringify(v)}`);
      await sleep(100);
    }
  };
  const settled = (org: TestOrg, id: string) => waitFor(() => org.admin.get(`/api/v1/bills/${id}`), (r) => r.body?.pendingAction === null, `bill ${id} settled`);
  const balance = async (org: TestOrg) =>
    BigInt((await org.admin.get(`/api/v1/settlement/organizations/${org.id}/balances`)).body.find((b: { currency: string }) => b.currency === 'EUR').balanceMinor);
  const statement = async (org: TestOrg) => {
    const res = await org.admin.get(`/api/v1/settlement/organizations/${org.id}/statement`);
    expect(res.status).toBe(200);
    return res.body as { organizationName: string; totals: { currency: string; inMinor: string; outMinor: string; netMinor: string; lines: number }[]; lines: Line[] };
  };
  const pdfOf = async (org: TestOrg, id = org.id) => {
    const { accessToken } = await login(p.baseUrl, org.adminEmail);
    const res = await fetch(`${p.baseUrl}/api/v1/settlement/organizations/${id}/statement.pdf`, { headers: { authorization: `Bearer ${accessToken}` } });
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  /** "1,000,000.00 EUR" as the PDF shows it (whitespace removed). */
  const eur = (minor: bigint) => `${(minor / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(minor % 100n).toString().padStart(2, '0')}EUR`;

  async function fund(org: TestOrg, amountMinor: string, reference: string) {
    expect((await platform.admin.post('/api/v1/settlement/deposits', { organizationId: org.id, currency: 'EUR', amountMinor, reference })).status).toBe(201);
    await waitFor(() => org.admin.get(`/api/v1/settlement/organizations/${org.id}/movements`), (r) => r.body.find((m: { reference: string }) => m.reference === reference)?.state === 'CONFIRMED', 'deposit confirmed');
  }

  async function acceptedBill(amountMinor: string, invoiceNumber: string) {
    const res = await supplier.admin.post('/api/v1/bills', { buyerOrganizationId: buyer.id, invoiceNumber, amountMinor, currency: 'EUR', issueDate: today(), dueDate: plusDays(90) });
    expect(res.status).toBe(201);
    await settled(supplier, res.body.id);
    expect((await buyer.admin.post(`/api/v1/bills/${res.body.id}/accept`, {})).status).toBe(200);
    return (await settled(supplier, res.body.id)).body as { id: string };
  }

  async function finance(billId: string, annualDiscountRateBps: number, advanceRateBps: number) {
    const req = await supplier.admin.post(`/api/v1/bills/${billId}/financing-requests`);
    expect(req.status).toBe(201);
    const offer = await bank.admin.post(`/api/v1/financing/requests/${req.body.id}/offers`, {
      advanceRateBps,
      annualDiscountRateBps,
      feesMinor: '2500',
      dayCount: 'ACT/360',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(offer.status).toBe(201);
    expect((await supplier.admin.post(`/api/v1/financing/offers/${offer.body.id}/accept`)).status).toBe(200);
    await settled(supplier, billId);
    return offer.body as { netProceedsMinor: string; advanceAmountMinor: string; discountMinor: string; tenorDays: number };
  }

  const suffix = randomBytes(3).toString('hex');
  const invA = `ST-A-${suffix}`; // financed, then repaid to the bank
  const invB = `ST-B-${suffix}`; // paid by the buyer to the supplier, never financed
  const invC = `ST-C-${suffix}`; // financed, outstanding
  let offerA: Awaited<ReturnType<typeof finance>>;
  let offerC: Awaited<ReturnType<typeof finance>>;
  let portfolioBoth: { bills: number; weightedDiscountRateBps: number; advanceAmountMinor: string }[];

  beforeAll(async () => {
    p = await startTestPlatform();
    platform = await platformClients(p.baseUrl, p.db.url);
    [supplier, buyer, bank, investor] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Statement Supplier GmbH' }),
      createOrg(p.baseUrl, platform, { roles: ['BUYER'], legalName: 'Statement Buyer SE', country: 'FR' }),
      createOrg(p.baseUrl, platform, { roles: ['FINANCIER'], legalName: 'Statement Bank AG' }),
      createOrg(p.baseUrl, platform, { roles: ['INVESTOR'], legalName: 'Statement Investor SA' }),
    ]);
    for (const org of [supplier, buyer, bank]) {
      await waitFor(() => org.admin.get(`/api/v1/organizations/${org.id}/wallets`), (r) => r.body[0]?.chainStatus === 'REGISTERED', 'wallet registered');
    }
    await fund(bank, '50000000', `st-bank-${suffix}`);
    await fund(buyer, '30000000', `st-buyer-${suffix}`);

    const a = await acceptedBill('1000000', invA);
    const b = await acceptedBill('400000', invB);
    const c = await acceptedBill('3000000', invC);
    offerA = await finance(a.id, 500, 9_000);
    offerC = await finance(c.id, 800, 8_000);
    portfolioBoth = (await bank.admin.get('/api/v1/financing/portfolio')).body;
    expect((await buyer.admin.post(`/api/v1/bills/${a.id}/pay`)).status).toBe(200);
    expect((await buyer.admin.post(`/api/v1/bills/${b.id}/pay`)).status).toBe(200);
    await settled(bank, a.id);
    await settled(supplier, b.id);
  }, 240_000);

  afterAll(async () => {
    await p?.close();
  });

  it("lists the supplier's financing proceeds and bill payment with the counterparties' names and invoice numbers", async () => {
    const s = await statement(supplier);
    expect(s.organizationName).toBe('Statement Supplier GmbH');
    const netA = offerA.netProceedsMinor;
    const netC = offerC.netProceedsMinor;
    expect(s.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'FINANCING_RECEIVED', direction: 'IN', amountMinor: netA, counterparty: 'Statement Bank AG', invoiceNumber: invA, state: 'CONFIRMED' }),
        expect.objectContaining({ kind: 'FINANCING_RECEIVED', direction: 'IN', amountMinor: netC, counterparty: 'Statement Bank AG', invoiceNumber: invC, state: 'CONFIRMED' }),
        expect.objectContaining({ kind: 'BILL_PAYMENT_RECEIVED', direction: 'IN', amountMinor: '400000', counterparty: 'Statement Buyer SE', invoiceNumber: invB, state: 'CONFIRMED' }),
      ]),
    );
    expect(s.lines).toHaveLength(3);
    expect(s.lines.find((l) => l.invoiceNumber === invA)!.assetLeg).toContain('delivered to the financier');
    // the statement's confirmed net is the account's balance on chain (it started at zero)
    expect(s.totals).toEqual([{ currency: 'EUR', inMinor: (BigInt(netA) + BigInt(netC) + 400_000n).toString(), outMinor: '0', netMinor: (BigInt(netA) + BigInt(netC) + 400_000n).toString(), lines: 3 }]);
    expect(await balance(supplier)).toBe(BigInt(s.totals[0]!.netMinor));
  });

  it("lists the bank's deposit, the prices it paid and the repayment it received; the buyer's repayment and bill payment", async () => {
    const bankS = await statement(bank);
    expect(bankS.lines.map((l) => [l.kind, l.direction, l.amountMinor, l.counterparty, l.invoiceNumber])).toEqual(
      expect.arrayContaining([
        ['DEPOSIT', 'IN', '50000000', 'Settlement agent', null],
        ['FINANCING_PAID', 'OUT', offerA.netProceedsMinor, 'Statement Supplier GmbH', invA],
        ['FINANCING_PAID', 'OUT', offerC.netProceedsMinor, 'Statement Supplier GmbH', invC],
        ['REPAYMENT_RECEIVED', 'IN', '1000000', 'Statement Buyer SE', invA],
      ]),
    );
    expect(bankS.lines).toHaveLength(4);
    expect(bankS.lines.find((l) => l.kind === 'DEPOSIT')!.reference).toBe(`st-bank-${suffix}`);
    expect(await balance(bank)).toBe(BigInt(bankS.totals[0]!.netMinor));

    const buyerS = await statement(buyer);
    expect(buyerS.lines.map((l) => [l.kind, l.direction, l.amountMinor, l.counterparty, l.invoiceNumber])).toEqual(
      expect.arrayContaining([
        ['DEPOSIT', 'IN', '30000000', 'Settlement agent', null],
        ['REPAYMENT_PAID', 'OUT', '1000000', 'Statement Bank AG', invA],
        ['BILL_PAYMENT_PAID', 'OUT', '400000', 'Statement Supplier GmbH', invB],
      ]),
    );
    expect(buyerS.lines).toHaveLength(3);
    expect(buyerS.totals[0]).toMatchObject({ inMinor: '30000000', outMinor: '1400000', netMinor: '28600000' });
    expect(await balance(buyer)).toBe(28_600_000n);
  });

  it('renders the statement as a PDF that contains the flows and figures, the same bytes twice', async () => {
    const first = await pdfOf(bank);
    expect(first.status).toBe(200);
    expect(first.type).toBe('application/pdf');
    expect(first.disposition).toBe('attachment; filename="statement-statement-bank-ag.pdf"');
    expect(first.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfCompactText(first.bytes);
    const net = BigInt((await statement(bank)).totals[0]!.netMinor);
    for (const value of [
      'Statementofaccount',
      'StatementBankAG',
      'StatementSupplierGmbH',
      'StatementBuyerSE',
      `Bill${invA}`,
      `Bill${invC}`,
      'Financingpaid',
      'Repaymentreceived',
      `-${eur(BigInt(offerA.netProceedsMinor))}`,
      `+${eur(1_000_000n)}`,
      `+${eur(50_000_000n)}`,
      `net${eur(net)}`,
    ]) {
      expect(text).toContain(value);
    }
    expect(text).not.toContain('1000000EUR'); // amounts in currency, never minor units
    expect((await pdfOf(bank)).bytes.equals(first.bytes)).toBe(true);
  });

  it("answers 404 for another organization's statement, JSON or PDF", async () => {
    expect((await supplier.admin.get(`/api/v1/settlement/organizations/${bank.id}/statement`)).status).toBe(404);
    expect((await pdfOf(supplier, bank.id)).status).toBe(404);
    expect((await supplier.admin.get('/api/v1/settlement/organizations/not-a-uuid/statement')).status).toBe(400);
  });

  it("gives the bank's portfolio yield of the outstanding financed bills, exact: only the unpaid bill after the repayment", async () => {
    // both outstanding: 900,000 at 5 % and 2,400,000 at 8 %: (900,000 × 500 + 2,400,000 × 800) / 3,300,000 = 718.18 → 718 bps
    expect(offerA.advanceAmountMinor).toBe('900000');
    expect(offerC.advanceAmountMinor).toBe('2400000');
    expect(portfolioBoth).toEqual([expect.objectContaining({ bills: 2, advanceAmountMinor: '3300000', weightedDiscountRateBps: 718 })]);
    const res = await bank.admin.get('/api/v1/financing/portfolio');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        currency: 'EUR',
        bills: 1,
        faceAmountMinor: '3000000',
        advanceAmountMinor: offerC.advanceAmountMinor,
        discountMinor: offerC.discountMinor,
        feesMinor: '2500',
        weightedDiscountRateBps: 800,
        weightedTenorDays: offerC.tenorDays,
      },
    ]);
    expect((await supplier.admin.get('/api/v1/financing/portfolio')).body).toEqual([]);
  });

  it('says an investor without subscriptions holds nothing and received nothing', async () => {
    const res = await investor.admin.get(`/api/v1/investors/${investor.id}/portfolio`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ holdings: [], distributions: [] });
    expect((await investor.admin.get(`/api/v1/investors/${bank.id}/portfolio`)).status).toBe(404);
  });
});
