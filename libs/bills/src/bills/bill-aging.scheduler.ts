import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#core';
import { FinancingService } from '../financing/financing.service.js';
import { BillEntity } from './bill.entity.js';
import { recordBillEvent } from './bill-event.util.js';
import { BILLS_OPTIONS, type BillsOptions } from './bills.service.js';
import { nextBillState } from './bill-state.js';

/**
 * Daily life of bills, where the outbox worker runs: pre-authorised payments on the due date,
 * ACCEPTED → OVERDUE after it, OVERDUE → DEFAULTED after the grace days.
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

  /** One pass; `today` is injectable for tests. */
  async tick(today = new Date().toISOString().slice(0, 10)): Promise<{ autoDebited: number; overdue: number; defaulted: number }> {
    const repo = this.dataSource.getRepository(BillEntity);
    const due = await repo
      .createQueryBuilder('b')
      .where(`b.state = 'ACCEPTED' AND b.auto_debit AND b.due_date <= :today AND b.pending_action IS NULL AND b.superseded_at IS NULL`, { today })
      .getMany();
    let autoDebited = 0;
    for (const b of due) {
      await this.financing.pay('system', b.id).then(
        () => autoDebited++,
        (err: Error) => this.logger.warn({ billId: b.id, err: err.message }, 'auto-debit not possible; the bill will age'),
      );
    }
    const overdue = await this.move(`state = 'ACCEPTED' AND due_date < $1 AND pending_action IS NULL AND superseded_at IS NULL`, [today], 'overdue');
    const graceStart = new Date(Date.parse(`${today}T00:00:00Z`) - this.options.defaultGraceDays * 86_400_000).toISOString().slice(0, 10);
    const defaulted = await this.move(`state = 'OVERDUE' AND due_date < $1 AND pending_action IS NULL`, [graceStart], 'default');
    return { autoDebited, overdue, defaulted };
  }

  private async move(where: string, params: unknown[], action: 'overdue' | 'default'): Promise<number> {
    const ids: { id: string }[] = await this.dataSource.query(`SELECT id FROM bills WHERE ${where}`, params);
    for (const { id } of ids) {
      await this.dataSource.transaction(async (m) => {
        const bill = await m.findOne(BillEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!bill || bill.pendingAction) return;
        const to = nextBillState(bill.state, action);
        await m.update(BillEntity, { id }, { state: to });
        await recordBillEvent(m, id, action === 'overdue' ? 'overdue' : 'defaulted', 'system', { payload: { dueDate: bill.dueDate } });
        await this.audit.append(m, { actor: 'system', organizationId: bill.holderOrgId, action: `bill.${action}`, entity: 'bill', entityId: id, payload: { from: bill.state, to } });
      });
    }
    return ids.length;
  }
}
