import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { id as keccakText, type TransactionReceipt } from 'ethers';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditService } from '#core';
import {
  CHAIN_CONTEXT,
  ChainJobHandlerRegistry,
  ChainRole,
  ContractRegistry,
  currencyBytes3,
  type ChainCall,
  type ChainContext,
  type ChainJobEntity,
  type ChainJobHandler,
  type ConfirmedJob,
} from '#chain';
import { BillDvPInterface, BillRegistryInterface, connectBillRegistry, type BillRegistry } from '#contracts';
import { WalletsService } from '#identity';
import { SettlementTokens } from '#settlement';
import { BillEntity } from '../bills/bill.entity.js';
import { recordBillEvent, recordBillEvents } from '../bills/bill-event.util.js';
import { billIdBytes32, settlementIdBytes32 } from '../bills/bill-id.util.js';
import { BillPaymentEntity, FinancingEntity, FinancingOfferEntity } from '../financing/financing.entities.js';
import { applyConfirmed, applyFailed, columnsOf, effectOf, ruleOf } from '../lifecycle/bill-lifecycle.js';
import { offerSources, offerTarget, requestTarget, settlementTarget } from '../lifecycle/financing-lifecycle.js';
import { signDvpConsent, type DvpConsentArg } from './dvp-consent.js';

export const BILL_JOB = {
  issue: 'bills.issue',
  accept: 'bills.accept',
  transfer: 'bills.transfer',
  split: 'bills.split',
  cancel: 'bills.cancel',
  finance: 'bills.finance',
  repay: 'bills.repay',
} as const;

export interface IssuePayload {
  [k: string]: unknown;
  billId: string;
  holder: string;
  obligor: string;
  amountMinor: string;
  currency: string;
  dueDateUnix: number;
  fingerprint: string;
}
export interface AcceptPayload {
  [k: string]: unknown;
  billId: string;
  obligorOrgId: string;
  /** External acceptance; absent: the obligor's custodial wallet signs when the job is built. */
  signature?: string;
  deadline?: number;
}
export interface TransferPayload {
  [k: string]: unknown;
  billId: string;
  toOrgId: string;
  to: string;
}
export interface SplitPayload {
  [k: string]: unknown;
  billId: string;
  childIds: string[];
  amountsMinor: string[];
}
export interface CancelPayload {
  [k: string]: unknown;
  billId: string;
  reason: string;
}
export interface FinancePayload {
  [k: string]: unknown;
  financingId: string;
  billId: string;
  financierOrgId: string;
  financier: string;
  priceMinor: string;
  currency: string;
}
export interface RepayPayload {
  [k: string]: unknown;
  paymentId: string;
  billId: string;
  obligorOrgId: string;
  amountMinor: string;
  currency: string;
}

const PERMIT_TTL_SEC = 3_600;

/** The consent nonce of a financing or payment: one per settlement id, so a trade is consented to once. */
export const dvpConsentNonce = (kind: 'financing' | 'repayment', settlementId: string): bigint =>
  BigInt(keccakText(`tally.bill-dvp.${kind}:${settlementId}`));

/**
 * Shared by every bill job: the database follows the chain. The bill's state moves when the
 * outbox confirms the transaction (in the same database transaction), and the bill's
 * `pendingAction` blocks any other action meanwhile.
 */
@Injectable()
abstract class BillJobHandler implements ChainJobHandler, OnModuleInit {
  abstract readonly kind: string;

