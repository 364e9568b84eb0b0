import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mapLimit } from '#core';
import { CHAIN_CONTEXT, ChainJobsService, type ChainContext } from '#chain';
import { connectSpvVault, connectTrancheDvP, connectTrancheToken } from '#contracts';
import { BillPoolingService, type ReconciliationDifferenceDto } from '#bills';
import { SettlementTokens } from '#settlement';
import { CLOSING_JOB, type StepSpec } from './closing-plan.util.js';
import { ClosingStepState } from './closing.entity.js';
import { ClosingsService, proceedsPaymentId, subscriptionId, trueSaleBatchId } from './closings.service.js';

const PARALLEL_READS = 8;

/**
 * The closings against the chain (`tally reconcile`, beside the bills' reconciliation; the bills'
 * holders on chain, the vault for sold bills, are compared there): the vault's batch and payment
 * flags and the DvP's subscription flags for every step the database calls DONE (and not set for
 * the others), each investor's note balance against its settled allocations, and the vault's
 * settlement-token balance against what the database says went in and out. Closings with a step in
 * flight are skipped (the outbox settles them). An empty list means they agree.
 */
@Injectable()
export class ClosingReconciliationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly closings: ClosingsService,
    private readonly pooling: BillPoolingService,
    private readonly jobs: ChainJobsService,
    private readonly settlementTokens: SettlementTokens,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
  ) {}

  async diff(): Promise<ReconciliationDifferenceDto[]> {
    const tip = Math.max(0, (await this.chain.provider.getBlockNumber()) - this.chain.confirmations + 1);
    const at = { blockTag: tip };
    const inFlight = await this.jobs.inFlightIds();
    const out: ReconciliationDifferenceDto[] = [];
    for (const { closing, steps } of await this.closings.allClosings()) {
      if (steps.some((s) => s.jobId && inFlight.has(s.jobId))) continue;
      const diff = (field: string, database: string, chain: string) =>
        out.push({ billId: null, entity: 'deal_closing', entityId: closing.id, field, database, chain });
      const done = (s: { state: ClosingStepState }) => s.state === ClosingStepState.DONE;
      if (closing.vaultAddress) {
        const vault = connectSpvVault(closing.vaultAddress, this.chain.provider);
        for (const s of steps.filter((x) => x.kind === CLOSING_JOB.TRUE_SALE)) {
          const spec = s.spec as unknown as Extract<StepSpec, { op: 'true-sale' }>;
          const settled = await vault.isBatchSettled(trueSaleBatchId(closing.id, spec.batch), at);
          if (settled !== done(s)) diff(`trueSale:${spec.batch}`, s.state, settled ? 'settled' : 'not settled');
        }
        const proceeds = steps.find((x) => x.kind === CLOSING_JOB.PROCEEDS);
        const paid = await vault.isPaymentMade(proceedsPaymentId(closing.id), at);
        if (proceeds && paid !== done(proceeds)) diff('proceeds', proceeds.state, paid ? 'paid' : 'not paid');
        // cash in the vault: the settled DvPs' payments and the sold bills' repayments (the deal is
        // their holder), less the proceeds and the servicing payouts paid from it
        const dvps = steps.filter((x) => x.kind === CLOSING_JOB.DVP && done(x)).map((x) => x.spec as unknown as Extract<StepSpec, { op: 'dvp' }>);
        const collected = await this.pooling.paidToHolder(this.dataSource.manager, closing.dealId, closing.currency);
        const paidIn = dvps.reduce((sum, d) => sum + BigInt(d.paymentMinor), 0n) + collected;
        const [servicing] = (await this.dataSource.query(
          `SELECT COALESCE(sum(p.amount_minor), 0)::text AS paid FROM servicing_payouts p JOIN servicing_period_runs r ON r.id = p.run_id
            WHERE lower(r.vault_address) = lower($1) AND p.state = 'PAID'`,
          [closing.vaultAddress],
        )) as { paid: string }[];
        const expected = paidIn - (proceeds && done(proceeds) ? closing.proceedsMinor : 0n) - BigInt(servicing!.paid);
        const balance = await this.settlementTokens.balanceOf(closing.vaultAddress, closing.currency, tip);
        if (balance !== expected) diff('vaultBalance', expected.toString(), balance.toString());
      }
      if (closing.dvpAddress) {
        const dvp = connectTrancheDvP(closing.dvpAddress, this.chain.provider);
        const dvpSteps = steps.filter((x) => x.kind === CLOSING_JOB.DVP);
        const flags = await mapLimit(dvpSteps, PARALLEL_READS, (s) => dvp.isSettled(subscriptionId((s.spec as unknown as { orderId: string }).orderId), at));
        dvpSteps.forEach((s, i) => {
          if (flags[i] !== done(s)) diff(`subscription:${(s.spec as unknown as { orderId: string }).orderId}`, s.state, flags[i] ? 'settled' : 'not settled');
        });
        // notes: each investor's balance per tranche = its settled allocations
        // (every planned holder is checked: one whose DvPs the database lost must hold nothing)
        const expected = new Map<string, bigint>();
        for (const s of dvpSteps) {
          const spec = s.spec as unknown as Extract<StepSpec, { op: 'dvp' }>;
          const key = `${spec.className}|${spec.investor}`;
          expected.set(key, (expected.get(key) ?? 0n) + (done(s) ? BigInt(spec.notesMinor) : 0n));
        }
        for (const [key, notes] of expected) {
          const [className, investor] = key.split('|') as [string, string];
          const token = closing.trancheTokens[className];
          const balance = token ? ((await connectTrancheToken(token, this.chain.provider).balanceOf(investor, at)) as bigint) : 0n;
          if (balance !== notes) diff(`notes:${className}:${investor}`, notes.toString(), balance.toString());
        }
      }
    }
    return out;
  }
}
