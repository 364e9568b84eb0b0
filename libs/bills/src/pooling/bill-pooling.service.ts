import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '#core';
import { BillEntity } from '../bills/bill.entity.js';
import { recordBillEvents } from '../bills/bill-event.util.js';
import { applyConfirmed, refusalOf, ruleOf, todayUtc, type BillActor, type LifecycleClock } from '../lifecycle/bill-lifecycle.js';
import type { BillChainStatus, BillState, Encumbrance } from '../lifecycle/bill-lifecycle.js';

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

const EVENT_CHUNK = 5_000;

/**
 * The bills side of pooling: libs/securitization asks here (never reads `bills` itself). Every
 * method runs in the caller's transaction, set-based, and applies the lifecycle rows
 * `add-to-pool` / `release` (bill-lifecycle.ts) rather than naming an encumbrance.
 */
@Injectable()
export class BillPoolingService {
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
    const rows = await m
      .getRepository(BillEntity)
      .createQueryBuilder('b')
      .where('b.id = ANY(:ids::uuid[])', { ids: billIds })
      .orderBy('b.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    return rows.map((b) => {
      const refusal = refusalOf('add-to-pool', b, actor, clock);
      return {
        id: b.id,
        tokenId: b.tokenId,
        supplierOrgId: b.supplierOrgId,
        buyerOrgId: b.buyerOrgId,
        holderOrgId: b.holderOrgId,
        faceAmountMinor: b.faceAmountMinor,
        currency: b.currency,
        issueDate: b.issueDate,
        dueDate: b.dueDate,
        state: b.state,
        encumbrance: b.encumbrance,
        chainStatus: b.chainStatus,
        pendingAction: b.pendingAction,
        fingerprint: b.fingerprint,
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

  private async events(
    m: EntityManager,
    ids: string[],
    action: string,
    p: Principal | 'system',
    payload: Record<string, unknown>,
  ): Promise<void> {
    for (let i = 0; i < ids.length; i += EVENT_CHUNK) {
      await recordBillEvents(
        m,
        ids.slice(i, i + EVENT_CHUNK).map((billId) => ({ billId, action, actor: p, extra: { payload } })),
      );
    }
  }
}
