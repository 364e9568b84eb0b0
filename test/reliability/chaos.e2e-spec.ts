import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Contract, JsonRpcProvider } from 'ethers';
import pg from 'pg';
import { SettlementTokenAbi } from '#contracts';
import { freePort } from '../support/chain.js';
import { prng } from '../support/seeded-random.js';

/**
 * Chaos (issue 12): the platform runs as processes, exactly as `npm start` runs it on a
 * TALLY_HOME (embedded PostgreSQL and anvil under the API process), with the outbox worker as a
 * second process attached to them (WORKER_IN_API=false). Each iteration sends a round of money
 * movements at once — a financing (DvP), a transfer, a split, a payment, deposits and a
 * withdrawal, each with its Idempotency-Key — and at a seeded random moment kills with SIGKILL
 * the worker, the API, or the whole group (API, worker, PostgreSQL and anvil: anvil dumps its
 * state every 5 s, so the chain falls behind the database), restarts what it killed, and retries
 * every command of the round with the same key until it has a final answer.
 *
 * Pass, after the outbox drained:
 * - every money movement exactly once: each organization's on-chain settlement balance equals
 *   what this test's own ledger of final answers says (deposits, withdrawals, DvP prices, payments);
 *   each split's parts sum to their parent and each transfer moved its bill to the bank, on chain;
 * - balances conserved and supply = deposits − withdrawals: the token's totalSupply equals the sum
 *   of the ledger's deposits minus withdrawals, and the sum of every wallet's balance;
 * - `GET /reconciliation` (what `tally reconcile` prints) lists no difference;
 * - no Idempotency-Key is IN_PROGRESS past its lease.
 *
 * `CHAOS_ITERATIONS` (default 20) and `CHAOS_SEED` size and replay a run (`npm run chaos -- --iterations N`).
 */
const ITERATIONS = Number(process.env.CHAOS_ITERATIONS ?? 20);
const SEED = Number(process.env.CHAOS_SEED ?? 20_261_207);
const MAIN = resolve('dist/apps/api/src/main.js');
const WORKER = resolve('dist/apps/worker/src/main.js');
const LEASE_MS = 3_000;
const FACE = 1_000_000n;

const CONFIG_VARS =
  /^(TALLY_|DATABASE_|RPC_URL$|CHAIN_|ANVIL_|EMBEDDED_PG_|KEYSTORE_|DEPLOYMENT_FILE$|WORKER_|PORT$|HOST$|LOG_LEVEL$|CORS_ORIGINS$|PORTAL_DIR$|JSON_BODY_LIMIT_BYTES$|NODE_OPTIONS$|NODE_ENV$|JEST_|IDEMPOTENCY_)/;
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !CONFIG_VARS.test(k))) as Record<
  string,
  string
>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

interface Proc {
  child: ChildProcess;
  out: string[];
  exited: Promise<void>;
}

