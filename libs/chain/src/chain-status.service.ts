import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { CHAIN_CONTEXT, type ChainContext } from './chain-context.js';

export interface ChainHealth {
  status: 'up' | 'down';
  chainId: number;
  blockNumber?: number;
  blockTime?: string;
  latencyMs?: number;
  /** How old the observation is (answers from the background refresh). */
  ageMs?: number;
  detail?: string;
}

/** How often the background refresh asks the node for its latest block. */
export const CHAIN_STATUS_REFRESH_MS = 500;
/** An observation older than this (the refresh is stuck or the node hangs) reports the chain down. */
export const CHAIN_STATUS_STALE_MS = 3_000;

@Injectable()
export class ChainStatusService implements OnModuleDestroy {
  private last: { health: ChainHealth; at: number } | undefined;
  private inFlight: Promise<ChainHealth> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(@Inject(CHAIN_CONTEXT) private readonly chain: ChainContext) {}

  /** One live call to the node (the latest block), raced against a deadline. */
  async health(timeoutMs = 2_000): Promise<ChainHealth> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const block = await Promise.race([
        this.chain.provider.getBlock('latest'),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          timer.unref();
        }),
      ]);
      if (!block) throw new Error('node returned no latest block');
      return {
        status: 'up',
        chainId: this.chain.chainId,
        blockNumber: block.number,
        blockTime: new Date(block.timestamp * 1000).toISOString(),
        latencyMs: Math.round(performance.now() - started),
      };
    } catch (err) {
      return { status: 'down', chainId: this.chain.chainId, detail: (err as Error).message.slice(0, 200) };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The chain status as last observed by a background refresh (every CHAIN_STATUS_REFRESH_MS,
   * one call at a time), so a health probe costs no RPC call: at most about a second old on a
   * node that answers. The first call starts the refresh and waits for its first observation;
   * an observation older than CHAIN_STATUS_STALE_MS (a node that stopped answering within the
   * deadline is reported down by the refresh itself) reports the chain down.
   */
  async current(): Promise<ChainHealth> {
    if (!this.last) {
      this.startRefresh();
      await this.refresh();
    }
    const { health, at } = this.last!;
    const ageMs = Math.round(performance.now() - at);
    if (ageMs > CHAIN_STATUS_STALE_MS) {
      return { status: 'down', chainId: this.chain.chainId, ageMs, detail: `no chain status for ${ageMs} ms` };
    }
    return { ...health, ageMs };
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private startRefresh(): void {
    if (this.timer || this.stopped) return;
    const tick = () => {
      void this.refresh().finally(() => {
        if (this.stopped) return;
        this.timer = setTimeout(tick, CHAIN_STATUS_REFRESH_MS);
        this.timer.unref();
      });
    };
    this.timer = setTimeout(tick, CHAIN_STATUS_REFRESH_MS);
    this.timer.unref();
  }

  /** One observation at a time: concurrent callers share the call in flight. */
  private refresh(): Promise<ChainHealth> {
    this.inFlight ??= this.health(CHAIN_STATUS_REFRESH_MS * 4)
      .then((health) => {
        this.last = { health, at: performance.now() };
        return health;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}
