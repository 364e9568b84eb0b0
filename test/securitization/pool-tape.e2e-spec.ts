import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { AbiCoder, Contract } from 'ethers';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { DocumentAnchorAbi } from '#contracts';
import { LEAF_ENCODING, TAPE_COLUMNS } from '#securitization';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, login, platformClients, type TestOrg } from '../support/auth.js';
import { insertAcceptedBills } from '../support/bill-factory.js';
import { pdfCompactText } from '../support/pdf-text.js';

const CLI = resolve('dist/apps/cli/src/main.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);


describe('cut-off lock, loan tape and per-asset proofs (real PostgreSQL, real anvil)', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;
  let apiClosed = false;
  let sql: pg.Client;
  let bank: TestOrg;
  let obligors: TestOrg[];
  let billIds: string[];
  let outside: string;
  let poolId: string;
  let tape: { root: string; csvSha256: string; pdfSha256: string; anchorBatchId: string; assetCount: number; balanceMinor: string };
  const proofs = new Map<string, any>(); // eslint-disable-line @typescript-eslint/no-explicit-any
  let anchor: Contract;
  const work = mkdtempSync(join(tmpdir(), 'tally-tape-'));

  beforeAll(async () => {
    p = await startTestPlatform({ env: { KYC_EXPIRY_CHECK_MS: '86400000' } });
    platform = await platformClients(p.baseUrl, p.db.url);
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    [bank, ...obligors] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['ORIGINATOR'], legalName: 'Tape Bank AG' }),
      ...[0, 1, 2].map((i) => createOrg(p.baseUrl, platform, { roles: ['BUYER'], legalName: `Tape Obligor ${i} SE` })),
    ]);
    [outside, ...billIds] = await insertAcceptedBills(
      sql,
      Array.from({ length: 31 }, (_, i) => ({
        supplierOrgId: bank.id,
        buyerOrgId: obligors[i % 3]!.id,
        holderOrgId: bank.id,
        faceAmountMinor: BigInt(100_000 + i * 1_000),
        dueDate: plusDays(30 + i),
      })),
    );
    const status = await platform.anonymous.get('/api/v1/status');
    anchor = new Contract(
      status.body.contracts.find((c: { name: string }) => c.name === 'DocumentAnchor').address,
      DocumentAnchorAbi,
      p.chain.provider,
    );
  }, 240_000);

  afterAll(async () => {
    await sql?.end();
    if (p && !apiClosed) await p.app.close();
    await p?.chain.stop();
    await p?.db.drop();
  });

  it('locks the pool at cut-off: the tape is frozen, refused twice, and no bill is added after it', async () => {
    const pool = await bank.admin.post('/api/v1/pools', { name: 'Tape pool', currency: 'EUR', cutOffDate: plusDays(1) });
    poolId = pool.body.id;
    expect((await bank.admin.post(`/api/v1/pools/${poolId}/lock`)).body.code).toBe('POOL_EMPTY');
    expect((await bank.admin.get(`/api/v1/pools/${poolId}/tape`)).body.code).toBe('POOL_NOT_LOCKED');
    const early = await bank.admin.get(`/api/v1/pools/${poolId}/tape.pdf`);
    expect([early.status, early.body.code]).toEqual([409, 'POOL_NOT_LOCKED']);
    const added = await bank.admin.post(`/api/v1/pools/${poolId}/bills`, { billIds });
    expect(added.body.added).toBe(30);
    const locked = await bank.admin.post(`/api/v1/pools/${poolId}/lock`);
    expect(locked.status).toBe(200);
    tape = locked.body;
    expect(tape).toMatchObject({
      assetCount: 30,
      leafEncoding: [...LEAF_ENCODING],
      leafFields: ['tokenId', 'faceAmountMinor', 'dueDateUnix', 'obligorId', 'fingerprint'],
    });
    const again = await bank.admin.post(`/api/v1/pools/${poolId}/lock`);
    expect([again.status, again.body.code]).toEqual([409, 'POOL_NOT_OPEN']);
    const late = await bank.admin.post(`/api/v1/pools/${poolId}/bills`, { billIds: [outside] });
    expect([late.status, late.body.code]).toEqual([409, 'POOL_NOT_OPEN']);
    expect((await bank.admin.get(`/api/v1/pools/${poolId}`)).body.state).toBe('LOCKED');
    const member = await bank.member.post(`/api/v1/pools/${poolId}/lock`);
    expect(member.status).toBe(403);
  });

  it('exports the tape as canonical CSV and JSON whose leaves rebuild the root', async () => {
    const csv = (await bank.admin.get(`/api/v1/pools/${poolId}/tape.csv`)).body as string;
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(TAPE_COLUMNS.join(','));
    expect(lines).toHaveLength(31);
    expect('0x' + createHash('sha256').update(csv).digest('hex')).toBe(tape.csvSha256);
    // the root from the CSV alone, with OpenZeppelin's library
    const values = lines.slice(1).map((l) => {
      const c = l.split(',');
      return [c[0]!, c[5]!, String(Date.parse(`${c[7]}T00:00:00Z`) / 1000), '0x' + c[3]!.replace(/-/g, '').padStart(64, '0'), c[8]!];
    });
    expect(StandardMerkleTree.of(values, [...LEAF_ENCODING]).root).toBe(tape.root);
    const json = (await bank.admin.get(`/api/v1/pools/${poolId}/tape`)).body;
    expect(json.root).toBe(tape.root);
    expect(json.assets.map((a: { billId: string }) => a.billId).sort()).toEqual([...billIds].sort());
    expect(json.assets.reduce((s: bigint, a: { faceAmountMinor: string }) => s + BigInt(a.faceAmountMinor), 0n).toString()).toBe(
      tape.balanceMinor,
    );
    // the CSV's hash went to the anchoring batches
    const leaf = (await sql.query(`SELECT kind, reference FROM anchor_leaves WHERE sha256 = decode($1, 'hex')`, [tape.csvSha256.slice(2)]))
      .rows;
    expect(leaf).toEqual([{ kind: 'POOL_TAPE', reference: poolId }]);
  });

  it('summarises the tape in a PDF rendered at the lock: byte-stable, its hash anchored and verified, not for strangers', async () => {
    const download = async (org: TestOrg) => {
      const { accessToken } = await login(p.baseUrl, org.adminEmail);
      const res = await fetch(`${p.baseUrl}/api/v1/pools/${poolId}/tape.pdf`, { headers: { authorization: `Bearer ${accessToken}` } });
      return { status: res.status, type: res.headers.get('content-type'), sha: res.headers.get('x-content-sha256'), bytes: Buffer.from(await res.arrayBuffer()) };
    };
    const first = await download(bank);
    expect([first.status, first.type]).toEqual([200, 'application/pdf']);
    const pdf = first.bytes;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const sha = '0x' + createHash('sha256').update(pdf).digest('hex');
    expect(sha).toBe(tape.pdfSha256);
    expect(first.sha).toBe(sha);
    // the same bytes on every download, and the date inside is the lock's, not the download's
    const second = await download(bank);
    expect(Buffer.compare(second.bytes, pdf)).toBe(0);
    const lockedAt = new Date((await bank.admin.get(`/api/v1/pools/${poolId}`)).body.lockedAt);
    const d = lockedAt.toISOString();
    expect(pdf.toString('latin1')).toContain(`(D:${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}${d.slice(11, 13)}${d.slice(14, 16)}${d.slice(17, 19)}Z)`);
    // what it says: the pool, the figures at cut-off, the largest obligors, the tape's root and CSV hash
    const text = pdfCompactText(pdf);
    for (const s of ['Tapepool', 'Assets30', `Balance${Number(tape.balanceMinor) / 100}.00EUR`, 'WAdiscountyieldnotpriced', 'TapeObligor', '31-60', tape.root, tape.csvSha256, tape.anchorBatchId])
      expect(text).toContain(s);
    // anchored through the anchoring batches, and the public verification finds it on chain
    const leaf = (await sql.query(`SELECT kind, reference FROM anchor_leaves WHERE sha256 = decode($1, 'hex')`, [sha.slice(2)])).rows;
    expect(leaf).toEqual([{ kind: 'POOL_TAPE', reference: `pool-tape.pdf:${poolId}` }]);
    const deadline = Date.now() + 60_000;
    let verified: { status: string; receipt?: unknown };
    for (;;) {
      verified = (await platform.anonymous.post('/api/v1/verify', { sha256: sha })).body;
      if (verified.status === 'ANCHORED' || Date.now() > deadline) break;
      await sleep(250);
    }
    expect(verified.status).toBe('ANCHORED');
    // the same as other pool reads for an organization outside the pool
    const stranger = await obligors[0]!.admin.get(`/api/v1/pools/${poolId}/tape.pdf`);
    expect([stranger.status, stranger.body.code]).toEqual([404, 'POOL_NOT_FOUND']);
  }, 90_000);

  it('proves every asset in MerkleProof.sol (DocumentAnchor.verifyEncoded) and in @openzeppelin/merkle-tree; a changed amount or an outside bill fails', async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const first = await bank.admin.get(`/api/v1/pools/${poolId}/assets/${billIds[0]}/proof`);
      if (first.body.anchor?.status === 'CONFIRMED') break;
      if (Date.now() > deadline) throw new Error(`tape root not anchored: ${JSON.stringify(first.body)}`);
      await sleep(200);
    }
    for (const id of billIds) {
      const proof = (await bank.admin.get(`/api/v1/pools/${poolId}/assets/${id}/proof`)).body;
      expect(proof.root).toBe(tape.root);
      expect(StandardMerkleTree.verify(tape.root, [...LEAF_ENCODING], proof.value, proof.proof)).toBe(true);
      expect(await anchor.getFunction('verifyEncoded')(tape.root, proof.proof, AbiCoder.defaultAbiCoder().encode([...LEAF_ENCODING], proof.value))).toBe(true);
      proofs.set(id, proof);
    }
    const one = proofs.get(billIds[3]!)!;
    const changed = [...one.value];
    changed[1] = (BigInt(changed[1]) + 1n).toString();
    expect(StandardMerkleTree.verify(tape.root, [...LEAF_ENCODING], changed, one.proof)).toBe(false);
    expect(await anchor.getFunction('verifyEncoded')(tape.root, one.proof, AbiCoder.defaultAbiCoder().encode([...LEAF_ENCODING], changed))).toBe(false);
    const notInPool = await bank.admin.get(`/api/v1/pools/${poolId}/assets/${outside}/proof`);
    expect([notInPool.status, notInPool.body.code]).toEqual([404, 'POOL_ASSET_NOT_FOUND']);
    const stranger = await obligors[0]!.admin.get(`/api/v1/pools/${poolId}/assets/${billIds[0]}/proof`);
    expect([stranger.status, stranger.body.code]).toEqual([404, 'POOL_NOT_FOUND']);
  }, 120_000);

  it('structures the locked pool: tranches within the pool balance, credit enhancement per tranche, stored in the engine format', async () => {
    const deal = {
      name: 'Tape Deal 2026-1',
      closingDate: plusDays(2),
      firstDistributionDate: plusDays(40),
      statedMaturityDate: plusDays(400),
      paymentFrequency: 'MONTHLY',
      dayCount: 'ACT/360',
      tranches: [
        { className: 'A', sizeMinor: '2500000', couponBps: 350, rank: 1, denominationMinor: '100000' },
        { className: 'B', sizeMinor: '500000', couponBps: 600, rank: 2, denominationMinor: '100000' },
        { className: 'E', sizeMinor: '300000', couponBps: 0, rank: 3, equity: true, denominationMinor: '100000' },
      ],
      servicerFeeBpsPerAnnum: 50,
      trusteeFeePerPeriodMinor: '1500',
      reserveTargetBps: 200,
      triggers: [{ name: 'oc', kind: 'OC_RATIO_BELOW', thresholdBps: 10_300, effect: 'SEQUENTIAL_PRINCIPAL' }],
    };
    const audit = async () => (await sql.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    const before = await audit();
    const tooBig = await bank.admin.post(`/api/v1/pools/${poolId}/deal`, {
      ...deal,
      tranches: [{ ...deal.tranches[0], sizeMinor: '3500000' }],
    });
    expect([tooBig.status, tooBig.body.code]).toEqual([422, 'DEAL_STRUCTURE_INVALID']);
    expect(tooBig.body.details.problems).toEqual([
      { field: 'tranches', problem: `the tranches total 3500000, more than the pool balance ${tape.balanceMinor}` },
    ]);
    const open = await bank.admin.post('/api/v1/pools', { name: 'Still open', currency: 'EUR', cutOffDate: plusDays(1) });
    const notLocked = await bank.admin.post(`/api/v1/pools/${open.body.id}/deal`, deal);
    expect([notLocked.status, notLocked.body.code]).toEqual([409, 'POOL_NOT_LOCKED']);
    const stranger = await obligors[0]!.admin.post(`/api/v1/pools/${poolId}/deal`, deal);
    expect([stranger.status, stranger.body.code]).toEqual([404, 'POOL_NOT_FOUND']);
    expect(await audit()).toBe(before + 1); // only the open pool's creation
    expect((await sql.query('SELECT count(*)::int AS n FROM deals')).rows[0].n).toBe(0);

    // no deal, no purchase price: no discount yield
    const unpriced = (await bank.admin.get(`/api/v1/pools/${poolId}/analytics`)).body;
    expect([unpriced.waDiscountYieldBps, unpriced.discountYieldPriceMinor, unpriced.discountYieldPriceSource]).toEqual([null, null, null]);
    const created = await bank.admin.post(`/api/v1/pools/${poolId}/deal`, deal);
    expect(created.status).toBe(201);
    // priced at the tranches at par, P = 3,300,000 for F = 3,465,000. As of 30 days before the first
    // asset's due date, asset i (face 100,000 + 1,000 i, i = 1..30) has t_i = 30 + i days and
    // y_i = (F − P) / P × 365 / t_i = 182,500 / t_i bps; Σ f_i·y_i / F = 4,105.16… → 4,105 bps.
    const dues = (await bank.admin.get(`/api/v1/pools/${poolId}/tape`)).body.assets.map((x: { dueDate: string }) => x.dueDate).sort();
    const asOf = new Date(Date.parse(`${dues[0]}T00:00:00Z`) - 31 * 86_400_000).toISOString().slice(0, 10);
    const priced = (await bank.admin.get(`/api/v1/pools/${poolId}/analytics?asOf=${asOf}`)).body;
    expect([priced.waDiscountYieldBps, priced.discountYieldPriceMinor, priced.discountYieldPriceSource]).toEqual([4_105, '3300000', 'DEAL']);
    // every asset due by then: nothing left to yield
    const late = (await bank.admin.get(`/api/v1/pools/${poolId}/analytics?asOf=${dues.at(-1)}`)).body;
    expect([late.waDiscountYieldBps, late.discountYieldPriceSource]).toEqual([null, 'DEAL']);
    expect(tape.balanceMinor).toBe('3465000');
    // OC 165,000 and reserve 2 % of 3,000,000 of notes = 60,000, in bps of 3,465,000 (floored)
    expect(created.body).toMatchObject({ state: 'STRUCTURED', poolBalanceMinor: '3465000', reserveFundingMinor: '60000' });
    expect(
      created.body.creditEnhancement.map(
        (c: { className: string; subordinationBps: number; overcollateralizationBps: number; reserveBps: number; totalBps: number }) => [
          c.className,
          c.subordinationBps,
          c.overcollateralizationBps,
          c.reserveBps,
          c.totalBps,
        ],
      ),
    ).toEqual([
      ['A', 2_308, 476, 173, 2_958],
      ['B', 865, 476, 173, 1_515],
      ['E', 0, 0, 0, 0],
    ]);
    const s = created.body.structure;
    expect(
      s.bonds.map((b: { name: string; principalType: string; balance: number; currentRate: number }) => [
        b.name,
        b.principalType,
        b.balance,
        b.currentRate,
      ]),
    ).toEqual([
      ['A', 'sequential', 25_000, 0.035],
      ['B', 'sequential', 5_000, 0.06],
      ['E', 'equity', 3_000, 0],
    ]);
    expect(s.accounts.find((a: { name: string }) => a.name === 'reserve').openingBalance).toBe(600);
    expect(s.triggers[0]).toMatchObject({
      condition: { test: 'compare', op: '<', left: { fn: 'currentPoolBalance' } },
      effect: { effect: 'changeDealStatus', to: 'accelerated' },
    });
    expect(created.body.engineDates).toMatchObject({
      type: 'preClosing',
      closing: deal.closingDate,
      firstDistribution: deal.firstDistributionDate,
    });
    expect((await bank.admin.get(`/api/v1/pools/${poolId}/deal`)).body.id).toBe(created.body.id);
    const twice = await bank.admin.post(`/api/v1/pools/${poolId}/deal`, deal);
    expect([twice.status, twice.body.code]).toEqual([409, 'DEAL_EXISTS']);
  });

  it('opens a subscription window; approved investors order; the oversubscribed tranche is allocated pro rata', async () => {
    const deal = (await bank.admin.get(`/api/v1/pools/${poolId}/deal`)).body;
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    const opened = await bank.admin.post(`/api/v1/deals/${deal.id}/tranches/B/subscription`, { closesAt });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ className: 'B', sizeMinor: '500000', denominationMinor: '100000', state: 'OPEN', couponBps: 600 });
    expect((await bank.admin.post(`/api/v1/deals/${deal.id}/tranches/B/subscription`, { closesAt })).body.code).toBe(
      'SUBSCRIPTION_INVALID',
    );
    expect((await bank.admin.post(`/api/v1/deals/${deal.id}/tranches/Z/subscription`, { closesAt })).body.code).toBe('TRANCHE_NOT_FOUND');
    const offering = opened.body.id as string;
    const [inv1, inv2, unapproved, supplierLike] = await Promise.all([
      createOrg(p.baseUrl, platform, { roles: ['INVESTOR'], legalName: 'Harbor Pension Fund' }),
      createOrg(p.baseUrl, platform, { roles: ['INVESTOR'], legalName: 'Alpine Insurance AG' }),
      createOrg(p.baseUrl, platform, { roles: ['INVESTOR'], legalName: 'Pending Capital Ltd', approve: false, submit: true }),
      createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'], legalName: 'Not An Investor GmbH' }),
    ]);
    expect((await inv1!.admin.get('/api/v1/offerings')).body.map((o: { id: string }) => o.id)).toContain(offering);
    const orders = async () => (await sql.query('SELECT count(*)::int AS n FROM subscription_orders')).rows[0].n;
    for (const org of [unapproved!, supplierLike!]) {
      const refused = await org.admin.post(`/api/v1/offerings/${offering}/orders`, { amountMinor: '100000' });
      expect([refused.status, refused.body.code]).toEqual([403, 'INVESTOR_NOT_ELIGIBLE']);
    }
    const member = await inv1!.member.post(`/api/v1/offerings/${offering}/orders`, { amountMinor: '100000' });
    expect([member.status, member.body.code]).toEqual([403, 'INVESTOR_NOT_ELIGIBLE']);
    const broken = await inv1!.admin.post(`/api/v1/offerings/${offering}/orders`, { amountMinor: '150000' });
    expect([broken.status, broken.body.code]).toEqual([422, 'ORDER_INVALID']);
    expect(await orders()).toBe(0);
    // 700,000 + 300,000 ordered for 500,000: 350,000 / 150,000 exactly, in notes of 100,000 → 3 + 1 notes, the last note by largest remainder
    expect((await inv1!.admin.post(`/api/v1/offerings/${offering}/orders`, { amountMinor: '700000' })).status).toBe(201);
    expect((await inv2!.admin.post(`/api/v1/offerings/${offering}/orders`, { amountMinor: '300000' })).status).toBe(201);
    const again = await inv2!.admin.post(`/api/v1/offerings/${offering}/orders`, { amountMinor: '100000' });
    expect([again.status, again.body.code]).toEqual([422, 'ORDER_INVALID']);
    expect((await inv1!.admin.get(`/api/v1/offerings/${offering}/orders`)).body).toHaveLength(1);
    expect((await inv1!.admin.post(`/api/v1/offerings/${offering}/allocate`)).status).toBe(404);
    const allocated = await bank.admin.post(`/api/v1/offerings/${offering}/allocate`);
    expect(allocated.status).toBe(200);
    const by = Object.fromEntries(
      allocated.body.map((o: { investorOrganizationId: string; allocatedMinor: string }) => [o.investorOrganizationId, o.allocatedMinor]),
    );
    expect(by).toEqual({ [inv1!.id]: '400000', [inv2!.id]: '100000' });
    // the investors' home figures: notes per tranche, what was ordered, nothing distributed yet
    const holdings = (await inv1!.admin.get(`/api/v1/investors/${inv1!.id}/portfolio`)).body;
    expect(holdings).toEqual({
      holdings: [{ dealId: deal.id, dealName: deal.name, tranche: 'B', currency: opened.body.currency, allocatedMinor: '400000', orderedMinor: '700000', distributedMinor: '0', noteBalanceMinor: null, closingState: null }],
      distributions: [],
    });
    expect((await inv2!.admin.get(`/api/v1/investors/${inv2!.id}/portfolio`)).body.holdings).toEqual([expect.objectContaining({ tranche: 'B', allocatedMinor: '100000' })]);
    expect((await inv2!.admin.get(`/api/v1/investors/${inv1!.id}/portfolio`)).status).toBe(404);
    const late = await inv2!.admin.post(`/api/v1/offerings/${offering}/orders`, { amountMinor: '100000' });
    expect([late.status, late.body.code]).toEqual([409, 'SUBSCRIPTION_CLOSED']);
    expect((await bank.admin.post(`/api/v1/offerings/${offering}/allocate`)).body.code).toBe('SUBSCRIPTION_CLOSED');
    expect((await inv1!.admin.get('/api/v1/offerings')).body.map((o: { id: string }) => o.id)).not.toContain(offering);
  }, 120_000);

  it('`tally verify-asset` checks a proof against the RPC node with the API stopped', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first`);
    const good = join(work, 'good.json');
    writeFileSync(good, JSON.stringify(proofs.get(billIds[5]!)));
    const base = proofs.get(billIds[6]!)!;
    const changedValue = [...base.value];
    changedValue[1] = (BigInt(changedValue[1]) + 1n).toString();
    const amount = join(work, 'amount.json');
    writeFileSync(
      amount,
      JSON.stringify({
        ...base,
        value: changedValue,
        leaf: StandardMerkleTree.of([changedValue], [...LEAF_ENCODING]).leafHash(changedValue),
      }),
    );
    const stale = join(work, 'stale-leaf.json');
    writeFileSync(stale, JSON.stringify({ ...base, value: changedValue }));
    const outsideRow = (
      await sql.query(
        `SELECT token_id::text AS t, face_amount_minor::text AS f, due_date::text AS d, buyer_org_id AS o, fingerprint FROM bills WHERE id = $1`,
        [outside],
      )
    ).rows[0];
    const outsideValue = [
      outsideRow.t,
      outsideRow.f,
      String(Date.parse(`${outsideRow.d}T00:00:00Z`) / 1000),
      '0x' + outsideRow.o.replace(/-/g, '').padStart(64, '0'),
      outsideRow.fingerprint,
    ];
    const outsider = join(work, 'outside.json');
    writeFileSync(
      outsider,
      JSON.stringify({
        ...base,
        billId: outside,
        value: outsideValue,
        leaf: StandardMerkleTree.of([outsideValue], [...LEAF_ENCODING]).leafHash(outsideValue),
      }),
    );

    await p.app.close();
    apiClosed = true;
    await expect(fetch(`${p.baseUrl}/health`)).rejects.toThrow();
    const rpc = p.chain.anvil.url;
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = execFile(process.execPath, [CLI, ...args], { timeout: 60_000 }, (_e, stdout, stderr) =>
          done({ code: child.exitCode, stdout, stderr }),
        );
      });
    const ok = await run(['verify-asset', good, '--rpc', rpc]);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toContain(`VERIFIED  bill ${billIds[5]}`);
    const bad = await run(['verify-asset', amount, '--rpc', rpc, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, code: 'PROOF_INVALID' });
    expect(JSON.parse((await run(['verify-asset', stale, '--rpc', rpc, '--json'])).stdout)).toMatchObject({
      ok: false,
      code: 'LEAF_MISMATCH',
    });
    const out = await run(['verify-asset', outsider, '--rpc', rpc, '--json']);
    expect([out.code, JSON.parse(out.stdout).code]).toEqual([1, 'PROOF_INVALID']);
    // a root that was never anchored is refused by the chain itself
    const forged = join(work, 'forged.json');
    const alone = StandardMerkleTree.of([outsideValue], [...LEAF_ENCODING]);
    writeFileSync(
      forged,
      JSON.stringify({ ...base, value: outsideValue, leaf: alone.leafHash(outsideValue), root: alone.root, proof: [] }),
    );
    const f = await run(['verify-asset', forged, '--rpc', rpc, '--json']);
    expect([f.code, JSON.parse(f.stdout).code]).toEqual([1, 'ROOT_NOT_ANCHORED']);
  }, 120_000);
});
