// Pools in-process, on a scratch PostgreSQL with the real migrations and the real services
// (libs/securitization's PoolsService, PoolAnalyticsService and loan tape; libs/bills'
// BillPoolingService; identity's OrganizationsService):
//
//   1. adding BENCH_POOL_N bills (default 100,000) to one pool in requests of BENCH_POOL_BATCH
//      (default 10,000): eligibility (set-based reads, every criterion) + concentration limits, bills/s;
//   2. analytics of the resulting pool (count, balance, WA term, top-N, HHI, sellers, buckets), ms
//      (median of 5);
//   3. loan tape of the pool (CSV + one StandardMerkleTree leaf per asset + root), ms, against
//      @openzeppelin/merkle-tree building the same tree alone, ms (median of 3 each).
//
//   npm run build && node bench/securitization/pools.mjs
//
// The bills and organizations are written set-based straight into their tables (as
// test/support/bill-factory.ts does); everything timed runs the platform's own code.
import { randomBytes, randomUUID } from 'node:crypto';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { intEnv } from '../lib/process.mjs';
import { scratchDatabase } from '../lib/platform.mjs';

const N = intEnv('BENCH_POOL_N', 100_000, 100, 1_000_000);
const BATCH = intEnv('BENCH_POOL_BATCH', 10_000, 1, 100_000);
const OBLIGORS = 200;

const core = await import('../../dist/libs/core/src/index.js');
const platform = await import('../../dist/libs/platform/src/index.js');
const bills = await import('../../dist/libs/bills/src/index.js');
const identity = await import('../../dist/libs/identity/src/index.js');
const sec = await import('../../dist/libs/securitization/src/index.js');
const { DataSource } = await import('typeorm');

