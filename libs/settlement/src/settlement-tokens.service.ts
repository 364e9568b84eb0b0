import { Inject, Injectable } from '@nestjs/common';
import { id as keccakText } from 'ethers';
import { CHAIN_CONTEXT, ChainRole, ContractRegistry, type ChainCall, type ChainContext } from '#chain';
import { connectSettlementToken, SettlementTokenInterface, type SettlementToken } from '#contracts';
import { WalletsService } from '#identity';

/** bytes32 reference on chain: keccak256 of the bank's reference (used once per token). */
export const referenceHash = (reference: string) => keccakText(`tally.settlement:${reference}`);

/**
 * The one home of the SettlementToken contracts (one per currency): the contract objects,
 * balances, allowances, used references, the mint/burn calls. Every other lib asks here. A DvP
 * contract moves a wallet's tokens only on the payer's consent to that one trade, signed where the
 * trade's call is built (libs/bills); no standing allowance exists.
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
  ): ChainCall {
    return {
      to: this.address(currency),
      data: SettlementTokenInterface.encodeFunctionData(kind, [wallet, amountMinor, referenceHash(reference)]),
      signer: ChainRole.SETTLEMENT_AGENT,
    };
  }
}
