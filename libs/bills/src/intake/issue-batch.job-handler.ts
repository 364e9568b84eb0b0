import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { TransactionReceipt } from 'ethers';
import type { EntityManager } from 'typeorm';
import { AuditService } from '#core';
import { CHAIN_CONTEXT, ChainJobHandlerRegistry, ChainRole, ContractRegistry, currencyBytes3, type ChainCall, type ChainContext, type ChainJobEntity, type ChainJobHandler, type ConfirmedJob } from '#chain';
import { BillRegistryInterface } from '#contracts';
import { recordBillEvents } from '../bills/bill-event.util.js';
import { billIdBytes32 } from '../bills/bill-id.util.js';
import { applyConfirmed, applyFailed, type BillColumns } from '../lifecycle/bill-lifecycle.js';

export const ISSUE_BATCH_JOB = 'bills.issue-batch';

/** One bill of an `issueBatch` job: the arguments of `BillRegistry.issue`. */
export interface BatchBill {
  billId: string;
  holder: string;
  obligor: string;
  amountMinor: string;
  currency: string;
  dueDateUnix: number;
  fingerprint: string;
}

export interface IssueBatchPayload {
  [k: string]: unknown;
  intakeId: string;
  bills: BatchBill[];
}

/**
 * Gas model of `BillRegistry.issueBatch`, so the outbox sends a batch without simulating it first
 * (the simulation executed the whole ~19M-gas batch once more). Measured: 124.5k gas a bill at 150
 * a batch to a holder that has bills (five fresh storage slots of 22.1k and two events), plus, per
 * run of bills to one holder, its identity check, its balance slot (fresh for a first bill) and
 * its code-size check (~30k). The limit is ~9 % above that. A holder that is a contract runs its
 * own `onERC721Received`, which no model knows: a batch with one is simulated as before.
 * Bounds checked by test/contracts/bill-batch.e2e-spec.ts.
 */
export const ISSUE_BATCH_GAS_BASE = 50_000n;
export const ISSUE_BATCH_GAS_PER_BILL = 135_000n;
export const ISSUE_BATCH_GAS_PER_HOLDER_RUN = 45_000n;

/** The gas limit of an `issueBatch` of `bills` (see {@link ISSUE_BATCH_GAS_PER_BILL}). */
export function issueBatchGasLimit(bills: readonly Pick<BatchBill, 'holder'>[]): bigint {
  let runs = 0n;
  for (let i = 0; i < bills.length; i++) if (i === 0 || bills[i]!.holder.toLowerCase() !== bills[i - 1]!.holder.toLowerCase()) runs++;
  return ISSUE_BATCH_GAS_BASE + ISSUE_BATCH_GAS_PER_BILL * BigInt(bills.length) + ISSUE_BATCH_GAS_PER_HOLDER_RUN * runs;
}

const COLUMN_OF: Record<keyof BillColumns, string> = {
  state: 'state',
  encumbrance: 'encumbrance',
  chainStatus: 'chain_status',
  holderOrgId: 'holder_org_id',
  supersededAt: 'superseded_at',
  acceptedAt: 'accepted_at',
  paidAt: 'paid_at',
  cancelReason: 'cancel_reason',
};

/**
 * Registers up to a batch of issued bills with one `BillRegistry.issueBatch`: on confirmation
 * every bill of the job gets the issue's confirmed effect (the lifecycle table's), on a final
 * failure its failed effect; either way their pending action is cleared, set-based.
 */
@Injectable()
export class IssueBatchJobHandler implements ChainJobHandler, OnModuleInit {
  readonly kind = ISSUE_BATCH_JOB;

  constructor(
    private readonly registry: ChainJobHandlerRegistry,
    private readonly contracts: ContractRegistry,
    private readonly audit: AuditService,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const p = job.payload as IssueBatchPayload;
    const batch = p.bills.map((b) => [billIdBytes32(b.billId), b.holder, b.obligor, BigInt(b.amountMinor), currencyBytes3(b.currency), b.dueDateUnix, b.fingerprint]);
    const call: ChainCall = { to: this.contracts.address('BillRegistry'), data: BillRegistryInterface.encodeFunctionData('issueBatch', [batch]), signer: ChainRole.BILL_OPERATOR };
    // one eth_getCode per holder (a batch has one or a few) instead of executing the whole batch
    const holders = [...new Set(p.bills.map((b) => b.holder.toLowerCase()))];
    const codes = await Promise.all(holders.map((h) => this.chain.provider.getCode(h)));
    if (codes.some((code) => code !== '0x')) return call;
    // no simulation: a refused batch (e.g. a fingerprint registered meanwhile) reverts on chain
    // and fails the job with the decoded reason, like a simulated one
    return { ...call, gasLimit: issueBatchGasLimit(p.bills) };
  }

  async onConfirmed(job: ChainJobEntity, receipt: TransactionReceipt, m: EntityManager): Promise<void> {
    await this.onConfirmedMany([{ job, receipt }], m);
  }

  async onConfirmedMany(done: ConfirmedJob[], m: EntityManager): Promise<void> {
    const ids: string[] = [];
    const jobs: string[] = [];
    const hashes: string[] = [];
    for (const { job, receipt } of done) {
      for (const b of (job.payload as IssueBatchPayload).bills) {
        ids.push(b.billId);
        jobs.push(job.id);
        hashes.push(receipt.hash);
      }
    }
    await this.apply(m, ids, jobs, applyConfirmed('issue'));
    await recordBillEvents(
      m,
      ids.map((billId, i) => ({ billId, action: 'issue.confirmed', actor: 'system' as const, extra: { chainJobId: jobs[i]!, txHash: hashes[i]!, payload: { batch: true } } })),
    );
  }

  async onFailed(job: ChainJobEntity, reason: string, m: EntityManager): Promise<void> {
    const p = job.payload as IssueBatchPayload;
    const ids = p.bills.map((b) => b.billId);
    await this.apply(m, ids, ids.map(() => job.id), applyFailed('issue'));
    await recordBillEvents(m, ids.map((billId) => ({ billId, action: 'issue.failed', actor: 'system' as const, extra: { chainJobId: job.id, payload: { reason, batch: true } } })));
    await this.audit.append(m, { actor: 'system', organizationId: null, action: 'bill.issue_batch_failed', entity: 'chain_job', entityId: job.id, payload: { reason, intakeId: p.intakeId, bills: ids.length } });
  }

  /** The effect's columns on the bills still waiting for their job, and their pending action cleared, in one statement. */
  private async apply(m: EntityManager, ids: string[], jobIds: string[], columns: BillColumns): Promise<void> {
    if (ids.length === 0) return;
    const set: string[] = [];
    const params: unknown[] = [ids, jobIds];
    for (const [k, v] of Object.entries(columns) as [keyof BillColumns, unknown][]) {
      params.push(v);
      set.push(`${COLUMN_OF[k]} = $${params.length}`);
    }
    await m.query(
      `UPDATE bills b SET ${[...set, 'pending_action = NULL', 'pending_job_id = NULL', 'updated_at = now()', 'version = b.version + 1'].join(', ')}
         FROM unnest($1::uuid[], $2::uuid[]) AS v(bill_id, job_id) WHERE b.id = v.bill_id AND b.pending_job_id = v.job_id`,
      params,
    );
  }
}
