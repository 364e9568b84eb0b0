import { Inject, Injectable } from '@nestjs/common';
import { CHAIN_CONTEXT, type ChainContext } from './chain-context.js';

export interface ChainHealth {
  status: 'up' | 'down';
  chainId: number;
  blockNumber?: number;
  blockTime?: string;
  latencyMs?: number;
  detail?: string;
}

@Injectable()
export class ChainStatusService {
  constructor(@Inject(CHAIN_CONTEXT) private readonly chain: ChainContext) {}

  async health(timeoutMs = 2_000): Promise<ChainHealth> {
    const started = performance.now();
    try {
      const block = await Promise.race([
        this.chain.provider.getBlock('latest'),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
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
    }
  }
}
