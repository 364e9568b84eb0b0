import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, BusinessDate, type Principal } from '#core';
import { ChainJobsService } from '#chain';
import { ParticipantDirectory } from '#identity';
import { BillErrorCode, BillException } from '../bills.errors.js';
import { recordBillEvents } from '../bills/bill-event.util.js';
import { billTokenId, dateToUnix } from '../bills/bill-id.util.js';
import { BillsService } from '../bills/bills.service.js';
import { DuplicateAlertEntity } from '../bills/duplicate-alert.entity.js';
import { billFingerprint } from '../fingerprint/bill-fingerprint.js';
import { actorOf, BILL_LIFECYCLE, draftBill, refusalOf, type BillActor } from '../lifecycle/bill-lifecycle.js';
import { BillIntakeEntity } from './bill-intake.entity.js';
import { checkRow, csvColumns, isRowError, rawFields, type BulkFormat, type BulkRow, type RowError } from './bulk-rows.util.js';
import { ISSUE_BATCH_JOB, type BatchBill, type IssueBatchPayload } from './issue-batch.job-handler.js';

/** Rows per request, at most. */
export const BULK_MAX_ROWS = 100_000;
/** Rows committed together (bills, their chain jobs, events, audit rows and row results). */
export const BULK_CHUNK_ROWS = 1_000;
/**
 * Bills per `issueBatch` job. ~125k gas a bill: 150 need ~19M gas, and the outbox's estimate
 * plus its 25 % margin stays under a 30M-gas block.
 */
export const BULK_BILLS_PER_JOB = 150;

export interface BulkRowResult {
  row: number;
  ok: boolean;
  billId?: string;
  error?: RowError;
}

export interface BulkIntakeResult {
  intakeId: string;
  idempotencyKey: string;
  rows: number;
  ok: number;
  failed: number;
  results: BulkRowResult[];
}

interface Candidate {
  row: number;
  bill?: BulkRow & { fingerprint: string; obligor: string };
  error?: RowError;
  document?: RowDocument;
  /** The fingerprint an earlier row of this request has (a duplicate inside the file). */
  duplicateOf?: string;
}

/** The anchored document a row was issued from (the UBL import's XML). */
export interface RowDocument {
  documentId: string;
  documentSha256: string;
}

/** A row another import checked already (the UBL import's invoices). */
export interface PreparedRow {
  row: number;
  bill: BulkRow;
  document?: RowDocument;
}

interface Intake {
  id: string;
  key: string;
  p: Principal;
  source: 'bulk' | 'ubl';
  actor: BillActor;
  holder: string;
  /** fingerprint -> the row of this file that has it first */
  seen: Map<string, number>;
  /** buyer organization -> its verified custodial wallet, or why it cannot be the obligor */
  obligors: Map<string, string | RowError>;
}

/**
 * Bulk intake (`POST /bills/bulk`): rows of JSON lines or CSV become issued bills, validated,
 * fingerprinted and inserted set-based, a chunk of rows per transaction together with their
 * `issueBatch` chain jobs and their row results. A retry with the same key skips the rows a
 * committed chunk holds, so a request cut off mid-way and sent again ends with each row once.
 * The issue goes through the lifecycle table like a single issue: who may issue (per row, on the
 * draft it would be), the columns it writes, and (in the job handler) its confirmed and failed effects.
 */