function launch(main: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [main], { env: { ...baseEnv, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  const keep = (d: Buffer) => {
    out.push(...d.toString().split('\n').filter(Boolean));
    if (out.length > 400) out.splice(0, out.length - 400);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, out, exited: new Promise((r) => child.once('close', () => r())) };
}

/** Every live process under `pid` (the embedded PostgreSQL and anvil are the API's children). */
function tree(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      parent.set(Number(e), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [c, p] of parent) if (p === out[i]) out.push(c);
  return out;
}
const kill9 = (pids: number[]) => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
};

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe(`chaos: kill -9 of the API, the worker and the whole group during money movements (${ITERATIONS} iterations, seed ${SEED})`, () => {
  let home: string;
  let env: Record<string, string>;
  let baseUrl: string;
  let api: Proc | undefined;
  let worker: Proc | undefined;
  /** Processes of killed APIs' trees that outlived them (PostgreSQL, anvil): the next start stops them; killed at the end. */
  const started = new Set<number>();
  let db: pg.Client | undefined;
  const demoPassword = randomBytes(18).toString('base64url');
  const who: Record<'admin' | 'supplier' | 'buyer' | 'bank', { token: string; orgId: string }> = {} as never;

  async function call(method: string, path: string, token: string, body?: unknown, key?: string): Promise<Answer> {
    try {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          authorization: `Bearer ${token}`,
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed };
    } catch (err) {
      return { status: 0, body: { transport: (err as Error).message } };
    }
  }

  async function waitFor<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 90_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: T | undefined;
    for (;;) {
      last = await fn();
      if (ok(last)) return last;
      if (Date.now() > deadline)
        throw new Error(`${what}: not reached within ${timeoutMs / 1000} s; last ${JSON.stringify(last).slice(0, 400)}`);
      await sleep(150);
    }
  }

  async function startApi(): Promise<void> {
    api = launch(MAIN, env);
    for (const pid of [api.child.pid!]) started.add(pid);
    await waitFor(
      'API healthy',
      async () => {
        if (api!.child.exitCode !== null || api!.child.signalCode !== null)
          throw new Error(`the API exited:\n${api!.out.slice(-20).join('\n')}`);
        try {
          const r = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(3_000) });
          const b = (await r.json()) as { database?: { status: string }; chain?: { status: string } };
          return r.status === 200 && b.database?.status === 'up' && b.chain?.status === 'up';
        } catch {
          return false;
        }
      },
      (v) => v,
      120_000,
    );
    for (const pid of tree(api.child.pid!)) started.add(pid);
  }
  function startWorker(): void {
    worker = launch(WORKER, env);
    started.add(worker.child.pid!);
  }

  async function openDb(): Promise<pg.Client> {
    await db?.end().catch(() => undefined);
    const { postgresPassword } = JSON.parse(readFileSync(join(home, 'secrets.json'), 'utf8')) as { postgresPassword: string };
    db = new pg.Client({
      connectionString: `postgres://tally:${encodeURIComponent(postgresPassword)}@127.0.0.1:${env.EMBEDDED_PG_PORT}/tally`,
    });
    db.on('error', () => undefined); // the group kill takes PostgreSQL down under it
    await db.connect();
    return db;
  }

  async function loginAll(): Promise<void> {
    for (const k of ['admin', 'supplier', 'buyer', 'bank'] as const) {
      const res = await call('POST', '/api/v1/auth/login', '', { email: `${k}@demo.tally`, password: demoPassword });
      if (res.status !== 200) throw new Error(`login ${k}: ${res.status} ${JSON.stringify(res.body)}`);
      const me = await call('GET', '/api/v1/auth/me', res.body.accessToken);
      who[k] = { token: res.body.accessToken, orgId: me.body.organizationId };
    }
  }

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'tally-chaos-'));
    chmodSync(home, 0o755); // the embedded PostgreSQL (another OS user when run as root) traverses it
    const [port, pgPort, anvilPort] = [await freePort(), await freePort(), await freePort()];
    baseUrl = `http://127.0.0.1:${port}`;
    env = {
      TALLY_HOME: home,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(pgPort),
      ANVIL_PORT: String(anvilPort),
      LOG_LEVEL: 'warn',
      TALLY_DEMO_PASSWORD: demoPassword,
      WORKER_IN_API: 'false',
      WORKER_POLL_MS: '50',
      IDEMPOTENCY_LEASE_MS: String(LEASE_MS),
      ACCESS_TOKEN_TTL_S: '3600',
    };
    await startApi();
    startWorker();
    await loginAll();
    await openDb();
  }, 180_000);

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    for (const p of [worker, api]) {
      if (p && p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGINT');
        await Promise.race([p.exited, sleep(20_000)]);
      }
    }
    // whatever a killed process left behind and the last stop did not stop
    kill9(
      [...started].filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(home) || readFileSync(`/proc/${pid}/environ`, 'utf8').includes(home);
        } catch {
          return false;
        }
      }),
    );
    rmSync(home, { recursive: true, force: true, maxRetries: 3 });
  }, 60_000);

  it('moves every amount exactly once whatever dies when', async () => {
    const r = prng(SEED);
    const tag = randomBytes(3).toString('hex').toUpperCase();
    let n = 0;
    const issue = async (): Promise<string> => {
      const res = await call(
        'POST',
        '/api/v1/bills',
        who.supplier.token,
        {
          buyerOrganizationId: who.buyer.orgId,
          invoiceNumber: `CHAOS-${tag}-${n++}`,
          amountMinor: FACE.toString(),
          currency: 'EUR',
          issueDate: day(0),
          dueDate: day(120),
        },
        `issue-${tag}-${n}`,
      );
      if (res.status !== 201) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };

    // ---- the stock of the run: per iteration a financed, a paid, a transferred and a split bill
    for (const k of ['supplier', 'buyer', 'bank'] as const) {
      await waitFor(
        `wallet of ${k} on chain`,
        () => call('GET', `/api/v1/organizations/${who[k].orgId}/wallets`, who[k].token),
        (w) => w.body?.[0]?.chainStatus === 'REGISTERED',
      );
    }
    const deposits: { org: string; amountMinor: bigint }[] = [];
    for (const k of ['bank', 'buyer'] as const) {
      const amountMinor = 1_000_000_000n;
      const res = await call('POST', '/api/v1/settlement/deposits', who.admin.token, {
        organizationId: who[k].orgId,
        currency: 'EUR',
        amountMinor: amountMinor.toString(),
        reference: `CHAOS-${tag}-${k}`,
      });
      expect({ status: res.status, body: res.status === 201 ? null : res.body }).toEqual({ status: 201, body: null });
      deposits.push({ org: who[k].orgId, amountMinor });
    }
    const ids = await Promise.all(Array.from({ length: 4 * ITERATIONS }, issue));
    await waitFor(
      'bills on chain',
      async () =>
        (await db!.query(`SELECT count(*)::int AS n FROM bills WHERE id = ANY($1::uuid[]) AND pending_action IS NULL`, [ids])).rows[0].n,
      (v) => v === ids.length,
      180_000,
    );
    for (const id of ids) expect((await call('POST', `/api/v1/bills/${id}/accept`, who.buyer.token, {})).status).toBe(200);
    await waitFor(
      'bills accepted on chain',
      async () =>
        (
          await db!.query(
            `SELECT count(*)::int AS n FROM bills WHERE id = ANY($1::uuid[]) AND pending_action IS NULL AND state = 'ACCEPTED'`,
            [ids],
          )
        ).rows[0].n,
      (v) => v === ids.length,
      180_000,
    );
    await waitFor(
      'deposits confirmed',
      async () =>
        (
          await db!.query(`SELECT count(*)::int AS n FROM settlement_movements WHERE reference LIKE $1 AND state = 'CONFIRMED'`, [
            `CHAOS-${tag}-%`,
          ])
        ).rows[0].n,
      (v) => v === 2,
    );
    const offers: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const req = await call('POST', `/api/v1/bills/${ids[4 * i]}/financing-requests`, who.supplier.token);
      expect(req.status).toBe(201);
      const offer = await call('POST', `/api/v1/financing/requests/${req.body.id}/offers`, who.bank.token, {
        advanceRateBps: 9_000,
        annualDiscountRateBps: 500,
        feesMinor: '2500',
        dayCount: 'ACT/360',
        expiresAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      });
      expect(offer.status).toBe(201);
      offers.push(offer.body.id);
    }

    // ---- the rounds
    interface Command {
      what: string;
      send: () => Promise<Answer>;
      final?: Answer;
    }
    const commands: Command[] = [];
    const withdrawals: { org: string; amountMinor: bigint; key: string }[] = [];
    const kills: Record<string, number> = { worker: 0, api: 0, group: 0 };
    let retries = 0;
    const workerExits: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const [financed, paid, transferred, split] = ids.slice(4 * i, 4 * i + 4) as [string, string, string, string];
      const k = (what: string) => `chaos-${tag}-${i}-${what}`;
      const depositMinor = BigInt(1 + Math.floor(r() * 100_000));
      const withdrawMinor = BigInt(1 + Math.floor(r() * 1_000));
      const round: Command[] = [
        {
          what: `finance ${financed}`,
          send: () => call('POST', `/api/v1/financing/offers/${offers[i]}/accept`, who.supplier.token, undefined, k('finance')),
        },
        { what: `pay ${paid}`, send: () => call('POST', `/api/v1/bills/${paid}/pay`, who.buyer.token, undefined, k('pay')) },
        {
          what: `transfer ${transferred}`,
          send: () =>
            call('POST', `/api/v1/bills/${transferred}/transfer`, who.supplier.token, { toOrganizationId: who.bank.orgId }, k('transfer')),
        },
        {
          what: `split ${split}`,
          send: () => call('POST', `/api/v1/bills/${split}/split`, who.supplier.token, { amountsMinor: ['600000', '400000'] }, k('split')),
        },
        {
          what: `deposit ${depositMinor}`,
          send: () =>
            call(
              'POST',
              '/api/v1/settlement/deposits',
              who.admin.token,
              { organizationId: who.bank.orgId, currency: 'EUR', amountMinor: depositMinor.toString(), reference: k('deposit') },
              k('deposit'),
            ),
        },
        {
          what: `withdraw ${withdrawMinor}`,
          send: () =>
            call(
              'POST',
              '/api/v1/settlement/withdrawals',
              who.admin.token,
              { organizationId: who.bank.orgId, currency: 'EUR', amountMinor: withdrawMinor.toString(), reference: k('withdraw') },
              k('withdraw'),
            ),
        },
      ];
      deposits.push({ org: who.bank.orgId, amountMinor: depositMinor });
      withdrawals.push({ org: who.bank.orgId, amountMinor: withdrawMinor, key: k('withdraw') });
      commands.push(...round);
      // what dies: mostly the worker (cheap to restart), the API every fourth, the whole group twice in 20
      const x = r();
      const victim = i % 10 === 9 ? 'group' : x < 0.3 ? 'api' : 'worker';
      const delayMs = Math.floor(r() * 600);
      const inFlight = round.map((c) => c.send().then((a) => (c.final = a)));
      await sleep(delayMs);
      kills[victim]!++;
      if (victim === 'worker') kill9([worker!.child.pid!]);
      else if (victim === 'api') kill9([api!.child.pid!]);
      else kill9([...tree(api!.child.pid!), worker!.child.pid!]);
      await Promise.all(inFlight);
      if (victim === 'worker') {
        await worker!.exited;
        startWorker();
      } else {
        await api!.exited;
        if (victim === 'group') await worker!.exited;
        await startApi();
        if (victim === 'group') startWorker();
        await openDb();
      }
      // a worker that exited on its own (its PostgreSQL or anvil restarted under it) is restarted, as a
      // supervisor would; counted and reported, since it says what the restart of the API does to it
      if (worker!.child.exitCode !== null || worker!.child.signalCode !== null) {
        if (victim !== 'worker' && victim !== 'group')
          workerExits.push(`iteration ${i}: ${worker!.out.slice(-3).join(' | ').slice(0, 300)}`);
        startWorker();
      }
      // every command of the round until it has a final answer (same key)
      for (const c of round) {
        for (
          let attempt = 0;
          !c.final || c.final.status === 0 || c.final.status >= 500 || c.final.body?.code === 'IDEMPOTENT_REQUEST_IN_PROGRESS';
          attempt++
        ) {
          if (attempt > 100) throw new Error(`${c.what}: no final answer after 100 retries: ${JSON.stringify(c.final)}`);
          if (c.final) {
            retries++;
            await sleep(c.final.body?.code === 'IDEMPOTENT_REQUEST_IN_PROGRESS' ? 500 : 200);
          }
          c.final = await c.send();
        }
      }
    }

    // ---- let the outbox finish (a restarted worker takes over the killed one's jobs)
    if (worker!.child.exitCode !== null || worker!.child.signalCode !== null) {
      workerExits.push(`after the rounds: ${worker!.out.slice(-3).join(' | ').slice(0, 300)}`);
      startWorker();
    }
    process.stdout.write(`chaos: worker exits not caused by a kill: ${workerExits.length}\n${workerExits.join('\n')}\n`);
    await waitFor(
      'outbox drained',
      async () => (await db!.query(`SELECT count(*)::int AS n FROM chain_jobs WHERE status NOT IN ('CONFIRMED', 'FAILED')`)).rows[0].n,
      (v) => v === 0,
      180_000,
    );
    await waitFor(
      'bills settled',
      async () => (await db!.query(`SELECT count(*)::int AS n FROM bills WHERE pending_action IS NOT NULL`)).rows[0].n,
      (v) => v === 0,
      120_000,
    );

    // ---- the ledger of final answers
    const unexpected = commands
      .filter((c) => !(c.final!.status >= 200 && c.final!.status < 300))
      .map((c) => `${c.what} → ${c.final!.status} ${JSON.stringify(c.final!.body).slice(0, 200)}`);
    expect(unexpected).toEqual([]);
    const expected = new Map<string, bigint>();
    const add = (org: string, v: bigint) => expected.set(org, (expected.get(org) ?? 0n) + v);
    for (const d of deposits) add(d.org, d.amountMinor);
    for (const w of withdrawals) add(w.org, -w.amountMinor);
    for (const c of commands) {
      if (c.what.startsWith('finance')) {
        expect(c.final!.body.state).not.toBe('FAILED');
        expect({ what: c.what, body: c.final!.body }).toEqual({ what: c.what, body: expect.objectContaining({ priceMinor: expect.stringMatching(/^\d+$/) }) });
        add(who.bank.orgId, -BigInt(c.final!.body.priceMinor));
        add(who.supplier.orgId, BigInt(c.final!.body.priceMinor));
      }
      if (c.what.startsWith('pay')) {
        add(who.buyer.orgId, -FACE);
        add(who.supplier.orgId, FACE);
      }
    }
    const states = (await db!.query(`SELECT id, state, holder_org_id, encumbrance, parent_bill_id, face_amount_minor FROM bills`)).rows as {
      id: string;
      state: string;
      holder_org_id: string;
      encumbrance: string;
      parent_bill_id: string | null;
      face_amount_minor: string;
    }[];
    const byId = new Map(states.map((s) => [s.id, s]));
    for (let i = 0; i < ITERATIONS; i++) {
      const [financed, paid, transferred, split] = ids.slice(4 * i, 4 * i + 4) as [string, string, string, string];
      expect({ financed, holder: byId.get(financed)!.holder_org_id }).toEqual({ financed, holder: who.bank.orgId });
      expect({ paid, state: byId.get(paid)!.state }).toEqual({ paid, state: 'PAID' });
      expect({ transferred, holder: byId.get(transferred)!.holder_org_id }).toEqual({ transferred, holder: who.bank.orgId });
      const parts = states.filter((s) => s.parent_bill_id === split);
      expect({ split, parts: parts.map((p) => p.face_amount_minor).sort() }).toEqual({ split, parts: ['400000', '600000'] });
    }

    // ---- the chain: balances, supply
    const status = (await call('GET', '/api/v1/status', who.admin.token)).body as {
      chain: { chainId: number };
      contracts: { name: string; address: string }[];
    };
    const provider = new JsonRpcProvider(`http://127.0.0.1:${env.ANVIL_PORT}`, status.chain.chainId, {
      staticNetwork: true,
      batchMaxCount: 1,
    });
    try {
      const token = new Contract(status.contracts.find((c) => c.name === 'SettlementToken.EUR')!.address, SettlementTokenAbi, provider);
      const supply = (await token.totalSupply()) as bigint;
      const depositsTotal = deposits.reduce((s, d) => s + d.amountMinor, 0n);
      const withdrawalsTotal = withdrawals.reduce((s, w) => s + w.amountMinor, 0n);
      expect({ supply }).toEqual({ supply: depositsTotal - withdrawalsTotal });
      const wallets = (await db!.query(`SELECT organization_id, address FROM wallets`)).rows as {
        organization_id: string;
        address: string;
      }[];
      let sum = 0n;
      const onChain = new Map<string, bigint>();
      for (const w of wallets) {
        const b = (await token.balanceOf(w.address)) as bigint;
        sum += b;
        onChain.set(w.organization_id, (onChain.get(w.organization_id) ?? 0n) + b);
      }
      expect({ sumOfBalances: sum }).toEqual({ sumOfBalances: supply });
      for (const [org, v] of expected) expect({ org, balance: onChain.get(org) ?? 0n }).toEqual({ org, balance: v });
    } finally {
      provider.destroy();
    }

    // ---- reconciliation (what `tally reconcile` prints) and idempotency keys
    const diff = await call('GET', '/api/v1/reconciliation', who.admin.token);
    expect(diff.status).toBe(200);
    expect(diff.body).toEqual([]);
    await sleep(LEASE_MS);
    const stuck = (
      await db!.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE state = 'IN_PROGRESS' AND lease_expires_at < now()`)
    ).rows[0].n;
    expect({ stuckKeys: stuck }).toEqual({ stuckKeys: 0 });
    process.stdout.write(
      `chaos: ${ITERATIONS} iterations, seed ${SEED}, kills ${JSON.stringify(kills)}, ${commands.length} money commands, ${retries} retries\n`,
    );
  }, 1_800_000);
});
