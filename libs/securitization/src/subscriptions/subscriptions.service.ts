import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, hasRole, isUniqueViolation, OrgRole, seesAllOrganizations, type Principal } from '#core';
import { KycState, OrganizationRole, OrganizationsService } from '#identity';
import { allocateSubscriptions } from '../allocation/allocation.util.js';
import { DealEntity } from '../deals/deal.entity.js';
import type { CreateDealDto } from '../dto/deal.dto.js';
import type { DealOfferingDto, InvestorOrderDto, OfferingDto, OpenSubscriptionDto, OrderDto, PlaceOrderDto } from '../dto/subscription.dto.js';
import { SecuritizationErrorCode, SecuritizationException } from '../securitization.errors.js';
import { OfferingState, SubscriptionOrderEntity, TrancheOfferingEntity } from './subscription.entities.js';

const orderDto = (o: SubscriptionOrderEntity, names: ReadonlyMap<string, { legalName: string }> = new Map()): OrderDto => ({
  id: o.id,
  offeringId: o.offeringId,
  investorOrganizationId: o.investorOrgId,
  investorLegalName: names.get(o.investorOrgId)?.legalName ?? null,
  amountMinor: o.amountMinor.toString(),
  allocatedMinor: o.allocatedMinor === null ? null : o.allocatedMinor.toString(),
  createdAt: o.createdAt.toISOString(),
});

