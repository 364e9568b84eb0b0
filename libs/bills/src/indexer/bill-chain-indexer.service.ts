import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Block, Log } from 'ethers';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, mapLimit, toJsonSafe } from '#core';
import { CHAIN_CONTEXT, ChainJobsService, ContractRegistry, type ChainContext, type ConfirmedJobView } from '#chain';
import { BillEntity } from '../bills/bill.entity.js';
import { BillEventEntity } from '../bills/bill-event.entity.js';
import { recordBillEvent } from '../bills/bill-event.util.js';
import { billDifferences, billRepair, type FieldDifference } from '../reconciliation/bill-chain-state.util.js';
import { BillChainReader } from '../reconciliation/bill-chain.reader.js';
import { ChainEventEntity } from './chain-event.entity.js';
import { decodeChainEvent, type IndexedContract } from './chain-event.util.js';
import { ChainIndexBlockEntity } from './chain-index-block.entity.js';

export const BILL_INDEXER_OPTIONS = Symbol('BILL_INDEXER_OPTIONS');

export interface BillIndexerOptions {
  /** Run the polling loop in this process (where the outbox worker runs). */
  enabled: boolean;
  /** Pause between two ticks once caught up (`INDEXER_POLL_MS`). */
  pollMs: number;
  /** Blocks per `eth_getLogs` call (default 1,000). */
  maxBlockRange?: number;
  /** How many recent block hashes are kept for the reorg walk-back (default 128). */
  keepBlocks?: number;
}

/** Why a bill was brought in line with the chain. */
export type ReconcileCause = 'event' | 'reorg' | 'repair';

export interface ReconciledBill {
  billId: string;
  cause: ReconcileCause;
  differences: FieldDifference[];
  /** The fields written, JSON-safe. */
  changes: Record<string, unknown>;
}

/** An outbox job whose confirmed transaction was in a block the reorg abandoned. */
export interface OrphanedJob {
  jobId: string;
  kind: string;
  txHash: string;
  blockNumber: number;
  blockHash: string | null;
  /** `sent`: its signed bytes were accepted by the node again; `refused`: they cannot be mined any more. */
  rebroadcast: 'sent' | 'refused';
  error?: string;
  billIds: string[];
}

export interface ReorgReport {
  /** The cursor block whose hash the chain no longer has. */
  detectedAt: number;
  /** The newest indexed block the chain still has; everything above was replayed. */
  ancestor: number;
  removedEvents: number;
  orphanedJobs: OrphanedJob[];
}

export interface IndexerTickResult {
  /** The confirmed tip (head − confirmations + 1) the tick worked towards. */
  safeBlock: number;
  /** The cursor after the tick. */
  cursorBlock: number;
  /** The range read in this tick (null: nothing new). */
  fromBlock: number | null;
  toBlock: number | null;
  events: number;
  reorg: ReorgReport | null;
  /** Bills whose row was changed to follow the chain. */
  reconciled: ReconciledBill[];
  /** Bills touched by an event while their own chain job is in flight: the outbox settles them first. */
  deferred: string[];
}

interface Cursor {
  blockNumber: number;
  blockHash: string | null;
  reconciledBlock: number;
}

type Outcome =
  | { kind: 'in_sync' | 'unknown' | 'deferred' }
  | { kind: 'unrepairable'; differences: FieldDifference[] }
  | { kind: 'repaired'; bill: ReconciledBill };

