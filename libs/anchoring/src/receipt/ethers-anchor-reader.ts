import type { Provider } from 'ethers';
import { connectDocumentAnchor, decodeDocumentAnchorEvent } from '#contracts';
import type { AnchorChainReader, AnchoringTx, ChainAnchoring } from './verify-receipt.js';

/** Reads DocumentAnchor through any ethers provider (the CLI's `--rpc`, the platform's own node). */
export class EthersAnchorReader implements AnchorChainReader {
  constructor(private readonly provider: Provider) {}

  async chainId(): Promise<number> {
    return Number((await this.provider.getNetwork()).chainId);
  }

  async hasCode(address: string): Promise<boolean> {
    return (await this.provider.getCode(address)) !== '0x';
  }

  async batchOf(contract: string, batchId: string): Promise<ChainAnchoring> {
    const r = await connectDocumentAnchor(contract, this.provider).batchOf(batchId);
    return { root: r.root, anchoredAt: Number(r.anchoredAt), blockNumber: Number(r.blockNumber) };
  }

  async rootAnchoredAt(contract: string, root: string): Promise<number> {
    return Number(await connectDocumentAnchor(contract, this.provider).rootAnchoredAt(root));
  }

  async verifyOnChain(contract: string, root: string, proof: string[], documentHash: string): Promise<boolean> {
    return connectDocumentAnchor(contract, this.provider).verify(root, proof, documentHash);
  }

  async anchoringTx(txHash: string): Promise<AnchoringTx | null> {
    const receipt = await this.provider.getTransactionReceipt(txHash);
    if (!receipt) return null;
    const anchored: AnchoringTx['anchored'] = [];
    for (const log of receipt.logs) {
      const event = decodeDocumentAnchorEvent(log);
      if (event?.name === 'RootAnchored') {
        anchored.push({
          contract: log.address,
          batchId: event.args.batchId,
          root: event.args.root,
          anchoredAt: Number(event.args.anchoredAt),
        });
      }
    }
    return { status: receipt.status ?? 0, blockNumber: receipt.blockNumber, anchored };
  }
}

/**
 * Remembers what cannot change once seen (the chain id, a contract's code, an anchoring and its
 * transaction), for a while: the public endpoints verify many hashes of the same few batches. A
 * root found NOT anchored is not remembered (it may be anchored a second later).
 */
export class CachingAnchorReader implements AnchorChainReader {
  private readonly cache = new Map<string, { value: unknown; until: number }>();

  constructor(
    private readonly inner: AnchorChainReader,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  chainId(): Promise<number> {
    return this.remember(
      'chain',
      () => this.inner.chainId(),
      () => true,
    );
  }
  hasCode(address: string): Promise<boolean> {
    return this.remember(
      `code:${address}`,
      () => this.inner.hasCode(address),
      (v) => v,
    );
  }
  batchOf(contract: string, batchId: string): Promise<ChainAnchoring> {
    return this.remember(
      `batch:${contract}:${batchId}`,
      () => this.inner.batchOf(contract, batchId),
      (v) => v.anchoredAt > 0,
    );
  }
  rootAnchoredAt(contract: string, root: string): Promise<number> {
    return this.remember(
      `root:${contract}:${root}`,
      () => this.inner.rootAnchoredAt(contract, root),
      (v) => v > 0,
    );
  }
  verifyOnChain(contract: string, root: string, proof: string[], documentHash: string): Promise<boolean> {
    return this.inner.verifyOnChain(contract, root, proof, documentHash);
  }
  anchoringTx(txHash: string): Promise<AnchoringTx | null> {
    return this.remember(
      `tx:${txHash}`,
      () => this.inner.anchoringTx(txHash),
      (v) => v !== null,
    );
  }

  private async remember<T>(key: string, load: () => Promise<T>, keep: (value: T) => boolean): Promise<T> {
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.value as T;
    const value = await load();
    if (keep(value)) {
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      this.cache.set(key, { value, until: now + this.ttlMs });
    }
    return value;
  }
}
