// The outbox worker killed at a chosen point, for the crash tests (DvP, closing, distributions):
// the app runs without its own worker and the test drives `OutboxWorker`s itself — one that dies
// after persisting a tick's signed transactions or after broadcasting them (or does not die), then
// an heir that takes the jobs over once the dead worker's lease has run out.
import { DataSource } from 'typeorm';
import { ChainJobHandlerRegistry, OutboxWorker, type OutboxWorkerHooks, type OutboxWorkerOptions } from '#chain';
import type { TestPlatform } from './platform.js';

/** What a crash hook throws: the tick ends there as if the process had died. */
export class SimulatedCrash extends Error {}

export const CRASH_POINTS = ['afterPersist', 'afterBroadcast', 'none'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** A tally of the crash points drawn, printed at the end of a run. */
export const crashTally = (): Record<CrashPoint, number> => ({ afterPersist: 0, afterBroadcast: 0, none: 0 });

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface CrashWorkers {
  readonly leaseMs: number;
  /** A worker on the platform's database, chain and handlers; `hooks` are its crash points. */
  worker(workerId: string, hooks?: OutboxWorkerHooks, overrides?: WorkerOverrides): OutboxWorker;
  /** A worker that dies at `crashAt` (with a `SimulatedCrash` naming `where`); a plain worker for 'none'. */
  dying(workerId: string, crashAt: CrashPoint, where: string, overrides?: WorkerOverrides): OutboxWorker;
  /** Waits until a dead worker's lease has run out (and a little more), so that an heir may claim its jobs. */
  outliveLease(): Promise<void>;
  /**
   * One crash scenario: `goodTicks` ticks of a healthy worker, then (unless 'none') one tick of a
   * worker that dies at `crashAt` and the wait for its lease; returns the heir (not ticked yet) and
   * whether the dying worker reached its crash point (a tick with nothing to sign does not: it then
   * lives on, as a healthy worker would). `overrides` apply to the healthy and the dying worker
   * (a small `batchSize`: the crash leaves some jobs signed and others not), not to the heir.
   */
  crashThenInherit(
    id: string,
    crashAt: CrashPoint,
    goodTicks: number,
    where: string,
    overrides?: WorkerOverrides,
  ): Promise<{ heir: OutboxWorker; died: boolean }>;
}

export type WorkerOverrides = Partial<Pick<OutboxWorkerOptions, 'batchSize'>>;

/** The worker factory of a crash test; the same options everywhere but the lease. */
export function crashWorkers(p: TestPlatform, leaseMs: number): CrashWorkers {
  const options: OutboxWorkerOptions = { pollMs: 20, batchSize: 50, leaseMs, stuckAfterMs: 600_000, maxAttempts: 5 };
  const dataSource = p.app.get(DataSource);
  const handlers = p.app.get(ChainJobHandlerRegistry);
  const worker = (workerId: string, hooks: OutboxWorkerHooks = {}, overrides: WorkerOverrides = {}) =>
    new OutboxWorker(dataSource, p.chain.context, handlers, { ...options, ...overrides, workerId }, undefined, hooks);
  const dying = (workerId: string, crashAt: CrashPoint, where: string, overrides: WorkerOverrides = {}) =>
    worker(
      workerId,
      crashAt === 'none' ? {} : { [crashAt]: () => Promise.reject(new SimulatedCrash(`killed ${crashAt} in ${where}`)) },
      overrides,
    );
  const outliveLease = () => sleep(leaseMs + 100);
  return {
    leaseMs,
    worker,
    dying,
    outliveLease,
    async crashThenInherit(id, crashAt, goodTicks, where, overrides = {}) {
      const good = worker(`good-${id}`, {}, overrides);
      for (let i = 0; i < goodTicks; i++) await good.tick();
      let died = false;
      if (crashAt !== 'none') {
        await dying(`dying-${id}`, crashAt, where, overrides)
          .tick()
          .catch((e: unknown) => {
            if (!(e instanceof SimulatedCrash)) throw e;
            died = true;
          });
        await outliveLease();
      }
      return { heir: worker(`heir-${id}`), died };
    },
  };
}
