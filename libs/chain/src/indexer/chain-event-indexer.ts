import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Block, Log } from 'ethers';
import { DataSource, type EntityManager } from 'typeorm';
import { mapLimit } from '#core';
import { CHAIN_CONTEXT, type ChainContext } from '../chain-context.js';
import { ContractRegistry } from '../deployment/contract-registry.service.js';
import { ChainJobsService, type ConfirmedJobView } from '../outbox/chain-jobs.service.js';
import { ChainEventEntity } from './chain-event.entity.js';
import { ChainIndexBlockEntity } from './chain-index-block.entity.js';

export const CHAIN_INDEXER_OPTIONS = Symbol('CHAIN_INDEXER_OPTIONS');

export interface ChainIndexerOptions {
  /** Run the polling loop in this process (where the outbox worker runs). */
  enabled: boolean;
  /** Pause between two ticks once caught up (`INDEXER_POLL_MS`). */
  pollMs: number;
  /** Blocks per `eth_getLogs` call (default 1,000). */
  maxBlockRange?: number;
  /** How many recent block hashes are kept for the reorg walk-back (default 128). */
  keepBlocks?: number;
}

/** A log decoded by its subscriber: the event, its arguments as JSON, and the domain records (uuids) it touches. */
export interface DecodedChainEvent {
  eventName: string;
  args: Record<string, unknown>;
  subjectIds: string[];
}

/** One contract a subscriber wants indexed: its deployment name (ContractRegistry) and its decoder. */
export interface IndexedContractSpec {
  name: string;
  decode(log: Pick<Log, 'topics' | 'data'>): DecodedChainEvent | null;
}

/** An outbox job whose confirmed transaction was in a block the reorg abandoned. */
export interface OrphanedChainJob {
  job: ConfirmedJobView;
  /** `sent`: the outbox sent its signed bytes again and the node took them; `refused`: they cannot be mined any more. */
  rebroadcast: 'sent' | 'refused';
  error?: string;
}

export interface ChainReorg {
  /** The cursor block whose hash the chain no longer has. */
  detectedAt: number;
  /** The newest indexed block the chain still has; everything above is read again. */
  ancestor: number;
  /** No kept hash was on the chain any more (deeper than the window, or a chain reset): everything was dropped. */
  deep: boolean;
  removedEvents: number;
  /** Subjects of the removed events. */
  touchedSubjects: string[];
  orphanedJobs: OrphanedChainJob[];
  /** What each subscriber's `onReorg` returned, by subscriber name. */
  projections: Record<string, unknown>;
}

/**
 * What a domain lib registers: the contracts it wants, and what to do inside the reorg's
 * transaction (the abandoned fork's events are gone by then). Subscribers read `chain_events`
 * through `ChainEventIndexer.eventsAbove` / `subjectsBetween`; they never write the indexer's tables.
 */
export interface ChainEventSubscriber {
  readonly name: string;
  contracts(): IndexedContractSpec[];
  onReorg?(m: EntityManager, reorg: ChainReorg): Promise<unknown>;
  /** After every tick (the polling loop's, or one a caller runs): project what was indexed; the result lands in `tick.projections[name]`. */
  afterTick?(tick: ChainIndexTick): Promise<unknown>;
}

export interface ChainIndexCursor {
  blockNumber: number;
  blockHash: string | null;
  /** Subscribers have projected the events up to this block. */
  projectedBlock: number;
}

export interface ChainIndexTick {
  /** The confirmed tip (head − confirmations + 1) the tick worked towards. */
  safeBlock: number;
  /** The cursor after the tick. */
  cursor: ChainIndexCursor;
  /** The range read in this tick (null: nothing new). */
  fromBlock: number | null;
  toBlock: number | null;
  events: number;
  reorg: ChainReorg | null;
  /** What each subscriber's `afterTick` returned, by subscriber name. */
  projections: Record<string, unknown>;
}