  constructor(
    protected readonly dataSource: DataSource,
    protected readonly registry: ChainJobHandlerRegistry,
    protected readonly contracts: ContractRegistry,
    protected readonly wallets: WalletsService,
    protected readonly audit: AuditService,
    @Inject(CHAIN_CONTEXT) protected readonly chain: ChainContext,
    protected readonly settlementTokens: SettlementTokens,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  abstract buildCall(job: ChainJobEntity): Promise<ChainCall>;
  /** One confirmed job's effect, returning its timeline payload; kinds that override `confirmedMany` need none. */
  protected confirmed?(m: EntityManager, job: ChainJobEntity, receipt: TransactionReceipt): Promise<Record<string, unknown> | void>;
  protected async failed(_m: EntityManager, _job: ChainJobEntity, _reason: string): Promise<void> {}

  /** The business effect of confirmed jobs; one `confirmed` each unless a kind does it set-based. Returns each job's timeline payload. */
  protected async confirmedMany(m: EntityManager, done: ConfirmedJob[]): Promise<(Record<string, unknown> | void)[]> {
    const out: (Record<string, unknown> | void)[] = [];
    for (const { job, receipt } of done) out.push(await this.confirmed!(m, job, receipt));
    return out;
  }

  async onConfirmed(job: ChainJobEntity, receipt: TransactionReceipt, m: EntityManager): Promise<void> {
    await this.onConfirmedMany([{ job, receipt }], m);
  }

  /** A block's confirmed jobs of this kind: their effects, then one statement clears the bills' pending actions and one records the steps. */
  async onConfirmedMany(done: ConfirmedJob[], m: EntityManager): Promise<void> {
    const extras = await this.confirmedMany(m, done);
    const billIds = done.map(({ job }) => job.payload.billId as string);
    await m.query(
      `UPDATE bills b SET pending_action = NULL, pending_job_id = NULL, updated_at = now(), version = b.version + 1
         FROM unnest($1::uuid[], $2::uuid[]) AS v(bill_id, job_id) WHERE b.id = v.bill_id AND b.pending_job_id = v.job_id`,
      [billIds, done.map(({ job }) => job.id)],
    );
    const action = `${this.kind.slice('bills.'.length)}.confirmed`;
    await recordBillEvents(
      m,
      done.map(({ job, receipt }, i) => ({ billId: billIds[i]!, action, actor: 'system' as const, extra: { chainJobId: job.id, txHash: receipt.hash, payload: extras[i] ?? {} } })),
    );
  }

  /** One UPDATE of the bills' columns (an effect of the lifecycle table), with the version and timestamp TypeORM keeps. */
  protected async updateBills(m: EntityManager, ids: string[], columns: QueryDeepPartialEntity<BillEntity>): Promise<void> {
    if (ids.length && Object.keys(columns).length) await m.update(BillEntity, { id: In(ids) }, columns);
  }

  async onFailed(job: ChainJobEntity, reason: string, m: EntityManager): Promise<void> {
    const billId = job.payload.billId as string;
    await this.failed(m, job, reason);
    await m.update(BillEntity, { id: billId, pendingJobId: job.id }, { pendingAction: null, pendingJobId: null });
    await recordBillEvent(m, billId, `${this.kind.slice('bills.'.length)}.failed`, 'system', { chainJobId: job.id, payload: { reason } });
    const bill = await m.findOneBy(BillEntity, { id: billId });
    await this.audit.append(m, { actor: 'system', organizationId: bill?.holderOrgId ?? null, action: `bill.${this.kind.slice(6)}_failed`, entity: 'bill', entityId: billId, payload: { reason, chainJobId: job.id } });
  }

  protected registryCall(fn: string, args: unknown[]): ChainCall {
    return { to: this.contracts.address('BillRegistry'), data: BillRegistryInterface.encodeFunctionData(fn, args), signer: ChainRole.BILL_OPERATOR };
  }

  /**
   * The payer's consent to one DvP trade, signed now by its custodial wallet (as acceptances are):
   * EIP-712 over bill, amount, payer, payee, deadline and nonce, checked by BillDvP. The nonce is
   * derived from the settlement id, so however often the job is built (a retry, a nonce taken by
   * another transaction) the payer consents to this trade once: BillDvP spends the nonce.
   */
  protected async consent(
    kind: 'financing' | 'repayment',
    settlementId: string,
    payerOrgId: string,
    trade: { billId: string; amount: bigint; payer: string; payee: string },
  ): Promise<DvpConsentArg> {
    const [payer, block] = await Promise.all([this.wallets.custodialSigner(payerOrgId), this.chain.provider.getBlock('latest')]);
    return signDvpConsent(payer, kind, trade, {
      chainId: this.chain.chainId,
      billDvP: this.contracts.address('BillDvP'),
      deadline: BigInt(block!.timestamp + PERMIT_TTL_SEC),
      nonce: dvpConsentNonce(kind, settlementId),
    });
  }

  // one contract object per address: building one parses the ABI, which is not free per job
  private readonly readers = new Map<string, BillRegistry>();

  protected billRegistry(): BillRegistry {
    const address = this.contracts.address('BillRegistry');
    if (!this.readers.has(address)) this.readers.set(address, connectBillRegistry(address, this.chain.provider));
    return this.readers.get(address)!;
  }
}

@Injectable()
export class IssueBillJobHandler extends BillJobHandler {
  readonly kind = BILL_JOB.issue;

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const p = job.payload as IssuePayload;
    return this.registryCall('issue', [billIdBytes32(p.billId), p.holder, p.obligor, BigInt(p.amountMinor), currencyBytes3(p.currency), p.dueDateUnix, p.fingerprint]);
  }

