import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#core';
import {
  CHAIN_CONTEXT,
  ChainEventIndexer,
  type ChainContext,
  type ChainEventSubscriber,
  type ChainIndexTick,
  type ChainReorg,
  type ConfirmedJobView,
  type IndexedContractSpec,
} from '#chain';
import { BillEntity } from '../bills/bill.entity.js';
import { BillEventEntity } from '../bills/bill-event.entity.js';
import { recordBillEvent } from '../bills/bill-event.util.js';
import { BillRepairService, type ReconciledBill, type RepairOutcome } from '../reconciliation/bill-repair.service.js';
import { decodeChainEvent, type IndexedContract } from './chain-event.util.js';

/** An outbox job whose confirmed transaction was in a block the reorg abandoned. */
export interface OrphanedJob {
  jobId: string;
  kind: string;
  txHash: string;
  blockNumber: number;
  blockHash: string | null;
  /** `sent`: its signed bytes were accepted by the node again; `refused`: they cannot be mined any more. */
  rebroadcast: 'sent' | 'refused';
  error?: string;
  billIds: string[];
}

export interface ReorgReport {
  /** The cursor block whose hash the chain no longer has. */
  detectedAt: number;
  /** The newest indexed block the chain still has; everything above was replayed. */
  ancestor: number;
  removedEvents: number;
  orphanedJobs: OrphanedJob[];
}

export interface IndexerTickResult {
  /** The confirmed tip (head − confirmations + 1) the tick worked towards. */
  safeBlock: number;
  /** The cursor after the tick. */
  cursorBlock: number;
  /** The range read in this tick (null: nothing new). */
  fromBlock: number | null;
  toBlock: number | null;
  events: number;
  reorg: ReorgReport | null;
  /** Bills whose row was changed to follow the chain. */
  reconciled: ReconciledBill[];
  /** Bills touched by an event while their own chain job is in flight: the outbox settles them first. */
  deferred: string[];
}

interface Projection {
  reconciled: ReconciledBill[];
  deferred: string[];
}

const BILL_CONTRACTS: IndexedContract[] = ['BillRegistry', 'BillDvP'];

/**
 * Bills' subscriber of libs/chain's `ChainEventIndexer`: the BillRegistry and BillDvP events, and
 * their projection onto the bills. The outbox's confirmation handlers are the writers of a bill's
 * transitions; this projector only compares the bills an indexed event (or a reorg) touched with
 * the chain, and hands what differs to `BillRepairService` (the one correction, audited).
 *
 * - The cursor's `projectedBlock` does not pass the event of a bill whose own job is in flight
 *   until the outbox has settled it, so a restart loses nothing.
 * - After a reorg: the bills of orphaned jobs whose transaction went back to the node are looked
 *   at once it is mined (or gone); a bill whose transaction cannot come back follows the chain,
 *   its timeline gets `chain_job.reorged`, and the reconciliation keeps reporting the job.
 */
@Injectable()
export class BillChainProjector implements ChainEventSubscriber, OnModuleInit {
  readonly name = 'bills';
  private readonly logger = new Logger('BillChainProjector');
  /** bill id → block of the last event after which it was found in line (saves chain reads while `projectedBlock` waits). */
  private readonly checked = new Map<string, number>();
  /** Bills a reorg touched that cannot be settled yet: bill id → hash of its orphaned transaction sent again, or null for a bill whose own job was in flight. */
  private readonly watched = new Map<string, string | null>();

  constructor(
    private readonly indexer: ChainEventIndexer,
    private readonly repairs: BillRepairService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
  ) {}

  onModuleInit(): void {
    this.indexer.register(this);
  }

  contracts(): IndexedContractSpec[] {
    return BILL_CONTRACTS.map((name) => ({
      name,
      decode: (log) => {
        const d = decodeChainEvent(name, log);
        return d && { eventName: d.eventName, args: d.args, subjectIds: d.billIds };
      },
    }));
  }

  /** One pass of the chain indexer and this projection. Exposed for tests and tooling. */
  async tick(): Promise<IndexerTickResult> {
    const t = await this.indexer.tick();
    const projection = (t.projections[this.name] as Projection | undefined) ?? { reconciled: [], deferred: [] };
    const reorgProjection = t.reorg?.projections[this.name] as { orphans: OrphanedJob[]; reconciled: ReconciledBill[] } | undefined;
    return {
      safeBlock: t.safeBlock,
      cursorBlock: t.cursor.blockNumber,
      fromBlock: t.fromBlock,
      toBlock: t.toBlock,
      events: t.events,
      reorg: t.reorg && {
        detectedAt: t.reorg.detectedAt,
        ancestor: t.reorg.ancestor,
        removedEvents: t.reorg.removedEvents,
        orphanedJobs: reorgProjection?.orphans ?? [],
      },
      reconciled: [...(reorgProjection?.reconciled ?? []), ...projection.reconciled],
      deferred: projection.deferred,
    };
  }

  /**
   * Brings the given bills in line with the chain now, without waiting for an event to touch
   * them (an operator's repair after `tally reconcile`). Bills with a chain job in flight are left alone.
   */
  repair(billIds: string[]): Promise<ReconciledBill[]> {
    return this.indexer.exclusive(async () => {
      const out: ReconciledBill[] = [];
      for (const id of billIds) {
        const outcome = await this.reconcileBill(id, 'repair');
        if (outcome.kind === 'repaired') out.push(outcome.bill);
      }
      return out;
    });
  }

  async afterTick(t: ChainIndexTick): Promise<Projection> {
    const { reconciled, deferred } = await this.projectIndexed(t);
    reconciled.push(...(await this.reconcileWatched(t.safeBlock)));
    return { reconciled, deferred };
  }

