import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { answerInTransaction, AuditService, BusinessDate, type Principal } from '#core';
import { OrganizationRole } from '#identity';
import { SettlementTokens } from '#settlement';
import { BillErrorCode, BillException } from '../bills.errors.js';
import { BillsService } from '../bills/bills.service.js';
import { BillEntity } from '../bills/bill.entity.js';
import { BILL_JOB, type FinancePayload, type RepayPayload } from '../chain/bill-job.handlers.js';
import { BillDto } from '../dto/bill.dto.js';
import { FinancingDto, FinancingRequestDto, OfferDto, type MakeOfferDto } from '../dto/financing.dto.js';
import { actorOf, allowedActions, assertActor, assertBillAllows, assertOrganizationAdmin } from '../lifecycle/bill-lifecycle.js';
import { assertOfferStep, assertRequestTakesOffers, offerRefusal, offerTarget, requestTarget, settlementTarget } from '../lifecycle/financing-lifecycle.js';
import { assertOfferWithinBalance, financierCannotPay, formatAmount } from './available-funds.check.js';
import { quoteFinancing } from './discount.util.js';
import {
  BillPaymentEntity,
  FinancingEntity,
  FinancingOfferEntity,
  FinancingRequestEntity,
} from './financing.entities.js';

/** Financing requests, offers, their DvP settlement, and the obligor's payment at maturity. */
@Injectable()
export class FinancingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bills: BillsService,
    private readonly audit: AuditService,
    private readonly settlementTokens: SettlementTokens,
    private readonly businessDate: BusinessDate,
  ) {}

  async request(p: Principal, billId: string): Promise<FinancingRequestDto> {
    let request!: FinancingRequestEntity;
    await this.bills.act(p, billId, 'request-financing', async (m) => {
      const open = await m.findOneBy(FinancingRequestEntity, { billId, state: requestTarget('open') });
      request = open ?? (await m.save(m.create(FinancingRequestEntity, { billId, requestedByOrgId: p.organizationId, state: requestTarget('open') })));
      if (!open) await this.audit.append(m, { actor: p, organizationId: p.organizationId, action: 'bill.financing_requested', entity: 'bill', entityId: billId, payload: { requestId: request.id } });
      await answerInTransaction(m, FinancingRequestDto.from(request));
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
      .where('r.state = :open', { open: requestTarget('open') })
      .andWhere('b.holder_org_id <> :me', { me: p.organizationId })
      .orderBy('r.created_at', 'ASC')
      .take(200)
      .getMany();
    const bills = rows.length ? await this.dataSource.getRepository(BillEntity).findBy({ id: In(rows.map((r) => r.billId)) }) : [];
    return rows.map((r) => ({ request: FinancingRequestDto.from(r), bill: BillDto.from(bills.find((b) => b.id === r.billId)!, actorOf(p), this.bills.clock()) }));
  }

  async offer(p: Principal, requestId: string, dto: MakeOfferDto): Promise<OfferDto> {
    assertOrganizationAdmin(actorOf(p));
    await this.assertFinancier(p);
    const request = await this.dataSource.getRepository(FinancingRequestEntity).findOneBy({ id: requestId });
    assertRequestTakesOffers(request, requestId);
    const bill = await this.dataSource.getRepository(BillEntity).findOneByOrFail({ id: request!.billId });
    if (bill.holderOrgId === p.organizationId) throw new BillException(BillErrorCode.BILL_WRONG_PARTY, 'The holder cannot finance its own bill');
    // the financier's terms need a bill its holder could finance now
    assertBillAllows('finance', bill, { today: this.businessDate.today() });
    const expiresAt = new Date(dto.expiresAt);
    if (expiresAt.getTime() <= Date.now()) throw new BillException(BillErrorCode.FINANCING_TERMS_INVALID, 'expiresAt must be in the future');
    const quote = quoteFinancing({
      faceAmountMinor: bill.faceAmountMinor,
      currency: bill.currency,
      advanceRateBps: dto.advanceRateBps,
      annualDiscountRateBps: dto.annualDiscountRateBps,
      feesMinor: BigInt(dto.feesMinor),
      dayCount: dto.dayCount,
      valueDate: this.businessDate.today(),
      dueDate: bill.dueDate,
    });
    assertOfferWithinBalance(await this.settlementTokens.balanceOf(await this.bills.verifiedWallet(p.organizationId), bill.currency), quote.netProceedsMinor, bill.currency);
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
          valueDate: this.businessDate.today(),
          tenorDays: quote.tenorDays,
          advanceAmountMinor: quote.advanceAmountMinor,
          discountMinor: quote.discountMinor,
          netProceedsMinor: quote.netProceedsMinor,
          expiresAt,
          state: offerTarget('make'),
        }),
      );
      await this.audit.append(m, { actor: p, organizationId: p.organizationId, action: 'bill.financing_offered', entity: 'bill', entityId: bill.id, payload: { offerId: offer.id, ...dto } });
      return OfferDto.from(offer);
    });
  }

  async offersOf(p: Principal, billId: string): Promise<OfferDto[]> {
    const bill = await this.bills.visible(p, billId);
    const all = await this.dataSource.getRepository(FinancingOfferEntity).find({ where: { billId }, order: { createdAt: 'ASC' } });
    // the holder accepts an open, unexpired offer when the bill table lets it finance the bill
    const mayFinance = allowedActions(bill, actorOf(p), { today: this.businessDate.today() }).includes('finance');
    const now = new Date();
    // a financier sees its own offers; the holder sees all of them
    return all
      .filter((o) => o.financierOrgId === p.organizationId || bill.holderOrgId === p.organizationId || p.roles.some((r) => r !== 'ORG_ADMIN' && r !== 'ORG_MEMBER'))
      .map((o) => OfferDto.from(o, mayFinance && offerRefusal('accept', o, now) === null ? ['accept'] : []));
  }

  /**
   * The holder accepts an offer: one DvP on chain moves the financier's settlement tokens to the
   * holder and the bill to the financier. Concurrent acceptances on one bill serialise on the
   * bill's row lock; a partial unique index allows one live financing per bill.
   */
  async acceptOffer(p: Principal, offerId: string): Promise<FinancingDto> {
    assertActor('finance', actorOf(p));
    const offer = await this.knownOffer(p, offerId);
    const financierWallet = await this.bills.verifiedWallet(offer.financierOrgId);
    let financing!: FinancingEntity;
    let answer!: FinancingDto;
    await this.bills.act(p, offer.billId, 'finance', async (m, bill) => {
      const fresh = await m.findOne(FinancingOfferEntity, { where: { id: offerId }, lock: { mode: 'pessimistic_write' } });
      const accepted = assertOfferStep('accept', fresh!);
      // the holder is not told what the financier holds
      if ((await this.settlementTokens.balanceOf(financierWallet, bill.currency)) < fresh!.netProceedsMinor) throw financierCannotPay();
      financing = await m.save(
        m.create(FinancingEntity, {
          billId: bill.id,
          offerId,
          sellerOrgId: bill.holderOrgId,
          financierOrgId: offer.financierOrgId,
          priceMinor: fresh!.netProceedsMinor,
          currency: bill.currency,
          state: settlementTarget('start'),
        }),
      );
      await m.update(FinancingOfferEntity, { id: offerId }, { state: accepted });
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
      answer = FinancingDto.from(await m.findOneByOrFail(FinancingEntity, { id: financing.id }));
      await answerInTransaction(m, answer);
    });
    return answer;
  }

  /** The obligor pays the face amount to the current holder; the bill becomes PAID on chain. The system pays pre-authorised bills. */
  async pay(p: Principal | 'system', billId: string): Promise<BillDto> {
    return this.bills.act(p, billId, 'pay', async (m, bill) => {
      if (await m.existsBy(BillPaymentEntity, { billId, state: settlementTarget('settle') })) {
        throw new BillException(BillErrorCode.PAYMENT_ALREADY_MADE, 'The bill is already paid');
      }
      const obligorWallet = await this.bills.verifiedWallet(bill.buyerOrgId, m);
      await this.assertFunds(obligorWallet, bill.currency, bill.faceAmountMinor, 'The obligor');
      const payment = await m.save(
        m.create(BillPaymentEntity, {
          billId,
          obligorOrgId: bill.buyerOrgId,
          payeeOrgId: bill.holderOrgId,
          amountMinor: bill.faceAmountMinor,
          state: settlementTarget('start'),
          autoDebit: p === 'system',
          // the business day the obligor paid (the bill's paid_on once the repayment confirms)
          paidOn: this.businessDate.today(),
        }),
      );
      const payload: RepayPayload = { paymentId: payment.id, billId, obligorOrgId: bill.buyerOrgId, amountMinor: bill.faceAmountMinor.toString(), currency: bill.currency };
      const principal = p === 'system' ? { userId: '00000000-0000-0000-0000-000000000000', email: 'system', organizationId: bill.buyerOrgId, roles: [] } : p;
      const jobId = await this.bills.enqueue(m, bill, 'repay', BILL_JOB.repay, payload, principal, { paymentId: payment.id, autoDebit: p === 'system' });
      await m.update(BillPaymentEntity, { id: payment.id }, { chainJobId: jobId });
    });
  }

  /**
   * The offer, if the caller may know it: its financier, or the holder of its bill (who sees every
   * offer on it, `offersOf`). Anyone else gets the 404 of an offer that exists nowhere, the same
   * code and message, before any other check (a 403 or a 409 would tell that the id exists).
   */
  private async knownOffer(p: Principal, offerId: string): Promise<FinancingOfferEntity> {
    const notFound = () => new BillException(BillErrorCode.OFFER_NOT_FOUND, `Offer ${offerId} not found`);
    const offer = await this.dataSource.getRepository(FinancingOfferEntity).findOneBy({ id: offerId });
    if (!offer) throw notFound();
    if (offer.financierOrgId === p.organizationId) return offer;
    const holds = await this.dataSource.getRepository(BillEntity).existsBy({ id: offer.billId, holderOrgId: p.organizationId });
    if (!holds) throw notFound();
    return offer;
  }

  private async assertFinancier(p: Principal): Promise<void> {
    const org = await this.bills.organization(p.organizationId);
    if (!org.roles.includes(OrganizationRole.FINANCIER)) throw new BillException(BillErrorCode.BILL_WRONG_PARTY, 'Only a financier organization makes offers');
  }

  private async assertFunds(wallet: string, currency: string, amount: bigint, who: string): Promise<void> {
    const balance = await this.settlementTokens.balanceOf(wallet, currency);
    if (balance < amount) {
      throw new BillException(BillErrorCode.INSUFFICIENT_FUNDS, `${who} holds ${formatAmount(balance, currency)} and needs ${formatAmount(amount, currency)} in its settlement account`);
    }
  }
}
