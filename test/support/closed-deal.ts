// A deal closed on chain, quickly, through the API (the closing e2e's flow: pool, lock, deal,
// offerings, orders, allocation, close), for the tests that start from a closed deal.
import type { TestPlatform } from './platform.js';
import type { platformClients } from './auth.js';
import { createParties, dealBody, deposit, issueAcceptedBills, waitFor, type ClosingParties } from '../securitization/closing-setup.js';

export interface ClosedDealSpec {
  tag: string;
  faces: bigint[];
  tranches: { className: string; sizeMinor: string; couponBps: number; rank: number; equity?: boolean; denominationMinor: string }[];
  /** [investor index, class, amount] orders; each investor gets `investorCash` first. */
  orders: [number, string, string][];
  investorCash: bigint;
  /** Pool cut-off and deal closing date (the deal's terms; the closing on chain happens now). */
  cutOffDate: string;
  closingDate: string;
  firstDistributionDate: string;
  statedMaturityDate: string;
  /** Bill i is due that many days from today (default 60 + i). */
  dueDays?: number[];
  /** The deal's triggers (default none), as the deal API takes them. */
  triggers?: { name: string; kind: 'OC_RATIO_BELOW' | 'CUMULATIVE_DEFAULT_ABOVE'; thresholdBps: number; effect: 'SEQUENTIAL_PRINCIPAL' | 'TRAP_EXCESS_SPREAD' }[];
}

/**
 * The servicing tests' deal: five bills of 1,350,000 minor units in all, A 800,000 (3.5 %), B 200,000
 * (6 %) and an equity class of 100,000; investor 0 buys A 500,000 and B, investor 1 A 300,000 and E.
 */
export const SERVICED_FACES = [250_000n, 260_000n, 270_000n, 280_000n, 290_000n];
export const SERVICED_TRANCHES: ClosedDealSpec['tranches'] = [
  { className: 'A', sizeMinor: '800000', couponBps: 350, rank: 1, denominationMinor: '100000' },
  { className: 'B', sizeMinor: '200000', couponBps: 600, rank: 2, denominationMinor: '100000' },
  { className: 'E', sizeMinor: '100000', couponBps: 0, rank: 3, equity: true, denominationMinor: '100000' },
];
export const SERVICED_ORDERS: ClosedDealSpec['orders'] = [
  [0, 'A', '500000'],
  [1, 'A', '300000'],
  [0, 'B', '200000'],
  [1, 'E', '100000'],
];

export interface ClosedDeal {
  parties: ClosingParties;
  billIds: string[];
  poolId: string;
  dealId: string;
  closing: { id: string; vaultAddress: string; trancheTokens: Record<string, string>; reserveMinor: string };
}

/** Issues and accepts the bills, pools them, structures, sells and closes the deal; waits for CLOSED. */
export async function closeDeal(p: TestPlatform, platform: Awaited<ReturnType<typeof platformClients>>, spec: ClosedDealSpec): Promise<ClosedDeal> {
  const investors = Math.max(...spec.orders.map(([i]) => i)) + 1;
  const parties = await createParties(p, platform, spec.tag, investors);
  for (const inv of parties.investors) await deposit(platform, inv, spec.investorCash);
  const billIds = await issueAcceptedBills(parties, spec.faces, spec.dueDays);
  const { bank } = parties;
  const ok = (r: { status: number; body: unknown }, status: number, what: string) => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const pool = ok(await bank.admin.post('/api/v1/pools', { name: `${spec.tag} pool`, currency: 'EUR', cutOffDate: spec.cutOffDate }), 201, 'pool');
  const poolId = (pool.body as { id: string }).id;
  ok(await bank.admin.post(`/api/v1/pools/${poolId}/bills`, { billIds }), 200, 'add bills');
  ok(await bank.admin.post(`/api/v1/pools/${poolId}/lock`), 200, 'lock');
  const body = {
    ...dealBody(`${spec.tag} Deal`, spec.tranches),
    closingDate: spec.closingDate,
    firstDistributionDate: spec.firstDistributionDate,
    statedMaturityDate: spec.statedMaturityDate,
    ...(spec.triggers ? { triggers: spec.triggers } : {}),
  };
  const deal = ok(await bank.admin.post(`/api/v1/pools/${poolId}/deal`, body), 201, 'deal');
  const dealId = (deal.body as { id: string }).id;
  await waitFor(
    () => bank.admin.get(`/api/v1/pools/${poolId}/assets/${billIds[0]}/proof`),
    (r) => r.body.anchor?.status === 'CONFIRMED',
    'tape anchored',
  );
  const closesAt = new Date(Date.now() + 3_600_000).toISOString();
  const offerings = new Map<string, string>();
  for (const t of spec.tranches) {
    const o = ok(await bank.admin.post(`/api/v1/deals/${dealId}/tranches/${t.className}/subscription`, { closesAt }), 201, 'offering');
    offerings.set(t.className, (o.body as { id: string }).id);
  }
  for (const [i, cls, amount] of spec.orders) ok(await parties.investors[i]!.admin.post(`/api/v1/offerings/${offerings.get(cls)}/orders`, { amountMinor: amount }), 201, 'order');
  for (const t of spec.tranches) ok(await bank.admin.post(`/api/v1/offerings/${offerings.get(t.className)}/allocate`), 200, 'allocate');
  ok(await bank.admin.post(`/api/v1/deals/${dealId}/close`), 202, 'close');
  const done = (
    await waitFor(
      () => bank.admin.get(`/api/v1/deals/${dealId}/closing`),
      (r) => r.body.state === 'CLOSED' || r.body.state === 'FAILED',
      'closing finished',
      240_000,
    )
  ).body;
  if (done.state !== 'CLOSED') throw new Error(`closing ${done.state}: ${done.failureReason}`);
  return { parties, billIds, poolId, dealId, closing: done };
}
