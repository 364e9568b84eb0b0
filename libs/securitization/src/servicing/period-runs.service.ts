import { Injectable, type OnModuleInit } from '@nestjs/common';
import { getAddress, id as keccakText, type TransactionReceipt } from 'ethers';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService, type Principal, seesAllOrganizations } from '#core';
import { ChainJobHandlerRegistry, ChainJobsService, ChainRole, ContractRegistry, SETTLEMENT_CURRENCIES, type ChainCall, type ChainJobEntity, type ChainJobHandler } from '#chain';
import { SpvVaultInterface } from '#contracts';
import { OrganizationAccess, OrganizationRole, ParticipantDirectory } from '#identity';
import { lastCollectionOnOrBefore, WaterfallError, type JsonObject } from '#waterfall';
import type { HolderBalance } from './distribution.util.js';
import { PayoutEntity, PayoutState, PeriodRunEntity, PeriodRunState } from './period-run.entity.js';
import { computePeriod, sha256Json, type CollectionRowInput, type PeriodComputation } from './period-run.util.js';
import { ServicingErrorCode, ServicingException } from './servicing.errors.js';
import { ClosedDealSource } from './closed-deal.source.js';
import { ClosingState } from '../closing/closing.entity.js';

export const SERVICING_PAYOUT_JOB = 'servicing.payout';

/**
 * Where a deal's period data come from. Today the servicer passes it in (`ProposePeriodRunInput`);
 * once pools and deals exist, an implementation reads them: collections = what the pool's bills
 * paid at maturity into the SPV vault (principal, interest) plus recoveries, bills DEFAULTED in the
 * period as `defaultMinor`/`lossMinor`; holders = the tranche tokens' balances at the record date.
 */
export interface ServicingDealSource {
  dealCase(dealId: string): Promise<JsonObject>;
  vaultAddress(dealId: string): Promise<string>;
  currency(dealId: string): Promise<string>;
  collections(dealId: string, after: string | null, upTo: string): Promise<CollectionRowInput[]>;
  holdersAt(dealId: string, recordDate: string): Promise<Record<string, HolderBalance[]>>;
}

export interface ProposePeriodRunInput {
  dealId: string;
  period: number;
  distributionDate: string;
  recordDate: string;
  currency: string;
  /** The pool has no more cash to come (lets the engine end the deal after this period). */
  finalPeriod?: boolean;
  /** The deal (tally-waterfall-case/1 input half); the same for every period of the deal. */
  dealCase: JsonObject;
  /** This period's collection rows. */
  rows: CollectionRowInput[];
  /** Holders per tranche at the record date: wallet and face in minor units (decimal string). */
  holders: Record<string, { holder: string; balanceMinor: string }[]>;
  vaultAddress: string;
}

/** What the servicer names to run a period of a deal closed on chain; the rest comes from the deal. */
export interface ProposeFromDealInput {
  dealId: string;
  period: number;
  distributionDate: string;
  recordDate: string;
  finalPeriod?: boolean;
}

export interface PeriodRunView {
  id: string;
  dealId: string;
  period: number;
  currency: string;
  distributionDate: string;
  recordDate: string;
  state: PeriodRunState;
  totalDistributedMinor: string;
  proposedByUserId: string;
  decidedByUserId: string | null;
  rejectReason: string | null;
  result: PeriodComputation;
  payouts: { tranche: string; holder: string; amountMinor: string; state: PayoutState; paymentId: string }[];
}

/** One line of a deal's period runs (`GET /servicing/runs`). */
export interface PeriodRunSummary {
  id: string;
  dealId: string;
  dealName: string;
  period: number;
  currency: string;
  distributionDate: string;
  recordDate: string;
  state: PeriodRunState;
  totalDistributedMinor: string;
  dealStatus: string;
  triggers: Record<string, boolean>;
  factors: PeriodComputation['factors'];
  /** The investor report PDF is published (downloadable). */
  reportPublished: boolean;
}

/** A deal closed on chain, as the servicer proposes its next period (`GET /servicing/deals`). */
export interface ServicedDeal {
  dealId: string;
  dealName: string;
  currency: string;
  firstDistributionDate: string | null;
  /** The last period approved (0: none yet) and its distribution date. */
  lastPeriod: number;
  lastDistributionDate: string | null;
  /** A period PROPOSED and waiting for the trustee (the next one cannot be proposed before). */
  pendingPeriod: number | null;
}

