import { FetchRequest, JsonRpcProvider } from 'ethers';

/** A node that has not answered in this time has failed the request (ethers waits 300 s by default). */
export const RPC_TIMEOUT_MS = 30_000;

/**
 * A JSON-RPC provider as TOOLCHAIN.md measured best: a static network (no eth_chainId per call)
 * and no request batching (the batching stall caps a send-and-wait loop at ~19 tx/s). ethers'
 * 250 ms response cache is off: a health check or a nonce lookup must see the node as it is now.
 * A request the node leaves unanswered fails after RPC_TIMEOUT_MS instead of holding its caller
 * (an outbox tick, a health refresh) for five minutes.
 */
export function createProvider(rpcUrl: string, chainId: number): JsonRpcProvider {
  const request = new FetchRequest(rpcUrl);
  request.timeout = RPC_TIMEOUT_MS;
  return new JsonRpcProvider(request, chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
}
