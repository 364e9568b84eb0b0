// Servicing period runs end to end on real PostgreSQL and anvil: maker-checker, the engine's
// period stored, payouts from a real SpvVault to verified holders through the outbox, once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Contract, ContractFactory, Wallet, encodeBytes32String, id as keccakText } from 'ethers';
import { DataSource } from 'typeorm';
import type { Principal } from '#core';
import { ChainRole, ContractRegistry } from '#chain';
import { IdentityRegistryAbi, SettlementTokenAbi, SpvVaultAbi, SpvVaultBytecode } from '#contracts';
import { InvestorReportsService, PeriodRunsService, PeriodRunState, rowsOfCase, ServicingErrorCode, type ProposePeriodRunInput } from '#securitization';
import { toCents, type JsonObject, type Period } from '#waterfall';
import { createHash } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, login, platformClients, waitForVerifiedWallet, type TestOrg } from '../support/auth.js';

const DEAL = JSON.parse(readFileSync(new URL('../fixtures/waterfall/absbox-us-test01.json', import.meta.url), 'utf8')) as JsonObject;
const PERIODS = (DEAL.expected as JsonObject).periods as unknown as Period[];
const ROWS = rowsOfCase(DEAL);
const DEAL_ID = '5e1a0c52-0000-4000-8000-000000000001';
const { expected: _expected, ...DEAL_CASE } = DEAL;

let platform: TestPlatform;
let runs: PeriodRunsService;
let servicer: Principal;
let trustee: Principal;
let trustee2: Principal;
let servicerMember: Principal;
let vault: string;
let token: Contract;
let investors: string[];
let orgs: Record<'servicer' | 'trustee' | 'investor', TestOrg>;

async function principal(ds: DataSource, org: TestOrg, member = false): Promise<Principal> {
  const email = member ? org.memberEmail : org.adminEmail;
  const [u] = await ds.query(`SELECT id, roles FROM users WHERE email = $1`, [email]);
  return { userId: u.id, email, organizationId: org.id, roles: u.roles };
}

function proposal(k: number, over: Partial<ProposePeriodRunInput> = {}): ProposePeriodRunInput {
  const date = PERIODS[k - 1].distributionDate;
  const prev = k > 1 ? PERIODS[k - 2].distributionDate : null;
  const a1 = toCents(1000, 'a1');
  return {
    dealId: DEAL_ID,
    period: k,
    distributionDate: date,
    recordDate: date,
    currency: 'EUR',
    dealCase: DEAL_CASE as JsonObject,
    rows: ROWS.filter((r) => (prev === null || r.date > prev) && r.date <= date),
    holders: {
      A1: [
        { holder: investors[0], balanceMinor: (a1 - a1 / 3n).toString() },
        { holder: investors[1], balanceMinor: (a1 / 3n).toString() },
      ],
      B: [{ holder: investors[0], balanceMinor: '100000' }],
    },
    vaultAddress: vault,
    ...over,
  };
}

