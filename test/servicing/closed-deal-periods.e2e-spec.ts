// Servicing a deal closed on chain over three periods (issue 11), real PostgreSQL and anvil. The
// platform's business date moves forward in process (BusinessDate, as an operator's end-of-day
// run would): the obligors pay on their business days, the worker's own aging pass ages and
// defaults bills on its business day, and each period's collections are the events dated in it.
// Period 1: two bills paid on time. Period 2: one bill paid late (OVERDUE first), one DEFAULTED,
// which breaches the deal's cumulative-default trigger: principal switches from pro rata to
// sequential. Period 3: the last bill paid. Each period: proposed by the servicer, approved by the
// trustee, paid from the vault to the holders exactly as the engine computed, factors published,
// the investor report's CSV and PDF anchored and verifiable.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { dataSlice, getAddress, id, zeroPadValue } from 'ethers';
import { DataSource } from 'typeorm';
import { BusinessDate } from '#core';
import { connectSettlementToken } from '#contracts';
import { computePeriod, type CollectionRowInput, type PeriodComputation } from '#securitization';
import { toCents, type JsonObject } from '#waterfall';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, login, platformClients, type TestOrg } from '../support/auth.js';
import { closeDeal, type ClosedDeal, SERVICED_ORDERS, SERVICED_TRANCHES, SERVICED_FACES } from '../support/closed-deal.js';
import { deposit, waitFor } from '../securitization/closing-setup.js';
import { pdfTextRuns } from '../support/pdf-text.js';

const DAY_MS = 86_400_000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
/** The last day of the month `months` after `d`'s. */
const monthEnd = (d: string, months = 0) => {
  const x = new Date(`${d}T00:00:00Z`);
  return new Date(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + months + 1, 0)).toISOString().slice(0, 10);
};
const tenthOf = (monthEndDate: string) => `${monthEndDate.slice(0, 8)}10`;

// The calendar, from today's wall-clock date T0 (closing). The engine collects at month ends and
// distributes on the 10th: every event of a period is dated after the previous distribution and on
// or before the month end its distribution collects (so the period's rows are its cash).
const T0 = new Date().toISOString().slice(0, 10);
const E1 = monthEnd(T0, 1); // collection of period 1
const D1 = addDays(E1, 10); // first distribution (the 10th)
const E2 = monthEnd(D1);
const D2 = tenthOf(monthEnd(D1, 1));
const E3 = monthEnd(D2);
const D3 = tenthOf(monthEnd(D1, 2));
const GRACE = 4;
const FACES = SERVICED_FACES; // 1,350,000
const DUE = [addDays(E1, -5), addDays(E1, -4), addDays(D1, 3), addDays(D1, 2), addDays(D2, 3)];
const LATE_PAID = addDays(D1, 6); // bill 2, OVERDUE since D1+4
const DEFAULTED = addDays(D1, 8); // bill 3, due D1+2, grace 4
const TRANCHES = SERVICED_TRANCHES;
// cumulative defaults above 10 % of the pool at cut-off: principal sequential (deal status accelerated)
const TRIGGER = {
  name: 'cumulativeDefault10',
  kind: 'CUMULATIVE_DEFAULT_ABOVE' as const,
  thresholdBps: 1000,
  effect: 'SEQUENTIAL_PRINCIPAL' as const,
};

const pdfText = (pdf: Buffer): string => pdfTextRuns(pdf).join('\n');

type Run = {
  id: string;
  state: string;
  totalDistributedMinor: string;
  result: PeriodComputation;
  payouts: { tranche: string; holder: string; amountMinor: string; state: string }[];
};

