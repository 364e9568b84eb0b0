import { Inject, Injectable } from '@nestjs/common';
import { getAddress, ZeroAddress, ZeroHash } from 'ethers';
import type { EntityManager } from 'typeorm';
import { CHAIN_CONTEXT, ContractRegistry, type ChainContext } from '#chain';
import { connectBillRegistry } from '#contracts';
import { ParticipantDirectory, type ParticipantWallet } from '#identity';
import { billIdBytes32 } from '../bills/bill-id.util.js';
import { BillPoolingService } from '../pooling/bill-pooling.service.js';
import { CHAIN_BILL_STATUSES, CHAIN_ENCUMBRANCES, ChainBillStatus, type ChainBill, type WalletLookup } from './bill-chain-state.util.js';

/** Wallets of the organizations, both ways (addresses compared case-insensitively). */
export class WalletDirectory implements WalletLookup {
  private readonly orgByAddress = new Map<string, string>();
  private readonly byOrg = new Map<string, string[]>();

  constructor(rows: ParticipantWallet[]) {
    for (const r of rows) {
      this.orgByAddress.set(r.address.toLowerCase(), r.organizationId);
      this.byOrg.set(r.organizationId, [...(this.byOrg.get(r.organizationId) ?? []), getAddress(r.address)]);
    }
  }

  /** The wallets at `addresses` and every wallet of `organizationIds`; no arguments: all wallets. */
  static async load(participants: ParticipantDirectory, m: EntityManager, addresses?: (string | null)[], organizationIds?: string[]): Promise<WalletDirectory> {
    return new WalletDirectory(await participants.wallets(addresses, organizationIds, m));
  }

  organizationOf(address: string): string | null {
    return this.orgByAddress.get(address.toLowerCase()) ?? null;
  }

  walletsOf(organizationId: string): string[] {
    return this.byOrg.get(organizationId) ?? [];
  }
}

/** Reads bills from the BillRegistry, at the confirmed tip unless told otherwise. */
@Injectable()
export class BillChainReader {
  constructor(
    private readonly contracts: ContractRegistry,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
    private readonly participants: ParticipantDirectory,
    private readonly pooling: BillPoolingService,
  ) {}

  /**
   * The wallets at `addresses` and every wallet of `organizationIds` (identity's directory), plus
   * the non-organization holders other libs declare (an SPV vault holds the bills it bought: the
   * row's holder is the deal, see `BillPoolingService.registerHolders`); no arguments: all wallets.
   */
  async wallets(m: EntityManager, addresses?: (string | null)[], organizationIds?: string[]): Promise<WalletDirectory> {
    const [people, others] = await Promise.all([this.participants.wallets(addresses, organizationIds, m), this.pooling.otherHolders(m)]);
    return new WalletDirectory([...people, ...others]);
  }

  /** The newest block with the configured confirmations: what the outbox and the indexer call final. */
  async confirmedTip(): Promise<number> {
    const head = await this.chain.provider.getBlockNumber();
    return Math.max(0, head - Math.max(1, this.chain.confirmations) + 1);
  }

  async billOf(billId: string, blockTag: number): Promise<ChainBill> {
    const registry = connectBillRegistry(this.contracts.address('BillRegistry'), this.chain.provider);
    const [record, holder] = await registry.billOf(billIdBytes32(billId), { blockTag });
    const currency = Buffer.from(record.currency.slice(2), 'hex').toString('ascii').replace(/\0+$/, '');
    return {
      status: CHAIN_BILL_STATUSES[Number(record.status)] ?? ChainBillStatus.NONE,
      encumbrance: CHAIN_ENCUMBRANCES[Number(record.encumbrance)]!,
      holder: holder === ZeroAddress ? null : getAddress(holder),
      amountMinor: record.amount,
      currency,
      dueDateUnix: Number(record.dueDate),
      fingerprint: record.fingerprint,
      parent: record.parent === ZeroHash ? null : record.parent,
    };
  }
}
