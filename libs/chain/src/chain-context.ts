import type { JsonRpcProvider, Signer } from 'ethers';

/**
 * The keys Tally signs with on chain: one per contract role, each its own keystore file, so a
 * leaked or misused key can only do what its role allows (the contracts check the roles).
 */
export enum ChainRole {
  /** DEFAULT_ADMIN_ROLE of every contract (behind a 2-day delay): deploys and grants, nothing operational. */
  ADMIN = 'admin',
  /** IdentityRegistry REGISTRAR_ROLE: registers and removes wallets. */
  REGISTRAR = 'registrar',
  /** DocumentAnchor ANCHORER_ROLE: anchors Merkle roots. */
  ANCHORER = 'anchorer',
  /** SettlementToken SETTLEMENT_AGENT_ROLE: mints deposits and burns withdrawals. */
  SETTLEMENT_AGENT = 'settlement-agent',
  /** AGENT_ROLE of BillRegistry and BillDvP, and of a deal's SpvVault, TrancheDvP and TrancheTokens. */
  BILL_OPERATOR = 'bill-operator',
}

export const CHAIN_ROLES: readonly ChainRole[] = Object.values(ChainRole);

/** The chain Tally talks to and the keys it signs with (resolved once at boot). */
export interface ChainContext {
  provider: JsonRpcProvider;
  chainId: number;
  rpcUrl: string;
  /** One signer per role (the outbox signs each job with the key of its call's `signer` role). */
  signers: Record<ChainRole, Signer>;
  /** The address of each role's key. */
  addresses: Record<ChainRole, string>;
  confirmations: number;
}

export const CHAIN_CONTEXT = Symbol('CHAIN_CONTEXT');

/** Builds a context from one signer per role; two roles sharing a key are refused (the split is the point). */
export async function createChainContext(input: Omit<ChainContext, 'addresses'>): Promise<ChainContext> {
  const addresses = {} as Record<ChainRole, string>;
  const seen = new Map<string, ChainRole>();
  for (const role of CHAIN_ROLES) {
    const signer = input.signers[role];
    if (!signer) throw new Error(`no signing key for the ${role} role`);
    const address = await signer.getAddress();
    const other = seen.get(address.toLowerCase());
    if (other) throw new Error(`the ${role} and ${other} roles share the key ${address}: each role needs its own key`);
    seen.set(address.toLowerCase(), role);
    addresses[role] = address;
  }
  return { ...input, addresses };
}

/** The role whose key has this address, or null when it is none of ours. */
export function roleOfAddress(chain: ChainContext, address: string): ChainRole | null {
  const wanted = address.toLowerCase();
  return CHAIN_ROLES.find((r) => chain.addresses[r].toLowerCase() === wanted) ?? null;
}