  protected override async confirmedMany(m: EntityManager, done: ConfirmedJob[]) {
    await this.updateBills(m, done.map(({ job }) => job.payload.billId as string), applyConfirmed('issue'));
    return [];
  }

  protected override async failed(m: EntityManager, job: ChainJobEntity) {
    await m.update(BillEntity, { id: job.payload.billId as string }, applyFailed('issue'));
  }
}

@Injectable()
export class AcceptBillJobHandler extends BillJobHandler {
  readonly kind = BILL_JOB.accept;

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const p = job.payload as AcceptPayload;
    const billId = billIdBytes32(p.billId);
    if (p.signature && p.deadline) return this.registryCall('accept', [billId, p.deadline, p.signature]);
    // the obligor's custodial wallet signs now, over the terms on chain
    const obligor = await this.wallets.custodialSigner(p.obligorOrgId);
    const [commitment, block] = await Promise.all([this.billRegistry().commitmentOf(billId), this.chain.provider.getBlock('latest')]);
    const deadline = BigInt(block!.timestamp + PERMIT_TTL_SEC);
    const signature = await obligor.signTypedData(
      { name: 'Tally BillRegistry', version: '1', chainId: this.chain.chainId, verifyingContract: this.contracts.address('BillRegistry') },
      {
        Acceptance: [
          { name: 'billId', type: 'bytes32' },
          { name: 'commitment', type: 'bytes32' },
          { name: 'deadline', type: 'uint256' },
        ],
      },
      { billId, commitment, deadline },
    );
    return this.registryCall('accept', [billId, deadline, signature]);
  }

  protected override async confirmedMany(m: EntityManager, done: ConfirmedJob[]) {
    await this.updateBills(m, done.map(({ job }) => job.payload.billId as string), applyConfirmed('accept'));
    return [];
  }
}

@Injectable()
export class TransferBillJobHandler extends BillJobHandler {
  readonly kind = BILL_JOB.transfer;

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const p = job.payload as TransferPayload;
    return this.registryCall('agentTransfer', [billIdBytes32(p.billId), p.to]);
  }

  protected override async confirmed(m: EntityManager, job: ChainJobEntity) {
    const p = job.payload as TransferPayload;
    await m.update(BillEntity, { id: p.billId }, applyConfirmed('transfer', { recipient: p.toOrgId }));
    return { toOrgId: p.toOrgId };
  }
}

