import type { EntityManager } from 'typeorm';
import { toJsonSafe, type Principal } from '#core';
import { BillEventEntity } from './bill-event.entity.js';

/** Appends one step to a bill's timeline (inside the caller's transaction). */
export async function recordBillEvent(
  manager: EntityManager,
  billId: string,
  action: string,
  actor: Principal | 'system',
  extra: { chainJobId?: string | null; txHash?: string | null; payload?: Record<string, unknown> } = {},
): Promise<void> {
  await manager.insert(BillEventEntity, {
    billId,
    action,
    actorUserId: actor === 'system' ? null : actor.userId,
    actorOrgId: actor === 'system' ? null : actor.organizationId,
    chainJobId: extra.chainJobId ?? null,
    txHash: extra.txHash ?? null,
    payload: toJsonSafe(extra.payload ?? {}) as Record<string, unknown>,
  } as never); // jsonb payload: TypeORM's deep-partial type cannot express it
}
