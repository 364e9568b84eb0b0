import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '#core';
import { applyConfirmed, refusalOf, ruleOf, todayUtc, type BillActor, type LifecycleClock } from '../lifecycle/bill-lifecycle.js';
import { BillState, type BillChainStatus, type Encumbrance } from '../lifecycle/bill-lifecycle.js';
import { settlementTarget } from '../lifecycle/financing-lifecycle.js';

/** What a pool needs to know of a bill to decide its eligibility (the bills lib's answer, no row). */
export interface PoolCandidate {
  id: string;
  tokenId: bigint;
  supplierOrgId: string;
  buyerOrgId: string;
  holderOrgId: string;
  faceAmountMinor: bigint;
  currency: string;
  issueDate: string;
  dueDate: string;
  state: BillState;
  encumbrance: Encumbrance;
  chainStatus: BillChainStatus;
  pendingAction: string | null;
  fingerprint: string;
  /** The lifecycle table's refusal of `add-to-pool` by this actor (its code and sentence), or null. */
  refusal: { code: string; message: string } | null;
}

const EVENT_CHUNK = 50_000;

/**
 * How a pooled (sold) bill performed, for servicing: face, due date, and the business day it was
 * paid (`paid_on`: the day of the obligor's payment, counted once the repayment is confirmed) or
 * defaulted (`defaulted_on`: the aging pass's day), else null. Rows from before those columns
 * fall back to the UTC day of `paid_at` / of the `defaulted` timeline step.
 */
export interface BillPerformance {
  id: string;
  faceAmountMinor: bigint;
  dueDate: string;
  paidOn: string | null;
  defaultedOn: string | null;
}

/** A holder that is not an organization (an SPV vault), as its lib declares it: holder id and its address. */
export interface OtherHolder {
  organizationId: string;
  address: string;
}

/** Answers the non-organization holders a lib keeps (libs/securitization: each closing deal's vault). */
export type OtherHoldersSource = (m: EntityManager) => Promise<OtherHolder[]>;

/** Names of non-organization holders by holder id (libs/securitization: "<deal name> SPV"); unknown ids are absent. */
export type OtherHolderNamesSource = (ids: string[]) => Promise<Map<string, string>>;

interface RawBill {
  id: string;
  token_id: string;
  supplier_org_id: string;
  buyer_org_id: string;
  holder_org_id: string;
  face: string;
  currency: string;
  issue_date: string;
  due_date: string;
  state: BillState;
  encumbrance: Encumbrance;
  chain_status: BillChainStatus;
  pending_action: string | null;
  superseded_at: Date | null;
  fingerprint: string;
}

/**
 * The bills side of pooling: libs/securitization asks here (never reads `bills` itself). Every
 * method runs in the caller's transaction, set-based, and applies the lifecycle rows
 * `add-to-pool` / `release` (bill-lifecycle.ts) rather than naming an encumbrance.
 */
@Injectable()
export class BillPoolingService {
  private readonly holderSources: OtherHoldersSource[] = [];
  private readonly holderNameSources: OtherHolderNamesSource[] = [];

  /**
   * A lib whose bills end up held by something other than an organization (the deal's SPV vault,
   * holder id = the deal's id) declares those holders here, so that reconciliation and the
   * indexer map the vault's address to the row's holder as they do for organizations' wallets.
   */
  registerHolders(source: OtherHoldersSource): void {
    this.holderSources.push(source);
  }

  async otherHolders(m: EntityManager): Promise<OtherHolder[]> {
    return (await Promise.all(this.holderSources.map((s) => s(m)))).flat();
  }

  /** The same lib names those holders, so bill reads show a sold bill's holder by name (the SPV's). */
  registerHolderNames(source: OtherHolderNamesSource): void {
    this.holderNameSources.push(source);
  }