@Injectable()
export class SplitBillJobHandler extends BillJobHandler {
  readonly kind = BILL_JOB.split;

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const p = job.payload as SplitPayload;
    return this.registryCall('split', [billIdBytes32(p.billId), p.amountsMinor.map(BigInt), p.childIds.map(billIdBytes32)]);
  }

  protected override async confirmed(m: EntityManager, job: ChainJobEntity) {
    const p = job.payload as SplitPayload;
    await m.update(BillEntity, { id: p.billId }, applyConfirmed('split'));
    const part = columnsOf(ruleOf('split').parts!.confirmed);
    for (const childId of p.childIds) {
      await m.update(BillEntity, { id: childId }, { ...part, pendingAction: null, pendingJobId: null });
      await recordBillEvent(m, childId, 'split.confirmed', 'system', { chainJobId: job.id, payload: { parentBillId: p.billId } });
    }
    return { childIds: p.childIds };
  }

  /** The children never came to exist on chain: they are cancelled records of the attempt. */
  protected override async failed(m: EntityManager, job: ChainJobEntity, reason: string) {
    const p = job.payload as SplitPayload;
    const part = columnsOf(ruleOf('split').parts!.failed);
    for (const childId of p.childIds) {
      await m.update(BillEntity, { id: childId }, { ...part, cancelReason: `split failed: ${reason}`, pendingAction: null, pendingJobId: null });
    }
  }
}

@Injectable()
export class CancelBillJobHandler extends BillJobHandler {
  readonly kind = BILL_JOB.cancel;

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    return this.registryCall('cancel', [billIdBytes32(job.payload.billId as string)]);
  }

  protected override async confirmed(m: EntityManager, job: ChainJobEntity) {
    const p = job.payload as CancelPayload;
    // a rejection and a cancellation confirm alike (both are `cancel` on chain)
    await m.update(BillEntity, { id: p.billId }, applyConfirmed('cancel', { reason: p.reason }));
  }
}

@Injectable()
export class FinanceBillJobHandler extends BillJobHandler {
  readonly kind = BILL_JOB.finance;

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const p = job.payload as FinancePayload;
    const price = BigInt(p.priceMinor);
    const billId = billIdBytes32(p.billId);
    // the payee is the seller, the bill's holder on chain (BillDvP checks the consent against it)
    const [, seller] = await this.billRegistry().billOf(billId);
    const consent = await this.consent('financing', p.financingId, p.financierOrgId, { billId, amount: price, payer: p.financier, payee: seller });
    return {
      to: this.contracts.address('BillDvP'),
      data: BillDvPInterface.encodeFunctionData('settleFinancing', [settlementIdBytes32(p.financingId), billId, p.financier, price, consent]),
      signer: ChainRole.BILL_OPERATOR,
    };
  }

  /** Financings SETTLED, their requests CLOSED, the bills' other offers LAPSED, holders and encumbrance: a few statements for a block's DvPs. */
  protected override async confirmedMany(m: EntityManager, done: ConfirmedJob[]) {
    const ps = done.map(({ job }) => job.payload as FinancePayload);
    const billIds = ps.map((p) => p.billId);
    // the states come from the financing table, bound as parameters
    const [count]: { financings: number; requests: number }[] = await m.query(
      `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS v(financing_id, bill_id)),
            f AS (UPDATE financings f SET state = $3, version = f.version + 1, updated_at = now() FROM v WHERE f.id = v.financing_id RETURNING f.offer_id),
            r AS (UPDATE financing_requests r SET state = $4, version = r.version + 1, updated_at = now()
                   FROM financing_offers o JOIN f ON o.id = f.offer_id WHERE r.id = o.request_id RETURNING r.id),
            lapsed AS (UPDATE financing_offers o SET state = $5, version = o.version + 1, updated_at = now()
                   FROM v WHERE o.bill_id = v.bill_id AND o.state = ANY($6::text[]))
       SELECT (SELECT count(*) FROM f)::int AS financings, (SELECT count(*) FROM r)::int AS requests`,
      [ps.map((p) => p.financingId), billIds, settlementTarget('settle'), requestTarget('close'), offerTarget('lapse'), offerSources('lapse')],
    );
    if (count!.financings !== ps.length || count!.requests !== ps.length) throw new Error(`financings or their requests are missing: ${JSON.stringify(count)} of ${ps.length}`);
    // the table's effect of `finance`: the financier holds the bill, which is encumbered
    const effect = effectOf('finance');
    await m.query(
      `UPDATE bills b SET holder_org_id = v.holder, encumbrance = $3, updated_at = now(), version = b.version + 1
         FROM unnest($1::uuid[], $2::uuid[]) AS v(id, holder) WHERE b.id = v.id`,
      [billIds, ps.map((p) => p.financierOrgId), effect.encumbrance],
    );
    await this.audit.appendMany(
      m,
      ps.map((p) => ({ actor: 'system' as const, organizationId: p.financierOrgId, action: 'bill.financed', entity: 'bill', entityId: p.billId, payload: { financingId: p.financingId, priceMinor: p.priceMinor, currency: p.currency } })),
    );
    return ps.map((p) => ({ financingId: p.financingId, priceMinor: p.priceMinor, financierOrgId: p.financierOrgId }));
  }

  protected override async failed(m: EntityManager, job: ChainJobEntity, reason: string) {
    const p = job.payload as FinancePayload;
    const financing = await m.findOneByOrFail(FinancingEntity, { id: p.financingId });
    await m.update(FinancingEntity, { id: financing.id }, { state: settlementTarget('fail'), failureReason: reason });
    await m.update(FinancingOfferEntity, { id: financing.offerId, state: In(offerSources('reopen')) }, { state: offerTarget('reopen') });
  }
}

