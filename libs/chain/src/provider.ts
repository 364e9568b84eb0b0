import { JsonRpcProvider } from 'ethers';

/**
 * A JSON-RPC provider as TOOLCHAIN.md measured best: a static network (no eth_chainId per call)
 * and no request batching (the batching stall caps a send-and-wait loop at ~19 tx/s). ethers'
 * 250 ms response cache is off: a health check or a nonce lookup must see the node as it is now.
 */
export function createProvider(rpcUrl: string, chainId: number): JsonRpcProvider {
  return new JsonRpcProvider(rpcUrl, chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
}
