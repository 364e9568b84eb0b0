import type { EntityManager } from 'typeorm';
import { toJsonSafe, type Principal } from '#core';
import { BillEventEntity } from './bill-event.entity.js';

type EventExtra = { chainJobId?: string | null; txHash?: string | null; payload?: Record<string, unknown> };

/** Appends one step to a bill's timeline (inside the caller's transaction). */
export async function recordBillEvent(manager: EntityManager, billId: string, action: string, actor: Principal | 'system', extra: EventExtra = {}): Promise<void> {
  await recordBillEvents(manager, [{ billId, action, actor, extra }]);
}

/** Appends steps to bills' timelines in one insert (inside the caller's transaction). */
export async function recordBillEvents(manager: EntityManager, events: { billId: string; action: string; actor: Principal | 'system'; extra?: EventExtra }[]): Promise<void> {
  if (events.length === 0) return;
  await manager.insert(
    BillEventEntity,
    events.map(({ billId, action, actor, extra = {} }) => ({
      billId,
      action,
      actorUserId: actor === 'system' ? null : actor.userId,
      actorOrgId: actor === 'system' ? null : actor.organizationId,
      chainJobId: extra.chainJobId ?? null,
      txHash: extra.txHash ?? null,
      payload: toJsonSafe(extra.payload ?? {}) as Record<string, unknown>,
    })) as never[], // jsonb payload: TypeORM's deep-partial type cannot express it
  );
}
