import net from 'node:net';
import { parseEther, Wallet, type JsonRpcProvider } from 'ethers';
import { AnvilProcess, CHAIN_ROLES, createChainContext, createProvider, type ChainContext, type ChainRole } from '#chain';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface TestChain {
  anvil: AnvilProcess;
  provider: JsonRpcProvider;
  context: ChainContext;
  /** A fresh funded key (none of the platform's role keys). */
  fundedWallet(): Promise<Wallet>;
  stop(): Promise<void>;
}

/** A real anvil node for one test file, with a fresh funded key per contract role (admin, registrar, anchorer, ...). */
export async function startTestChain(options: { blockTimeSec?: number; confirmations?: number } = {}): Promise<TestChain> {
  const anvil = new AnvilProcess({ port: 0, chainId: 31337, blockTimeSec: options.blockTimeSec ?? 0 });
  await anvil.start();
  const provider = createProvider(anvil.url, 31337);
  const fund = async (address: string) => provider.send('anvil_setBalance', [address, '0x' + parseEther('1000').toString(16)]);
  const signers = Object.fromEntries(CHAIN_ROLES.map((role) => [role, new Wallet(Wallet.createRandom().privateKey, provider)])) as Record<ChainRole, Wallet>;
  await Promise.all(Object.values(signers).map((w) => fund(w.address)));
  return {
    anvil,
    provider,
    context: await createChainContext({ provider, chainId: 31337, rpcUrl: anvil.url, signers, confirmations: options.confirmations ?? 1 }),
    async fundedWallet() {
      const w = new Wallet(Wallet.createRandom().privateKey, provider);
      await fund(w.address);
      return w;
    },
    async stop() {
      provider.destroy();
      await anvil.stop();
    },
  };
}