const MAX_STEPS_PER_TICK = 20;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/**
 * Reads the BillRegistry and BillDvP logs at the configured confirmation depth into
 * `chain_events` and brings the bills they touch in line with the chain, which is the truth for
 * a bill's holder, on-chain status and encumbrance.
 *
 * - Cursor: the last indexed block by number and hash, per chain; the hashes of the last
 *   `keepBlocks` indexed blocks are kept. Every tick first compares the cursor's hash with the
 *   chain's: a difference is a reorg. The indexer then walks back over the kept hashes to the
 *   newest block the chain still has (the common ancestor), deletes the events above it, rewinds
 *   the cursor and reads the canonical blocks again (replay).
 * - A bill whose own chain job is in flight is left to the outbox (it updates the row when the
 *   job confirms, in the same transaction) and looked at again on the next ticks; the
 *   `reconciled_block` of the cursor does not pass its event until then, so a restart loses nothing.
 * - An outbox job already CONFIRMED whose transaction the reorg abandoned: its signed bytes are
 *   sent again (same nonce, so it can be mined at most once, as a node returns a transaction of an
 *   abandoned block to its mempool); this also closes the nonce gap that would hold every later
 *   transaction of the operator. If the node refuses them (the nonce was taken in the new fork),
 *   the effect is gone: the bill follows the chain, its timeline gets `chain_job.reorged`, and
 *   `ReconciliationService` keeps reporting the job (the outbox row still says CONFIRMED).
 */
