import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { canonicalJson, toJsonSafe } from '../util/canonical-json.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

/** Advisory lock that serialises appends, so the chain has exactly one head. */
const AUDIT_LOCK = 7_342_002;
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  actor: Principal | 'system';
  organizationId: string | null;
  action: string;
  entity: string;
  entityId: string;
  payload?: Record<string, unknown>;
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  headHash: string;
  firstBroken?: { seq: string; reason: string };
}

export interface AuditFilter {
  organizationIds: string[] | null;
  entity?: string;
  entityId?: string;
  action?: string;
  /** Part of the actor (a user's email, or `system`), case-insensitive. */
  actor?: string;
  organizationId?: string;
  from?: Date;
  to?: Date;
}

export function auditHash(row: Omit<AuditEntryEntity, 'hash'>): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        seq: row.seq.toString(),
        at: row.at.toISOString(),
        actorUserId: row.actorUserId,
        actorLabel: row.actorLabel,
        organizationId: row.organizationId,
        action: row.action,
        entity: row.entity,
        entityId: row.entityId,
        payload: row.payload,
        prevHash: row.prevHash,
      }),
    )
    .digest('hex');
}

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends inside the caller's transaction: the change and its audit row commit together. */
  async append(manager: EntityManager, event: AuditEvent): Promise<AuditEntryEntity> {
    return (await this.appendMany(manager, [event]))[0]!;
  }

  /** Appends several rows in order, with one lock, one head read and one insert. */
  async appendMany(manager: EntityManager, events: AuditEvent[]): Promise<AuditEntryEntity[]> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('audit entries are appended inside a transaction');
    if (events.length === 0) return [];
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const [head]: { seq: string; hash: string }[] = await manager.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    let seq = head ? BigInt(head.seq) : 0n;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const entries = events.map((event) => {
      const row: Omit<AuditEntryEntity, 'hash'> = {
        seq: ++seq,
        // millisecond precision survives the timestamptz round trip exactly
        at: new Date(),
        actorUserId: event.actor === 'system' ? null : event.actor.userId,
        actorLabel: event.actor === 'system' ? 'system' : event.actor.email,
        organizationId: event.organizationId,
        action: event.action,
        entity: event.entity,
        entityId: event.entityId,
        payload: toJsonSafe(event.payload ?? {}) as Record<string, unknown>,
        prevHash,
      };
      const entry = { ...row, hash: auditHash(row) };
      prevHash = entry.hash;
      return entry;
    });
    await manager.getRepository(AuditEntryEntity).insert(entries as never[]); // jsonb payload: TypeORM's deep-partial type cannot express it
    return entries;
  }

  async head(): Promise<{ seq: string; hash: string } | null> {
    const [head]: { seq: string; hash: string }[] = await this.dataSource.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    return head ?? null;
  }

  async list(filter: AuditFilter, page: number, pageSize: number): Promise<{ items: AuditEntryEntity[]; total: number }> {
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (filter.organizationIds) qb.andWhere('a.organization_id = ANY(:orgs)', { orgs: filter.organizationIds });
    if (filter.organizationId) qb.andWhere('a.organization_id = :org', { org: filter.organizationId });
    if (filter.entity) qb.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.actor) qb.andWhere("a.actor_label ILIKE :actor ESCAPE '\\'", { actor: `%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at < :to', { to: filter.to });
    const [items, total] = await qb
      .orderBy('a.seq', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** Recomputes the whole chain and names the first broken link. */
  async verify(batchSize = 5_000): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1n;
    let rows = 0;
    for (;;) {
      const batch = await this.dataSource
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('a')
        .where('a.seq >= :from', { from: expectedSeq.toString() })
        .orderBy('a.seq', 'ASC')
        .take(batchSize)
        .getMany();
      if (batch.length === 0) return { ok: true, rows, headHash: prevHash };
      for (const row of batch) {
        const broken = (reason: string): AuditVerification => ({ ok: false, rows, headHash: prevHash, firstBroken: { seq: row.seq.toString(), reason } });
        if (row.seq !== expectedSeq) return { ok: false, rows, headHash: prevHash, firstBroken: { seq: expectedSeq.toString(), reason: 'row missing' } };
        if (row.prevHash !== prevHash) return broken('prevHash does not match the previous row');
        if (auditHash(row) !== row.hash) return broken('hash does not match the row content (row changed)');
        prevHash = row.hash;
        expectedSeq += 1n;
        rows += 1;
      }
    }
  }
}
