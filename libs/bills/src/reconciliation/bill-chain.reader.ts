import { Inject, Injectable } from '@nestjs/common';
import { getAddress, ZeroAddress, ZeroHash } from 'ethers';
import type { EntityManager } from 'typeorm';
import { CHAIN_CONTEXT, ContractRegistry, type ChainContext } from '#chain';
import { connectBillRegistry } from '#contracts';
import { billIdBytes32 } from '../bills/bill-id.util.js';
import { CHAIN_BILL_STATUSES, CHAIN_ENCUMBRANCES, ChainBillStatus, type ChainBill, type WalletLookup } from './bill-chain-state.util.js';

/** Wallets of the organizations, both ways (addresses compared case-insensitively). */
export class WalletDirectory implements WalletLookup {
  private readonly orgByAddress = new Map<string, string>();
  private readonly byOrg = new Map<string, string[]>();

  constructor(rows: { address: string; organization_id: string }[]) {
    for (const r of rows) {
      this.orgByAddress.set(r.address.toLowerCase(), r.organization_id);
      this.byOrg.set(r.organization_id, [...(this.byOrg.get(r.organization_id) ?? []), getAddress(r.address)]);
    }
  }

  /** The wallets at `addresses` and every wallet of `organizationIds`; no arguments: all wallets. */
  static async load(m: EntityManager, addresses?: (string | null)[], organizationIds?: string[]): Promise<WalletDirectory> {
    if (!addresses && !organizationIds) return new WalletDirectory(await m.query(`SELECT address, organization_id FROM wallets`));
    const lower = (addresses ?? []).filter((a): a is string => !!a).map((a) => a.toLowerCase());
    return new WalletDirectory(
      await m.query(`SELECT address, organization_id FROM wallets WHERE lower(address) = ANY($1) OR organization_id = ANY($2::uuid[])`, [
        lower,
        organizationIds ?? [],
      ]),
    );
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
  ) {}

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
