import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mapLimit } from '#core';
import { CHAIN_CONTEXT, ChainEventIndexer, ChainJobsService, ContractRegistry, type ChainContext } from '#chain';
import { connectBillDvP } from '#contracts';
import { MovementKind, MovementState, referenceHash, SettlementService, SettlementTokens } from '#settlement';
import { BillEntity } from '../bills/bill.entity.js';
import { settlementIdBytes32 } from '../bills/bill-id.util.js';
import { BillPaymentEntity, FinancingEntity, FinancingState } from '../financing/financing.entities.js';
import { billDifferences } from './bill-chain-state.util.js';
import { BillChainReader } from './bill-chain.reader.js';
import { RECONCILED_ENTITIES, type ReconciliationDifferenceDto } from './reconciliation.dto.js';

/** Chain reads in flight at once: enough to be quick, few enough not to flood a shared node. */
const PARALLEL_READS = 8;

/**
 * Every difference between the database and the chain, read at the confirmed tip (what the outbox
 * and the indexer call final):
 * - each bill against `billOf`: exists or not, lifecycle status (ISSUED/ACCEPTED/PAID/CANCELLED,
 *   SPLIT for a superseded bill), chain status ON_CHAIN/BURNED, holder (its organization's
 *   wallets), encumbrance, amount, currency, due date, fingerprint; bills whose own chain job is
 *   in flight are skipped (the outbox settles them), a pending action whose job is final is reported;
 * - tokens of bills the database does not know (seen by the indexer);
 * - financings and payments against the DvP's "settled" flags;
 * - settlement movements against the tokens' used deposit / withdrawal references;
 * - bill jobs CONFIRMED below the indexer's cursor whose transaction has no indexed event: lost in
 *   a reorg, reverted, or missed.
 * An empty list means the two agree.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: ContractRegistry,
    private readonly reader: BillChainReader,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
    private readonly jobs: ChainJobsService,
    private readonly indexer: ChainEventIndexer,
    private readonly settlement: SettlementService,
    private readonly settlementTokens: SettlementTokens,
  ) {}

  async diff(): Promise<ReconciliationDifferenceDto[]> {
    const first = await this.collect();
    if (first.length === 0) return first;
    // a row may move between its read and the chain read (a job confirming in between): only what a
    // second, fresh look finds again is reported
    const key = (d: ReconciliationDifferenceDto) => `${d.entity}:${d.entityId}:${d.field}`;
    const seen = new Set(first.map(key));
    return (await this.collect()).filter((d) => seen.has(key(d)));
  }

  private async collect(): Promise<ReconciliationDifferenceDto[]> {
    const tip = await this.reader.confirmedTip();
    const inFlight = await this.jobs.inFlightIds();
    const out = [
      ...(await this.bills(tip, inFlight)),
      ...(await this.unknownBills(tip)),
      ...(await this.settlements(tip, inFlight)),
      ...(await this.movements(tip, inFlight)),
      ...(await this.lostJobs()),
    ];
    const order = (e: ReconciliationDifferenceDto) => RECONCILED_ENTITIES.indexOf(e.entity);
    return out.sort(
      (a, b) =>
        order(a) - order(b) ||
        (a.billId ?? '').localeCompare(b.billId ?? '') ||
        a.entityId.localeCompare(b.entityId) ||
        a.field.localeCompare(b.field),
    );
  }

  private async bills(tip: number, inFlight: Set<string>): Promise<ReconciliationDifferenceDto[]> {
    const bills = await this.dataSource.getRepository(BillEntity).find({ order: { createdAt: 'ASC' } });
    const wallets = await this.reader.wallets(this.dataSource.manager);
    const jobStatus = await this.jobs.statuses(bills.map((b) => b.pendingJobId));
    const found = await mapLimit(bills, PARALLEL_READS, async (bill) => {
      const diffs: ReconciliationDifferenceDto[] = [];
      const at = (field: string, database: string | null, chain: string | null): ReconciliationDifferenceDto => ({
        billId: bill.id,
        entity: 'bill',
        entityId: bill.id,
        field,
        database,
        chain,
      });
      if (bill.pendingAction) {
        if (bill.pendingJobId && inFlight.has(bill.pendingJobId)) return diffs;
        diffs.push(
          at(
            'pendingAction',
            `${bill.pendingAction} (chain job ${bill.pendingJobId ?? 'none'}: ${jobStatus.get(bill.pendingJobId ?? '') ?? 'missing'})`,
            'nothing in flight',
          ),
        );
      }
      const onChain = await this.reader.billOf(bill.id, tip);
      for (const d of billDifferences(bill, onChain, wallets)) diffs.push(at(d.field, d.database, d.chain));
      return diffs;
    });
    return found.flat();
  }

  /** Tokens the indexer saw for bill ids that have no row. */
  private async unknownBills(tip: number): Promise<ReconciliationDifferenceDto[]> {
    const subjects = await this.indexer.allSubjects();
    const known: { id: string }[] = subjects.length ? await this.dataSource.query(`SELECT id FROM bills WHERE id = ANY($1::uuid[])`, [subjects]) : [];
    const have = new Set(known.map((r) => r.id));
    const rows = subjects.filter((id) => !have.has(id)).map((id) => ({ id }));
    return mapLimit(rows, PARALLEL_READS, async ({ id }) => {
      const onChain = await this.reader.billOf(id, tip);
      return { billId: id, entity: 'bill' as const, entityId: id, field: 'exists', database: 'no such bill', chain: onChain.status };
    });
  }

  private async settlements(tip: number, inFlight: Set<string>): Promise<ReconciliationDifferenceDto[]> {
    const dvp = connectBillDvP(this.contracts.address('BillDvP'), this.chain.provider);
    const financings = await this.dataSource.getRepository(FinancingEntity).find({ order: { createdAt: 'ASC' } });
    const payments = await this.dataSource.getRepository(BillPaymentEntity).find({ order: { createdAt: 'ASC' } });
    const rows = [
      ...financings.map((f) => ({
        entity: 'financing' as const,
        row: f,
        settled: () => dvp.isFinancingSettled(settlementIdBytes32(f.id), { blockTag: tip }),
      })),
      ...payments.map((p) => ({
        entity: 'bill_payment' as const,
        row: p,
        settled: () => dvp.isRepaymentSettled(settlementIdBytes32(p.id), { blockTag: tip }),
      })),
    ];
    const found = await mapLimit(rows, PARALLEL_READS, async ({ entity, row, settled }): Promise<ReconciliationDifferenceDto[]> => {
      if (row.state === FinancingState.SETTLING && row.chainJobId && inFlight.has(row.chainJobId)) return [];
      const onChain = (await settled()) ? 'settled' : 'not settled';
      const base = { billId: row.billId, entity, entityId: row.id };
      if (row.state === FinancingState.SETTLING)
        return [{ ...base, field: 'state', database: 'SETTLING (no chain job in flight)', chain: onChain }];
      const expected = row.state === FinancingState.SETTLED ? 'settled' : 'not settled';
      return expected === onChain ? [] : [{ ...base, field: 'settled', database: row.state, chain: onChain }];
    });
    return found.flat();
  }

  /** A confirmed deposit's reference is used on its token, a failed one's is not (withdrawals alike). */
  private async movements(tip: number, inFlight: Set<string>): Promise<ReconciliationDifferenceDto[]> {
    const movements = await this.settlement.allMovements();
    const found = await mapLimit(movements, PARALLEL_READS, async (mv): Promise<ReconciliationDifferenceDto[]> => {
      if (mv.state === MovementState.PENDING && mv.chainJobId && inFlight.has(mv.chainJobId)) return [];
      const base = { billId: null, entity: 'settlement_movement' as const, entityId: mv.id };
      const field = mv.kind === MovementKind.DEPOSIT ? 'depositRef' : 'withdrawalRef';
      try {
        this.settlementTokens.address(mv.currency);
      } catch {
        return [{ ...base, field: 'token', database: mv.currency, chain: 'no settlement token for the currency' }];
      }
      const ref = referenceHash(mv.reference);
      const used = await this.settlementTokens.isReferenceUsed(mv.currency, mv.kind === MovementKind.DEPOSIT ? 'deposit' : 'withdrawal', mv.reference, tip);
      const onChain = used ? `used (${ref})` : `not used (${ref})`;
      if (mv.state === MovementState.PENDING)
        return [{ ...base, field: 'state', database: 'PENDING (no chain job in flight)', chain: onChain }];
      return (mv.state === MovementState.CONFIRMED) === used ? [] : [{ ...base, field, database: mv.state, chain: onChain }];
    });
    return found.flat();
  }

  /**
   * Bill jobs the outbox CONFIRMED in a block the indexer has passed, whose transaction left no
   * indexed event: the transaction is not in the canonical chain any more (a reorg deeper than
   * the confirmations), reverted there, or the indexer missed it.
   */
  private async lostJobs(): Promise<ReconciliationDifferenceDto[]> {
    const cursorBlock = await this.indexer.cursorBlock();
    if (cursorBlock === null) return []; // the indexer has not run on this chain yet
    const confirmed = await this.jobs.confirmed({ kindPrefix: 'bills.', upToBlock: cursorBlock });
    const seen = await this.indexer.indexedTransactions(confirmed.map((j) => j.txHash));
    const jobs = confirmed.filter((j) => !seen.has(j.txHash)).sort((a, b) => a.blockNumber - b.blockNumber);
    const found = await mapLimit(jobs, PARALLEL_READS, async (job): Promise<ReconciliationDifferenceDto[]> => {
      const receipt = await this.chain.provider.getTransactionReceipt(job.txHash);
      if (receipt && receipt.blockNumber > cursorBlock) return []; // mined again higher up: the indexer has not got there yet
      const chain = !receipt
        ? 'not in the canonical chain (lost in a reorg)'
        : receipt.status !== 1
          ? `reverted in block ${receipt.blockNumber}`
          : `mined in block ${receipt.blockNumber}, but no event indexed`;
      return [
        {
          billId: typeof job.payload.billId === 'string' ? job.payload.billId : null,
          entity: 'chain_job',
          entityId: job.id,
          field: 'transaction',
          database: `${job.kind} CONFIRMED by ${job.txHash} in block ${job.blockNumber}`,
          chain,
        },
      ];
    });
    return found.flat();
  }
}