describe('servicing a closed deal over three periods', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let deal: ClosedDeal;
  let servicer: TestOrg;
  let trustee: TestOrg;
  let eurAddress: string;
  let wallets: string[];
  const runs: Run[] = [];
  const token = () => connectSettlementToken(eurAddress, p.chain.provider);
  const businessDate = () => p.app.get(BusinessDate);
  const states = async () =>
    Promise.all(deal.billIds.map(async (id) => (await deal.parties.bank.admin.get(`/api/v1/bills/${id}`)).body.state as string));
  const storedInput = async (runId: string) =>
    (await p.app.get(DataSource).query(`SELECT input FROM servicing_period_runs WHERE id = $1`, [runId]))[0].input as {
      dealCase: JsonObject;
      rows: CollectionRowInput[];
      holders: Record<string, { holder: string; balanceMinor: string }[]>;
    };

  /** The obligor pays bill i on the current business date; waits until it is PAID (the vault receives the face). */
  async function pay(i: number): Promise<void> {
    const eur = token();
    const before = (await eur.balanceOf(deal.closing.vaultAddress)) as bigint;
    const buyer = deal.parties.buyers[i % deal.parties.buyers.length]!;
    const r = await buyer.admin.post(`/api/v1/bills/${deal.billIds[i]}/pay`, {});
    expect([r.status, r.body.code]).toEqual([200, undefined]);
    await waitFor(states, (s) => s[i] === 'PAID', `bill ${i} paid`);
    expect(((await eur.balanceOf(deal.closing.vaultAddress)) as bigint) - before).toBe(FACES[i]!);
  }

  /** Proposes period k from the deal (servicer), approves it (trustee), waits for DISTRIBUTED; checks the chain against the engine. */
  async function runPeriod(period: number, distributionDate: string): Promise<Run> {
    const eur = token();
    const body = { dealId: deal.dealId, period, distributionDate, recordDate: addDays(distributionDate, -1) };
    const proposed = await servicer.admin.post('/api/v1/servicing/runs/from-deal', body);
    expect([proposed.status, proposed.body.state, proposed.body.code]).toEqual([201, 'PROPOSED', undefined]);
    const run = proposed.body as Run;
    // the same request again is the same run; the servicer cannot approve its own proposal
    expect((await servicer.admin.post('/api/v1/servicing/runs/from-deal', body)).body.id).toBe(run.id);
    expect((await servicer.admin.post(`/api/v1/servicing/runs/${run.id}/approve`)).body.code).toBe('SERVICING_NOT_TRUSTEE');
    // the engine's tranche payments are split among the holders exactly
    const r = run.result;
    for (const [name, b] of Object.entries(r.period.bonds)) {
      const paid = r.distribution
        .filter((d) => d.tranche === name)
        .reduce((s, d) => s + BigInt(d.interestMinor) + BigInt(d.principalMinor), 0n);
      expect(paid).toBe(toCents(b.cashPaid, 'cashPaid'));
    }
    expect(BigInt(run.totalDistributedMinor)).toBe(
      r.distribution.reduce((s, d) => s + BigInt(d.interestMinor) + BigInt(d.principalMinor), 0n),
    );

    const before = await Promise.all(wallets.map((w) => eur.balanceOf(w) as Promise<bigint>));
    const vaultBefore = (await eur.balanceOf(deal.closing.vaultAddress)) as bigint;
    const approved = await trustee.admin.post(`/api/v1/servicing/runs/${run.id}/approve`);
    expect(approved.status).toBe(200);
    const done = (
      await waitFor(
        () => trustee.admin.get(`/api/v1/servicing/runs/${run.id}`),
        (x) => x.body.state === 'DISTRIBUTED',
        `period ${period} distributed`,
        120_000,
      )
    ).body as Run;
    // an approval retried by the same trustee changes nothing
    expect((await trustee.admin.post(`/api/v1/servicing/runs/${run.id}/approve`)).body.state).toBe('DISTRIBUTED');
    const after = await Promise.all(wallets.map((w) => eur.balanceOf(w) as Promise<bigint>));
    const due = wallets.map((w) =>
      r.distribution.filter((d) => d.holder === w).reduce((s, d) => s + BigInt(d.interestMinor) + BigInt(d.principalMinor), 0n),
    );
    expect(after.map((a, i) => a - before[i]!)).toEqual(due);
    expect(vaultBefore - ((await eur.balanceOf(deal.closing.vaultAddress)) as bigint)).toBe(BigInt(run.totalDistributedMinor));
    // one payout per holder and tranche, each paid once on chain, of the engine's amount
    const key = (x: string[]) => x.join(' ');
    expect(done.payouts.map((x) => key([x.tranche, x.holder, x.amountMinor, x.state])).sort()).toEqual(
      r.distribution.map((d) => key([d.tranche, d.holder, String(BigInt(d.interestMinor) + BigInt(d.principalMinor)), 'PAID'])).sort(),
    );
    runs[period - 1] = done;
    console.log(
      `period ${period} (${distributionDate}): ${r.dealStatus} ${r.period.waterfallUsed}, distributed ${run.totalDistributedMinor}, per holder ${due.join(' / ')}, factors ${Object.entries(
        r.factors,
      )
        .map(([t, f]) => `${t} ${f.factor}`)
        .join(', ')}`,
    );
    return done;
  }

  /** CSV then PDF of the period's report, both anchored, verified through the public verify path. */
  async function publishReport(run: Run): Promise<{ csv: string; pdfText: string }> {
    const csv = await trustee.admin.post(`/api/v1/servicing/runs/${run.id}/report/csv`);
    expect(csv.status).toBe(200);
    const text = (await trustee.admin.get(`/api/v1/servicing/runs/${run.id}/report.csv`)).body as string;
    expect(`0x${createHash('sha256').update(text).digest('hex')}`).toBe(csv.body.sha256);
    const pdf = await waitFor(
      () => trustee.admin.post(`/api/v1/servicing/runs/${run.id}/report/pdf`),
      (r) => r.status !== 409,
      'the report CSV anchored',
      120_000,
    );
    expect([pdf.status, pdf.body.kind, pdf.body.mediaType]).toEqual([200, 'REPORT', 'application/pdf']);
    const verify = async (sha256: string) => (await platform.anonymous.post('/api/v1/verify', { sha256 })).body as { status: string };
    expect((await verify(csv.body.sha256)).status).toBe('ANCHORED');
    await waitFor(
      () => verify(pdf.body.sha256),
      (v) => v.status === 'ANCHORED',
      'the report PDF anchored',
      120_000,
    );
    // the PDF's bytes as served are the ones anchored
    const { accessToken } = await login(p.baseUrl, trustee.adminEmail);
    const bytes = Buffer.from(
      await (
        await fetch(`${p.baseUrl}/api/v1/documents/${pdf.body.id}/content`, { headers: { authorization: `Bearer ${accessToken}` } })
      ).arrayBuffer(),
    );
    expect(`0x${createHash('sha256').update(bytes).digest('hex')}`).toBe(pdf.body.sha256);
    return { csv: text, pdfText: pdfText(bytes) };
  }

  beforeAll(async () => {
    p = await startTestPlatform({
      worker: true,
      env: {
        KYC_EXPIRY_CHECK_MS: '86400000',
        BILL_DEFAULT_GRACE_DAYS: String(GRACE),
        BILL_AGING_CHECK_MS: '200',
        ANCHOR_BATCH_WINDOW_MS: '200',
      },
    });
    platform = await platformClients(p.baseUrl, p.db.url);
    const status = await platform.anonymous.get('/api/v1/status');
    eurAddress = status.body.contracts.find((c: { name: string }) => c.name === 'SettlementToken.EUR').address;
    deal = await closeDeal(p, platform, {
      tag: 'Periods',
      faces: FACES,
      dueDays: DUE.map((d) => daysBetween(T0, d)),
      tranches: TRANCHES,
      triggers: [TRIGGER],
      orders: SERVICED_ORDERS,
      investorCash: 2_000_000n,
      cutOffDate: T0,
      closingDate: T0,
      firstDistributionDate: D1,
      statedMaturityDate: addDays(T0, 400),
    });
    for (const buyer of deal.parties.buyers) await deposit(platform, buyer, 1_000_000n);
    [servicer, trustee] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['SERVICER'] }),
      createOrg(p.baseUrl, platform, { roles: ['TRUSTEE'] }),
    ]);
    wallets = deal.parties.investors.map((o) => deal.parties.wallets.get(o.id)!);
  }, 600_000);

  afterAll(async () => {
    await p?.close();
  });

  it('keeps the business date on the wall clock until moved, and only forward', () => {
    // the calendar: each period's events fall before the month end its distribution collects
    expect([DUE[1]! <= E1, E1 < D1, LATE_PAID > D1, DEFAULTED <= E2, E2 < D2, DUE[4]! > D2, DUE[4]! <= E3, E3 < D3]).toEqual(
      Array(8).fill(true),
    );
    expect(businessDate().today()).toBe(new Date().toISOString().slice(0, 10));
    expect(() => businessDate().set(addDays(T0, -1))).toThrow(/only moves forward/);
    expect(() => businessDate().set('2027-02-30')).toThrow(/not a calendar date/);
    expect(businessDate().today()).toBe(T0);
  });

  it('period 1: two bills paid on their due dates, the trigger not breached, principal pro rata', async () => {
    businessDate().set(DUE[0]!);
    await pay(0);
    businessDate().set(DUE[1]!);
    await pay(1);
    expect(await states()).toEqual(['PAID', 'PAID', 'ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
    // before the period's distribution date the servicer cannot run period 2
    const early = await servicer.admin.post('/api/v1/servicing/runs/from-deal', {
      dealId: deal.dealId,
      period: 2,
      distributionDate: D2,
      recordDate: D1,
    });
    expect([early.status, early.body.code]).toEqual([409, 'SERVICING_PREVIOUS_PERIOD_OPEN']);

    const run = await runPeriod(1, D1);
    const input = await storedInput(run.id);
    const pool = FACES.reduce((a, b) => a + b, 0n);
    expect(input.rows.map((r) => [r.date, r.principalMinor, r.defaultMinor, r.balanceMinor, r.delinquentMinor])).toEqual([
      [DUE[0], String(FACES[0]), '0', String(pool - FACES[0]!), '0'],
      [DUE[1], String(FACES[1]), '0', String(pool - FACES[0]! - FACES[1]!), '0'],
    ]);
    expect(input.holders).toEqual({
      A: [
        { holder: wallets[0], balanceMinor: '500000' },
        { holder: wallets[1], balanceMinor: '300000' },
      ].sort((a, b) => (a.holder < b.holder ? -1 : 1)),
      B: [{ holder: wallets[0], balanceMinor: '200000' }],
      E: [{ holder: wallets[1], balanceMinor: '100000' }],
    });
    const r = run.result;
    expect(r.triggers).toEqual({ [TRIGGER.name]: false });
    expect([r.dealStatus, r.period.waterfallUsed]).toEqual(['amortizing', 'distributionByStatus.amortizing']);
    expect(toCents(r.period.collected.principal, 'principal')).toBe(FACES[0]! + FACES[1]!);
    // pro rata by balance: A and B amortize by the same fraction (to the minor unit of the split)
    const a = toCents(r.period.bonds.A!.principalPaid, 'A');
    const b = toCents(r.period.bonds.B!.principalPaid, 'B');
    expect(a).toBeGreaterThan(0n);
    expect(a * 200_000n - b * 800_000n).toBeLessThanOrEqual(800_000n);
    expect(b * 800_000n - a * 200_000n).toBeLessThanOrEqual(800_000n);
    const { csv, pdfText: text } = await publishReport(run);
    expect(csv).toContain(`\ntrigger,${TRIGGER.name},breached,false\n`);
    expect(text).toContain('not breached');
    expect(text).not.toContain('BREACHED');
    expect(csv).toContain('\ntrigger,deal,status,amortizing\n');
  }, 600_000);

  it('period 2: a late payment and a default; the default breaches the trigger and principal goes sequential', async () => {
    businessDate().set(addDays(D1, 4));
    // the worker's aging pass runs on the business date: bills 2 and 3 are past due
    await waitFor(states, (s) => s[2] === 'OVERDUE' && s[3] === 'OVERDUE', 'bills 2 and 3 overdue');
    businessDate().set(LATE_PAID);
    await pay(2); // late: paid from OVERDUE
    businessDate().set(DEFAULTED);
    await waitFor(states, (s) => s[3] === 'DEFAULTED', 'bill 3 defaulted');
    expect(await states()).toEqual(['PAID', 'PAID', 'PAID', 'DEFAULTED', 'ACCEPTED']);

    const run = await runPeriod(2, D2);
    const input = await storedInput(run.id);
    const pool = FACES.reduce((a, b) => a + b, 0n);
    const left = pool - FACES[0]! - FACES[1]!;
    expect(input.rows.map((r) => [r.date, r.principalMinor, r.defaultMinor, r.lossMinor, r.balanceMinor, r.delinquentMinor])).toEqual([
      [LATE_PAID, String(FACES[2]), '0', '0', String(left - FACES[2]!), String(FACES[3])],
      [DEFAULTED, '0', String(FACES[3]), String(FACES[3]), String(left - FACES[2]! - FACES[3]!), '0'],
    ]);
    const r = run.result;
    expect(r.triggers).toEqual({ [TRIGGER.name]: true });
    expect([r.dealStatus, r.period.waterfallUsed]).toEqual(['accelerated', 'distributionByStatus.accelerated']);
    expect(r.pool.cumulativeDefaultMinor).toBe(String(FACES[3]));

    // the same deal and collections without the trigger (a second engine run): pro rata
    const p1 = await storedInput(runs[0]!.id);
    const holders = Object.fromEntries(
      Object.entries(input.holders).map(([t, hs]) => [t, hs.map((h) => ({ holder: h.holder, balanceMinor: BigInt(h.balanceMinor) }))]),
    );
    const noTrigger = structuredClone(input.dealCase);
    (noTrigger.structure as JsonObject).triggers = [];
    const without = computePeriod({
      dealCase: noTrigger,
      priorRows: p1.rows,
      rows: input.rows,
      period: 2,
      distributionDate: D2,
      finalPeriod: false,
      holders,
    });
    expect([without.dealStatus, without.period.waterfallUsed]).toEqual(['amortizing', 'distributionByStatus.amortizing']);
    // and the deal's own structure gives exactly the stored run (the engine is deterministic)
    expect(
      computePeriod({
        dealCase: input.dealCase,
        priorRows: p1.rows,
        rows: input.rows,
        period: 2,
        distributionDate: D2,
        finalPeriod: false,
        holders,
      }),
    ).toEqual(r);
    const m = (v: number) => toCents(v, 'amount');
    const withA = m(r.period.bonds.A!.principalPaid);
    const withB = m(r.period.bonds.B!.principalPaid);
    const noA = m(without.period.bonds.A!.principalPaid);
    const noB = m(without.period.bonds.B!.principalPaid);
    expect(noB).toBeGreaterThan(0n); // without the breach B amortizes with A
    expect(withB).toBe(0n); // with it, B waits while A is outstanding
    expect(m(r.period.bonds.A!.balanceAfter)).toBeGreaterThan(0n);
    expect(withA).toBe(noA + noB); // the same principal, all to the senior
    // interest and fees do not depend on the principal rule in this period
    expect(m(r.period.bonds.A!.interestPaid)).toBe(m(without.period.bonds.A!.interestPaid));
    expect(m(r.period.bonds.B!.interestPaid)).toBe(m(without.period.bonds.B!.interestPaid));
    const { csv, pdfText: text } = await publishReport(run);
    expect(csv).toContain(`\ntrigger,${TRIGGER.name},breached,true\n`);
    expect(csv).toContain('\ntrigger,deal,status,accelerated\n');
    expect(text).toContain(TRIGGER.name);
    expect(text).toContain('BREACHED');
    expect(csv).toContain('\ntrigger,deal,waterfallUsed,distributionByStatus.accelerated\n');
    expect(csv).toContain('\nwaterfall,tranche:B,principalPaidMinor,0\n');
    expect(csv).toContain(`\npool,collections,defaultMinor,${FACES[3]}\n`);
  }, 600_000);

  it('period 3: the last bill paid; sequential stays (not curable); factors published per tranche and period', async () => {
    businessDate().set(DUE[4]!);
    await pay(4);
    expect(await states()).toEqual(['PAID', 'PAID', 'PAID', 'DEFAULTED', 'PAID']);
    const run = await runPeriod(3, D3);
    const input = await storedInput(run.id);
    expect(input.rows.map((r) => [r.date, r.principalMinor, r.defaultMinor, r.balanceMinor])).toEqual([
      [DUE[4], String(FACES[4]), '0', '0'],
    ]);
    expect(run.result.triggers).toEqual({ [TRIGGER.name]: true });
    expect(run.result.dealStatus).toBe('accelerated');
    const { csv } = await publishReport(run);
    expect(csv).toContain(`\ntrigger,${TRIGGER.name},breached,true\n`);

    // the factors, read through the API: outstanding = original − every principal paid so far, factor = outstanding / original
    const paidSoFar: Record<string, bigint> = { A: 0n, B: 0n, E: 0n };
    for (const [i, r0] of runs.entries()) {
      const got = (await trustee.admin.get(`/api/v1/servicing/runs/${r0.id}`)).body as Run;
      expect(got.state).toBe('DISTRIBUTED');
      for (const d of got.result.distribution) paidSoFar[d.tranche]! += BigInt(d.principalMinor);
      for (const t of TRANCHES) {
        const f = got.result.factors[t.className]!;
        const original = BigInt(t.sizeMinor);
        const outstanding = t.equity ? BigInt(f.outstandingMinor) : original - paidSoFar[t.className]!;
        expect([f.originalMinor, f.outstandingMinor]).toEqual([t.sizeMinor, outstanding.toString()]);
        const scaled = (outstanding * 10n ** 10n) / original;
        expect(f.factor).toBe(`${scaled / 10n ** 10n}.${(scaled % 10n ** 10n).toString().padStart(10, '0')}`);
      }
      expect(got.result.period.distributionDate).toBe([D1, D2, D3][i]);
    }
    // the vault paid out exactly what the three runs distributed, and received what the bills paid
    const distributed = runs.reduce((s, r0) => s + BigInt(r0.totalDistributedMinor), 0n);
    const collected = FACES[0]! + FACES[1]! + FACES[2]! + FACES[4]!;
    expect((await token().balanceOf(deal.closing.vaultAddress)) as bigint).toBe(
      BigInt(deal.closing.reserveMinor) + collected - distributed,
    );
    // exactly once on chain: the vault's transfers to the holders are the three runs' payouts, one each
    const logs = await p.chain.provider.getLogs({
      address: eurAddress,
      topics: [id('Transfer(address,address,uint256)'), zeroPadValue(deal.closing.vaultAddress, 32)],
      fromBlock: 0,
      toBlock: 'latest',
    });
    const transfers = logs
      .map((l) => ({ to: getAddress(dataSlice(l.topics[2]!, 12)), amount: BigInt(l.data) }))
      .filter((t) => wallets.includes(t.to))
      .map((t) => `${t.to} ${t.amount}`)
      .sort();
    expect(transfers).toEqual(runs.flatMap((r0) => r0.payouts.map((x) => `${x.holder} ${x.amountMinor}`)).sort());
    console.log(
      `three periods: collected ${collected}, distributed ${distributed}, vault left ${BigInt(deal.closing.reserveMinor) + collected - distributed}`,
    );
  }, 600_000);
});