/**
 * Who reads which runs: servicers, trustees and platform staff every run (`all`); any other
 * organization only the approved runs whose holders at the record date include one of its
 * wallets, and of those only its own payouts and distribution lines (`wallets`, lower-case).
 */
export interface RunAudience {
  all: boolean;
  wallets: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MINOR = /^(0|[1-9]\d{0,36})$/;
const DONE_STATES = [PeriodRunState.APPROVED, PeriodRunState.DISTRIBUTING, PeriodRunState.DISTRIBUTED];
/** The most holders one period may pay (one outbox job each). */
export const PAYOUTS_MAX = 5000;

const invalid = (msg: string): never => {
  throw new ServicingException(ServicingErrorCode.INPUT_INVALID, msg);
};

/** bytes32 payment id of one holder's payment of one tranche in one run (SpvVault pays an id once). */
export const payoutPaymentId = (runId: string, tranche: string, holder: string) => keccakText(`tally.servicing.payout:${runId}:${tranche}:${holder}`);

/**
 * Servicing period runs, maker-checker: a SERVICER organization proposes the period (collections,
 * holders; the engine's result is computed and stored), a TRUSTEE organization — another
 * organization and another user — approves or rejects it. Approval writes one payout per holder
 * and tranche and its outbox job (`SpvVault.payOut`, paid once per payment id) in the same
 * transaction; confirmations move the run to DISTRIBUTING and, when every payout is final,
 * DISTRIBUTED.
 */
@Injectable()
export class PeriodRunsService implements ChainJobHandler, OnModuleInit {
  readonly kind = SERVICING_PAYOUT_JOB;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: ChainJobsService,
    private readonly registry: ChainJobHandlerRegistry,
    private readonly contracts: ContractRegistry,
    private readonly access: OrganizationAccess,
    private readonly audit: AuditService,
    private readonly closedDeals: ClosedDealSource,
    private readonly participants: ParticipantDirectory,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async propose(p: Principal, input: ProposePeriodRunInput): Promise<PeriodRunView> {
    await this.requireOrgRole(p, OrganizationRole.SERVICER, ServicingErrorCode.NOT_SERVICER);
    const clean = this.validate(input);
    const inputHash = sha256Json(clean);
    const dealHash = sha256Json(clean.dealCase);
    return this.dataSource.transaction(async (m) => {
      // one proposal per deal at a time: the periods of a deal are serialised
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`servicing:${clean.dealId}`]);
      const runs = await m.find(PeriodRunEntity, { where: { dealId: clean.dealId }, order: { period: 'ASC', createdAt: 'ASC' } });
      const live = runs.filter((r) => r.state !== PeriodRunState.REJECTED);
      const same = live.find((r) => r.period === clean.period);
      if (same) {
        if (same.inputHash === inputHash) return this.view(same.id, m); // the same proposal again: the same run
        throw new ServicingException(ServicingErrorCode.RUN_EXISTS, `Period ${clean.period} of deal ${clean.dealId} is already ${same.state}`, { runId: same.id });
      }
      const earlier = live.filter((r) => r.period < clean.period);
      if (earlier.length !== clean.period - 1 || earlier.some((r) => !DONE_STATES.includes(r.state))) {
        throw new ServicingException(ServicingErrorCode.PREVIOUS_PERIOD_OPEN, `Period ${clean.period} needs periods 1..${clean.period - 1} approved first`);
      }
      if (earlier.some((r) => r.dealHash !== dealHash)) throw new ServicingException(ServicingErrorCode.DEAL_CHANGED, 'The deal structure differs from the one of the earlier periods');
      const priorRows = earlier.flatMap((r) => (r.input as unknown as ProposePeriodRunInput).rows);
      const holders = Object.fromEntries(Object.entries(clean.holders).map(([t, hs]) => [t, hs.map((h) => ({ holder: h.holder, balanceMinor: BigInt(h.balanceMinor) }))]));
      const result = computePeriod({
        dealCase: clean.dealCase,
        priorRows,
        rows: clean.rows,
        period: clean.period,
        distributionDate: clean.distributionDate,
        finalPeriod: clean.finalPeriod === true,
        holders,
      });
      if (result.distribution.length > PAYOUTS_MAX) invalid(`At most ${PAYOUTS_MAX} payouts per period`);
      const run = await m.save(
        m.create(PeriodRunEntity, {
          dealId: clean.dealId,
          period: clean.period,
          currency: clean.currency,
          distributionDate: clean.distributionDate,
          recordDate: clean.recordDate,
          state: PeriodRunState.PROPOSED,
          dealHash,
          inputHash,
          input: clean as unknown as Record<string, unknown>,
          result: result as unknown as Record<string, unknown>,
          totalDistributedMinor: BigInt(result.totalDistributedMinor),
          vaultAddress: clean.vaultAddress,
          proposedByUserId: p.userId,
          proposedByOrgId: p.organizationId,
          decidedByUserId: null,
          decidedByOrgId: null,
          decidedAt: null,
          rejectReason: null,
        }),
      );
      await this.audit.append(m, {
        actor: p,
        organizationId: p.organizationId,
        action: 'servicing.run.proposed',
        entity: 'servicing_period_run',
        entityId: run.id,
        payload: { dealId: clean.dealId, period: clean.period, inputHash, totalDistributedMinor: result.totalDistributedMinor },
      });
      return this.view(run.id, m);
    });
  }

  /**
   * A period of a deal closed on chain: the input is built from the deal (`ClosedDealSource`:
   * structure, vault, currency, the pool's bills paid / defaulted after the previous period's
   * collection date and up to this one's — the deal's last collection date on or before each
   * distribution date —, holders at the record date), then proposed as above.
   */
  async proposeFromDeal(p: Principal, req: ProposeFromDealInput, source: ServicingDealSource = this.closedDeals): Promise<PeriodRunView> {
    await this.requireOrgRole(p, OrganizationRole.SERVICER, ServicingErrorCode.NOT_SERVICER);
    if (!req || typeof req !== 'object') invalid('A proposal is an object');
    if (typeof req.dealId !== 'string' || !UUID.test(req.dealId)) invalid('dealId must be a uuid');
    if (!Number.isInteger(req.period) || req.period < 1 || req.period > 1200) invalid('period must be within 1..1200');
    for (const k of ['distributionDate', 'recordDate'] as const) if (typeof req[k] !== 'string' || !DATE.test(req[k])) invalid(`${k} must be an ISO date`);
    const dealId = req.dealId.toLowerCase();
    let previousDistribution: string | null = null;
    if (req.period > 1) {
      const prev = await this.dataSource.getRepository(PeriodRunEntity).findOne({ where: { dealId, period: req.period - 1, state: In(DONE_STATES) } });
      if (!prev) throw new ServicingException(ServicingErrorCode.PREVIOUS_PERIOD_OPEN, `Period ${req.period} needs periods 1..${req.period - 1} approved first`);
      previousDistribution = prev.distributionDate;
      if (req.distributionDate <= previousDistribution) invalid(`distributionDate must be after period ${req.period - 1}'s (${previousDistribution})`);
    }
    const dealCase = await source.dealCase(dealId);
    // the period collects the events up to its distribution's collection date (a month end), not
    // up to the distribution date: what comes after is cash of the next distribution
    const collectedUpTo = (day: string): string | null => {
      try {
        return lastCollectionOnOrBefore(dealCase.dates as JsonObject, day);
      } catch (err) {
        if (err instanceof WaterfallError) throw new ServicingException(ServicingErrorCode.ENGINE_REFUSED, err.message, { engineCode: err.code });
        throw err;
      }
    };
    const after = previousDistribution === null ? null : collectedUpTo(previousDistribution);
    const upTo = collectedUpTo(req.distributionDate);
    const [vaultAddress, currency, rows, holders] = await Promise.all([
      source.vaultAddress(dealId),
      source.currency(dealId),
      upTo === null || (after !== null && upTo <= after) ? Promise.resolve([]) : source.collections(dealId, after, upTo),
      source.holdersAt(dealId, req.recordDate),
    ]);
    return this.propose(p, {
      dealId,
      period: req.period,
      distributionDate: req.distributionDate,
      recordDate: req.recordDate,
      currency,
      finalPeriod: req.finalPeriod === true,
      dealCase,
      rows,
      holders: Object.fromEntries(Object.entries(holders).map(([t, hs]) => [t, hs.map((h) => ({ holder: h.holder, balanceMinor: h.balanceMinor.toString() }))])),
      vaultAddress,
    });
  }

  async approve(p: Principal, runId: string): Promise<PeriodRunView> {
    const trustee = await this.requireOrgRole(p, OrganizationRole.TRUSTEE, ServicingErrorCode.NOT_TRUSTEE);
    return this.dataSource.transaction(async (m) => {
      const run = await this.lock(m, runId);
      this.checkSeparation(p, run);
      if (run.state !== PeriodRunState.PROPOSED) {
        if (DONE_STATES.includes(run.state) && run.decidedByUserId === p.userId) return this.view(runId, m); // a retry: already approved by this trustee
        throw new ServicingException(ServicingErrorCode.STATE_CONFLICT, `Run ${runId} is ${run.state}; only a PROPOSED run can be approved`);
      }
      const result = run.result as unknown as PeriodComputation;
      const payouts = result.distribution.map((d) =>
        m.create(PayoutEntity, {
          runId: run.id,
          tranche: d.tranche,
          holder: d.holder,
          interestMinor: BigInt(d.interestMinor),
          principalMinor: BigInt(d.principalMinor),
          amountMinor: BigInt(d.interestMinor) + BigInt(d.principalMinor),
          paymentId: payoutPaymentId(run.id, d.tranche, d.holder),
          chainJobId: null,
          state: PayoutState.PENDING,
          txHash: null,
          failureReason: null,
        }),
      );
      // rows in chunks (one INSERT each), then one outbox job per payout, all in this transaction
      for (let i = 0; i < payouts.length; i += 500) await m.insert(PayoutEntity, payouts.slice(i, i + 500));
      for (const payout of payouts) {
        const job = await this.jobs.enqueue(m, { kind: SERVICING_PAYOUT_JOB, idempotencyKey: `servicing.payout:${payout.paymentId}`, payload: { payoutId: payout.id } });
        payout.chainJobId = job.id;
      }
      for (const payout of payouts) await m.update(PayoutEntity, { id: payout.id }, { chainJobId: payout.chainJobId });
      await m.update(
        PeriodRunEntity,
        { id: run.id },
        { state: payouts.length === 0 ? PeriodRunState.DISTRIBUTED : PeriodRunState.APPROVED, decidedByUserId: p.userId, decidedByOrgId: trustee, decidedAt: new Date() },
      );
      await this.audit.append(m, {
        actor: p,
        organizationId: p.organizationId,
        action: 'servicing.run.approved',
        entity: 'servicing_period_run',
        entityId: run.id,
        payload: { payouts: payouts.length, totalDistributedMinor: run.totalDistributedMinor.toString() },
      });
      return this.view(runId, m);
    });
  }

  async reject(p: Principal, runId: string, reason: string): Promise<PeriodRunView> {
    const trustee = await this.requireOrgRole(p, OrganizationRole.TRUSTEE, ServicingErrorCode.NOT_TRUSTEE);
    if (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > 2000) invalid('A rejection needs a reason (at most 2000 characters)');
    return this.dataSource.transaction(async (m) => {
      const run = await this.lock(m, runId);
      this.checkSeparation(p, run);
      if (run.state !== PeriodRunState.PROPOSED) {
        if (run.state === PeriodRunState.REJECTED && run.decidedByUserId === p.userId && run.rejectReason === reason.trim()) return this.view(runId, m);
        throw new ServicingException(ServicingErrorCode.STATE_CONFLICT, `Run ${runId} is ${run.state}; only a PROPOSED run can be rejected`);
      }
      await m.update(PeriodRunEntity, { id: run.id }, { state: PeriodRunState.REJECTED, decidedByUserId: p.userId, decidedByOrgId: trustee, decidedAt: new Date(), rejectReason: reason.trim() });
      await this.audit.append(m, { actor: p, organizationId: p.organizationId, action: 'servicing.run.rejected', entity: 'servicing_period_run', entityId: run.id, payload: { reason: reason.trim() } });
      return this.view(runId, m);
    });
  }

  /**
   * A run as the caller may see it (`RunAudience`): servicers, trustees and platform staff the
   * whole run; a holder of the deal's notes an approved run with its own payouts and distribution
   * lines only; anyone else: not found.
   */
  async get(p: Principal, runId: string): Promise<PeriodRunView> {
    const audience = await this.audience(p);
    if (audience.all) return this.view(runId);
    await this.readable(p, runId, audience);
    const view = await this.view(runId);
    const own = (holder: string) => audience.wallets.includes(holder.toLowerCase());
    return { ...view, result: { ...view.result, distribution: view.result.distribution.filter((d) => own(d.holder)) }, payouts: view.payouts.filter((x) => own(x.holder)) };
  }

  /** The runs the caller may read (`RunAudience`), of one deal or of all, by deal name and newest period first. */
  async list(p: Principal, dealId?: string): Promise<PeriodRunSummary[]> {
    if (dealId !== undefined && !UUID.test(dealId)) invalid('dealId must be a uuid');
    const audience = await this.audience(p);
    if (!audience.all && audience.wallets.length === 0) return [];
    const rows: {
      id: string;
      deal_id: string;
      deal_name: string;
      period: number;
      currency: string;
      distribution_date: string;
      record_date: string;
      state: PeriodRunState;
      total_distributed_minor: string;
      deal_status: string | null;
      triggers: Record<string, boolean> | null;
      factors: PeriodComputation['factors'] | null;
      report_published: boolean;
    }[] = await this.dataSource.query(
      `SELECT r.id, r.deal_id, COALESCE(d.name, r.input->'dealCase'->>'titleEn', 'unnamed deal') AS deal_name, r.period, r.currency, r.distribution_date,
              r.record_date, r.state, r.total_distributed_minor, r.result->>'dealStatus' AS deal_status, r.result->'triggers' AS triggers,
              r.result->'factors' AS factors, r.report_pdf_sha256 IS NOT NULL AS report_published
         FROM servicing_period_runs r
         LEFT JOIN deals d ON d.id = r.deal_id
        WHERE ($1::uuid IS NULL OR r.deal_id = $1::uuid)
          AND ($2::boolean OR (r.state = ANY($3::text[]) AND EXISTS (
                SELECT 1 FROM jsonb_each(r.input->'holders') AS t(tranche, list), jsonb_array_elements(t.list) AS h(holder)
                 WHERE lower(h.holder->>'holder') = ANY($4::text[]))))
        ORDER BY deal_name, r.deal_id, r.period DESC, r.created_at DESC
        LIMIT 500`,
      [dealId?.toLowerCase() ?? null, audience.all, DONE_STATES, audience.wallets],
    );
    return rows.map((r) => ({
      id: r.id,
      dealId: r.deal_id,
      dealName: r.deal_name,
      period: r.period,
      currency: r.currency,
      distributionDate: r.distribution_date,
      recordDate: r.record_date,
      state: r.state,
      totalDistributedMinor: String(r.total_distributed_minor),
      dealStatus: r.deal_status ?? '',
      triggers: r.triggers ?? {},
      factors: r.factors ?? {},
      reportPublished: r.report_published,
    }));
  }

  /** Deals closed on chain with where their servicing stands: for servicers, trustees and platform staff (others: none). */
  async servicedDeals(p: Principal): Promise<ServicedDeal[]> {
    if (!(await this.audience(p)).all) return [];
    const rows: {
      id: string;
      name: string;
      currency: string;
      first_distribution_date: string | null;
      last_period: number | null;
      last_distribution_date: string | null;
      pending_period: number | null;
    }[] = await this.dataSource.query(
      `SELECT d.id, d.name, d.currency, d.terms->>'firstDistributionDate' AS first_distribution_date,
              done.period AS last_period, done.distribution_date AS last_distribution_date,
              (SELECT min(r.period) FROM servicing_period_runs r WHERE r.deal_id = d.id AND r.state = $3) AS pending_period
         FROM deals d
         JOIN deal_closings c ON c.deal_id = d.id AND c.state = $1
         LEFT JOIN LATERAL (SELECT r.period, r.distribution_date FROM servicing_period_runs r
                             WHERE r.deal_id = d.id AND r.state = ANY($2::text[]) ORDER BY r.period DESC LIMIT 1) done ON true
        ORDER BY d.name, d.id
        LIMIT 500`,
      [ClosingState.CLOSED, DONE_STATES, PeriodRunState.PROPOSED],
    );
    return rows.map((r) => ({
      dealId: r.id,
      dealName: r.name,
      currency: r.currency,
      firstDistributionDate: r.first_distribution_date,
      lastPeriod: r.last_period ?? 0,
      lastDistributionDate: r.last_distribution_date,
      pendingPeriod: r.pending_period,
    }));
  }

  /** Who the caller is for the runs (see `RunAudience`). */
  async audience(p: Principal): Promise<RunAudience> {
    if (seesAllOrganizations(p)) return { all: true, wallets: [] };
    const org = await this.access.readable(p, p.organizationId);
    if (org.roles.includes(OrganizationRole.SERVICER) || org.roles.includes(OrganizationRole.TRUSTEE)) return { all: true, wallets: [] };
    const wallets = await this.participants.wallets(undefined, [org.id]);
    return { all: false, wallets: wallets.map((w) => w.address.toLowerCase()) };
  }

  /** The run if the audience may read it (a holder: an approved run naming one of its wallets); not found otherwise. */
  async readable(p: Principal, runId: string, audience?: RunAudience): Promise<PeriodRunEntity> {
    const who = audience ?? (await this.audience(p));
    const run = await this.findRun(runId);
    if (who.all) return run;
    const holders = (run.input as unknown as ProposePeriodRunInput).holders ?? {};
    const holds = Object.values(holders).some((list) => list.some((h) => who.wallets.includes(h.holder.toLowerCase())));
    if (!holds || !DONE_STATES.includes(run.state)) this.notFound(runId);
    return run;
  }

  /** The stored run, for other parts of the servicing lib (reports). */
  async findRun(runId: string): Promise<PeriodRunEntity> {
    if (!UUID.test(runId)) this.notFound(runId);
    const run = await this.dataSource.getRepository(PeriodRunEntity).findOneBy({ id: runId });
    if (!run) this.notFound(runId);
    return run!;
  }

  // ---------------------------------------------------------------- outbox handler

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const payout = await this.dataSource.getRepository(PayoutEntity).findOneByOrFail({ id: job.payload.payoutId as string });
    const run = await this.dataSource.getRepository(PeriodRunEntity).findOneByOrFail({ id: payout.runId });
    const token = this.contracts.address(`SettlementToken.${run.currency}`);
    // the vault's AGENT_ROLE is the bill operator's (granted by the deal's closing)
    return {
      to: run.vaultAddress,
      data: SpvVaultInterface.encodeFunctionData('payOut', [payout.paymentId, token, payout.holder, payout.amountMinor]),
      signer: ChainRole.BILL_OPERATOR,
    };
  }

  async onConfirmed(job: ChainJobEntity, receipt: TransactionReceipt, m: EntityManager): Promise<void> {
    const payout = await m.findOneByOrFail(PayoutEntity, { id: job.payload.payoutId as string });
    // lock the run first, then count in a later statement: two payouts confirmed in two
    // transactions at once cannot both miss each other and leave the run DISTRIBUTING
    await m.query(`SELECT id FROM servicing_period_runs WHERE id = $1 FOR UPDATE`, [payout.runId]);
    await m.update(PayoutEntity, { id: payout.id }, { state: PayoutState.PAID, txHash: receipt.hash });
    await m.query(
      `UPDATE servicing_period_runs SET
         state = CASE WHEN EXISTS (SELECT 1 FROM servicing_payouts WHERE run_id = $1 AND state <> 'PAID') THEN 'DISTRIBUTING' ELSE 'DISTRIBUTED' END,
         version = version + 1, updated_at = now()
       WHERE id = $1 AND state IN ('APPROVED', 'DISTRIBUTING')`,
      [payout.runId],
    );
  }

  async onFailed(job: ChainJobEntity, reason: string, m: EntityManager): Promise<void> {
    // the run stays where it is: an operator sees the FAILED payout and its reason
    await m.update(PayoutEntity, { id: job.payload.payoutId as string }, { state: PayoutState.FAILED, failureReason: reason.slice(0, 2000) });
  }

  // ---------------------------------------------------------------- helpers

  private async view(runId: string, m: EntityManager = this.dataSource.manager): Promise<PeriodRunView> {
    if (!UUID.test(runId)) this.notFound(runId);
    const run = await m.findOneBy(PeriodRunEntity, { id: runId });
    if (!run) this.notFound(runId);
    const payouts = await m.find(PayoutEntity, { where: { runId }, order: { tranche: 'ASC', holder: 'ASC' } });
    return {
      id: run.id,
      dealId: run.dealId,
      period: run.period,
      currency: run.currency,
      distributionDate: run.distributionDate,
      recordDate: run.recordDate,
      state: run.state,
      totalDistributedMinor: run.totalDistributedMinor.toString(),
      proposedByUserId: run.proposedByUserId,
      decidedByUserId: run.decidedByUserId,
      rejectReason: run.rejectReason,
      result: run.result as unknown as PeriodComputation,
      payouts: payouts.map((x) => ({ tranche: x.tranche, holder: x.holder, amountMinor: x.amountMinor.toString(), state: x.state, paymentId: x.paymentId })),
    };
  }

  private notFound(runId: string): never {
    throw new ServicingException(ServicingErrorCode.RUN_NOT_FOUND, `Period run ${runId} not found`);
  }

  private async lock(m: EntityManager, runId: string): Promise<PeriodRunEntity> {
    if (!UUID.test(runId)) this.notFound(runId);
    const run = await m.findOne(PeriodRunEntity, { where: { id: runId }, lock: { mode: 'pessimistic_write' } });
    if (!run) this.notFound(runId);
    return run!;
  }

  /** The caller's organization must hold the role; returns its id. */
  private async requireOrgRole(p: Principal, role: OrganizationRole, code: ServicingErrorCode): Promise<string> {
    const org = await this.access.readable(p, p.organizationId);
    if (!org.roles.includes(role)) throw new ServicingException(code, `Only a ${role} organization may do this`);
    return org.id;
  }

  /** Separation of duties: the checker is neither the maker nor of the maker's organization. */
  private checkSeparation(p: Principal, run: PeriodRunEntity): void {
    if (p.userId === run.proposedByUserId || p.organizationId === run.proposedByOrgId) {
      throw new ServicingException(ServicingErrorCode.SAME_PARTY, 'The trustee who decides must be another organization than the servicer who proposed');
    }
  }

  private validate(input: ProposePeriodRunInput): ProposePeriodRunInput {
    if (!input || typeof input !== 'object') invalid('A proposal is an object');
    if (typeof input.dealId !== 'string' || !UUID.test(input.dealId)) invalid('dealId must be a uuid');
    if (!Number.isInteger(input.period) || input.period < 1 || input.period > 1200) invalid('period must be within 1..1200');
    for (const k of ['distributionDate', 'recordDate'] as const) if (typeof input[k] !== 'string' || !DATE.test(input[k])) invalid(`${k} must be an ISO date`);
    if (input.recordDate > input.distributionDate) invalid('recordDate must not be after distributionDate');
    if (!(SETTLEMENT_CURRENCIES as readonly string[]).includes(input.currency)) invalid(`currency must be one of ${SETTLEMENT_CURRENCIES.join(', ')}`);
    if (!input.dealCase || typeof input.dealCase !== 'object' || Array.isArray(input.dealCase)) invalid('dealCase must be a tally-waterfall-case/1 object');
    if (!Array.isArray(input.rows) || input.rows.length > 400) invalid('rows must be an array of at most 400 collection rows');
    let vault = '';
    try {
      vault = getAddress(input.vaultAddress);
    } catch {
      invalid('vaultAddress must be an address');
    }
    if (!input.holders || typeof input.holders !== 'object') invalid('holders must map each tranche to its holders');
    const holders: ProposePeriodRunInput['holders'] = {};
    let count = 0;
    for (const [tranche, list] of Object.entries(input.holders)) {
      if (!Array.isArray(list)) invalid(`holders.${tranche} must be an array`);
      count += list.length;
      if (count > PAYOUTS_MAX) invalid(`At most ${PAYOUTS_MAX} holders per period`);
      holders[tranche] = list.map((h, i) => {
        let holder = '';
        try {
          holder = getAddress(h?.holder);
        } catch {
          invalid(`holders.${tranche}[${i}].holder must be an address`);
        }
        if (typeof h.balanceMinor !== 'string' || !MINOR.test(h.balanceMinor)) invalid(`holders.${tranche}[${i}].balanceMinor must be a decimal string of minor units`);
        return { holder, balanceMinor: h.balanceMinor };
      });
    }
    return {
      dealId: input.dealId.toLowerCase(),
      period: input.period,
      distributionDate: input.distributionDate,
      recordDate: input.recordDate,
      currency: input.currency,
      finalPeriod: input.finalPeriod === true,
      dealCase: input.dealCase,
      rows: input.rows,
      holders,
      vaultAddress: vault,
    };
  }
}
