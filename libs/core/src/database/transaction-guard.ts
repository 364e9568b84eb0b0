import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type EntityManager } from 'typeorm';
import { TALLY_CONFIG } from '../config/config.module.js';
import type { TallyConfig } from '../config/config.js';
import { recordCommittedAnswer } from '../idempotency/idempotency-attempt.js';

/**
 * Pool starvation (a request holding a transaction waits for a second pooled connection: with
 * as many such requests as connections, every one of them waits for the others until the pool's
 * timeout) is a class of bug, not one call site. This guard marks the callback of every
 * `DataSource.transaction(...)` and catches any pooled connection taken while it runs: a query
 * through `this.dataSource` / a repository instead of the transaction's `EntityManager`, or a
 * second, nested transaction. `throw` (tests) fails that request; `log` reports the call site once.
 * The same wrapper lets an idempotent request record its committed answer inside its business
 * transaction (`recordCommittedAnswer`).
 */
@Injectable()
export class TransactionGuard implements OnModuleInit {
  private readonly logger = new Logger('TransactionGuard');
  private readonly inTransaction = new AsyncLocalStorage<true>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TALLY_CONFIG) private readonly config: TallyConfig,
  ) {}

  onModuleInit(): void {
    const mode = this.config.database.txGuard;
    const manager = this.dataSource.manager;
    const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
    const marked = this.inTransaction;
    // the root manager only: a transaction's own manager reuses its connection
    (manager as { transaction: unknown }).transaction = (isolationOrFn: unknown, maybeFn?: unknown) => {
      const fn = (typeof isolationOrFn === 'function' ? isolationOrFn : maybeFn) as (m: EntityManager) => Promise<unknown>;
      const run = async (m: EntityManager) => {
        const value = mode === 'off' ? await fn(m) : await marked.run(true, () => fn(m));
        await recordCommittedAnswer(m, value);
        return value;
      };
      return typeof isolationOrFn === 'function' ? transaction(run) : transaction(isolationOrFn, run);
    };
    if (mode === 'off') return;
    const driver = this.dataSource.driver as unknown as { obtainMasterConnection(): Promise<unknown> };
    const obtain = driver.obtainMasterConnection.bind(driver);
    driver.obtainMasterConnection = () => {
      if (marked.getStore()) this.violation(mode);
      return obtain();
    };
  }

  private violation(mode: 'log' | 'throw'): void {
    const stack = new Error('a second pooled connection was requested while this request holds a transaction').stack ?? '';
    if (mode === 'throw') throw new Error(`TransactionGuard: ${stack}`);
    const site = stack.split('\n').slice(2, 8).join('\n');
    if (this.reported.has(site)) return;
    this.reported.add(site);
    this.logger.error({ stack }, 'a second pooled connection was requested while a transaction is held (pool starvation risk)');
  }
}
