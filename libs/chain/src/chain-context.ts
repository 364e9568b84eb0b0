import type { JsonRpcProvider, Signer } from 'ethers';

/** The chain Tally talks to and the operator key it signs with (resolved once at boot). */
export interface ChainContext {
  provider: JsonRpcProvider;
  chainId: number;
  rpcUrl: string;
  signer: Signer;
  operatorAddress: string;
  confirmations: number;
}

export const CHAIN_CONTEXT = Symbol('CHAIN_CONTEXT');
