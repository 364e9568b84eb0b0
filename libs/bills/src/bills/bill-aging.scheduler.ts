import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, BusinessDate } from '#core';
import { FinancingService } from '../financing/financing.service.js';
import { BillEntity } from './bill.entity.js';
import { recordBillEvent } from './bill-event.util.js';
import { BILLS_OPTIONS, type BillsOptions } from './bills.service.js';
import { applyConfirmed, assertAllowed, daysBefore, fromStates, SYSTEM_ACTOR } from '../lifecycle/bill-lifecycle.js';

/**
 * Daily life of bills, where the outbox worker runs: pre-authorised payments on the due date, then
 * the lifecycle table's 'overdue' after it and 'default' after the grace days. The queries pick
 * candidates by the table's from-states (bound as parameters); the table decides under the row lock.
 */
@Injectable()
export class BillAgingScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BillAgingScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly financing: FinancingService,
    private readonly audit: AuditService,
    @Inject(BILLS_OPTIONS) private readonly options: BillsOptions,
    private readonly businessDate: BusinessDate,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.schedules) return;
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        .catch((err) => this.logger.error({ err }, 'bill aging failed'))
        .finally(() => (this.running = undefined));
    }, this.options.agingCheckMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass on `today`, by default the platform's business date (an operator's end-of-day run passes none). */
  async tick(today = this.businessDate.today()): Promise<{ autoDebited: number; overdue: number; defaulted: number }> {
    const repo = this.dataSource.getRepository(BillEntity);
    // a pre-authorised payment runs on the due date, before the bill ages (from the states 'overdue' leaves)
    const due = await repo
      .createQueryBuilder('b')
      .where(`b.state = ANY(:states) AND b.auto_debit AND b.due_date <= :today AND b.pending_action IS NULL AND b.superseded_at IS NULL`, { today, states: fromStates('overdue') })
      .getMany();
    let autoDebited = 0;
    for (const b of due) {
      await this.financing.pay('system', b.id).then(
        () => autoDebited++,
        (err: Error) => this.logger.warn({ billId: b.id, err: err.message }, 'auto-debit not possible; the bill will age'),
      );
    }
    const overdue = await this.move(today, today, 'overdue');
    const defaulted = await this.move(today, daysBefore(today, this.options.defaultGraceDays), 'default');
    return { autoDebited, overdue, defaulted };
  }

  /** Bills in the action's from-states due before `dueBefore`; each moves if the table allows it under its row lock. */
  private async move(today: string, dueBefore: string, action: 'overdue' | 'default'): Promise<number> {
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM bills WHERE state = ANY($1::text[]) AND due_date < $2 AND pending_action IS NULL AND superseded_at IS NULL`,
      [fromStates(action), dueBefore],
    );
    const clock = { today, defaultGraceDays: this.options.defaultGraceDays };
    for (const { id } of ids) {
      await this.dataSource.transaction(async (m) => {
        const bill = await m.findOne(BillEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!bill || bill.pendingAction) return;
        assertAllowed(action, bill, SYSTEM_ACTOR, clock);
        const columns = applyConfirmed(action);
        const to = columns.state;
        // a default is dated on the pass's business day (what servicing counts as the period's loss)
        await m.update(BillEntity, { id }, action === 'default' ? { ...columns, defaultedOn: today } : columns);
        await recordBillEvent(m, id, action === 'overdue' ? 'overdue' : 'defaulted', 'system', { payload: { dueDate: bill.dueDate } });
        await this.audit.append(m, { actor: 'system', organizationId: bill.holderOrgId, action: `bill.${action}`, entity: 'bill', entityId: id, payload: { from: bill.state, to } });
      });
    }
    return ids.length;
  }
}