@Injectable()
export class RepayBillJobHandler extends BillJobHandler {
  readonly kind = BILL_JOB.repay;

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const p = job.payload as RepayPayload;
    const billId = billIdBytes32(p.billId);
    // the obligor consents to the amount the payment recorded (BillDvP pulls the face amount on
    // chain: a difference refuses the trade) paid to the bill's holder on chain
    const [bill, holder] = await this.billRegistry().billOf(billId);
    const consent = await this.consent('repayment', p.paymentId, p.obligorOrgId, { billId, amount: BigInt(p.amountMinor), payer: bill.obligor, payee: holder });
    return {
      to: this.contracts.address('BillDvP'),
      data: BillDvPInterface.encodeFunctionData('settleRepayment', [settlementIdBytes32(p.paymentId), billId, consent]),
      signer: ChainRole.BILL_OPERATOR,
    };
  }

  protected override async confirmed(m: EntityManager, job: ChainJobEntity) {
    const p = job.payload as RepayPayload;
    await m.update(BillPaymentEntity, { id: p.paymentId }, { state: settlementTarget('settle') });
    // the business day it was paid is the payment's (the day the obligor paid), not the confirmation's
    const { paidOn } = await m.findOneByOrFail(BillPaymentEntity, { id: p.paymentId });
    await m.update(BillEntity, { id: p.billId }, { ...applyConfirmed('pay'), paidOn });
    const bill = await m.findOneByOrFail(BillEntity, { id: p.billId });
    await this.audit.append(m, { actor: 'system', organizationId: bill.holderOrgId, action: 'bill.paid', entity: 'bill', entityId: p.billId, payload: { paymentId: p.paymentId, amountMinor: p.amountMinor } });
    return { paymentId: p.paymentId, amountMinor: p.amountMinor };
  }

  protected override async failed(m: EntityManager, job: ChainJobEntity, reason: string) {
    await m.update(BillPaymentEntity, { id: job.payload.paymentId as string }, { state: settlementTarget('fail'), failureReason: reason });
  }
}

export const BILL_JOB_HANDLERS = [
  IssueBillJobHandler,
  AcceptBillJobHandler,
  TransferBillJobHandler,
  SplitBillJobHandler,
  CancelBillJobHandler,
  FinanceBillJobHandler,
  RepayBillJobHandler,
];