async function waitFor<T>(what: string, f: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function outboxIdle(ds: DataSource): Promise<void> {
  await waitFor('an idle outbox', async () => Number((await ds.query(`SELECT count(*) AS n FROM chain_jobs WHERE status IN ('PENDING','SUBMITTED')`))[0].n) === 0);
}

beforeAll(async () => {
  platform = await startTestPlatform({ worker: true, env: { ANCHOR_BATCH_WINDOW_MS: '200' } });
  const ds = platform.app.get(DataSource);
  runs = platform.app.get(PeriodRunsService);
  const p = await platformClients(platform.baseUrl, platform.db.url);
  const [srv, tru, tru2, inv1, inv2] = await Promise.all([
    createOrg(platform.baseUrl, p, { roles: ['SERVICER'] }),
    createOrg(platform.baseUrl, p, { roles: ['TRUSTEE'] }),
    createOrg(platform.baseUrl, p, { roles: ['TRUSTEE'] }),
    createOrg(platform.baseUrl, p, { roles: ['INVESTOR'] }),
    createOrg(platform.baseUrl, p, { roles: ['INVESTOR'] }),
  ]);
  orgs = { servicer: srv, trustee: tru, investor: inv1 };
  investors = [await waitForVerifiedWallet(inv1), await waitForVerifiedWallet(inv2)];
  [servicer, servicerMember, trustee, trustee2] = await Promise.all([principal(ds, srv), principal(ds, srv, true), principal(ds, tru), principal(ds, tru2)]);
  // The deal's vault (deployed at closing by the pools issue; here by hand while the outbox is idle:
  // the outbox's nonce counter follows the node's pending count for transactions sent outside it).
  await outboxIdle(ds);
  const contracts = platform.app.get(ContractRegistry);
  // each step with its role's key, as a closing does: the admin deploys and grants the vault's
  // AGENT_ROLE to the bill operator (who signs the payouts), the registrar registers, the settlement agent mints
  const keys = platform.chain.context.signers as Record<ChainRole, Wallet>;
  const factory = new ContractFactory(SpvVaultAbi, SpvVaultBytecode, keys[ChainRole.ADMIN]);
  const deployed = await factory.deploy(keys[ChainRole.ADMIN].address, contracts.address('BillRegistry'));
  await deployed.waitForDeployment();
  vault = await deployed.getAddress();
  const v = new Contract(vault, SpvVaultAbi, keys[ChainRole.ADMIN]);
  await (await v.grantRole(await v.AGENT_ROLE(), keys[ChainRole.BILL_OPERATOR].address)).wait();
  const identity = new Contract(contracts.address('IdentityRegistry'), IdentityRegistryAbi, keys[ChainRole.REGISTRAR]);
  const now = BigInt((await platform.chain.provider.getBlock('latest'))!.timestamp);
  await (await identity.register(vault, '0x4445', now + 10n * 365n * 86_400n)).wait();
  token = new Contract(contracts.address('SettlementToken.EUR'), SettlementTokenAbi, keys[ChainRole.SETTLEMENT_AGENT]);
  await (await token.mint(vault, 1_000_000n, encodeBytes32String('servicing-test-funding'))).wait();
}, 180_000);

afterAll(async () => {
  await platform?.close();
});

describe('servicing period runs', () => {
  it('separates the duties: a servicer proposes, a trustee of another organization decides', async () => {
    await expect(runs.propose(trustee, proposal(1))).rejects.toMatchObject({ code: ServicingErrorCode.NOT_SERVICER });
    const run = await runs.propose(servicer, proposal(1));
    expect(run).toMatchObject({ state: PeriodRunState.PROPOSED, period: 1, totalDistributedMinor: '0' });
    expect(run.result.period).toEqual(PERIODS[0]);
    expect(await runs.propose(servicer, proposal(1))).toMatchObject({ id: run.id }); // the same proposal again
    await expect(runs.propose(servicer, proposal(1, { recordDate: '2021-07-25' }))).rejects.toMatchObject({ code: ServicingErrorCode.RUN_EXISTS });
    await expect(runs.propose(servicer, proposal(2))).rejects.toMatchObject({ code: ServicingErrorCode.PREVIOUS_PERIOD_OPEN });
    await expect(runs.approve(servicerMember, run.id)).rejects.toMatchObject({ code: ServicingErrorCode.NOT_TRUSTEE });
    const approved = await runs.approve(trustee, run.id);
    expect(approved.state).toBe(PeriodRunState.DISTRIBUTED); // nothing to pay in period 1
    expect(await runs.approve(trustee, run.id)).toMatchObject({ state: PeriodRunState.DISTRIBUTED }); // a retry
    await expect(runs.approve(trustee2, run.id)).rejects.toMatchObject({ code: ServicingErrorCode.STATE_CONFLICT });
    await expect(runs.reject(trustee2, run.id, 'late')).rejects.toMatchObject({ code: ServicingErrorCode.STATE_CONFLICT });
  });

  it('a rejected period is proposed again; the deal structure cannot change between periods', async () => {
    const changed = structuredClone(DEAL_CASE) as JsonObject;
    (changed as { id: string }).id = 'another-deal';
    await expect(runs.propose(servicer, proposal(2, { dealCase: changed }))).rejects.toMatchObject({ code: ServicingErrorCode.DEAL_CHANGED });
    const first = await runs.propose(servicer, proposal(2, { recordDate: '2021-08-19' }));
    const rejected = await runs.reject(trustee, first.id, 'record date is wrong');
    expect(rejected).toMatchObject({ state: PeriodRunState.REJECTED, rejectReason: 'record date is wrong' });
    await expect(runs.approve(trustee, first.id)).rejects.toMatchObject({ code: ServicingErrorCode.STATE_CONFLICT });
    const again = await runs.propose(servicer, proposal(2));
    expect(again.id).not.toBe(first.id);
    expect((await runs.approve(trustee, again.id)).state).toBe(PeriodRunState.DISTRIBUTED);
  });

  it('pays period 8 from the vault to the holders through the outbox, exactly once, to the minor unit', async () => {
    for (let k = 3; k <= 7; k++) expect((await runs.approve(trustee, (await runs.propose(servicer, proposal(k))).id)).state).toBe(PeriodRunState.DISTRIBUTED);
    const before = await Promise.all(investors.map((a) => token.balanceOf(a) as Promise<bigint>));
    const run = await runs.propose(servicer, proposal(8));
    expect(run.result.period).toEqual(PERIODS[7]);
    expect(run.totalDistributedMinor).toBe('10629'); // A1: 48.87 interest + 57.42 principal
    expect(run.result.factors.A1.factor).toBe('0.9425800000');
    const approved = await runs.approve(trustee, run.id);
    // the worker may already have paid some or all of it by the time approve() reads the run back
    expect([PeriodRunState.APPROVED, PeriodRunState.DISTRIBUTING, PeriodRunState.DISTRIBUTED]).toContain(approved.state);
    expect(approved.decidedByUserId).toBe(trustee.userId);
    expect(approved.payouts.map((x) => x.amountMinor).sort()).toEqual(['3543', '7086']);
    await runs.approve(trustee, run.id); // a retry enqueues nothing more
    const done = await waitFor('the distribution', async () => {
      const r = await runs.get(trustee, run.id);
      return r.state === PeriodRunState.DISTRIBUTED ? r : null;
    });
    expect(done.payouts.every((x) => x.state === 'PAID')).toBe(true);
    const after = await Promise.all(investors.map((a) => token.balanceOf(a) as Promise<bigint>));
    expect(after[0] - before[0]).toBe(3258n + 3828n);
    expect(after[1] - before[1]).toBe(1629n + 1914n);
    expect(await token.balanceOf(vault)).toBe(1_000_000n - 10629n);
    const ds = platform.app.get(DataSource);
    const jobs = await ds.query(`SELECT count(*)::int AS n FROM chain_jobs WHERE kind = 'servicing.payout'`);
    expect(jobs[0].n).toBe(2);
    const paidOut = await platform.chain.provider.getLogs({ address: vault, topics: [keccakText('PaidOut(bytes32,address,address,uint256)')], fromBlock: 0 });
    expect(paidOut).toHaveLength(2);
  });

  it("shows the investor the distribution paid to its wallet, and puts it on the organization's statement", async () => {
    const portfolio = await orgs.investor.admin.get(`/api/v1/investors/${orgs.investor.id}/portfolio`);
    expect(portfolio.status).toBe(200);
    expect(portfolio.body.holdings).toEqual([]); // no subscription order in this test
    expect(portfolio.body.distributions).toEqual([
      expect.objectContaining({ period: 8, tranche: 'A1', currency: 'EUR', interestMinor: '3258', principalMinor: '3828', amountMinor: '7086', state: 'PAID', dealName: 'unnamed deal' }),
    ]);
    expect(portfolio.body.distributions[0].txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const statement = await orgs.investor.admin.get(`/api/v1/settlement/organizations/${orgs.investor.id}/statement`);
    expect(statement.status).toBe(200);
    expect(statement.body.lines).toEqual([
      expect.objectContaining({ kind: 'DISTRIBUTION_RECEIVED', direction: 'IN', amountMinor: '7086', state: 'CONFIRMED', counterparty: 'unnamed deal (vault)' }),
    ]);
    expect(statement.body.lines[0].assetLeg).toBe('tranche A1, period 8: interest 32.58 EUR, principal 38.28 EUR');
    expect(statement.body.totals).toEqual([{ currency: 'EUR', inMinor: '7086', outMinor: '0', netMinor: '7086', lines: 1 }]);
    expect((await orgs.servicer.admin.get(`/api/v1/investors/${orgs.investor.id}/portfolio`)).status).toBe(404);
  });

  it('publishes the investor report: CSV anchored first, then the PDF with its receipt, verifiable publicly', async () => {
    const reports = platform.app.get(InvestorReportsService);
    const run8 = (await platform.app.get(DataSource).query(`SELECT id FROM servicing_period_runs WHERE period = 8`))[0].id as string;
    const proposed9 = await runs.propose(servicer, proposal(9));
    await expect(reports.publishCsv(trustee, proposed9.id)).rejects.toMatchObject({ code: ServicingErrorCode.REPORT_NOT_READY });
    await expect(reports.publishPdf(trustee, run8)).rejects.toMatchObject({ code: ServicingErrorCode.REPORT_CSV_NOT_ANCHORED });
    const csv = await reports.publishCsv(trustee, run8);
    expect(csv.sha256).toBe(`0x${createHash('sha256').update(await reports.csv(trustee, run8)).digest('hex')}`);
    expect((await reports.publishCsv(servicer, run8)).sha256).toBe(csv.sha256); // the same bytes again
    const { document, pdf, csvSha256 } = await waitFor('the CSV anchored', async () => {
      try {
        return await reports.publishPdf(trustee, run8);
      } catch (err) {
        if ((err as { code?: string }).code === ServicingErrorCode.REPORT_CSV_NOT_ANCHORED) return null;
        throw err;
      }
    });
    expect(csvSha256).toBe(csv.sha256);
    expect(document).toMatchObject({ kind: 'REPORT', mediaType: 'application/pdf' });
    expect(document.sha256).toBe(`0x${createHash('sha256').update(pdf).digest('hex')}`);
    // rendering again gives the same PDF (and so the same document)
    expect((await reports.publishPdf(trustee, run8)).document.id).toBe(document.id);
    const verify = async (sha256: string): Promise<{ status: string }> => (await fetch(`${platform.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256 }) })).json() as Promise<{ status: string }>;
    expect(await verify(csv.sha256)).toMatchObject({ status: 'ANCHORED' });
    const pdfVerified = await waitFor('the PDF anchored', async () => {
      const v = await verify(document.sha256);
      return v.status === 'ANCHORED' ? v : null;
    });
    expect(pdfVerified.status).toBe('ANCHORED');
  });

  it('serves the same over HTTP: /api/v1/servicing/runs, codes in the one error shape', async () => {
    const ds = platform.app.get(DataSource);
    const [{ id: run8 }] = await ds.query(`SELECT id FROM servicing_period_runs WHERE period = 8`);
    const [{ id: run9 }] = await ds.query(`SELECT id FROM servicing_period_runs WHERE period = 9 AND state = 'PROPOSED'`);
    const got = await orgs.trustee.admin.get(`/api/v1/servicing/runs/${run8}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ state: 'DISTRIBUTED', period: 8, totalDistributedMinor: '10629' });
    // a holder reads the approved run with its own payouts and distribution lines only; a run not approved is not its to read
    const held = await orgs.investor.admin.get(`/api/v1/servicing/runs/${run8}`);
    expect(held.status).toBe(200);
    expect(held.body.payouts.length).toBeGreaterThan(0);
    expect(new Set([...held.body.payouts, ...held.body.result.distribution].map((x: { holder: string }) => x.holder))).toEqual(new Set([investors[0]]));
    expect(got.body.payouts.some((x: { holder: string }) => x.holder === investors[1])).toBe(true);
    expect((await orgs.investor.admin.get(`/api/v1/servicing/runs/${run9}`)).body).toMatchObject({ statusCode: 404, code: ServicingErrorCode.RUN_NOT_FOUND });
    expect((await orgs.servicer.admin.post(`/api/v1/servicing/runs/${run9}/approve`)).body).toMatchObject({ statusCode: 403, code: ServicingErrorCode.NOT_TRUSTEE });
    const key = { 'idempotency-key': 'reject-p9-1' };
    const rejected = await orgs.trustee.admin.post(`/api/v1/servicing/runs/${run9}/reject`, { reason: 'collections incomplete' }, key);
    expect([rejected.status, rejected.body.state]).toEqual([200, 'REJECTED']);
    expect((await orgs.trustee.admin.post(`/api/v1/servicing/runs/${run9}/reject`, { reason: 'collections incomplete' }, key)).body.id).toBe(run9); // replayed
    expect((await orgs.trustee.admin.post(`/api/v1/servicing/runs/${run9}/approve`)).body).toMatchObject({ statusCode: 409, code: ServicingErrorCode.STATE_CONFLICT });
    const again = await orgs.servicer.admin.post('/api/v1/servicing/runs', proposal(9));
    expect([again.status, again.body.state, again.body.period]).toEqual([201, 'PROPOSED', 9]);
    const bad = await orgs.servicer.admin.post('/api/v1/servicing/runs', { ...proposal(10), rows: [{ date: '2022-04-01', balanceMinor: '-1' }] });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badHolder = await orgs.servicer.admin.post('/api/v1/servicing/runs', proposal(10, { holders: { A1: [{ holder: 'nobody', balanceMinor: '1' }] } }));
    expect([badHolder.status, badHolder.body.code]).toEqual([422, ServicingErrorCode.INPUT_INVALID]);
    const csv = await fetch(`${platform.baseUrl}/api/v1/servicing/runs/${run8}/report.csv`, { headers: { authorization: `Bearer ${await tokenOf(orgs.trustee)}` } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(`0x${createHash('sha256').update(text).digest('hex')}`).toBe((await orgs.trustee.admin.post(`/api/v1/servicing/runs/${run8}/report/csv`)).body.sha256);
    const pdf = await orgs.trustee.admin.post(`/api/v1/servicing/runs/${run8}/report/pdf`);
    expect([pdf.status, pdf.body.kind]).toEqual([200, 'REPORT']);
  });
});

async function tokenOf(org: TestOrg): Promise<string> {
  return (await login(platform.baseUrl, org.adminEmail)).accessToken;
}
