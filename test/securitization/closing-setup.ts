import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { TestPlatform } from '../support/platform.js';
import { createOrg, waitForVerifiedWallet, type platformClients, type TestOrg } from '../support/auth.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not reached; last ${JSON.stringify(v)}`);
    await sleep(100);
  }
}

export interface ClosingParties {
  bank: TestOrg;
  buyers: TestOrg[];
  investors: TestOrg[];
  wallets: Map<string, string>;
}

/** A bank that issues and holds bills (SUPPLIER + ORIGINATOR), its buyers and investors, all with registered wallets. */
export async function createParties(p: TestPlatform, platform: Awaited<ReturnType<typeof platformClients>>, tag: string, investors = 2): Promise<ClosingParties> {
  const [bank, ...rest] = await Promise.all([
    createOrg(p.baseUrl, platform, { roles: ['SUPPLIER', 'ORIGINATOR'], legalName: `${tag} Bank AG` }),
    ...[0, 1, 2].map((i) => createOrg(p.baseUrl, platform, { roles: ['BUYER'], legalName: `${tag} Obligor ${i} SE`, country: 'FR' })),
    ...Array.from({ length: investors }, (_, i) => createOrg(p.baseUrl, platform, { roles: ['INVESTOR'], legalName: `${tag} Investor ${i} Fund` })),
  ]);
  const buyers = rest.slice(0, 3);
  const invs = rest.slice(3);
  const wallets = new Map<string, string>();
  for (const org of [bank!, ...buyers, ...invs]) wallets.set(org.id, await waitForVerifiedWallet(org, 60_000));
  return { bank: bank!, buyers, investors: invs, wallets };
}

/** Settlement tokens to an organization's wallet (the platform admin's deposit, through the outbox). */
export async function deposit(platform: Awaited<ReturnType<typeof platformClients>>, org: TestOrg, amountMinor: bigint): Promise<void> {
  const dep = await platform.admin.post('/api/v1/settlement/deposits', {
    organizationId: org.id,
    currency: 'EUR',
    amountMinor: amountMinor.toString(),
    reference: `closing-${randomBytes(6).toString('hex')}`,
  });
  if (dep.status !== 201) throw new Error(`deposit: ${dep.status} ${JSON.stringify(dep.body)}`);
  await waitFor(
    () => org.admin.get(`/api/v1/settlement/organizations/${org.id}/movements`),
    (r) => r.body.every((m: { state: string }) => m.state === 'CONFIRMED'),
    'deposit confirmed',
  );
}

/** Bills issued by the bank through the API, accepted by their buyers, on chain. */
/** `dueDays[i]`: bill i is due that many days from today (default 60 + i). */
export async function issueAcceptedBills(parties: ClosingParties, faces: bigint[], dueDays?: number[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, face] of faces.entries()) {
    const buyer = parties.buyers[i % parties.buyers.length]!;
    const res = await parties.bank.admin.post('/api/v1/bills', {
      buyerOrganizationId: buyer.id,
      invoiceNumber: `CL-${i}-${randomBytes(4).toString('hex')}`,
      amountMinor: face.toString(),
      currency: 'EUR',
      issueDate: today(),
      dueDate: plusDays(dueDays?.[i] ?? 60 + i),
    });
    if (res.status !== 201) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(res.body.id);
  }
  const settled = (id: string) =>
    waitFor(
      () => parties.bank.admin.get(`/api/v1/bills/${id}`),
      (r) => r.body?.pendingAction === null,
      `bill ${id} settled`,
    );
  for (const id of ids) await settled(id);
  for (const [i, id] of ids.entries()) {
    const r = await parties.buyers[i % parties.buyers.length]!.admin.post(`/api/v1/bills/${id}/accept`, {});
    if (r.status !== 200) throw new Error(`accept: ${r.status} ${JSON.stringify(r.body)}`);
  }
  for (const id of ids) {
    const b = (await settled(id)).body;
    if (b.state !== 'ACCEPTED') throw new Error(`bill ${id} is ${b.state}`);
  }
  return ids;
}

export const POOL_BODY = (name: string) => ({
  name,
  currency: 'EUR',
  cutOffDate: plusDays(1),
});

export const dealBody = (name: string, tranches: { className: string; sizeMinor: string; couponBps: number; rank: number; equity?: boolean; denominationMinor: string }[], reserveTargetBps = 200) => ({
  name,
  closingDate: plusDays(2),
  firstDistributionDate: plusDays(40),
  statedMaturityDate: plusDays(400),
  paymentFrequency: 'MONTHLY',
  dayCount: 'ACT/360',
  tranches,
  servicerFeeBpsPerAnnum: 50,
  trusteeFeePerPeriodMinor: '1500',
  reserveTargetBps,
  triggers: [],
});

export async function count(sql: pg.Client, table: string): Promise<number> {
  return (await sql.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
}