@Injectable()
export class BillChainIndexer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('BillChainIndexer');
  private readonly range: number;
  private readonly keep: number;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Ticks and repairs of this process run one at a time; other processes are held off by the cursor row lock. */
  private queue: Promise<unknown> = Promise.resolve();
  /** bill id → block of the last event after which it was found in line (saves chain reads while `reconciled_block` waits). */
  private readonly checked = new Map<string, number>();
  /**
   * Bills a reorg touched that cannot be settled yet: bill id → hash of its orphaned transaction sent
   * again (looked at once mined or gone), or null for a bill whose own job was in flight.
   */
  private readonly watched = new Map<string, string | null>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
    private readonly contracts: ContractRegistry,
    private readonly reader: BillChainReader,
    private readonly audit: AuditService,
    @Inject(BILL_INDEXER_OPTIONS) private readonly options: BillIndexerOptions,
    private readonly jobs: ChainJobsService,
  ) {
    this.range = options.maxBlockRange ?? 1_000;
    this.keep = options.keepBlocks ?? 128;
  }

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.running = true;
    this.loop = this.run();
    this.logger.log(`bill indexer started (poll ${this.options.pollMs} ms, ${this.chain.confirmations} confirmation(s))`);
  }

  /** Finishes the tick in progress, then stops. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One pass: reorg check, read up to the confirmed tip, reconcile. Exposed for tests and tooling. */
  tick(): Promise<IndexerTickResult> {
    return this.serialize(() => this.runTick());
  }

  /**
   * Brings the given bills in line with the chain now, without waiting for an event to touch
   * them (an operator's repair after `tally reconcile`). Bills with a chain job in flight are left alone.
   */
  repair(billIds: string[]): Promise<ReconciledBill[]> {
    return this.serialize(async () => {
      const out: ReconciledBill[] = [];
      for (const id of billIds) {
        const outcome = await this.reconcileBill(id, 'repair');
        if (outcome.kind === 'repaired') out.push(outcome.bill);
      }
      return out;
    });
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let behind = false;
      try {
        const r = await this.tick();
        behind = r.toBlock !== null && r.cursorBlock < r.safeBlock; // made progress and has more to read: no pause
      } catch (err) {
        this.logger.error({ msg: 'bill indexer tick failed; retrying', err: message(err) });
      }
      if (!behind && this.running) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.options.pollMs);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    }
  }

  private async runTick(): Promise<IndexerTickResult> {
    const safe = await this.reader.confirmedTip();
    let cursor = await this.cursor();
    const result: IndexerTickResult = {
      safeBlock: safe,
      cursorBlock: cursor.blockNumber,
      fromBlock: null,
      toBlock: null,
      events: 0,
      reorg: null,
      reconciled: [],
      deferred: [],
    };

    if (cursor.blockHash !== null) {
      const block = await this.chain.provider.getBlock(cursor.blockNumber);
      if (block?.hash !== cursor.blockHash) {
        const rewound = await this.rewind(cursor);
        if (rewound) {
          result.reorg = rewound.report;
          result.reconciled.push(...rewound.reconciled);
        }
        cursor = await this.cursor();
      }
    }

    for (let step = 0; step < MAX_STEPS_PER_TICK && cursor.blockNumber < safe; step++) {
      const advanced = await this.advance(cursor, safe);
      if (!advanced) break; // the chain moved under the read, or another indexer went first: next tick
      result.fromBlock ??= advanced.from;
      result.toBlock = advanced.to;
      result.events += advanced.events;
      cursor = advanced.cursor;
    }
    result.cursorBlock = cursor.blockNumber;

    const { reconciled, deferred } = await this.reconcileIndexed(cursor);
    result.reconciled.push(...reconciled, ...(await this.reconcileWatched(safe)));
    result.deferred = deferred;
    return result;
  }

  // ---- cursor ------------------------------------------------------------------------------------

  private startBlock(): number {
    const registry = this.contracts.list().find((c) => c.name === 'BillRegistry');
    if (!registry) throw new Error('BillRegistry is not deployed: nothing to index');
    return registry.deploymentBlock;
  }

  private indexedContracts(): Map<string, IndexedContract> {
    const names: IndexedContract[] = ['BillRegistry', 'BillDvP'];
    return new Map(names.map((n) => [this.contracts.address(n).toLowerCase(), n]));
  }

  private async cursor(): Promise<Cursor> {
    const read = async () =>
      (
        (await this.dataSource.query(`SELECT block_number, block_hash, reconciled_block FROM chain_index_cursors WHERE chain_id = $1`, [
          this.chain.chainId,
        ])) as {
          block_number: string;
          block_hash: string | null;
          reconciled_block: string;
        }[]
      )[0];
    let row = await read();
    if (!row) {
      // the first block to read is the BillRegistry's deployment block
      const before = this.startBlock() - 1;
      const hash = before >= 0 ? ((await this.chain.provider.getBlock(before))?.hash ?? null) : null;
      await this.dataSource.query(
        `INSERT INTO chain_index_cursors (chain_id, block_number, block_hash, reconciled_block, version) VALUES ($1, $2, $3, $2, 1) ON CONFLICT DO NOTHING`,
        [this.chain.chainId, before, hash],
      );
      row = (await read())!;
    }
    return { blockNumber: Number(row.block_number), blockHash: row.block_hash, reconciledBlock: Number(row.reconciled_block) };
  }

  /** Locks the cursor row; false when it is no longer where this process read it (another indexer moved it). */
  private async lockCursor(m: EntityManager, expected: Cursor): Promise<boolean> {
    const [row]: { block_number: string; block_hash: string | null }[] = await m.query(
      `SELECT block_number, block_hash FROM chain_index_cursors WHERE chain_id = $1 FOR UPDATE`,
      [this.chain.chainId],
    );
    return !!row && Number(row.block_number) === expected.blockNumber && row.block_hash === expected.blockHash;
  }

  // ---- reading forward ---------------------------------------------------------------------------

  private async advance(cursor: Cursor, safe: number): Promise<{ from: number; to: number; events: number; cursor: Cursor } | null> {
    const provider = this.chain.provider;
    const from = cursor.blockNumber + 1;
    const to = Math.min(safe, from + this.range - 1);
    const contracts = this.indexedContracts();
    const logs = (await provider.getLogs({ address: [...contracts.keys()], fromBlock: from, toBlock: to })).sort(
      (a, b) => a.blockNumber - b.blockNumber || a.index - b.index,
    );

    // headers: the last `keep` blocks (for the reorg walk-back), the blocks with logs, and `to`
    const wanted = new Set<number>([to, ...logs.map((l) => l.blockNumber)]);
    for (let n = Math.max(from, safe - this.keep + 1); n <= to; n++) wanted.add(n);
    const headers = new Map<number, Block>();
    await mapLimit([...wanted], 8, async (n) => {
      const block = await provider.getBlock(n);
      if (block?.hash) headers.set(n, block);
    });
    // one consistent picture of the chain, or nothing: every log from a block we hold, every
    // header linked to the one before it (and the first to the cursor)
    if (wanted.size !== headers.size) return null;
    if (logs.some((l) => headers.get(l.blockNumber)!.hash !== l.blockHash)) return null;
    for (const [n, block] of headers) {
      const parent = n === from ? cursor.blockHash : (headers.get(n - 1)?.hash ?? undefined);
      if (parent !== undefined && parent !== null && block.parentHash !== parent) return null;
    }

    const rows = logs.flatMap((l) => this.eventRow(contracts, l));
    const top = headers.get(to)!;
    const committed = await this.dataSource.transaction(async (m) => {
      if (!(await this.lockCursor(m, cursor))) return false;
      for (let i = 0; i < rows.length; i += 500) {
        // jsonb args: TypeORM's deep-partial type cannot express them
        await m
          .createQueryBuilder()
          .insert()
          .into(ChainEventEntity)
          .values(rows.slice(i, i + 500) as never)
          .orIgnore()
          .execute();
      }
      const blocks = [...headers.values()]
        .filter((b) => b.number > to - this.keep)
        .map((b) => ({ chainId: this.chain.chainId, blockNumber: BigInt(b.number), blockHash: b.hash!, parentHash: b.parentHash }));
      if (blocks.length) {
        await m
          .createQueryBuilder()
          .insert()
          .into(ChainIndexBlockEntity)
          .values(blocks)
          .orUpdate(['block_hash', 'parent_hash'], ['chain_id', 'block_number'])
          .execute();
      }
      // only the reorg window is kept: older hashes are not evidence of anything
      await m.query(`DELETE FROM chain_index_blocks WHERE chain_id = $1 AND block_number <= $2`, [this.chain.chainId, to - this.keep]);
      await m.query(
        `UPDATE chain_index_cursors SET block_number = $2, block_hash = $3, updated_at = now(), version = version + 1 WHERE chain_id = $1`,
        [this.chain.chainId, to, top.hash],
      );
      return true;
    });
    if (!committed) return null;
    return { from, to, events: rows.length, cursor: { ...cursor, blockNumber: to, blockHash: top.hash } };
  }

  private eventRow(contracts: Map<string, IndexedContract>, log: Log): Partial<ChainEventEntity>[] {
    const name = contracts.get(log.address.toLowerCase())!;
    const decoded = decodeChainEvent(name, log);
    if (!decoded) {
      this.logger.warn({ msg: 'log not in the ABI; not indexed', contract: name, txHash: log.transactionHash, logIndex: log.index });
      return [];
    }
    return [
      {
        chainId: this.chain.chainId,
        blockNumber: BigInt(log.blockNumber),
        blockHash: log.blockHash,
        txHash: log.transactionHash,
        logIndex: log.index,
        contractName: decoded.contractName,
        contractAddress: log.address,
        eventName: decoded.eventName,
        args: decoded.args,
        billIds: decoded.billIds,
      },
    ];
  }

  // ---- reconciling -------------------------------------------------------------------------------

  /** Every bill touched by an event above `reconciled_block`, unless already found in line since its last event. */
  private async reconcileIndexed(cursor: Cursor): Promise<{ reconciled: ReconciledBill[]; deferred: string[] }> {
    const rows: { bill_id: string; first_block: string; last_block: string }[] = await this.dataSource.query(
      `SELECT b.bill_id, min(e.block_number) AS first_block, max(e.block_number) AS last_block
       FROM chain_events e CROSS JOIN LATERAL unnest(e.bill_ids) AS b(bill_id)
       WHERE e.chain_id = $1 AND e.block_number > $2 AND e.block_number <= $3
       GROUP BY b.bill_id ORDER BY min(e.block_number), b.bill_id`,
      [this.chain.chainId, cursor.reconciledBlock, cursor.blockNumber],
    );
    const reconciled: ReconciledBill[] = [];
    const deferred: string[] = [];
    let holdBack: number | null = null;
    for (const row of rows) {
      const last = Number(row.last_block);
      if (this.checked.get(row.bill_id) === last) continue;
      const outcome = await this.reconcileBill(row.bill_id, 'event');
      if (outcome.kind === 'deferred') {
        deferred.push(row.bill_id);
        holdBack = Math.min(holdBack ?? Number.MAX_SAFE_INTEGER, Number(row.first_block));
        continue;
      }
      this.checked.set(row.bill_id, last);
      if (outcome.kind === 'repaired') reconciled.push(outcome.bill);
    }
    const reconciledBlock = holdBack === null ? cursor.blockNumber : holdBack - 1;
    if (reconciledBlock !== cursor.reconciledBlock) {
      await this.dataSource.query(
        `UPDATE chain_index_cursors SET reconciled_block = $2, updated_at = now(), version = version + 1
         WHERE chain_id = $1 AND block_number = $3 AND block_hash IS NOT DISTINCT FROM $4`,
        [this.chain.chainId, reconciledBlock, cursor.blockNumber, cursor.blockHash],
      );
    }
    for (const [id, block] of this.checked) if (block <= reconciledBlock) this.checked.delete(id);
    return { reconciled, deferred };
  }

  /** Bills of orphaned transactions sent again: once mined at depth (or gone), the row follows the chain. */
  private async reconcileWatched(safe: number): Promise<ReconciledBill[]> {
    const out: ReconciledBill[] = [];
    for (const [billId, txHash] of [...this.watched]) {
      if (txHash) {
        const receipt = await this.chain.provider.getTransactionReceipt(txHash);
        if (receipt && receipt.blockNumber > safe) continue;
        if (!receipt && (await this.chain.provider.getTransaction(txHash))) continue; // still waiting in the mempool
      }
      const outcome = await this.reconcileBill(billId, 'reorg');
      if (outcome.kind === 'deferred') continue;
      this.watched.delete(billId);
      if (outcome.kind === 'repaired') out.push(outcome.bill);
    }
    return out;
  }

  private reconcileBill(billId: string, cause: ReconcileCause): Promise<Outcome> {
    return this.dataSource.transaction((m) => this.applyChainState(m, billId, cause));
  }

  /**
   * Inside the caller's transaction: lock the row, then read the token and write what differs.
   * The chain is read only once the row is locked, at the confirmed tip of that moment: whatever
   * the row reflects was confirmed by the outbox at or below that tip (the outbox updates the row
   * in the transaction that finishes the job, which waits for this lock), so an older chain state
   * can never roll a newer row back.
   */
  private async applyChainState(m: EntityManager, billId: string, cause: ReconcileCause): Promise<Outcome> {
    const bill = await m.findOne(BillEntity, { where: { id: billId }, lock: { mode: 'pessimistic_write' } });
    if (!bill) return { kind: 'unknown' }; // a token Tally did not issue: reported by the reconciliation
    if (bill.pendingAction) {
      const status = bill.pendingJobId ? (await this.jobs.statuses([bill.pendingJobId], m)).get(bill.pendingJobId) : undefined;
      // the outbox moves the row when its job is final, in the same transaction: leave it alone until then
      if (!status || ChainJobsService.isInFlight(status)) return { kind: 'deferred' };
    }
    const blockNumber = await this.reader.confirmedTip();
    const chain = await this.reader.billOf(billId, blockNumber);
    const wallets = await this.reader.wallets(m, [chain.holder], [bill.holderOrgId]);
    const differences = billDifferences(bill, chain, wallets);
    if (differences.length === 0) return { kind: 'in_sync' };
    const changes = billRepair(bill, chain, wallets);
    if (Object.keys(changes).length === 0) {
      this.logger.warn({ msg: 'bill differs from the chain in fields the chain does not decide', billId, differences });
      return { kind: 'unrepairable', differences };
    }
    await m.update(BillEntity, { id: billId }, changes);
    const payload = { cause, blockNumber, differences, changes };
    await recordBillEvent(m, billId, 'reconciled.from_chain', 'system', { payload });
    await this.audit.append(m, {
      actor: 'system',
      organizationId: changes.holderOrgId ?? bill.holderOrgId,
      action: 'bill.reconciled_from_chain',
      entity: 'bill',
      entityId: billId,
      payload,
    });
    this.logger.warn({ msg: 'bill brought in line with the chain', billId, cause, fields: differences.map((d) => d.field) });
    return { kind: 'repaired', bill: { billId, cause, differences, changes: toJsonSafe(changes) as Record<string, unknown> } };
  }

  // ---- reorgs ------------------------------------------------------------------------------------

  private async rewind(cursor: Cursor): Promise<{ report: ReorgReport; reconciled: ReconciledBill[] } | null> {
    const { provider, chainId } = this.chain;
    const stored: { block_number: string; block_hash: string }[] = await this.dataSource.query(
      `SELECT block_number, block_hash FROM chain_index_blocks WHERE chain_id = $1 AND block_number <= $2 ORDER BY block_number DESC`,
      [chainId, cursor.blockNumber],
    );
    let ancestor: { number: number; hash: string | null } | null = null;
    for (const s of stored) {
      const block = await provider.getBlock(Number(s.block_number));
      if (block?.hash === s.block_hash) {
        ancestor = { number: Number(s.block_number), hash: s.block_hash };
        break;
      }
    }
    // No kept hash is on the chain any more: a reorg deeper than the window, or a chain reset (an
    // embedded node restarted from an older state). Nothing indexed can be vouched for: every event
    // is dropped and the chain is read again from the BillRegistry's deployment block. Sending old
    // transactions again is then left to a person (reconciliation lists the jobs).
    const deep = !ancestor;
    if (!ancestor) {
      const before = this.startBlock() - 1;
      ancestor = { number: before, hash: before >= 0 ? ((await provider.getBlock(before))?.hash ?? null) : null };
      this.logger.error({
        msg: 'reorg deeper than the kept block hashes (or a chain reset): reading again from the deployment block',
        cursor: cursor.blockNumber,
      });
    }
    const dropAbove = deep ? -1 : ancestor.number;
    this.logger.warn({ msg: 'reorg detected', cursor: cursor.blockNumber, ancestor: ancestor.number });

    // before touching the database: the orphaned transactions go back to the node
    const orphans = deep ? [] : await this.orphanedJobs(ancestor.number);
    const touched = new Set(
      (
        (await this.dataSource.query(
          `SELECT DISTINCT unnest(bill_ids) AS bill_id FROM chain_events WHERE chain_id = $1 AND block_number > $2`,
          [chainId, dropAbove],
        )) as { bill_id: string }[]
      ).map((r) => r.bill_id),
    );
    for (const o of orphans) {
      for (const id of o.billIds) {
        if (o.rebroadcast === 'sent') {
          // back in flight: reconciled once it is mined (or gone), not now against a chain that lacks it for a moment
          touched.delete(id);
          this.watched.set(id, o.txHash);
        } else touched.add(id);
      }
    }
    const reconciled: ReconciledBill[] = [];
    const removedEvents = await this.dataSource.transaction(async (m) => {
      if (!(await this.lockCursor(m, cursor))) return null;
      // The only deletion of chain_events: these rows are facts of an abandoned fork, not of the
      // chain. The canonical blocks above the ancestor are read again right after (replay).
      const [{ n }]: { n: number }[] = await m.query(
        `WITH d AS (DELETE FROM chain_events WHERE chain_id = $1 AND block_number > $2 RETURNING 1) SELECT count(*)::int AS n FROM d`,
        [chainId, dropAbove],
      );
      await m.query(`DELETE FROM chain_index_blocks WHERE chain_id = $1 AND block_number > $2`, [chainId, dropAbove]);
      await m.query(
        `UPDATE chain_index_cursors SET block_number = $2, block_hash = $3, reconciled_block = LEAST(reconciled_block, $2), updated_at = now(), version = version + 1
         WHERE chain_id = $1`,
        [chainId, ancestor.number, ancestor.hash],
      );
      for (const o of orphans) await this.recordOrphan(m, o);
      for (const id of touched) {
        const outcome = await this.applyChainState(m, id, 'reorg');
        if (outcome.kind === 'repaired') reconciled.push(outcome.bill);
        if (outcome.kind === 'deferred') this.watched.set(id, null); // looked at again once its own job is final
      }
      return n;
    });
    if (removedEvents === null) return null; // another indexer handled this reorg
    this.checked.clear();
    return { report: { detectedAt: cursor.blockNumber, ancestor: ancestor.number, removedEvents, orphanedJobs: orphans }, reconciled };
  }

  /**
   * Outbox jobs CONFIRMED in a block above the ancestor whose transaction is not in the canonical
   * chain: their kept signed bytes are sent again, in nonce order (a refused one does not stop the rest).
   */
  private async orphanedJobs(ancestor: number): Promise<OrphanedJob[]> {
    const jobs = await this.jobs.confirmed({ aboveBlock: ancestor });
    const out: OrphanedJob[] = [];
    for (const job of jobs) {
      if (await this.chain.provider.getTransactionReceipt(job.txHash)) continue; // mined again in the new fork
      // the outbox owns the signed bytes: it sends them again
      const sent = await this.jobs.rebroadcastConfirmed(job.txHash);
      const orphan: OrphanedJob = {
        jobId: job.id,
        kind: job.kind,
        txHash: job.txHash,
        blockNumber: job.blockNumber,
        blockHash: job.blockHash,
        rebroadcast: sent.sent ? 'sent' : 'refused',
        billIds: billIdsOfJob(job),
      };
      if (!sent.sent) orphan.error = sent.error;
      this.logger.warn({
        msg: 'confirmed chain job lost in a reorg',
        jobId: job.id,
        kind: job.kind,
        txHash: job.txHash,
        rebroadcast: orphan.rebroadcast,
        error: orphan.error,
      });
      out.push(orphan);
    }
    return out;
  }

  /** The bill's timeline and the audit log say which of its confirmed steps the reorg took away (once per abandoned block). */
  private async recordOrphan(m: EntityManager, o: OrphanedJob): Promise<void> {
    for (const billId of o.billIds) {
      const seen = await m
        .getRepository(BillEventEntity)
        .createQueryBuilder('e')
        .where(
          `e.bill_id = :billId AND e.action = 'chain_job.reorged' AND e.chain_job_id = :jobId AND e.payload->>'blockHash' = :blockHash`,
          {
            billId,
            jobId: o.jobId,
            blockHash: o.blockHash ?? '',
          },
        )
        .getExists();
      const bill = await m.findOneBy(BillEntity, { id: billId });
      if (seen || !bill) continue;
      const payload = {
        kind: o.kind,
        blockNumber: o.blockNumber,
        blockHash: o.blockHash,
        rebroadcast: o.rebroadcast,
        error: o.error ?? null,
      };
      await recordBillEvent(m, billId, 'chain_job.reorged', 'system', { chainJobId: o.jobId, txHash: o.txHash, payload });
      await this.audit.append(m, {
        actor: 'system',
        organizationId: bill.holderOrgId,
        action: 'bill.chain_job_reorged',
        entity: 'bill',
        entityId: billId,
        payload: { chainJobId: o.jobId, txHash: o.txHash, ...payload },
      });
    }
  }
}

/** The bills a bill job acts on (a split also names its parts). */
function billIdsOfJob(job: ConfirmedJobView): string[] {
  if (!job.kind.startsWith('bills.')) return [];
  const p = job.payload as { billId?: unknown; childIds?: unknown };
  return [
    ...(typeof p.billId === 'string' ? [p.billId] : []),
    ...(Array.isArray(p.childIds) ? p.childIds.filter((c): c is string => typeof c === 'string') : []),
  ];
}
