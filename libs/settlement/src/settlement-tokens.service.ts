import { Inject, Injectable } from '@nestjs/common';
import { id as keccakText, MaxUint256, Signature, ZeroHash } from 'ethers';
import { CHAIN_CONTEXT, ContractRegistry, type ChainContext } from '#chain';
import { connectSettlementToken, SettlementTokenInterface, type SettlementToken } from '#contracts';
import { WalletsService } from '#identity';

/** bytes32 reference on chain: keccak256 of the bank's reference (used once per token). */
export const referenceHash = (reference: string) => keccakText(`tally.settlement:${reference}`);

/** The EIP-2612 permit argument of a DvP call; `deadline` 0 means "no permit, the standing allowance suffices". */
export interface PermitArg {
  value: bigint;
  deadline: bigint;
  v: number;
  r: string;
  s: string;
}

const PERMIT_TTL_SEC = 3_600;

const PERMIT_TYPES = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

/**
 * The one home of the SettlementToken contracts (one per currency): the contract objects,
 * balances, allowances, used references, the mint/burn calls and the EIP-2612 permits that let a
 * DvP contract pull a custodial wallet's tokens. Every other lib asks here.
 */
@Injectable()
export class SettlementTokens {
  // one contract object per address: building one parses the ABI, which is not free per call
  private readonly tokens = new Map<string, SettlementToken>();

  constructor(
    private readonly contracts: ContractRegistry,
    private readonly wallets: WalletsService,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
  ) {}

  /** The token's address for `currency`; throws when no token of that currency is deployed. */
  address(currency: string): string {
    return this.contracts.address(`SettlementToken.${currency}`);
  }

  token(currency: string): SettlementToken {
    const address = this.address(currency);
    let token = this.tokens.get(address);
    if (!token) this.tokens.set(address, (token = connectSettlementToken(address, this.chain.provider)));
    return token;
  }

  async balanceOf(wallet: string, currency: string, blockTag?: number): Promise<bigint> {
    return (await this.token(currency).balanceOf(wallet, blockTag === undefined ? {} : { blockTag })) as bigint;
  }

  async allowance(owner: string, spender: string, currency: string): Promise<bigint> {
    return (await this.token(currency).allowance(owner, spender)) as bigint;
  }

  /** Whether a deposit (mint) or withdrawal (burn) reference is used on the token. */
  async isReferenceUsed(currency: string, kind: 'deposit' | 'withdrawal', reference: string, blockTag?: number): Promise<boolean> {
    const token = this.token(currency);
    const ref = referenceHash(reference);
    const overrides = blockTag === undefined ? {} : { blockTag };
    return kind === 'deposit' ? token.isDepositRefUsed(ref, overrides) : token.isWithdrawalRefUsed(ref, overrides);
  }

  /** The settlement agent's mint or burn call, for the outbox. */
  mintOrBurnCall(
    kind: 'mint' | 'burn',
    currency: string,
    wallet: string,
    amountMinor: bigint,
    reference: string,
  ): { to: string; data: string } {
    return {
      to: this.address(currency),
      data: SettlementTokenInterface.encodeFunctionData(kind, [wallet, amountMinor, referenceHash(reference)]),
    };
  }

  /**
   * The authority of `spender` (a DvP contract) to pull `value` from `ownerOrgId`'s custodial
   * wallet. A custodial wallet sends no transactions, so its EIP-2612 permit (signed here, by its
   * key) grants the spender an unlimited allowance once; later settlements use that allowance
   * (deadline 0 = no permit), and the key is not even decrypted for them. Permits carry the
   * owner's token nonce: two signed at once share it, and the DvP tolerates the second failing
   * when the first already granted the allowance.
   */
  async standingPermit(ownerOrgId: string, currency: string, spender: string, value: bigint): Promise<PermitArg> {
    const token = this.token(currency);
    const ownerAddress = await this.wallets.custodialAddress(ownerOrgId);
    if ((await this.allowance(ownerAddress, spender, currency)) >= value) return { value, deadline: 0n, v: 0, r: ZeroHash, s: ZeroHash };
    const owner = await this.wallets.custodialSigner(ownerOrgId);
    const [domain, nonce, block] = await Promise.all([
      token.eip712Domain(),
      token.nonces(ownerAddress),
      this.chain.provider.getBlock('latest'),
    ]);
    const deadline = BigInt(block!.timestamp + PERMIT_TTL_SEC);
    const message = { owner: ownerAddress, spender, value: MaxUint256, nonce, deadline };
    const sig = Signature.from(
      await owner.signTypedData(
        { name: domain[1], version: domain[2], chainId: domain[3], verifyingContract: domain[4] },
        PERMIT_TYPES,
        message,
      ),
    );
    return { value: MaxUint256, deadline, v: sig.v, r: sig.r, s: sig.s };
  }
}
