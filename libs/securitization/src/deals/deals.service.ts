import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChainJobsService, ChainJobStatus } from '#chain';
import { AuditService, isUniqueViolation, minorUnits, organizationScope, seesAllOrganizations, type Principal } from '#core';
import type { CreateDealDto, DealDto } from '../dto/deal.dto.js';
import { PoolEntity, PoolState } from '../pools/pool.entity.js';
import { PoolsService } from '../pools/pools.service.js';
import { SecuritizationErrorCode, SecuritizationException } from '../securitization.errors.js';
import { creditEnhancement, engineCase, reserveFundingMinor, structureProblems, type DealTerms } from './deal-structure.util.js';
import { DealEntity, DealState } from './deal.entity.js';
import { OfferingState } from '../subscriptions/subscription.entities.js';

/** The deal's terms as the structure utilities take them (amounts as bigint). */
export function termsOf(dto: CreateDealDto): DealTerms {
  return {
    name: dto.name,
    closingDate: dto.closingDate,
    firstDistributionDate: dto.firstDistributionDate,
    statedMaturityDate: dto.statedMaturityDate,
    paymentFrequency: dto.paymentFrequency,
    dayCount: dto.dayCount,
    tranches: dto.tranches.map((t) => ({
      className: t.className,
      sizeMinor: BigInt(t.sizeMinor),
      couponBps: t.couponBps,
      rank: t.rank,
      equity: t.equity ?? false,
      denominationMinor: BigInt(t.denominationMinor),
    })),
    servicerFeeBpsPerAnnum: dto.servicerFeeBpsPerAnnum,
    trusteeFeePerPeriodMinor: BigInt(dto.trusteeFeePerPeriodMinor),
    reserveTargetBps: dto.reserveTargetBps,
    triggers: dto.triggers ?? [],
  };
}

/** Whether the deal can be closed now, as `POST /deals/{id}/close` checks it first (see ClosingsService.close). */
interface Readiness {
  closingState: string | null;
  closable: boolean;
  notClosableReason: string | null;
}

/** A deal just structured has no subscription window yet. */
const NEW_DEAL: Readiness = { closingState: null, closable: false, notClosableReason: SecuritizationErrorCode.OFFERING_NOT_ALLOCATED };