const MAX_STEPS_PER_TICK = 20;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/**
 * Reads the logs of the subscribed contracts at the configured confirmation depth into
 * `chain_events`, for any lib (bills today; pools and tranche tokens next).
 *
 * - Cursor: the last indexed block by number and hash, per chain; the hashes of the last
 *   `keepBlocks` indexed blocks are kept. Every tick first compares the cursor's hash with the
 *   chain's: a difference is a reorg. The indexer then walks back over the kept hashes to the
 *   newest block the chain still has (the common ancestor), deletes the events above it (the only
 *   deletion of `chain_events`), rewinds the cursor, and reads the canonical blocks again (replay).
 * - One consistent picture per step: every log from a block whose header it holds, every header
 *   linked to the one before it (the first to the cursor); otherwise the step is retried next tick.
 * - Orphaned outbox jobs (CONFIRMED in an abandoned block, their transaction not in the new fork):
 *   the outbox is asked to send their kept signed bytes again (`ChainJobsService.rebroadcastConfirmed`,
 *   same nonce, so at most once); the indexer holds no transaction bytes itself.
 * - Several processes may run it: the cursor row lock lets one of them move the cursor.
 */
@Injectable()
export class ChainEventIndexer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ChainEventIndexer');
  private readonly range: number;
  private readonly keep: number;
  private readonly subscribers: ChainEventSubscriber[] = [];
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Ticks (and subscribers' exclusive work) of this process run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
    private readonly contracts: ContractRegistry,
    private readonly jobs: ChainJobsService,
    @Inject(CHAIN_INDEXER_OPTIONS) private readonly options: ChainIndexerOptions,
  ) {
    this.range = options.maxBlockRange ?? 1_000;
    this.keep = options.keepBlocks ?? 128;
  }

  register(subscriber: ChainEventSubscriber): void {
    if (this.subscribers.some((s) => s.name === subscriber.name))
      throw new Error(`chain event subscriber ${subscriber.name} registered twice`);
    this.subscribers.push(subscriber);
  }

  onApplicationBootstrap(): void {
    if (!this.options.enabled || this.subscribers.length === 0) return;
    this.running = true;
    this.loop = this.run();
    this.logger.log(
      `chain event indexer started (${this.subscribers.map((s) => s.name).join(', ')}; poll ${this.options.pollMs} ms, ${this.chain.confirmations} confirmation(s))`,
    );
  }

  /** Finishes the tick in progress, then stops. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One pass: reorg check, read up to the confirmed tip, then every subscriber's `afterTick`. */
  tick(): Promise<ChainIndexTick> {
    return this.exclusive(() => this.runTick());
  }

  /** Runs `fn` between ticks of this process (a subscriber's repair, say). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The newest block with the configured confirmations: what the outbox and the indexer call final. */
  async confirmedTip(): Promise<number> {
    const head = await this.chain.provider.getBlockNumber();
    return Math.max(0, head - Math.max(1, this.chain.confirmations) + 1);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let behind = false;
      try {
        const r = await this.tick();
        behind = r.toBlock !== null && r.cursor.blockNumber < r.safeBlock; // made progress and has more to read: no pause
      } catch (err) {
        this.logger.error({ msg: 'chain event indexer tick failed; retrying', err: message(err) });
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

  private async runTick(): Promise<ChainIndexTick> {
    const safe = await this.confirmedTip();
    let cursor = await this.cursor();
    const result: ChainIndexTick = { safeBlock: safe, cursor, fromBlock: null, toBlock: null, events: 0, reorg: null, projections: {} };

    if (cursor.blockHash !== null) {
      const block = await this.chain.provider.getBlock(cursor.blockNumber);
      if (block?.hash !== cursor.blockHash) {
        result.reorg = await this.rewind(cursor);
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
    result.cursor = cursor;
    for (const s of this.subscribers) if (s.afterTick) result.projections[s.name] = await s.afterTick(result);
    return result;
  }

  // ---- cursor ------------------------------------------------------------------------------------

  private indexed(): Map<string, IndexedContractSpec> {
    return new Map(this.subscribers.flatMap((s) => s.contracts()).map((c) => [this.contracts.address(c.name).toLowerCase(), c]));
  }

  /** The first block to read: the earliest deployment block of the subscribed contracts. */
  private startBlock(): number {
    const names = new Set(this.subscribers.flatMap((s) => s.contracts().map((c) => c.name)));
    const blocks = this.contracts
      .list()
      .filter((c) => names.has(c.name))
      .map((c) => c.deploymentBlock);
    if (blocks.length === 0) throw new Error(`none of the indexed contracts (${[...names].join(', ')}) is deployed: nothing to index`);
    return Math.min(...blocks);
  }

  async cursor(): Promise<ChainIndexCursor> {
    const read = async () =>
      (
        (await this.dataSource.query(`SELECT block_number, block_hash, reconciled_block FROM chain_index_cursors WHERE chain_id = $1`, [
          this.chain.chainId,
        ])) as { block_number: string; block_hash: string | null; reconciled_block: string }[]
      )[0];
    let row = await read();
    if (!row) {
      const before = this.startBlock() - 1;
      const hash = before >= 0 ? ((await this.chain.provider.getBlock(before))?.hash ?? null) : null;
      await this.dataSource.query(
        `INSERT INTO chain_index_cursors (chain_id, block_number, block_hash, reconciled_block, version) VALUES ($1, $2, $3, $2, 1) ON CONFLICT DO NOTHING`,
        [this.chain.chainId, before, hash],
      );
      row = (await read())!;
    }
    return { blockNumber: Number(row.block_number), blockHash: row.block_hash, projectedBlock: Number(row.reconciled_block) };
  }

  /** The cursor's block, or null before the indexer first ran on this chain. */
  async cursorBlock(): Promise<number | null> {
    const [row]: { block_number: string }[] = await this.dataSource.query(
      `SELECT block_number FROM chain_index_cursors WHERE chain_id = $1`,
      [this.chain.chainId],
    );
    return row ? Number(row.block_number) : null;
  }

  /** Subscribers have projected every event up to `block`; ignored when the cursor moved since `at` was read. */
  async setProjectedBlock(at: ChainIndexCursor, block: number): Promise<void> {
    if (block === at.projectedBlock) return;
    await this.dataSource.query(
      `UPDATE chain_index_cursors SET reconciled_block = $2, updated_at = now(), version = version + 1
       WHERE chain_id = $1 AND block_number = $3 AND block_hash IS NOT DISTINCT FROM $4`,
      [this.chain.chainId, block, at.blockNumber, at.blockHash],
    );
  }

  /** Locks the cursor row; false when it is no longer where this process read it (another indexer moved it). */
  private async lockCursor(m: EntityManager, expected: ChainIndexCursor): Promise<boolean> {
    const [row]: { block_number: string; block_hash: string | null }[] = await m.query(
      `SELECT block_number, block_hash FROM chain_index_cursors WHERE chain_id = $1 FOR UPDATE`,
      [this.chain.chainId],
    );
    return !!row && Number(row.block_number) === expected.blockNumber && row.block_hash === expected.blockHash;
  }

  // ---- reads for subscribers ---------------------------------------------------------------------

  /** Each subject touched by an event in (above, upTo], with the first and last block it was touched in, oldest first. */
  async subjectsBetween(above: number, upTo: number): Promise<{ subjectId: string; firstBlock: number; lastBlock: number }[]> {
    const rows: { subject_id: string; first_block: string; last_block: string }[] = await this.dataSource.query(
      `SELECT s.subject_id, min(e.block_number) AS first_block, max(e.block_number) AS last_block
       FROM chain_events e CROSS JOIN LATERAL unnest(e.bill_ids) AS s(subject_id)
       WHERE e.chain_id = $1 AND e.block_number > $2 AND e.block_number <= $3
       GROUP BY s.subject_id ORDER BY min(e.block_number), s.subject_id`,
      [this.chain.chainId, above, upTo],
    );
    return rows.map((r) => ({ subjectId: r.subject_id, firstBlock: Number(r.first_block), lastBlock: Number(r.last_block) }));
  }

  /** Every subject any indexed event of this chain names. */
  async allSubjects(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT s.id FROM chain_events e CROSS JOIN LATERAL unnest(e.bill_ids) AS s(id) WHERE e.chain_id = $1`,
      [this.chain.chainId],
    );
    return rows.map((r) => r.id);
  }

  /** Transaction hashes among `txHashes` that left at least one indexed event. */
  async indexedTransactions(txHashes: string[]): Promise<Set<string>> {
    if (txHashes.length === 0) return new Set();
    const rows: { tx_hash: string }[] = await this.dataSource.query(`SELECT DISTINCT tx_hash FROM chain_events WHERE tx_hash = ANY($1)`, [
      txHashes,
    ]);
    return new Set(rows.map((r) => r.tx_hash));
  }

  // ---- reading forward ---------------------------------------------------------------------------

  private async advance(
    cursor: ChainIndexCursor,
    safe: number,
  ): Promise<{ from: number; to: number; events: number; cursor: ChainIndexCursor } | null> {
    const provider = this.chain.provider;
    const from = cursor.blockNumber + 1;
    const to = Math.min(safe, from + this.range - 1);
    const contracts = this.indexed();
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

  private eventRow(contracts: Map<string, IndexedContractSpec>, log: Log): Partial<ChainEventEntity>[] {
    const spec = contracts.get(log.address.toLowerCase())!;
    const decoded = spec.decode(log);
    if (!decoded) {
      this.logger.warn({ msg: 'log not in the ABI; not indexed', contract: spec.name, txHash: log.transactionHash, logIndex: log.index });
      return [];
    }
    return [
      {
        chainId: this.chain.chainId,
        blockNumber: BigInt(log.blockNumber),
        blockHash: log.blockHash,
        txHash: log.transactionHash,
        logIndex: log.index,
        contractName: spec.name,
        contractAddress: log.address,
        eventName: decoded.eventName,
        args: decoded.args,
        subjectIds: decoded.subjectIds,
      },
    ];
  }

  // ---- reorgs ------------------------------------------------------------------------------------

  private async rewind(cursor: ChainIndexCursor): Promise<ChainReorg | null> {
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
    // is dropped and the chain is read again from the first deployment block. Sending old
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

    // before touching the database: the outbox sends the orphaned transactions again
    const orphanedJobs = deep ? [] : await this.orphanedJobs(ancestor.number);
    const touched: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT unnest(bill_ids) AS id FROM chain_events WHERE chain_id = $1 AND block_number > $2`,
      [chainId, dropAbove],
    );
    const reorg: ChainReorg = {
      detectedAt: cursor.blockNumber,
      ancestor: ancestor.number,
      deep,
      removedEvents: 0,
      touchedSubjects: touched.map((r) => r.id),
      orphanedJobs,
      projections: {},
    };
    const done = await this.dataSource.transaction(async (m) => {
      if (!(await this.lockCursor(m, cursor))) return false;
      // the only deletion of chain_events: facts of an abandoned fork, read again right after
      const [{ n }]: { n: number }[] = await m.query(
        `WITH d AS (DELETE FROM chain_events WHERE chain_id = $1 AND block_number > $2 RETURNING 1) SELECT count(*)::int AS n FROM d`,
        [chainId, dropAbove],
      );
      reorg.removedEvents = n;
      await m.query(`DELETE FROM chain_index_blocks WHERE chain_id = $1 AND block_number > $2`, [chainId, dropAbove]);
      await m.query(
        `UPDATE chain_index_cursors SET block_number = $2, block_hash = $3, reconciled_block = LEAST(reconciled_block, $2), updated_at = now(), version = version + 1
         WHERE chain_id = $1`,
        [chainId, ancestor.number, ancestor.hash],
      );
      for (const s of this.subscribers) if (s.onReorg) reorg.projections[s.name] = await s.onReorg(m, reorg);
      return true;
    });
    return done ? reorg : null; // false: another indexer handled this reorg
  }

  /**
   * Outbox jobs CONFIRMED in a block above the ancestor whose transaction is not in the canonical
   * chain: the outbox sends their kept signed bytes again, in nonce order (a refused one does not stop the rest).
   */
  private async orphanedJobs(ancestor: number): Promise<OrphanedChainJob[]> {
    const out: OrphanedChainJob[] = [];
    for (const job of await this.jobs.confirmed({ aboveBlock: ancestor })) {
      if (await this.chain.provider.getTransactionReceipt(job.txHash)) continue; // mined again in the new fork
      const sent = await this.jobs.rebroadcastConfirmed(job.txHash);
      const orphan: OrphanedChainJob = sent.sent ? { job, rebroadcast: 'sent' } : { job, rebroadcast: 'refused', error: sent.error };
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
}
