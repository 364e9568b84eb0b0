import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, isUniqueViolation, minorUnits, organizationScope, seesAllOrganizations, type Principal } from '#core';
import type { CreateDealDto, DealDto } from '../dto/deal.dto.js';
import { PoolEntity, PoolState } from '../pools/pool.entity.js';
import { PoolsService } from '../pools/pools.service.js';
import { SecuritizationErrorCode, SecuritizationException } from '../securitization.errors.js';
import { creditEnhancement, engineCase, reserveFundingMinor, structureProblems, type DealTerms } from './deal-structure.util.js';
import { DealEntity, DealState } from './deal.entity.js';

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

/** Deals: the originator structures its locked pool (one deal per pool). */
@Injectable()
export class DealsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pools: PoolsService,
    private readonly audit: AuditService,
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
        return this.dto(deal, pool.balanceMinor, terms);
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
    return this.dto(deal, pool.balanceMinor, termsOf(deal.terms as unknown as CreateDealDto));
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
    return deals.map((d) => this.dto(d, pools.get(d.poolId)!.balanceMinor, termsOf(d.terms as unknown as CreateDealDto)));
  }

  async ofPool(p: Principal, poolId: string): Promise<DealDto> {
    await this.pools.visible(p, poolId);
    const deal = await this.dataSource.getRepository(DealEntity).findOneBy({ poolId });
    if (!deal) throw new SecuritizationException(SecuritizationErrorCode.DEAL_NOT_FOUND, `Pool ${poolId} has no deal`);
    return this.get(p, deal.id);
  }

  private dto(deal: DealEntity, poolBalanceMinor: bigint, terms: DealTerms): DealDto {
    return {
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