const cleanups = [];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const plusDays = (d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

try {
  const db = await scratchDatabase(cleanups, 'tally_bench_pools');
  const ds = new DataSource(
    core.buildDataSourceOptions({ url: db.url, entities: platform.ENTITIES, migrations: platform.MIGRATIONS, poolSize: 4 }),
  );
  await ds.initialize();
  cleanups.push(() => ds.destroy());
  await core.runMigrations(ds);

  const lei = () => identity.demoLei(1_000_000 + Math.floor(Math.random() * 8_000_000));
  const [{ id: originator }] = await ds.query(
    `INSERT INTO organizations (legal_name, lei, country, roles, kyc_state, kyc_expires_at, version) VALUES ('Bench Bank AG', $1, 'DE', '{ORIGINATOR,FINANCIER}', 'APPROVED', now() + interval '1 year', 1) RETURNING id`,
    [lei()],
  );
  const obligors = [];
  for (let i = 0; i < OBLIGORS; i++) {
    const [{ id }] = await ds.query(
      `INSERT INTO organizations (legal_name, lei, country, roles, kyc_state, kyc_expires_at, version) VALUES ($1, $2, 'FR', '{BUYER}', 'APPROVED', now() + interval '1 year', 1) RETURNING id`,
      [`Bench Obligor ${i}`, lei()],
    );
    obligors.push(id);
  }
  const ids = [];
  const today = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < N; i += 5_000) {
    const n = Math.min(5_000, N - i);
    const chunk = Array.from({ length: n }, () => randomUUID());
    ids.push(...chunk);
    await ds.query(
      `INSERT INTO bills (id, supplier_org_id, buyer_org_id, holder_org_id, invoice_number, face_amount_minor, currency, issue_date, due_date,
                          state, encumbrance, fingerprint, chain_status, token_id, accepted_at, version)
       SELECT u.id, $2, u.b, $2, 'B-' || u.id, u.f, 'EUR', $3::date, u.d, $4, $5, u.fp, $6, u.t, now(), 1
         FROM unnest($1::uuid[], $7::uuid[], $8::numeric[], $9::date[], $10::text[], $11::numeric[]) AS u(id, b, f, d, fp, t)`,
      [
        chunk,
        originator,
        today,
        bills.BillState.ACCEPTED,
        bills.Encumbrance.NONE,
        bills.BillChainStatus.ON_CHAIN,
        chunk.map((_, k) => obligors[(i + k) % OBLIGORS]),
        chunk.map((_, k) => String(50_000 + ((i + k) % 97) * 1_000)),
        chunk.map((_, k) => plusDays(20 + ((i + k) % 300))),
        chunk.map(() => `0x${randomBytes(32).toString('hex')}`),
        chunk.map((id) => bills.billTokenId(id).toString()),
      ],
    );
  }

  const audit = new core.AuditService(ds);
  const organizations = new identity.OrganizationsService(ds, new identity.OrganizationAccess(ds), audit);
  const pools = new sec.PoolsService(ds, new bills.BillPoolingService(), organizations, audit);
  const analytics = new sec.PoolAnalyticsService(ds, pools, organizations);
  const p = { userId: randomUUID(), email: 'bench@bench.tally', organizationId: originator, roles: [core.OrgRole.ORG_ADMIN] };
  const pool = await pools.create(p, {
    name: 'Bench pool',
    currency: 'EUR',
    cutOffDate: plusDays(1),
    eligibility: { minRemainingTermDays: 1, maxRemainingTermDays: 400 },
    limits: { maxSingleObligorBps: 2_000, maxTop5ObligorsBps: 6_000, maxSingleSellerBps: 10_000, concentrationBaseMinor: '100000000' },
  });

  const t0 = process.hrtime.bigint();
  let added = 0;
  for (let i = 0; i < ids.length; i += BATCH) added += (await pools.addBills(p, pool.id, { billIds: ids.slice(i, i + BATCH) })).added;
  const addMs = ms(t0);

  const analyticsMs = [];
  let a;
  for (let k = 0; k < 5; k++) {
    const t = process.hrtime.bigint();
    a = await analytics.analytics(p, pool.id, {});
    analyticsMs.push(ms(t));
  }

  const assets = (
    await ds.query(
      `SELECT bill_id, token_id::text, seller_org_id, obligor_org_id, currency, face_amount_minor::text AS f, issue_date::text, due_date::text, fingerprint FROM pool_assets WHERE pool_id = $1`,
      [pool.id],
    )
  ).map((r) => ({
    billId: r.bill_id,
    tokenId: BigInt(r.token_id),
    sellerOrgId: r.seller_org_id,
    obligorOrgId: r.obligor_org_id,
    currency: r.currency,
    faceAmountMinor: BigInt(r.f),
    issueDate: r.issue_date,
    dueDate: r.due_date,
    fingerprint: r.fingerprint,
  }));
  const tapeMs = [];
  const ozMs = [];
  let root;
  for (let k = 0; k < 3; k++) {
    let t = process.hrtime.bigint();
    root = sec.buildTape(assets).root;
    tapeMs.push(ms(t));
    const values = assets.map(sec.leafValueOf);
    t = process.hrtime.bigint();
    const oz = StandardMerkleTree.of(values, [...sec.LEAF_ENCODING]);
    ozMs.push(ms(t));
    if (oz.root !== root) throw new Error('tape root differs from @openzeppelin/merkle-tree');
  }

  const report = {
    bills: N,
    batch: BATCH,
    database: db.server,
    added,
    refused: N - added,
    addBillsPerSecond: Math.round((N / addMs) * 1000),
    addMs: Math.round(addMs),
    analyticsMsMedian: Math.round(median(analyticsMs)),
    analytics: { count: a.count, balanceMinor: a.balanceMinor, obligorHhi: a.obligorHhi, top5ObligorsShareBps: a.top5ObligorsShareBps },
    tapeAssets: assets.length,
    tapeMsMedian: Math.round(median(tapeMs)),
    openZeppelinTreeMsMedian: Math.round(median(ozMs)),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
}