  /** Inside the reorg's transaction: record the orphaned steps, and bring the touched bills in line (or watch them). */
  async onReorg(m: EntityManager, reorg: ChainReorg): Promise<{ orphans: OrphanedJob[]; reconciled: ReconciledBill[] }> {
    const orphans = reorg.orphanedJobs.map((o): OrphanedJob => ({
      jobId: o.job.id,
      kind: o.job.kind,
      txHash: o.job.txHash,
      blockNumber: o.job.blockNumber,
      blockHash: o.job.blockHash,
      rebroadcast: o.rebroadcast,
      ...(o.error !== undefined ? { error: o.error } : {}),
      billIds: billIdsOfJob(o.job),
    }));
    const touched = new Set(reorg.touchedSubjects);
    for (const o of orphans) {
      for (const id of o.billIds) {
        if (o.rebroadcast === 'sent') {
          // back in flight: reconciled once it is mined (or gone), not now against a chain that lacks it for a moment
          touched.delete(id);
          this.watched.set(id, o.txHash);
        } else touched.add(id);
      }
    }
    for (const o of orphans) await this.recordOrphan(m, o);
    const reconciled: ReconciledBill[] = [];
    for (const id of touched) {
      const outcome = await this.repairs.applyChainState(m, id, 'reorg');
      if (outcome.kind === 'repaired') reconciled.push(outcome.bill);
      if (outcome.kind === 'deferred') this.watched.set(id, null); // looked at again once its own job is final
    }
    this.checked.clear();
    return { orphans, reconciled };
  }

  /** Every bill touched by an event above the projected block, unless already found in line since its last event. */
  private async projectIndexed(t: ChainIndexTick): Promise<Projection> {
    const cursor = t.cursor;
    const rows = await this.indexer.subjectsBetween(cursor.projectedBlock, cursor.blockNumber);
    const reconciled: ReconciledBill[] = [];
    const deferred: string[] = [];
    let holdBack: number | null = null;
    for (const row of rows) {
      if (this.checked.get(row.subjectId) === row.lastBlock) continue;
      const outcome = await this.reconcileBill(row.subjectId, 'event');
      if (outcome.kind === 'deferred') {
        deferred.push(row.subjectId);
        holdBack = Math.min(holdBack ?? Number.MAX_SAFE_INTEGER, row.firstBlock);
        continue;
      }
      this.checked.set(row.subjectId, row.lastBlock);
      if (outcome.kind === 'repaired') reconciled.push(outcome.bill);
    }
    const projectedBlock = holdBack === null ? cursor.blockNumber : holdBack - 1;
    await this.indexer.setProjectedBlock(cursor, projectedBlock);
    for (const [id, block] of this.checked) if (block <= projectedBlock) this.checked.delete(id);
    return { reconciled, deferred };
  }

  /** Bills of orphaned transactions sent again: once mined at depth (or gone), the row follows the chain. */
  private async reconcileWatched(safe: number): Promise<ReconciledBill[]> {
    const out: ReconciledBill[] = [];
    const provider = this.chain.provider;
    for (const [billId, txHash] of [...this.watched]) {
      if (txHash) {
        const receipt = await provider.getTransactionReceipt(txHash);
        if (receipt && receipt.blockNumber > safe) continue;
        if (!receipt && (await provider.getTransaction(txHash))) continue; // still waiting in the mempool
      }
      const outcome = await this.reconcileBill(billId, 'reorg');
      if (outcome.kind === 'deferred') continue;
      this.watched.delete(billId);
      if (outcome.kind === 'repaired') out.push(outcome.bill);
    }
    return out;
  }

  private reconcileBill(billId: string, cause: 'event' | 'reorg' | 'repair'): Promise<RepairOutcome> {
    return this.dataSource.transaction((m) => this.repairs.applyChainState(m, billId, cause));
  }

  /** The bill's timeline and the audit log say which of its confirmed steps the reorg took away (once per abandoned block). */
  private async recordOrphan(m: EntityManager, o: OrphanedJob): Promise<void> {
    for (const billId of o.billIds) {
      const seen = await m
        .getRepository(BillEventEntity)
        .createQueryBuilder('e')
        .where(
          `e.bill_id = :billId AND e.action = 'chain_job.reorged' AND e.chain_job_id = :jobId AND e.payload->>'blockHash' = :blockHash`,
          {
            billId,
            jobId: o.jobId,
            blockHash: o.blockHash ?? '',
          },
        )
        .getExists();
      const bill = await m.findOneBy(BillEntity, { id: billId });
      if (seen || !bill) continue;
      const payload = {
        kind: o.kind,
        blockNumber: o.blockNumber,
        blockHash: o.blockHash,
        rebroadcast: o.rebroadcast,
        error: o.error ?? null,
      };
      await recordBillEvent(m, billId, 'chain_job.reorged', 'system', { chainJobId: o.jobId, txHash: o.txHash, payload });
      await this.audit.append(m, {
        actor: 'system',
        organizationId: bill.holderOrgId,
        action: 'bill.chain_job_reorged',
        entity: 'bill',
        entityId: billId,
        payload: { chainJobId: o.jobId, txHash: o.txHash, ...payload },
      });
      this.logger.warn({ msg: 'bill step lost in a reorg', billId, jobId: o.jobId, rebroadcast: o.rebroadcast });
    }
  }
}

/** The bills a bill job acts on (a split also names its parts). */
function billIdsOfJob(job: ConfirmedJobView): string[] {
  if (!job.kind.startsWith('bills.')) return [];
  const p = job.payload as { billId?: unknown; childIds?: unknown };
  return [
    ...(typeof p.billId === 'string' ? [p.billId] : []),
    ...(Array.isArray(p.childIds) ? p.childIds.filter((c): c is string => typeof c === 'string') : []),
  ];
}