  /** The registered names of the holders among `ids` (ids no source knows are absent). */
  async otherHolderNames(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const source of this.holderNameSources) {
      const missing = [...new Set(ids)].filter((id) => !out.has(id));
      if (missing.length === 0) break;
      for (const [id, name] of await source(missing)) out.set(id, name);
    }
    return out;
  }

  /**
   * The true sale confirmed on chain (rule `true-sale`): the pooled bills' holder becomes the SPV
   * (`spvHolderId`, the deal), one statement, with a timeline step each. Only bills the rule
   * allows move; returns their ids.
   */
  async markSold(m: EntityManager, billIds: string[], spvHolderId: string, payload: Record<string, unknown>): Promise<string[]> {
    const rule = ruleOf('true-sale');
    const { holderOrgId } = applyConfirmed('true-sale', { recipient: spvHolderId });
    const moved: { id: string }[] = await m.query(
      `WITH u AS (UPDATE bills SET holder_org_id = $1, version = version + 1, updated_at = now()
        WHERE id = ANY($2::uuid[]) AND encumbrance = ANY($3::text[]) AND state = ANY($4::text[]) AND superseded_at IS NULL
        RETURNING id) SELECT id FROM u`,
      [holderOrgId, billIds, rule.encumbrances, rule.from],
    );
    const ids = moved.map((r) => r.id);
    await this.events(m, ids, 'true-sale.confirmed', 'system', payload);
    return ids;
  }
  /**
   * Locks the bills FOR UPDATE in ascending id order (two pools taking overlapping sets never
   * deadlock) and answers each with the lifecycle's verdict for `add-to-pool`. Unknown ids are absent.
   */
  async lockForPooling(
    m: EntityManager,
    billIds: string[],
    actor: BillActor,
    clock: LifecycleClock = { today: todayUtc() },
  ): Promise<PoolCandidate[]> {
    if (billIds.length === 0) return [];
    // plain rows, no entity hydration: a pool request may name 100,000 bills
    const rows: RawBill[] = await m.query(
      `SELECT id, token_id::text AS token_id, supplier_org_id, buyer_org_id, holder_org_id, face_amount_minor::text AS face, currency,
              issue_date::text AS issue_date, due_date::text AS due_date, state, encumbrance, chain_status, pending_action, superseded_at, fingerprint
         FROM bills WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [billIds],
    );
    return rows.map((r) => {
      const facts = {
        state: r.state,
        encumbrance: r.encumbrance,
        chainStatus: r.chain_status,
        supplierOrgId: r.supplier_org_id,
        buyerOrgId: r.buyer_org_id,
        holderOrgId: r.holder_org_id,
        dueDate: r.due_date,
        pendingAction: r.pending_action,
        supersededAt: r.superseded_at,
      };
      const refusal = refusalOf('add-to-pool', facts, actor, clock);
      return {
        id: r.id,
        tokenId: BigInt(r.token_id),
        supplierOrgId: r.supplier_org_id,
        buyerOrgId: r.buyer_org_id,
        holderOrgId: r.holder_org_id,
        faceAmountMinor: BigInt(r.face),
        currency: r.currency,
        issueDate: r.issue_date,
        dueDate: r.due_date,
        state: r.state,
        encumbrance: r.encumbrance,
        chainStatus: r.chain_status,
        pendingAction: r.pending_action,
        fingerprint: r.fingerprint,
        refusal: refusal ? { code: refusal.code, message: refusal.message } : null,
      };
    });
  }

  /**
   * Encumbers the (locked, checked) bills POOLED in one statement; only bills still in an
   * encumbrance the rule allows move. Returns the ids that moved (the caller refuses the rest).
   */
  async markPooled(m: EntityManager, billIds: string[], p: Principal, poolId: string): Promise<string[]> {
    const rule = ruleOf('add-to-pool');
    const { encumbrance } = applyConfirmed('add-to-pool');
    const moved: { id: string }[] = await m.query(
      `WITH u AS (UPDATE bills SET encumbrance = $1, version = version + 1, updated_at = now()
        WHERE id = ANY($2::uuid[]) AND encumbrance = ANY($3::text[]) AND state = ANY($4::text[]) AND pending_action IS NULL AND superseded_at IS NULL
        RETURNING id) SELECT id FROM u`,
      [encumbrance, billIds, rule.encumbrances, rule.from],
    );
    const ids = moved.map((r) => r.id);
    await this.events(m, ids, 'add-to-pool.confirmed', p, { poolId });
    return ids;
  }

  /** Lifts the POOLED encumbrance of bills leaving a pool (rule `release`). Returns the ids released. */
  async release(m: EntityManager, billIds: string[], p: Principal | 'system', poolId: string): Promise<string[]> {
    const rule = ruleOf('release');
    const { encumbrance } = applyConfirmed('release');
    const moved: { id: string }[] = await m.query(
      `WITH u AS (UPDATE bills SET encumbrance = $1, version = version + 1, updated_at = now()
        WHERE id = ANY($2::uuid[]) AND encumbrance = ANY($3::text[]) AND state = ANY($4::text[]) AND pending_action IS NULL
        RETURNING id) SELECT id FROM u`,
      [encumbrance, billIds, rule.encumbrances, rule.from],
    );
    const ids = moved.map((r) => r.id);
    await this.events(m, ids, 'release.confirmed', p, { poolId });
    return ids;
  }

  /** Each bill's performance (paid / defaulted business day); unknown ids are absent. Read-only. */
  async performance(m: EntityManager, billIds: string[]): Promise<BillPerformance[]> {
    if (billIds.length === 0) return [];
    const rows: { id: string; face: string; due_date: string; paid_on: string | null; defaulted_on: string | null }[] = await m.query(
      `SELECT b.id, b.face_amount_minor::text AS face, b.due_date::text AS due_date,
              CASE WHEN b.state = $2 THEN COALESCE(b.paid_on, (b.paid_at AT TIME ZONE 'UTC')::date)::text END AS paid_on,
              COALESCE(b.defaulted_on, (SELECT (min(e.created_at) AT TIME ZONE 'UTC')::date FROM bill_events e WHERE e.bill_id = b.id AND e.action = 'defaulted'))::text AS defaulted_on
         FROM bills b WHERE b.id = ANY($1::uuid[]) AND b.superseded_at IS NULL ORDER BY b.id`,
      [billIds, BillState.PAID],
    );
    return rows.map((r) => ({ id: r.id, faceAmountMinor: BigInt(r.face), dueDate: r.due_date, paidOn: r.paid_on, defaultedOn: r.defaulted_on }));
  }

  /**
   * What the obligors paid a holder at maturity (settled repayments to it, in `currency`), minor
   * units: for a deal, the collections its bills paid into the SPV vault. Read-only.
   */
  async paidToHolder(m: EntityManager, holderOrgId: string, currency: string): Promise<bigint> {
    const [row]: { paid: string }[] = await m.query(
      `SELECT COALESCE(sum(p.amount_minor), 0)::text AS paid FROM bill_payments p JOIN bills b ON b.id = p.bill_id
        WHERE p.payee_org_id = $1 AND p.state = $2 AND b.currency = $3`,
      [holderOrgId, settlementTarget('settle'), currency],
    );
    return BigInt(row!.paid);
  }

  /** The invoice numbers of pool assets (for their display), by bill id; unknown ids are absent. */
  async invoiceNumbers(m: EntityManager, billIds: string[]): Promise<Map<string, string>> {
    if (billIds.length === 0) return new Map();
    const rows: { id: string; invoice_number: string }[] = await m.query(
      `SELECT id, invoice_number FROM bills WHERE id = ANY($1::uuid[])`,
      [billIds],
    );
    return new Map(rows.map((r) => [r.id, r.invoice_number]));
  }

  /** One timeline step per bill, set-based (unnest), in the caller's transaction. */
  private async events(
    m: EntityManager,
    ids: string[],
    action: string,
    p: Principal | 'system',
    payload: Record<string, unknown>,
  ): Promise<void> {
    for (let i = 0; i < ids.length; i += EVENT_CHUNK) {
      await m.query(
        `INSERT INTO bill_events (bill_id, action, actor_user_id, actor_org_id, payload) SELECT b, $2, $3, $4, $5::jsonb FROM unnest($1::uuid[]) AS b`,
        [
          ids.slice(i, i + EVENT_CHUNK),
          action,
          p === 'system' ? null : p.userId,
          p === 'system' ? null : p.organizationId,
          JSON.stringify(payload),
        ],
      );
    }
  }
}
