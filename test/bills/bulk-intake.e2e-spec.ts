// Bulk intake over HTTP (real PostgreSQL, real anvil, the outbox worker running): a request with
// bad rows answers a result per row and writes exactly the good rows, which reach the chain through
// batched `issueBatch` jobs; a request whose client is killed mid-way, sent again with its key,
// ends with each row once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createOrg, login, platformClients, waitForVerifiedWallet, type TestOrg } from '../support/auth.js';
import { answerBeforeBodyEnds } from '../support/unfinished-upload.js';

describe('POST /api/v1/bills/bulk (real PostgreSQL, real anvil)', () => {
  let p: TestPlatform;
  let ds: DataSource;
  let supplier: TestOrg;
  let buyer: TestOrg;
  let token: string;
  let tmp: string;

  const row = (invoiceNumber: string, over: Record<string, string> = {}) => ({
    buyerOrganizationId: buyer.id,
    invoiceNumber,
    amountMinor: '125000',
    currency: 'EUR',
    issueDate: '2026-11-20',
    dueDate: '2027-02-18',
    ...over,
  });

  async function bulk(body: string, contentType: string, key?: string) {
    const res = await fetch(`${p.baseUrl}/api/v1/bills/bulk`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType, ...(key ? { 'idempotency-key': key } : {}) },
    });
    return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 120_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    p = await startTestPlatform();
    ds = p.app.get(DataSource);
    const platform = await platformClients(p.baseUrl, p.db.url);
    supplier = await createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'] });
    buyer = await createOrg(p.baseUrl, platform, { roles: ['BUYER'] });
    await waitForVerifiedWallet(supplier);
    await waitForVerifiedWallet(buyer);
    token = (await login(p.baseUrl, supplier.adminEmail)).accessToken;
    tmp = mkdtempSync(join(os.tmpdir(), 'tally-bulk-'));
  }, 120_000);

  afterAll(async () => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    await p?.close();
  });

  it('answers a result per row and writes exactly the good rows: duplicates in the file and against the database, unknown party, bad amount, bad date', async () => {
    const tag = randomBytes(4).toString('hex');
    const existing = await supplier.admin.post('/api/v1/bills', row(`${tag}-existing`));
    expect(existing.status).toBe(201);
    const rows = [
      row(`${tag}-1`),
      row(`${tag}-2`, { amountMinor: '990' }),
      row(`${tag}-1`), // the same receivable as row 1
      row(`${tag}-existing`), // registered before
      row(`${tag}-5`, { buyerOrganizationId: randomUUID() }),
      row(`${tag}-6`, { amountMinor: '12.50' }),
      row(`${tag}-7`, { dueDate: '2027-02-30' }),
      row(`${tag}-8`, { currency: 'USD' }),
    ];
    const res = await bulk(rows.map((r) => JSON.stringify(r)).join('\n') + '\n{not json\n', 'application/x-ndjson');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 9, ok: 3, failed: 6 });
    const results = res.body.results as { row: number; ok: boolean; billId?: string; error?: { code: string; message: string } }[];
    expect(results.map((r) => [r.row, r.ok, r.error?.code ?? null])).toEqual([
      [1, true, null],
      [2, true, null],
      [3, false, 'BILL_DUPLICATE'],
      [4, false, 'BILL_DUPLICATE'],
      [5, false, 'COUNTERPARTY_NOT_VERIFIED'],
      [6, false, 'AMOUNT_INVALID'],
      [7, false, 'BULK_DATE_INVALID'],
      [8, true, null],
      [9, false, 'BULK_ROW_INVALID'],
    ]);
    expect(results[2]!.error!.message).toContain('row 1');
    const written: { invoice_number: string; face_amount_minor: string; currency: string; state: string }[] = await ds.query(
      `SELECT invoice_number, face_amount_minor, currency, state FROM bills WHERE supplier_org_id = $1 AND invoice_number LIKE $2 ORDER BY invoice_number`,
      [supplier.id, `${tag}-%`],
    );
    expect(written).toEqual([
      { invoice_number: `${tag}-1`, face_amount_minor: '125000', currency: 'EUR', state: 'ISSUED' },
      { invoice_number: `${tag}-2`, face_amount_minor: '990', currency: 'EUR', state: 'ISSUED' },
      { invoice_number: `${tag}-8`, face_amount_minor: '125000', currency: 'USD', state: 'ISSUED' },
      { invoice_number: `${tag}-existing`, face_amount_minor: '125000', currency: 'EUR', state: 'ISSUED' },
    ]);
    // the duplicate against the database is kept for the platform admins, as for a single issue
    expect(Number((await ds.query(`SELECT count(*) AS n FROM bill_duplicate_alerts WHERE existing_bill_id = $1 AND source = 'bulk'`, [existing.body.id]))[0].n)).toBe(1);

    // the good rows reach the chain in one issueBatch job, and the bills follow its confirmation
    const ids = results.filter((r) => r.ok).map((r) => r.billId!);
    const jobs: { kind: string; n: number }[] = await ds.query(
      `SELECT j.kind, jsonb_array_length(j.payload->'bills')::int AS n FROM chain_jobs j WHERE j.kind = 'bills.issue-batch' AND j.payload->>'intakeId' = $1`,
      [res.body.intakeId],
    );
    expect(jobs).toEqual([{ kind: 'bills.issue-batch', n: 3 }]);
    for (const id of ids) {
      const bill = await waitFor(`bill ${id} on chain`, async () => {
        const got = await supplier.admin.get(`/api/v1/bills/${id}`);
        return got.body.chainStatus === 'ON_CHAIN' ? got.body : null;
      });
      expect(bill.pendingAction ?? null).toBeNull();
      expect(bill.timeline.map((e: { action: string }) => e.action)).toEqual(['issue.requested', 'issue.confirmed']);
    }
    // the same rows as CSV, a retry of nothing new: all refused as registered; a bad header refuses the request
    const csv = ['buyerOrganizationId,invoiceNumber,amountMinor,currency,issueDate,dueDate', `${buyer.id},"${tag}-1",125000,EUR,2026-11-20,2027-02-18`, `${buyer.id},${tag}-csv,77,EUR,2026-11-20,2026-11-19`].join('\r\n');
    const again = await bulk(csv, 'text/csv');
    expect(again.status).toBe(200);
    expect(again.body.results.map((r: { error?: { code: string } }) => r.error?.code)).toEqual(['BILL_DUPLICATE', 'BILL_TRANSITION_NOT_ALLOWED']);
    const badHeader = await bulk('buyer,invoice\nx,y', 'text/csv');
    expect(badHeader.status).toBe(422);
    expect(badHeader.body.code).toBe('BULK_ROW_INVALID');
    const wrongType = await bulk('{}', 'application/json');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.code).toBe('BULK_FORMAT_UNSUPPORTED');
  }, 180_000);

  it("refuses a caller who may not issue bills before it reads a line: a buyer's admin gets 403, no intake opened, the body unread", async () => {
    const buyerToken = (await login(p.baseUrl, buyer.adminEmail)).accessToken;
    const intakes = async () => (await ds.query(`SELECT count(*)::int AS n FROM bill_intakes`))[0].n as number;
    const before = await intakes();
    const line = `${JSON.stringify(row(`by-the-buyer-${randomBytes(4).toString('hex')}`, { buyerOrganizationId: supplier.id }))}\n`;
    const res = await fetch(`${p.baseUrl}/api/v1/bills/bulk`, { method: 'POST', body: line, headers: { authorization: `Bearer ${buyerToken}`, 'content-type': 'application/x-ndjson' } });
    const body = (await res.json()) as { code: string; message: string };
    expect({ status: res.status, code: body.code, message: body.message }).toEqual({ status: 403, code: 'BILL_WRONG_PARTY', message: 'Only a supplier organization issues bills' });
    // the answer comes while the body is still unfinished
    const early = await answerBeforeBodyEnds(`${p.baseUrl}/api/v1/bills/bulk`, {
      headers: { authorization: `Bearer ${buyerToken}`, 'content-type': 'application/x-ndjson' },
      firstBytes: line,
      declaredBytes: 1_048_576,
    });
    expect({ status: early.status, code: early.body?.code }).toEqual({ status: 403, code: 'BILL_WRONG_PARTY' });
    expect(await intakes()).toBe(before);
  }, 60_000);

  it('a request whose client is killed mid-way, sent again with its key, ends with each row once', async () => {
    const tag = randomBytes(4).toString('hex');
    const total = 2_500;
    const lines = Array.from({ length: total }, (_, i) => JSON.stringify(row(`${tag}-${i + 1}`, { amountMinor: String(1_000 + i) })));
    const file = join(tmp, `${tag}.jsonl`);
    writeFileSync(file, lines.join('\n') + '\n');
    const key = `bulk-${tag}`;
    // the client: sends all but the last 300 rows, then hangs until it is killed
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const http = require('node:http'); const fs = require('node:fs');
         const lines = fs.readFileSync(process.env.FILE, 'utf8').trim().split('\\n');
         const req = http.request(process.env.URL, { method: 'POST', headers: { authorization: 'Bearer ' + process.env.TOKEN, 'content-type': 'application/x-ndjson', 'idempotency-key': process.env.KEY } });
         req.on('error', () => {});
         req.write(lines.slice(0, lines.length - 300).join('\\n') + '\\n');
         setInterval(() => {}, 1000);`,
      ],
      { env: { ...process.env, FILE: file, URL: `${p.baseUrl}/api/v1/bills/bulk`, TOKEN: token, KEY: key }, stdio: 'ignore' },
    );
    const committed = async () => Number((await ds.query(`SELECT count(*) AS n FROM bill_intake_rows r JOIN bill_intakes i ON i.id = r.intake_id WHERE i.idempotency_key = $1`, [key]))[0]?.n ?? 0);
    await waitFor('two committed chunks', async () => (await committed()) >= 2_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(await committed()).toBe(2_000); // the third chunk never ended: nothing of it is written
    const [intake] = await ds.query(`SELECT id, state FROM bill_intakes WHERE idempotency_key = $1`, [key]);
    await waitFor('the cut-off request to end', async () => ((await ds.query(`SELECT state FROM bill_intakes WHERE id = $1`, [intake.id]))[0].state === 'RUNNING' ? true : null));

    const res = await bulk(lines.join('\n') + '\n', 'application/x-ndjson', key);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ intakeId: intake.id, rows: total, ok: total, failed: 0 });
    expect(res.body.results.map((r: { row: number }) => r.row)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const [counts] = await ds.query(
      `SELECT count(*)::int AS bills, count(DISTINCT invoice_number)::int AS invoices, count(DISTINCT fingerprint)::int AS fingerprints FROM bills WHERE supplier_org_id = $1 AND invoice_number LIKE $2`,
      [supplier.id, `${tag}-%`],
    );
    expect(counts).toEqual({ bills: total, invoices: total, fingerprints: total });
    const [inJobs] = await ds.query(
      `SELECT count(*)::int AS entries, count(DISTINCT b->>'billId')::int AS bills FROM chain_jobs j, jsonb_array_elements(j.payload->'bills') b WHERE j.kind = 'bills.issue-batch' AND j.payload->>'intakeId' = $1`,
      [intake.id],
    );
    expect(inJobs).toEqual({ entries: total, bills: total });
    // a second retry replays the same results and writes nothing
    const replay = await bulk(lines.join('\n') + '\n', 'application/x-ndjson', key);
    expect(replay.body.results).toEqual(res.body.results);
    // and every bill is confirmed on chain once
    await waitFor(
      'every bill on chain',
      async () => Number((await ds.query(`SELECT count(*) AS n FROM bills WHERE supplier_org_id = $1 AND invoice_number LIKE $2 AND chain_status = 'ON_CHAIN' AND pending_action IS NULL`, [supplier.id, `${tag}-%`]))[0].n) === total,
      240_000,
    );
    const [failed] = await ds.query(`SELECT count(*)::int AS n FROM chain_jobs WHERE kind = 'bills.issue-batch' AND payload->>'intakeId' = $1 AND status <> 'CONFIRMED'`, [intake.id]);
    expect(failed.n).toBe(0);
  }, 360_000);
});