@Injectable()
export class BillIntakeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: ChainJobsService,
    private readonly audit: AuditService,
    private readonly bills: BillsService,
    private readonly participants: ParticipantDirectory,
    private readonly businessDate: BusinessDate,
  ) {}

  async intake(p: Principal, format: BulkFormat, lines: AsyncIterable<string>, key?: string): Promise<BulkIntakeResult> {
    // who asks is settled before a line is read or an intake opened: an admin of a non-supplier gets 403, not a row error per line
    await this.bills.assertIssuer(p);
    const supplier = await this.bills.organization(p.organizationId);
    const holder = await this.bills.verifiedWallet(p.organizationId);
    const intake: Intake = { id: '', key: key ?? randomUUID(), p, source: 'bulk', actor: actorOf(p, supplier.roles), holder, seen: new Map(), obligors: new Map() };
    intake.id = await this.open(intake, format);

    let columns: ReturnType<typeof csvColumns> | undefined;
    let row = 0;
    let chunk: { row: number; line: string }[] = [];
    for await (const raw of lines) {
      const line = raw.trim();
      if (!line) continue;
      if (format === 'csv' && !columns) {
        columns = csvColumns(line);
        if (isRowError(columns)) throw new BillException(BillErrorCode.BULK_ROW_INVALID, columns.message);
        continue;
      }
      chunk.push({ row: ++row, line });
      if (chunk.length === BULK_CHUNK_ROWS) {
        await this.commit(intake, format, chunk, columns as Exclude<typeof columns, RowError>);
        chunk = [];
      }
    }
    if (chunk.length) await this.commit(intake, format, chunk, columns as Exclude<typeof columns, RowError>);
    await this.dataSource.query(`UPDATE bill_intakes SET state = 'DONE', row_count = GREATEST(row_count, $2), updated_at = now() WHERE id = $1`, [intake.id, row]);
    return this.result(intake.id, intake.key);
  }

  /**
   * Rows checked by another import (the UBL batch import: parsed invoices, parties matched, XML
   * stored), issued through the same set-based path, one result per row.
   */
  async issueRows(p: Principal, source: 'ubl', rows: PreparedRow[]): Promise<BulkRowResult[]> {
    // an ORG_ADMIN of a SUPPLIER organization (the UBL import asked before it read the files)
    await this.bills.assertIssuer(p);
    const supplier = await this.bills.organization(p.organizationId);
    const holder = await this.bills.verifiedWallet(p.organizationId);
    const intake: Intake = { id: '', key: `${source}-${randomUUID()}`, p, source, actor: actorOf(p, supplier.roles), holder, seen: new Map(), obligors: new Map() };
    intake.id = await this.open(intake, source);
    for (let i = 0; i < rows.length; i += BULK_CHUNK_ROWS) {
      const chunk = rows.slice(i, i + BULK_CHUNK_ROWS);
      await this.loadObligors(intake, chunk.map((r) => r.bill.buyerOrganizationId));
      await this.commitChecked(intake, chunk.map((r) => ({ row: r.row, value: r.bill, document: r.document })));
    }
    await this.dataSource.query(`UPDATE bill_intakes SET state = 'DONE', row_count = $2, updated_at = now() WHERE id = $1`, [intake.id, rows.length]);
    return (await this.result(intake.id, intake.key)).results;
  }

  /** The results of an intake of the caller's organization (404 otherwise). */
  async get(p: Principal, idOrKey: string): Promise<BulkIntakeResult> {
    const found = await this.dataSource.getRepository(BillIntakeEntity).findOneBy(/^[0-9a-f-]{36}$/i.test(idOrKey) ? [{ id: idOrKey, organizationId: p.organizationId }, { idempotencyKey: idOrKey, organizationId: p.organizationId }] : { idempotencyKey: idOrKey, organizationId: p.organizationId });
    if (!found) throw new BillException(BillErrorCode.BILL_NOT_FOUND, `Bulk intake ${idOrKey} not found`);
    return this.result(found.id, found.idempotencyKey);
  }

  private async result(id: string, key: string): Promise<BulkIntakeResult> {
    const rows: { row: number; ok: boolean; bill_id: string | null; error_code: string | null; error_message: string | null }[] = await this.dataSource.query(
      `SELECT row, ok, bill_id, error_code, error_message FROM bill_intake_rows WHERE intake_id = $1 ORDER BY row`,
      [id],
    );
    const results = rows.map((r): BulkRowResult => (r.ok ? { row: r.row, ok: true, billId: r.bill_id! } : { row: r.row, ok: false, error: { code: r.error_code!, message: r.error_message! } }));
    const ok = results.filter((r) => r.ok).length;
    return { intakeId: id, idempotencyKey: key, rows: results.length, ok, failed: results.length - ok, results };
  }

  /** The intake of this key (the organization's), created on first use. */
  private async open(intake: Intake, format: BulkFormat | 'ubl'): Promise<string> {
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO bill_intakes (organization_id, user_id, idempotency_key, format, state) VALUES ($1, $2, $3, $4, 'RUNNING')
       ON CONFLICT (organization_id, idempotency_key) DO NOTHING RETURNING id`,
      [intake.p.organizationId, intake.p.userId, intake.key, format],
    );
    if (inserted[0]) return inserted[0].id;
    const [existing]: { id: string }[] = await this.dataSource.query(`SELECT id FROM bill_intakes WHERE organization_id = $1 AND idempotency_key = $2`, [intake.p.organizationId, intake.key]);
    await this.dataSource.query(`UPDATE bill_intakes SET state = 'RUNNING', updated_at = now() WHERE id = $1`, [existing!.id]);
    return existing!.id;
  }

  /** Checks a chunk of rows and commits its good rows as bills with their chain jobs, and every row's result, in one transaction. */
  private async commit(intake: Intake, format: BulkFormat, chunk: { row: number; line: string }[], columns?: Exclude<ReturnType<typeof csvColumns>, RowError>): Promise<void> {
    const checked = chunk.map(({ row, line }) => {
      const raw = rawFields(line, format, columns);
      return { row, value: isRowError(raw) ? raw : checkRow(raw) };
    });
    await this.loadObligors(intake, checked.flatMap((c) => (isRowError(c.value) ? [] : [c.value.buyerOrganizationId])));
    await this.commitChecked(intake, checked);
  }

  private async commitChecked(intake: Intake, checked: { row: number; value: BulkRow | RowError; document?: RowDocument }[]): Promise<void> {
    const today = this.businessDate.today();
    await this.dataSource.transaction(async (m) => {
      // one committer of this intake at a time, and rows a committed chunk holds are not read again
      await m.query(`SELECT id FROM bill_intakes WHERE id = $1 FOR UPDATE`, [intake.id]);
      const done = new Set<number>(
        ((await m.query(`SELECT row FROM bill_intake_rows WHERE intake_id = $1 AND row = ANY($2::int[])`, [intake.id, checked.map((c) => c.row)])) as { row: number }[]).map((r) => r.row),
      );
      const candidates: Candidate[] = [];
      for (const { row, value, document } of checked) {
        if (done.has(row)) continue;
        candidates.push({ ...this.candidate(intake, row, value, today), document });
      }
      await this.refuseRegistered(m, intake, candidates);
      const bills = await this.insertBills(m, intake, candidates);
      await this.alertInFileDuplicates(m, intake, candidates);
      await this.rowResults(m, intake.id, candidates, bills);
    });
  }

  private candidate(intake: Intake, row: number, value: BulkRow | RowError, today: string): Candidate {
    if (row > BULK_MAX_ROWS) return { row, error: { code: BillErrorCode.BULK_TOO_MANY_ROWS, message: `A request takes at most ${BULK_MAX_ROWS} rows` } };
    if (isRowError(value)) return { row, error: value };
    const refusal = refusalOf('issue', draftBill({ supplierOrgId: intake.p.organizationId, buyerOrgId: value.buyerOrganizationId, dueDate: value.dueDate }), intake.actor, { today });
    if (refusal) return { row, error: { code: refusal.code, message: refusal.message } };
    if (value.buyerOrganizationId === intake.p.organizationId) return { row, error: { code: BillErrorCode.BILL_WRONG_PARTY, message: 'A bill needs another organization as its buyer' } };
    const obligor = intake.obligors.get(value.buyerOrganizationId)!;
    if (typeof obligor !== 'string') return { row, error: obligor };
    const fingerprint = billFingerprint({
      sellerOrgId: intake.p.organizationId,
      buyerOrgId: value.buyerOrganizationId,
      invoiceNumber: value.invoiceNumber,
      amountMinor: value.amountMinor,
      currency: value.currency,
      issueDate: value.issueDate,
    });
    const first = intake.seen.get(fingerprint);
    if (first !== undefined && first !== row) return { row, duplicateOf: fingerprint, error: { code: BillErrorCode.BILL_DUPLICATE, message: `The same receivable as row ${first} of this request` } };
    intake.seen.set(fingerprint, row);
    return { row, bill: { ...value, fingerprint, obligor } };
  }

  /** Buyers not seen yet in this request: their verified custodial wallet, or the reason (as a single issue answers). */
  private async loadObligors(intake: Intake, buyerIds: string[]): Promise<void> {
    const wanted = [...new Set(buyerIds)].filter((id) => !intake.obligors.has(id));
    if (!wanted.length) return;
    const verified = await this.participants.verifiedCustodialWallets(wanted);
    for (const id of wanted) {
      const v = verified.get(id)!;
      if (v.ok) intake.obligors.set(id, v.address);
      else if (!v.participant) intake.obligors.set(id, { code: BillErrorCode.COUNTERPARTY_NOT_VERIFIED, message: `Organization ${id} not found` });
      else {
        intake.obligors.set(id, { code: BillErrorCode.COUNTERPARTY_NOT_VERIFIED, message: `${v.participant.legalName} is not a verified participant (KYC ${v.participant.kycState}, wallet ${v.walletRegistered ? 'registered' : 'not registered'})` });
      }
    }
  }

  /** Receivables already registered (by any organization): refused, and each attempt kept for the platform admins as a single issue does. */
  private async refuseRegistered(m: EntityManager, intake: Intake, candidates: Candidate[]): Promise<void> {
    const wanted = candidates.filter((c) => c.bill);
    if (!wanted.length) return;
    const existing: { fingerprint: string; id: string }[] = await m.query(`SELECT fingerprint, id FROM bills WHERE fingerprint = ANY($1::text[])`, [wanted.map((c) => c.bill!.fingerprint)]);
    const byFingerprint = new Map(existing.map((e) => [e.fingerprint, e.id]));
    const alerts: Partial<DuplicateAlertEntity>[] = [];
    for (const c of wanted) {
      const existingId = byFingerprint.get(c.bill!.fingerprint);
      if (!existingId) continue;
      alerts.push({ fingerprint: c.bill!.fingerprint, existingBillId: existingId, attemptedByOrgId: intake.p.organizationId, attemptedByUserId: intake.p.userId, documentSha256: c.document?.documentSha256 ?? null, source: intake.source });
      c.error = { code: BillErrorCode.BILL_DUPLICATE, message: 'This receivable is already registered (same seller, buyer, invoice number, amount, currency and issue date)' };
      delete c.bill;
    }
    if (alerts.length) await m.insert(DuplicateAlertEntity, alerts);
  }

  /** A receivable twice in one request is an attempt like any other: kept for the platform admins, against the bill of its first row. */
  private async alertInFileDuplicates(m: EntityManager, intake: Intake, candidates: Candidate[]): Promise<void> {
    const dups = candidates.filter((c) => c.duplicateOf);
    if (!dups.length) return;
    const existing: { fingerprint: string; id: string }[] = await m.query(`SELECT fingerprint, id FROM bills WHERE fingerprint = ANY($1::text[])`, [dups.map((c) => c.duplicateOf!)]);
    const byFingerprint = new Map(existing.map((e) => [e.fingerprint, e.id]));
    const alerts = dups.flatMap((c) => {
      const existingBillId = byFingerprint.get(c.duplicateOf!);
      return existingBillId ? [{ fingerprint: c.duplicateOf!, existingBillId, attemptedByOrgId: intake.p.organizationId, attemptedByUserId: intake.p.userId, documentSha256: c.document?.documentSha256 ?? null, source: intake.source }] : [];
    });
    if (alerts.length) await m.insert(DuplicateAlertEntity, alerts);
  }

  /** The good rows as ISSUED bills (the issue's requested effect), their `issueBatch` jobs, timeline and audit rows; returns row -> bill id. */
  private async insertBills(m: EntityManager, intake: Intake, candidates: Candidate[]): Promise<Map<number, string>> {
    const good = candidates.filter((c) => c.bill);
    const out = new Map<number, string>();
    if (!good.length) return out;
    const issued = BILL_LIFECYCLE.issue.requested!;
    const ids = good.map(() => randomUUID());
    const b = good.map((c) => c.bill!);
    const org = intake.p.organizationId;
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO bills (id, supplier_org_id, buyer_org_id, holder_org_id, invoice_number, face_amount_minor, currency, issue_date, due_date,
                          state, encumbrance, fingerprint, chain_status, token_id, document_id, document_sha256, pending_action, version)
       SELECT v.id, $2, v.buyer, $2, v.invoice, v.amount, v.currency, v.issue_date, v.due_date, $3, $4, v.fingerprint, $5, v.token, v.document_id, v.document_sha256, 'issue', 1
         FROM unnest($1::uuid[], $6::uuid[], $7::text[], $8::numeric[], $9::text[], $10::date[], $11::date[], $12::text[], $13::numeric[], $14::uuid[], $15::text[])
              AS v(id, buyer, invoice, amount, currency, issue_date, due_date, fingerprint, token, document_id, document_sha256)
       ON CONFLICT (fingerprint) DO NOTHING RETURNING id`,
      [
        ids,
        org,
        issued.state,
        issued.encumbrance,
        issued.chainStatus,
        b.map((x) => x.buyerOrganizationId),
        b.map((x) => x.invoiceNumber),
        b.map((x) => x.amountMinor.toString()),
        b.map((x) => x.currency),
        b.map((x) => x.issueDate),
        b.map((x) => x.dueDate),
        b.map((x) => x.fingerprint),
        ids.map((id) => billTokenId(id).toString()),
        good.map((c) => c.document?.documentId ?? null),
        good.map((c) => c.document?.documentSha256 ?? null),
      ],
    );
    const kept = new Set(inserted.map((r) => r.id));
    const bills: { c: Candidate; id: string }[] = [];
    good.forEach((c, i) => {
      // registered meanwhile by a concurrent request: the unique fingerprint refused it
      if (!kept.has(ids[i]!)) {
        c.error = { code: BillErrorCode.BILL_DUPLICATE, message: 'This receivable is already registered (same seller, buyer, invoice number, amount, currency and issue date)' };
        delete c.bill;
      } else bills.push({ c, id: ids[i]! });
    });
    const jobOf: string[] = [];
    for (let i = 0; i < bills.length; i += BULK_BILLS_PER_JOB) {
      const part = bills.slice(i, i + BULK_BILLS_PER_JOB);
      const payload: IssueBatchPayload = {
        intakeId: intake.id,
        bills: part.map(({ c, id }): BatchBill => ({
          billId: id,
          holder: intake.holder,
          obligor: c.bill!.obligor,
          amountMinor: c.bill!.amountMinor.toString(),
          currency: c.bill!.currency,
          dueDateUnix: dateToUnix(c.bill!.dueDate),
          fingerprint: c.bill!.fingerprint,
        })),
      };
      const job = await this.jobs.enqueue(m, { kind: ISSUE_BATCH_JOB, idempotencyKey: `${ISSUE_BATCH_JOB}:${intake.id}:${part[0]!.c.row}`, payload });
      for (const _ of part) jobOf.push(job.id);
    }
    await m.query(`UPDATE bills b SET pending_job_id = v.job_id FROM unnest($1::uuid[], $2::uuid[]) AS v(id, job_id) WHERE b.id = v.id`, [bills.map((x) => x.id), jobOf]);
    await recordBillEvents(
      m,
      bills.map(({ c, id }, i) => ({ billId: id, action: 'issue.requested', actor: intake.p, extra: { chainJobId: jobOf[i]!, payload: { source: intake.source, intakeId: intake.id, row: c.row, invoiceNumber: c.bill!.invoiceNumber } } })),
    );
    await this.audit.appendMany(
      m,
      bills.map(({ c, id }, i) => ({ actor: intake.p, organizationId: org, action: 'bill.issue', entity: 'bill', entityId: id, payload: { chainJobId: jobOf[i]!, source: intake.source, intakeId: intake.id, row: c.row, invoiceNumber: c.bill!.invoiceNumber } })),
    );
    for (const { c, id } of bills) out.set(c.row, id);
    return out;
  }

  private async rowResults(m: EntityManager, intakeId: string, candidates: Candidate[], bills: Map<number, string>): Promise<void> {
    if (!candidates.length) return;
    await m.query(
      `INSERT INTO bill_intake_rows (intake_id, row, ok, bill_id, error_code, error_message)
       SELECT $1, v.row, v.bill_id IS NOT NULL, v.bill_id, v.code, v.message FROM unnest($2::int[], $3::uuid[], $4::text[], $5::text[]) AS v(row, bill_id, code, message)`,
      [intakeId, candidates.map((c) => c.row), candidates.map((c) => bills.get(c.row) ?? null), candidates.map((c) => c.error?.code ?? null), candidates.map((c) => c.error?.message ?? null)],
    );
  }
}

