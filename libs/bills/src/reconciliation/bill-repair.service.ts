import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, toJsonSafe } from '#core';
import { ChainJobsService } from '#chain';
import { BillEntity } from '../bills/bill.entity.js';
import { recordBillEvent } from '../bills/bill-event.util.js';
import { billDifferences, billRepair, type FieldDifference } from './bill-chain-state.util.js';
import { BillChainReader } from './bill-chain.reader.js';

/** Why a bill was brought in line with the chain. */
export type ReconcileCause = 'event' | 'reorg' | 'repair';

export interface ReconciledBill {
  billId: string;
  cause: ReconcileCause;
  differences: FieldDifference[];
  /** The fields written, JSON-safe. */
  changes: Record<string, unknown>;
}

export type RepairOutcome =
  | { kind: 'in_sync' | 'unknown' | 'deferred' }
  | { kind: 'unrepairable'; differences: FieldDifference[] }
  | { kind: 'repaired'; bill: ReconciledBill };

/**
 * The one correction of a bill row from the chain. The outbox's confirmation handlers write a
 * bill's transitions; this writes only when a difference was found (by the indexed-event projector
 * or an operator's repair), only the fields the chain decides (holder, status, encumbrance), with a
 * `reconciled.from_chain` timeline step and an audit row. A bill whose own job is in flight is left
 * to the outbox.
 */
@Injectable()
export class BillRepairService {
  private readonly logger = new Logger('BillRepair');

  constructor(
    private readonly reader: BillChainReader,
    private readonly jobs: ChainJobsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Inside the caller's transaction: lock the row, then read the token and write what differs.
   * The chain is read only once the row is locked, at the confirmed tip of that moment: whatever
   * the row reflects was confirmed by the outbox at or below that tip (the outbox updates the row
   * in the transaction that finishes the job, which waits for this lock), so an older chain state
   * can never roll a newer row back.
   */
  async applyChainState(m: EntityManager, billId: string, cause: ReconcileCause): Promise<RepairOutcome> {
    const bill = await m.findOne(BillEntity, { where: { id: billId }, lock: { mode: 'pessimistic_write' } });
    if (!bill) return { kind: 'unknown' }; // a token Tally did not issue: reported by the reconciliation
    if (bill.pendingAction) {
      const status = bill.pendingJobId ? (await this.jobs.statuses([bill.pendingJobId], m)).get(bill.pendingJobId) : undefined;
      // the outbox moves the row when its job is final, in the same transaction: leave it alone until then
      if (!status || ChainJobsService.isInFlight(status)) return { kind: 'deferred' };
    }
    const blockNumber = await this.reader.confirmedTip();
    const chain = await this.reader.billOf(billId, blockNumber);
    const wallets = await this.reader.wallets(m, [chain.holder], [bill.holderOrgId]);
    const differences = billDifferences(bill, chain, wallets);
    if (differences.length === 0) return { kind: 'in_sync' };
    const changes = billRepair(bill, chain, wallets);
    if (Object.keys(changes).length === 0) {
      this.logger.warn({ msg: 'bill differs from the chain in fields the chain does not decide', billId, differences });
      return { kind: 'unrepairable', differences };
    }
    await m.update(BillEntity, { id: billId }, changes);
    const payload = { cause, blockNumber, differences, changes };
    await recordBillEvent(m, billId, 'reconciled.from_chain', 'system', { payload });
    await this.audit.append(m, {
      actor: 'system',
      organizationId: changes.holderOrgId ?? bill.holderOrgId,
      action: 'bill.reconciled_from_chain',
      entity: 'bill',
      entityId: billId,
      payload,
    });
    this.logger.warn({ msg: 'bill brought in line with the chain', billId, cause, fields: differences.map((d) => d.field) });
    return { kind: 'repaired', bill: { billId, cause, differences, changes: toJsonSafe(changes) as Record<string, unknown> } };
  }
}
