import { Inject, Injectable } from '@nestjs/common';
import { Contract } from 'ethers';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService, type Principal } from '#core';
import { ContractRegistry, CHAIN_CONTEXT, type ChainContext } from '#chain';
import { SettlementTokenAbi } from '#contracts';
import { OrganizationRole } from '#identity';
import { BillErrorCode, BillException } from '../bills.errors.js';
import { BillsService } from '../bills/bills.service.js';
import { BillEntity } from '../bills/bill.entity.js';
import { BillState } from '../bills/bill-state.js';
import { BILL_JOB, type FinancePayload, type RepayPayload } from '../chain/bill-job.handlers.js';
import { BillDto } from '../dto/bill.dto.js';
import { FinancingDto, FinancingRequestDto, OfferDto, type MakeOfferDto } from '../dto/financing.dto.js';
import { quoteFinancing } from './discount.util.js';
import {
  BillPaymentEntity,
  FinancingEntity,
  FinancingOfferEntity,
  FinancingRequestEntity,
  FinancingState,
  OfferState,
} from './financing.entities.js';

const today = () => new Date().toISOString().slice(0, 10);

/** Financing requests, offers, their DvP settlement, and the obligor's payment at maturity. */
@Injectable()
export class FinancingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bills: BillsService,
    private readonly contracts: ContractRegistry,
    private readonly audit: AuditService,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
  ) {}

  async request(p: Principal, billId: string): Promise<FinancingRequestDto> {
    this.bills.assertAdmin(p);
    let request!: FinancingRequestEntity;
    await this.bills.act(p, billId, async (m, bill) => {
      this.bills.assertHolder(p, bill);
      this.assertFinanceable(bill);
      const open = await m.findOneBy(FinancingRequestEntity, { billId, state: 'OPEN' });
      request = open ?? (await m.save(m.create(FinancingRequestEntity, { billId, requestedByOrgId: p.organizationId, state: 'OPEN' })));
      if (!open) await this.audit.append(m, { actor: p, organizationId: p.organizationId, action: 'bill.financing_requested', entity: 'bill', entityId: billId, payload: { requestId: request.id } });
    });
    return FinancingRequestDto.from(request);
  }

  /** Open requests: the financiers' marketplace. */
  async marketplace(p: Principal): Promise<{ request: FinancingRequestDto; bill: BillDto }[]> {
    await this.assertFinancier(p);
    const rows = await this.dataSource
      .getRepository(FinancingRequestEntity)
      .createQueryBuilder('r')
      .innerJoin(BillEntity, 'b', 'b.id = r.bill_id')
      .where(`r.state = 'OPEN'`)
      .andWhere('b.holder_org_id <> :me', { me: p.organizationId })
      .orderBy('r.created_at', 'ASC')
      .take(200)
      .getMany();
    const bills = rows.length ? await this.dataSource.getRepository(BillEntity).findBy({ id: In(rows.map((r) => r.billId)) }) : [];
    return rows.map((r) => ({ request: FinancingRequestDto.from(r), bill: BillDto.from(bills.find((b) => b.id === r.billId)!) }));
  }

  async offer(p: Principal, requestId: string, dto: MakeOfferDto): Promise<OfferDto> {
    this.bills.assertAdmin(p);
    await this.assertFinancier(p);
    const request = await this.dataSource.getRepository(FinancingRequestEntity).findOneBy({ id: requestId });
    if (!request || request.state !== 'OPEN') throw new BillException(BillErrorCode.FINANCING_REQUEST_NOT_FOUND, `No open financing request ${requestId}`);
    const bill = await this.dataSource.getRepository(BillEntity).findOneByOrFail({ id: request.billId });
    if (bill.holderOrgId === p.organizationId) throw new BillException(BillErrorCode.BILL_WRONG_PARTY, 'The holder cannot finance its own bill');
    this.assertFinanceable(bill);
    const expiresAt = new Date(dto.expiresAt);
    if (expiresAt.getTime() <= Date.now()) throw new BillException(BillErrorCode.FINANCING_TERMS_INVALID, 'expiresAt must be in the future');
    const quote = quoteFinancing({
      faceAmountMinor: bill.faceAmountMinor,
      currency: bill.currency,
      advanceRateBps: dto.advanceRateBps,
      annualDiscountRateBps: dto.annualDiscountRateBps,
      feesMinor: BigInt(dto.feesMinor),
      dayCount: dto.dayCount,
      valueDate: today(),
      dueDate: bill.dueDate,
    });
    return this.dataSource.transaction(async (m) => {
      const offer = await m.save(
        m.create(FinancingOfferEntity, {
          requestId,
          billId: bill.id,
          financierOrgId: p.organizationId,
          advanceRateBps: dto.advanceRateBps,
          annualDiscountRateBps: dto.annualDiscountRateBps,
          feesMinor: BigInt(dto.feesMinor),
          dayCount: dto.dayCount,
          valueDate: today(),
          tenorDays: quote.tenorDays,
          advanceAmountMinor: quote.advanceAmountMinor,
          discountMinor: quote.discountMinor,
          netProceedsMinor: quote.netProceedsMinor,
          expiresAt,
          state: OfferState.OPEN,
        }),
      );
      await this.audit.append(m, { actor: p, organizationId: p.organizationId, action: 'bill.financing_offered', entity: 'bill', entityId: bill.id, payload: { offerId: offer.id, ...dto } });
      return OfferDto.from(offer);
    });
  }

  async offersOf(p: Principal, billId: string): Promise<OfferDto[]> {
    const bill = await this.bills.visible(p, billId);
    const all = await this.dataSource.getRepository(FinancingOfferEntity).find({ where: { billId }, order: { createdAt: 'ASC' } });
    // a financier sees its own offers; the holder sees all of them
    return all.filter((o) => o.financierOrgId === p.organizationId || bill.holderOrgId === p.organizationId || p.roles.some((r) => r !== 'ORG_ADMIN' && r !== 'ORG_MEMBER')).map(OfferDto.from);
  }

  /**
   * The holder accepts an offer: one DvP on chain moves the financier's settlement tokens to the
   * holder and the bill to the financier. Concurrent acceptances on one bill serialise on the
   * bill's row lock; a partial unique index allows one live financing per bill.
   */
  async acceptOffer(p: Principal, offerId: string): Promise<FinancingDto> {
    this.bills.assertAdmin(p);
    const offer = await this.dataSource.getRepository(FinancingOfferEntity).findOneBy({ id: offerId });
    if (!offer) throw new BillException(BillErrorCode.OFFER_NOT_FOUND, `Offer ${offerId} not found`);
    const financierWallet = await this.bills.verifiedWallet(offer.financierOrgId);
    let financing!: FinancingEntity;
    await this.bills.act(p, offer.billId, async (m, bill) => {
      this.bills.assertHolder(p, bill);
      this.assertFinanceable(bill);
      const fresh = await m.findOne(FinancingOfferEntity, { where: { id: offerId }, lock: { mode: 'pessimistic_write' } });
      if (fresh!.state !== OfferState.OPEN) throw new BillException(BillErrorCode.OFFER_NOT_OPEN, `The offer is ${fresh!.state}`);
      if (fresh!.expiresAt.getTime() <= Date.now()) throw new BillException(BillErrorCode.OFFER_EXPIRED, 'The offer has expired');
      await this.assertFunds(financierWallet, bill.currency, fresh!.netProceedsMinor, 'The financier');
      financing = await m.save(
        m.create(FinancingEntity, {
          billId: bill.id,
          offerId,
          sellerOrgId: bill.holderOrgId,
          financierOrgId: offer.financierOrgId,
          priceMinor: fresh!.netProceedsMinor,
          currency: bill.currency,
          state: FinancingState.SETTLING,
        }),
      );
      await m.update(FinancingOfferEntity, { id: offerId }, { state: OfferState.ACCEPTED });
      const payload: FinancePayload = {
        financingId: financing.id,
        billId: bill.id,
        financierOrgId: offer.financierOrgId,
        financier: financierWallet,
        priceMinor: fresh!.netProceedsMinor.toString(),
        currency: bill.currency,
      };
      const jobId = await this.bills.enqueue(m, bill, 'finance', BILL_JOB.finance, payload, p, { offerId, financingId: financing.id, priceMinor: payload.priceMinor });
      await m.update(FinancingEntity, { id: financing.id }, { chainJobId: jobId });
    });
    return FinancingDto.from(await this.dataSource.getRepository(FinancingEntity).findOneByOrFail({ id: financing.id }));
  }

  /** The obligor pays the face amount to the current holder; the bill becomes PAID on chain. */
  async pay(p: Principal | 'system', billId: string): Promise<BillDto> {
    if (p !== 'system') this.bills.assertAdmin(p);
    const run = async (m: EntityManager, bill: BillEntity, actor: Principal | 'system') => {
      if (actor !== 'system') this.bills.assertParty(actor, bill.buyerOrgId, 'Only the obligor pays the bill');
      if (await m.existsBy(BillPaymentEntity, { billId, state: FinancingState.SETTLED })) {
        throw new BillException(BillErrorCode.PAYMENT_ALREADY_MADE, 'The bill is already paid');
      }
      if (bill.state !== BillState.ACCEPTED && bill.state !== BillState.OVERDUE) {
        throw new BillException(BillErrorCode.BILL_NOT_ACCEPTED, `A bill in state ${bill.state} cannot be paid`);
      }
      const obligorWallet = await this.bills.verifiedWallet(bill.buyerOrgId);
      await this.assertFunds(obligorWallet, bill.currency, bill.faceAmountMinor, 'The obligor');
      const payment = await m.save(
        m.create(BillPaymentEntity, {
          billId,
          obligorOrgId: bill.buyerOrgId,
          payeeOrgId: bill.holderOrgId,
          amountMinor: bill.faceAmountMinor,
          state: FinancingState.SETTLING,
          autoDebit: actor === 'system',
        }),
      );
      const payload: RepayPayload = { paymentId: payment.id, billId, obligorOrgId: bill.buyerOrgId, amountMinor: bill.faceAmountMinor.toString(), currency: bill.currency };
      const principal = actor === 'system' ? { userId: '00000000-0000-0000-0000-000000000000', email: 'system', organizationId: bill.buyerOrgId, roles: [] } : actor;
      const jobId = await this.bills.enqueue(m, bill, 'repay', BILL_JOB.repay, payload, principal, { paymentId: payment.id, autoDebit: actor === 'system' });
      await m.update(BillPaymentEntity, { id: payment.id }, { chainJobId: jobId });
    };
    if (p === 'system') {
      return this.dataSource.transaction(async (m) => {
        const bill = await m.findOneOrFail(BillEntity, { where: { id: billId }, lock: { mode: 'pessimistic_write' } });
        if (bill.pendingAction) throw new BillException(BillErrorCode.BILL_CHAIN_PENDING, 'busy');
        await run(m, bill, 'system');
        return BillDto.from(await m.findOneByOrFail(BillEntity, { id: billId }));
      });
    }
    return this.bills.act(p, billId, (m, bill) => run(m, bill, p));
  }

  private assertFinanceable(bill: BillEntity): void {
    if (bill.state !== BillState.ACCEPTED) throw new BillException(BillErrorCode.BILL_NOT_ACCEPTED, `Only an accepted bill can be financed (it is ${bill.state})`);
    if (bill.encumbrance !== 'NONE') throw new BillException(BillErrorCode.BILL_ALREADY_FINANCED, `The bill is already ${bill.encumbrance.toLowerCase()}`);
    if (bill.dueDate <= today()) throw new BillException(BillErrorCode.BILL_OVERDUE, 'The bill is due: nothing left to finance');
  }

  private async assertFinancier(p: Principal): Promise<void> {
    const org = await this.bills.organization(p.organizationId);
    if (!org.roles.includes(OrganizationRole.FINANCIER)) throw new BillException(BillErrorCode.BILL_WRONG_PARTY, 'Only a financier organization makes offers');
  }

  private async assertFunds(wallet: string, currency: string, amount: bigint, who: string): Promise<void> {
    const token = new Contract(this.contracts.address(`SettlementToken.${currency}`), SettlementTokenAbi, this.chain.provider);
    const balance = (await token.balanceOf(wallet)) as bigint;
    if (balance < amount) {
      throw new BillException(BillErrorCode.INSUFFICIENT_FUNDS, `${who} holds ${balance} and needs ${amount} ${currency} (minor units) in its settlement account`);
    }
  }
}