/** Deals: the originator structures its locked pool (one deal per pool). */
@Injectable()
export class DealsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pools: PoolsService,
    private readonly audit: AuditService,
    private readonly jobs: ChainJobsService,
  ) {}

  async create(p: Principal, poolId: string, dto: CreateDealDto): Promise<DealDto> {
    await this.pools.visible(p, poolId);
    this.pools.assertOriginatorAdmin(p);
    const terms = termsOf(dto);
    try {
      return await this.dataSource.transaction(async (m) => {
        const pool = await m.findOneOrFail(PoolEntity, { where: { id: poolId }, lock: { mode: 'pessimistic_write' } });
        if (pool.originatorOrgId !== p.organizationId)
          throw new SecuritizationException(
            SecuritizationErrorCode.POOL_ORGANIZATION_ADMIN_REQUIRED,
            "Only the pool's originator structures it",
          );
        if (pool.state !== PoolState.LOCKED)
          throw new SecuritizationException(SecuritizationErrorCode.POOL_NOT_LOCKED, 'A deal is structured on a pool locked at cut-off');
        if (await m.existsBy(DealEntity, { poolId }))
          throw new SecuritizationException(SecuritizationErrorCode.DEAL_EXISTS, 'The pool already has a deal');
        const facts = {
          balanceMinor: pool.balanceMinor,
          cutOffDate: pool.cutOffDate,
          currency: pool.currency,
          minorUnits: minorUnits(pool.currency),
        };
        const problems = structureProblems(terms, facts);
        if (problems.length)
          throw new SecuritizationException(
            SecuritizationErrorCode.DEAL_STRUCTURE_INVALID,
            problems.map((x) => `${x.field}: ${x.problem}`).join('; '),
            { problems },
          );
        const ce = creditEnhancement(terms, pool.balanceMinor).map((c) => ({ ...c, subordinationMinor: c.subordinationMinor.toString() }));
        const engine = engineCase(terms, facts);
        const deal = await m.save(
          m.create(DealEntity, {
            poolId,
            arrangerOrgId: p.organizationId,
            name: dto.name,
            currency: pool.currency,
            state: DealState.STRUCTURED,
            terms: { ...dto, triggers: dto.triggers ?? [] } as unknown as Record<string, unknown>,
            structure: engine.structure,
            engineDates: engine.dates,
            dealStatusAtStart: engine.dealStatusAtStart,
            creditEnhancement: ce,
          }),
        );
        await this.audit.append(m, {
          actor: p,
          organizationId: p.organizationId,
          action: 'deal.structured',
          entity: 'deal',
          entityId: deal.id,
          payload: { poolId, terms: deal.terms },
        });
        return this.dto(deal, pool.balanceMinor, terms, NEW_DEAL);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'uq_deals_pool'))
        throw new SecuritizationException(SecuritizationErrorCode.DEAL_EXISTS, 'The pool already has a deal');
      throw err;
    }
  }

  async get(p: Principal, dealId: string): Promise<DealDto> {
    const deal = await this.dataSource.getRepository(DealEntity).findOneBy({ id: dealId });
    if (!deal || !(seesAllOrganizations(p) || deal.arrangerOrgId === p.organizationId))
      throw new SecuritizationException(SecuritizationErrorCode.DEAL_NOT_FOUND, `Deal ${dealId} not found`);
    const pool = await this.dataSource.getRepository(PoolEntity).findOneByOrFail({ id: deal.poolId });
    const readiness = await this.readiness([deal.id]);
    return this.dto(deal, pool.balanceMinor, termsOf(deal.terms as unknown as CreateDealDto), readiness.get(deal.id)!);
  }

  /** The deals the caller arranged (platform roles: all), newest first. */
  async list(p: Principal): Promise<DealDto[]> {
    const qb = this.dataSource.getRepository(DealEntity).createQueryBuilder('d');
    const scope = organizationScope(p);
    if (scope) qb.where('d.arranger_org_id = ANY(:scope::uuid[])', { scope });
    const deals = await qb.orderBy('d.createdAt', 'DESC').getMany();
    if (deals.length === 0) return [];
    const pools = new Map(
      (
        await this.dataSource
          .getRepository(PoolEntity)
          .createQueryBuilder('pl')
          .where('pl.id = ANY(:ids::uuid[])', { ids: deals.map((d) => d.poolId) })
          .getMany()
      ).map((pl) => [pl.id, pl]),
    );
    const readiness = await this.readiness(deals.map((d) => d.id));
    return deals.map((d) => this.dto(d, pools.get(d.poolId)!.balanceMinor, termsOf(d.terms as unknown as CreateDealDto), readiness.get(d.id)!));
  }

  async ofPool(p: Principal, poolId: string): Promise<DealDto> {
    await this.pools.visible(p, poolId);
    const deal = await this.dataSource.getRepository(DealEntity).findOneBy({ poolId });
    if (!deal) throw new SecuritizationException(SecuritizationErrorCode.DEAL_NOT_FOUND, `Pool ${poolId} has no deal`);
    return this.get(p, deal.id);
  }

  /**
   * Per deal: its closing's state, or whether `close` would pass its checks of the deal (no closing
   * yet, pool LOCKED with its tape's root anchoring CONFIRMED, at least one offering and all
   * ALLOCATED) and otherwise the code it would answer. The wallet checks (CLOSING_NOT_POSSIBLE)
   * are left to `close`.
   */
  private async readiness(dealIds: string[]): Promise<Map<string, Readiness>> {
    const rows: { id: string; pool_state: string; anchor_job_id: string | null; closing_state: string | null; offerings: number; open: number }[] =
      await this.dataSource.query(
        `SELECT d.id, pl.state AS pool_state, t.anchor_job_id, c.state AS closing_state,
                (SELECT count(*) FROM tranche_offerings o WHERE o.deal_id = d.id)::int AS offerings,
                (SELECT count(*) FROM tranche_offerings o WHERE o.deal_id = d.id AND o.state <> $2)::int AS open
           FROM deals d
           JOIN pools pl ON pl.id = d.pool_id
           LEFT JOIN pool_tapes t ON t.pool_id = d.pool_id
           LEFT JOIN deal_closings c ON c.deal_id = d.id
          WHERE d.id = ANY($1::uuid[])`,
        [dealIds, OfferingState.ALLOCATED],
      );
    const anchors = await this.jobs.statuses(rows.map((r) => r.anchor_job_id));
    return new Map(
      rows.map((r) => {
        const reason = r.closing_state
          ? SecuritizationErrorCode.CLOSING_EXISTS
          : r.pool_state !== PoolState.LOCKED || !r.anchor_job_id || anchors.get(r.anchor_job_id) !== ChainJobStatus.CONFIRMED
            ? SecuritizationErrorCode.POOL_NOT_CUT_OFF
            : r.offerings === 0 || r.open > 0
              ? SecuritizationErrorCode.OFFERING_NOT_ALLOCATED
              : null;
        return [r.id, { closingState: r.closing_state, closable: reason === null, notClosableReason: reason }];
      }),
    );
  }

  private dto(deal: DealEntity, poolBalanceMinor: bigint, terms: DealTerms, readiness: Readiness): DealDto {
    return {
      ...readiness,
      id: deal.id,
      poolId: deal.poolId,
      name: deal.name,
      currency: deal.currency,
      state: deal.state,
      poolBalanceMinor: poolBalanceMinor.toString(),
      reserveFundingMinor: reserveFundingMinor(terms).toString(),
      creditEnhancement: deal.creditEnhancement as unknown as DealDto['creditEnhancement'],
      terms: deal.terms,
      structure: deal.structure,
      engineDates: deal.engineDates,
      dealStatusAtStart: deal.dealStatusAtStart,
    };
  }
}
