import { Inject, Injectable } from '@nestjs/common';
import { getAddress, id as keccakText, zeroPadValue, type JsonRpcProvider } from 'ethers';
import { DataSource, IsNull } from 'typeorm';
import { CHAIN_CONTEXT, type ChainContext } from '#chain';
import { connectTrancheToken } from '#contracts';
import { BillPoolingService } from '#bills';
import { centsToNumber, type JsonObject } from '#waterfall';
import { ClosingState, DealClosingEntity } from '../closing/closing.entity.js';
import { DealEntity } from '../deals/deal.entity.js';
import { PoolAssetEntity, PoolEntity } from '../pools/pool.entity.js';
import type { HolderBalance } from './distribution.util.js';
import { collectionRows } from './closed-deal.util.js';
import type { CollectionRowInput } from './period-run.util.js';
import type { ServicingDealSource } from './period-runs.service.js';
import { ServicingErrorCode, ServicingException } from './servicing.errors.js';

const TRANSFER = keccakText('Transfer(address,address,uint256)');
const ZERO_TOPIC = zeroPadValue('0x00', 32);

/**
 * The period data of a deal closed on chain (issue 10's closing):
 * - dealCase: the deal's stored engine structure, dates and start status, with the pool's balance
 *   at cut-off (`tally-waterfall-case/1`, the `pool.collections` are filled per period);
 * - vault and currency: the closing's;
 * - collections (after, upTo]: the pool's live bills — a bill PAID on a day is principal = face
 *   that day (a late payment, after its due date, is counted as delinquent until it is paid), a
 *   bill DEFAULTED on a day is `defaultMinor` = `lossMinor` = face (no recovery yet); bills are
 *   discount paper, so interest is 0. One row per day with an event;
 * - holders: every address that ever received the tranche's notes (the token's Transfer logs),
 *   with `balanceOf` read at the last block whose timestamp is on or before the record date's end
 *   (23:59:59 UTC); a record date today or later reads at the head. Notes only move between
 *   verified wallets (TrancheToken refuses others), so those addresses are the eligible holders.
 */
@Injectable()
export class ClosedDealSource implements ServicingDealSource {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pooling: BillPoolingService,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
  ) {}

  async dealCase(dealId: string): Promise<JsonObject> {
    const deal = await this.deal(dealId);
    await this.closing(dealId);
    const pool = await this.dataSource.getRepository(PoolEntity).findOneByOrFail({ id: deal.poolId });
    const balance = centsToNumber(pool.balanceMinor);
    return {
      format: 'tally-waterfall-case/1',
      id: deal.id,
      titleEn: deal.name,
      conventions: { zeroAmountAccountWithdrawalsRecorded: false },
      dates: deal.engineDates,
      dealStatusAtStart: deal.dealStatusAtStart,
      indexRates: null,
      pool: { asOf: pool.cutOffDate, balanceAtCutoff: balance, issuanceStat: { IssuanceBalance: balance } },
      structure: deal.structure,
    } as JsonObject;
  }

  async vaultAddress(dealId: string): Promise<string> {
    return (await this.closing(dealId)).vaultAddress!;
  }

  async currency(dealId: string): Promise<string> {
    return (await this.closing(dealId)).currency;
  }

  async collections(dealId: string, after: string | null, upTo: string): Promise<CollectionRowInput[]> {
    const deal = await this.deal(dealId);
    const pool = await this.dataSource.getRepository(PoolEntity).findOneByOrFail({ id: deal.poolId });
    const assets = await this.dataSource.getRepository(PoolAssetEntity).find({ where: { poolId: pool.id, releasedAt: IsNull() }, select: { billId: true } });
    const bills = await this.pooling.performance(this.dataSource.manager, assets.map((a) => a.billId));
    return collectionRows(pool.balanceMinor, bills, after, upTo);
  }

  async holdersAt(dealId: string, recordDate: string): Promise<Record<string, HolderBalance[]>> {
    const closing = await this.closing(dealId);
    const provider = this.chain.provider;
    const block = await this.blockAt(provider, recordDate);
    const out: Record<string, HolderBalance[]> = {};
    for (const [tranche, address] of Object.entries(closing.trancheTokens).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const logs = await provider.getLogs({ address, topics: [TRANSFER], fromBlock: 0, toBlock: block });
      const receivers = [...new Set(logs.map((l) => l.topics[2]).filter((t) => t !== undefined && t !== ZERO_TOPIC).map((t) => getAddress(`0x${t!.slice(26)}`)))].sort();
      const token = connectTrancheToken(address, provider);
      const holders: HolderBalance[] = [];
      for (const holder of receivers) {
        const balance = (await token.balanceOf(holder, { blockTag: block })) as bigint;
        if (balance > 0n) holders.push({ holder, balanceMinor: balance });
      }
      out[tranche] = holders;
    }
    return out;
  }

  /** The last block at or before the record date's end (UTC); the head for today or later. */
  private async blockAt(provider: JsonRpcProvider, recordDate: string): Promise<number> {
    const head = await provider.getBlockNumber();
    const end = Math.floor(Date.parse(`${recordDate}T23:59:59Z`) / 1000);
    const headBlock = await provider.getBlock(head);
    if (!headBlock || headBlock.timestamp <= end) return head;
    let lo = 0;
    let hi = head; // invariant: block hi is after the end
    const first = await provider.getBlock(0);
    if (!first || first.timestamp > end) throw new ServicingException(ServicingErrorCode.INPUT_INVALID, `recordDate ${recordDate} is before the chain's first block`);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      const b = await provider.getBlock(mid);
      if (b!.timestamp <= end) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  private async deal(dealId: string): Promise<DealEntity> {
    const deal = await this.dataSource.getRepository(DealEntity).findOneBy({ id: dealId });
    if (!deal) throw new ServicingException(ServicingErrorCode.DEAL_NOT_FOUND, `Deal ${dealId} not found`);
    return deal;
  }

  private async closing(dealId: string): Promise<DealClosingEntity> {
    const closing = await this.dataSource.getRepository(DealClosingEntity).findOneBy({ dealId });
    if (!closing || closing.state !== ClosingState.CLOSED || !closing.vaultAddress)
      throw new ServicingException(ServicingErrorCode.DEAL_NOT_CLOSED, `Deal ${dealId} is not closed on chain${closing ? ` (closing ${closing.state})` : ''}`);
    return closing;
  }
}