/**
 * Subscriptions: the arranger opens a window per tranche; approved INVESTOR organizations place
 * one order each; the allocation (`allocateSubscriptions`: pro rata, floor to the denomination,
 * largest remainder) closes the window. Orders take the offering row FOR SHARE and the allocation
 * FOR UPDATE, so no order slips in beside an allocation.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  async open(p: Principal, dealId: string, className: string, dto: OpenSubscriptionDto, now = new Date()): Promise<OfferingDto> {
    const deal = await this.arrangedDeal(p, dealId);
    const tranche = (deal.terms as unknown as CreateDealDto).tranches.find((t) => t.className === className);
    if (!tranche) throw new SecuritizationException(SecuritizationErrorCode.TRANCHE_NOT_FOUND, `Deal ${dealId} has no class ${className}`);
    const closesAt = new Date(dto.closesAt);
    if (closesAt.getTime() <= now.getTime())
      throw new SecuritizationException(SecuritizationErrorCode.SUBSCRIPTION_INVALID, 'closesAt must be in the future');
    try {
      return await this.dataSource.transaction(async (m) => {
        const offering = await m.save(
          m.create(TrancheOfferingEntity, {
            dealId,
            className,
            sizeMinor: BigInt(tranche.sizeMinor),
            denominationMinor: BigInt(tranche.denominationMinor),
            currency: deal.currency,
            closesAt,
            state: OfferingState.OPEN,
            allocatedAt: null,
          }),
        );
        await this.audit.append(m, {
          actor: p,
          organizationId: p.organizationId,
          action: 'subscription.opened',
          entity: 'tranche_offering',
          entityId: offering.id,
          payload: { dealId, className, closesAt: dto.closesAt },
        });
        return this.offeringDto(offering, deal);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'uq_tranche_offerings_class'))
        throw new SecuritizationException(
          SecuritizationErrorCode.SUBSCRIPTION_INVALID,
          `Class ${className} already has a subscription window`,
        );
      throw err;
    }
  }

  /** Open offerings (any signed-in organization may read them: that is what an offering is for). */
  async openOfferings(now = new Date()): Promise<OfferingDto[]> {
    const rows = await this.dataSource
      .getRepository(TrancheOfferingEntity)
      .createQueryBuilder('o')
      .where('o.state = :open AND o.closes_at > :now', { open: OfferingState.OPEN, now })
      .orderBy('o.closes_at', 'ASC')
      .getMany();
    const deals = new Map(
      (
        await this.dataSource
          .getRepository(DealEntity)
          .createQueryBuilder('d')
          .where('d.id = ANY(:ids::uuid[])', { ids: [...new Set(rows.map((r) => r.dealId))] })
          .getMany()
      ).map((d) => [d.id, d]),
    );
    return rows.map((r) => this.offeringDto(r, deals.get(r.dealId)!));
  }

  async order(p: Principal, offeringId: string, dto: PlaceOrderDto, now = new Date()): Promise<OrderDto> {
    if (seesAllOrganizations(p) || !hasRole(p, OrgRole.ORG_ADMIN))
      throw new SecuritizationException(SecuritizationErrorCode.INVESTOR_NOT_ELIGIBLE, 'Only an investor organization admin places orders');
    const standing = (await this.organizations.kycStandings([p.organizationId])).get(p.organizationId);
    const expired = !!standing?.kycExpiresAt && standing.kycExpiresAt.getTime() <= now.getTime();
    if (!standing || standing.kycState !== KycState.APPROVED || expired || !standing.roles.includes(OrganizationRole.INVESTOR)) {
      throw new SecuritizationException(
        SecuritizationErrorCode.INVESTOR_NOT_ELIGIBLE,
        'Only an approved INVESTOR organization subscribes',
        { kycState: standing?.kycState ?? null, kycExpired: expired },
      );
    }
    const amount = BigInt(dto.amountMinor);
    try {
      return await this.dataSource.transaction(async (m) => {
        const offering = await this.lockOffering(m, offeringId, 'pessimistic_read');
        if (offering.state !== OfferingState.OPEN || offering.closesAt.getTime() <= now.getTime()) {
          throw new SecuritizationException(
            SecuritizationErrorCode.SUBSCRIPTION_CLOSED,
            `The subscription of class ${offering.className} is closed`,
          );
        }
        if (amount % offering.denominationMinor !== 0n) {
          throw new SecuritizationException(
            SecuritizationErrorCode.ORDER_INVALID,
            `Orders are whole notes of ${offering.denominationMinor} ${offering.currency}`,
          );
        }
        const order = await m.save(
          m.create(SubscriptionOrderEntity, { offeringId, investorOrgId: p.organizationId, amountMinor: amount, allocatedMinor: null }),
        );
        await this.audit.append(m, {
          actor: p,
          organizationId: p.organizationId,
          action: 'subscription.ordered',
          entity: 'subscription_order',
          entityId: order.id,
          payload: { offeringId, amountMinor: dto.amountMinor },
        });
        return orderDto(order);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'uq_subscription_orders_investor'))
        throw new SecuritizationException(SecuritizationErrorCode.ORDER_INVALID, 'The organization already has an order for this tranche');
      throw err;
    }
  }

  /** Allocates the offering's orders and closes it (once; a second call is 409). */
  async allocate(p: Principal, offeringId: string): Promise<OrderDto[]> {
    const offeringRow = await this.dataSource.getRepository(TrancheOfferingEntity).findOneBy({ id: offeringId });
    if (!offeringRow) throw this.offeringNotFound(offeringId);
    await this.arrangedDeal(p, offeringRow.dealId);
    return this.dataSource.transaction(async (m) => {
      const offering = await this.lockOffering(m, offeringId, 'pessimistic_write');
      if (offering.state !== OfferingState.OPEN)
        throw new SecuritizationException(SecuritizationErrorCode.SUBSCRIPTION_CLOSED, 'The offering is already allocated');
      const orders = await m.find(SubscriptionOrderEntity, { where: { offeringId }, order: { createdAt: 'ASC' } });
      const result = allocateSubscriptions({
        trancheSizeMinor: offering.sizeMinor,
        denominationMinor: offering.denominationMinor,
        orders: orders.map((o) => ({ orderId: o.id, investorId: o.investorOrgId, amountMinor: o.amountMinor })),
      });
      for (const a of result.allocations) await m.update(SubscriptionOrderEntity, { id: a.orderId }, { allocatedMinor: a.allocatedMinor });
      await m.update(
        TrancheOfferingEntity,
        { id: offeringId },
        { state: OfferingState.ALLOCATED, allocatedAt: new Date(), version: offering.version + 1 },
      );
      await this.audit.append(m, {
        actor: p,
        organizationId: p.organizationId,
        action: 'subscription.allocated',
        entity: 'tranche_offering',
        entityId: offeringId,
        payload: {
          oversubscribed: result.oversubscribed,
          totalOrderedMinor: result.totalOrderedMinor.toString(),
          totalAllocatedMinor: result.totalAllocatedMinor.toString(),
        },
      });
      const allocated = await m.find(SubscriptionOrderEntity, { where: { offeringId }, order: { createdAt: 'ASC' } });
      const names = await this.organizations.kycStandings(
        allocated.map((o) => o.investorOrgId),
        m,
      );
      return allocated.map((o) => orderDto(o, names));
    });
  }

  /** The arranger reads every order; an investor its own. */
  async orders(p: Principal, offeringId: string): Promise<OrderDto[]> {
    const offering = await this.dataSource.getRepository(TrancheOfferingEntity).findOneBy({ id: offeringId });
    if (!offering) throw this.offeringNotFound(offeringId);
    const deal = await this.dataSource.getRepository(DealEntity).findOneByOrFail({ id: offering.dealId });
    const all = seesAllOrganizations(p) || deal.arrangerOrgId === p.organizationId;
    const rows = await this.dataSource
      .getRepository(SubscriptionOrderEntity)
      .find({ where: all ? { offeringId } : { offeringId, investorOrgId: p.organizationId }, order: { createdAt: 'ASC' } });
    const names = await this.organizations.kycStandings(rows.map((o) => o.investorOrgId));
    return rows.map((o) => orderDto(o, names));
  }

  /** Every offering of a deal, in any state, with its order book's totals (the arranger). */
  async dealOfferings(p: Principal, dealId: string): Promise<DealOfferingDto[]> {
    const deal = await this.dataSource.getRepository(DealEntity).findOneBy({ id: dealId });
    if (!deal || !(seesAllOrganizations(p) || deal.arrangerOrgId === p.organizationId))
      throw new SecuritizationException(SecuritizationErrorCode.DEAL_NOT_FOUND, `Deal ${dealId} not found`);
    const offerings = await this.dataSource
      .getRepository(TrancheOfferingEntity)
      .find({ where: { dealId }, order: { createdAt: 'ASC' } });
    const totals: { offering_id: string; n: number; ordered: string; allocated: string | null }[] = offerings.length
      ? await this.dataSource.query(
          `SELECT offering_id, count(*)::int AS n, sum(amount_minor)::text AS ordered, sum(allocated_minor)::text AS allocated
             FROM subscription_orders WHERE offering_id = ANY($1::uuid[]) GROUP BY offering_id`,
          [offerings.map((o) => o.id)],
        )
      : [];
    const byOffering = new Map(totals.map((t) => [t.offering_id, t]));
    return offerings.map((o) => {
      const t = byOffering.get(o.id);
      return {
        ...this.offeringDto(o, deal),
        orderCount: t?.n ?? 0,
        orderedMinor: t?.ordered ?? '0',
        allocatedMinor: o.state === OfferingState.ALLOCATED ? (t?.allocated ?? '0') : null,
      };
    });
  }

  /** The caller's organization's orders, newest first, each with its offering (an investor's book). */
  async myOrders(p: Principal): Promise<InvestorOrderDto[]> {
    const rows = await this.dataSource
      .getRepository(SubscriptionOrderEntity)
      .find({ where: { investorOrgId: p.organizationId }, order: { createdAt: 'DESC' } });
    if (rows.length === 0) return [];
    const offerings = await this.dataSource
      .getRepository(TrancheOfferingEntity)
      .createQueryBuilder('o')
      .where('o.id = ANY(:ids::uuid[])', { ids: [...new Set(rows.map((r) => r.offeringId))] })
      .getMany();
    const deals = new Map(
      (
        await this.dataSource
          .getRepository(DealEntity)
          .createQueryBuilder('d')
          .where('d.id = ANY(:ids::uuid[])', { ids: [...new Set(offerings.map((o) => o.dealId))] })
          .getMany()
      ).map((d) => [d.id, d]),
    );
    const byId = new Map(offerings.map((o) => [o.id, this.offeringDto(o, deals.get(o.dealId)!)]));
    const names = await this.organizations.kycStandings([p.organizationId]);
    return rows.map((o) => ({ ...orderDto(o, names), offering: byId.get(o.offeringId)! }));
  }

  private async lockOffering(m: EntityManager, id: string, mode: 'pessimistic_read' | 'pessimistic_write'): Promise<TrancheOfferingEntity> {
    const offering = await m.findOne(TrancheOfferingEntity, { where: { id }, lock: { mode } });
    if (!offering) throw this.offeringNotFound(id);
    return offering;
  }

  private offeringNotFound(id: string): SecuritizationException {
    return new SecuritizationException(SecuritizationErrorCode.OFFERING_NOT_FOUND, `Offering ${id} not found`);
  }

  private async arrangedDeal(p: Principal, dealId: string): Promise<DealEntity> {
    const deal = await this.dataSource.getRepository(DealEntity).findOneBy({ id: dealId });
    if (!deal || !(seesAllOrganizations(p) || deal.arrangerOrgId === p.organizationId))
      throw new SecuritizationException(SecuritizationErrorCode.DEAL_NOT_FOUND, `Deal ${dealId} not found`);
    if (seesAllOrganizations(p) || !hasRole(p, OrgRole.ORG_ADMIN))
      throw new SecuritizationException(
        SecuritizationErrorCode.POOL_ORGANIZATION_ADMIN_REQUIRED,
        "Only the arranger's organization admin runs its subscriptions",
      );
    return deal;
  }

  private offeringDto(o: TrancheOfferingEntity, deal: DealEntity): OfferingDto {
    const tranche = (deal.terms as unknown as CreateDealDto).tranches.find((t) => t.className === o.className)!;
    return {
      id: o.id,
      dealId: o.dealId,
      dealName: deal.name,
      className: o.className,
      couponBps: tranche.couponBps,
      rank: tranche.rank,
      sizeMinor: o.sizeMinor.toString(),
      denominationMinor: o.denominationMinor.toString(),
      currency: o.currency,
      closesAt: o.closesAt.toISOString(),
      state: o.state,
    };
  }
}
