import { Inject, Injectable } from '@nestjs/common';
import { AbiCoder, keccak256, recoverAddress } from 'ethers';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService, BusinessDate, formatAmount, isUniqueViolation, Money, seesAllOrganizations, type Page, type Principal } from '#core';
import { ChainJobsService, ContractRegistry, CHAIN_CONTEXT, type ChainContext } from '#chain';
import { connectBillRegistry } from '#contracts';
import { DocumentsService } from '#documents';
import { OrganizationRole, ParticipantDirectory, type Participant } from '#identity';
import { BillErrorCode, BillException } from '../bills.errors.js';
import { BILL_JOB, type AcceptPayload, type CancelPayload, type IssuePayload, type SplitPayload, type TransferPayload } from '../chain/bill-job.handlers.js';
import { BillDetailDto, BillDto, BillEventDto, type AcceptBillDto, type FingerprintCheckDto, type IssueBillDto, type ListBillsQueryDto } from '../dto/bill.dto.js';
import { billFingerprint } from '../fingerprint/bill-fingerprint.js';
import { BillEntity } from './bill.entity.js';
import { BillEventEntity } from './bill-event.entity.js';
import { recordBillEvent } from './bill-event.util.js';
import { billIdBytes32, billTokenId, dateToUnix } from './bill-id.util.js';
import { actorOf, assertActor, assertAllowed, BILL_LIFECYCLE, draftBill, isEncumbered, SYSTEM_ACTOR, type BillAction, type BillActor } from '../lifecycle/bill-lifecycle.js';
import { requestTarget } from '../lifecycle/financing-lifecycle.js';
import { DuplicateAlertEntity } from './duplicate-alert.entity.js';
import { BillPoolingService } from '../pooling/bill-pooling.service.js';
import { assertIssueParties } from './bill-parties.js';

export const BILLS_OPTIONS = Symbol('BILLS_OPTIONS');
export interface BillsOptions {
  /** Smallest part of a split, in minor units. */
  minSplitPartMinor: bigint;
  /** Days after the due date before an OVERDUE bill is DEFAULTED. */
  defaultGraceDays: number;
  /** Run the aging and auto-debit schedule here (where the outbox worker runs). */
  schedules: boolean;
  agingCheckMs: number;
}

export interface IssueContext {
  source: 'api' | 'ubl';
  documentId?: string | null;
  documentSha256?: string | null;
}


/**
 * The bill lifecycle. Access first: a bill is visible to its supplier, buyer and holder (and to
 * platform roles; financiers see bills offered to them); anyone else gets 404. Every action
 * locks the bill row, checks the state machine and the encumbrance, and enqueues its chain job
 * in the same transaction; the database follows the chain when the outbox confirms.
 */
/**
 * Who sees a bill (outside platform roles, which see all) — the one statement of the rule, used by the
 * list and by every single-bill read: its supplier, buyer and holder; a financier that made an offer
 * on it; a holder that sold it by financing. With `marketplace` (a caller known to be a FINANCIER):
 * also any bill with an open financing request. Anyone else gets 404 (foreign == missing).
 */
export function billVisibleTo(alias: string, p: Principal, { marketplace }: { marketplace: boolean }): [string, Record<string, unknown>] {
  const b = alias;
  const clauses = [
    `${b}.supplier_org_id = :visOrg`,
    `${b}.buyer_org_id = :visOrg`,
    `${b}.holder_org_id = :visOrg`,
    `EXISTS (SELECT 1 FROM financing_offers o WHERE o.bill_id = ${b}.id AND o.financier_org_id = :visOrg)`,
    `EXISTS (SELECT 1 FROM financings f WHERE f.bill_id = ${b}.id AND f.seller_org_id = :visOrg)`,
  ];
  if (marketplace) clauses.push(`EXISTS (SELECT 1 FROM financing_requests r WHERE r.bill_id = ${b}.id AND r.state = :visOpenRequest)`);
  return [`(${clauses.join(' OR ')})`, { visOrg: p.organizationId, visOpenRequest: requestTarget('open') }];
}

@Injectable()
export class BillsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: ChainJobsService,
    private readonly contracts: ContractRegistry,
    private readonly audit: AuditService,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
    @Inject(BILLS_OPTIONS) private readonly options: BillsOptions,
    private readonly participants: ParticipantDirectory,
    private readonly documents: DocumentsService,
    private readonly businessDate: BusinessDate,
    private readonly pooling: BillPoolingService,
  ) {}

  /** The lifecycle's clock: the platform's business date. */
  clock(): { today: string } {
    return { today: this.businessDate.today() };
  }

  // ---- reads ------------------------------------------------------------------------------------

  async list(p: Principal, q: ListBillsQueryDto): Promise<Page<BillDto>> {
    const qb = this.dataSource.getRepository(BillEntity).createQueryBuilder('b');
    if (!seesAllOrganizations(p)) qb.andWhere(...billVisibleTo('b', p, { marketplace: false }));
    if (q.state) qb.andWhere('b.state = :state', { state: q.state });
    if (q.counterpartyId) qb.andWhere('(b.supplier_org_id = :cp OR b.buyer_org_id = :cp OR b.holder_org_id = :cp)', { cp: q.counterpartyId });
    if (q.holderId) qb.andWhere('b.holder_org_id = :holder', { holder: q.holderId });
    if (q.dueFrom) qb.andWhere('b.due_date >= :dueFrom', { dueFrom: q.dueFrom });
    if (q.dueTo) qb.andWhere('b.due_date <= :dueTo', { dueTo: q.dueTo });
    if (q.includeSuperseded !== 'true') qb.andWhere('b.superseded_at IS NULL');
    if (q.q) qb.andWhere("b.invoice_number ILIKE :q ESCAPE '\\'", { q: `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const column = { dueDate: 'b.due_date', issueDate: 'b.issue_date', faceAmount: 'b.face_amount_minor', invoiceNumber: 'b.invoice_number', createdAt: 'b.created_at' }[q.sort ?? 'dueDate'];
    const [rows, total] = await qb
      .orderBy(column, q.order ?? 'ASC')
      .addOrderBy('b.created_at', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const actor = actorOf(p);
    return { items: await this.withPartyNames(rows.map((b) => BillDto.from(b, actor, this.clock()))), total, page: q.page, pageSize: q.pageSize };
  }

  async get(p: Principal, id: string): Promise<BillDetailDto> {
    const bill = await this.visible(p, id);
    const events = await this.dataSource.getRepository(BillEventEntity).find({ where: { billId: id }, order: { createdAt: 'ASC' } });
    const [dto] = await this.withPartyNames([BillDto.from(bill, actorOf(p), this.clock())]);
    return { ...dto!, timeline: events.map(BillEventDto.from) };
  }

  /**
   * The legal names of each bill's supplier, buyer and holder. They are the parties of a bill the
   * caller may read (named on the invoice itself), so no organization outside it is revealed. A
   * holder that is no organization (a deal's SPV after the true sale) is named by the lib that
   * keeps it (`BillPoolingService.registerHolderNames`).
   */
  private async withPartyNames(bills: BillDto[]): Promise<BillDto[]> {
    const ids = [...new Set(bills.flatMap((b) => [b.supplierOrganizationId, b.buyerOrganizationId, b.holderOrganizationId]))];
    if (ids.length === 0) return bills;
    const name = await this.partyNames(ids);
    return bills.map((b) => ({ ...b, supplierName: name.get(b.supplierOrganizationId), buyerName: name.get(b.buyerOrganizationId), holderName: name.get(b.holderOrganizationId) }));
  }

  /** Legal names of organizations, then the registered names of other holders (SPVs) for the ids left. */
  async partyNames(ids: string[]): Promise<Map<string, string>> {
    const name = await this.participants.legalNames(ids);
    const rest = ids.filter((id) => !name.has(id));
    if (rest.length > 0) for (const [id, n] of await this.pooling.otherHolderNames(rest)) name.set(id, n);
    return name;
  }

  /** What a financier may learn about a receivable: registered? encumbered? Nothing else. */
  async fingerprintCheck(dto: FingerprintCheckDto): Promise<{ registered: boolean; encumbered: boolean }> {
    const fingerprint = billFingerprint({
      sellerOrgId: dto.sellerOrganizationId,
      buyerOrgId: dto.buyerOrganizationId,
      invoiceNumber: dto.invoiceNumber,
      amountMinor: BigInt(dto.amountMinor),
      currency: dto.currency,
      issueDate: dto.issueDate,
    });
    const bill = await this.dataSource.getRepository(BillEntity).findOneBy({ fingerprint });
    const onChain = await connectBillRegistry(this.contracts.address('BillRegistry'), this.chain.provider)
      .isFingerprintRegistered(fingerprint)
      .catch(() => false);
    const family = bill ? await this.dataSource.getRepository(BillEntity).findBy([{ id: bill.id }, { parentBillId: bill.id }]) : [];
    return { registered: !!bill || onChain, encumbered: family.some(isEncumbered) };
  }

  async duplicateAlerts(): Promise<DuplicateAlertEntity[]> {
    return this.dataSource.getRepository(DuplicateAlertEntity).find({ order: { createdAt: 'DESC' }, take: 200 });
  }

  // ---- commands ---------------------------------------------------------------------------------

  async issue(p: Principal, dto: IssueBillDto, ctx: IssueContext = { source: 'api' }): Promise<BillDto> {
    assertActor('issue', actorOf(p));
    const amount = Money.parseMinor(dto.amountMinor, dto.currency);
    if (dto.dueDate < dto.issueDate) throw new BillException(BillErrorCode.BILL_TRANSITION_NOT_ALLOWED, 'dueDate must not be before issueDate');
    const supplier = await this.organization(p.organizationId);
    const actor = actorOf(p, supplier.roles);
    const issued = BILL_LIFECYCLE.issue.requested!;
    // the draft the issue turns into a bill: the table checks who may issue it
    assertAllowed('issue', draftBill({ supplierOrgId: p.organizationId, buyerOrgId: dto.buyerOrganizationId, dueDate: dto.dueDate }), actor);
    if (dto.buyerOrganizationId === p.organizationId) throw new BillException(BillErrorCode.BILL_WRONG_PARTY, 'A bill needs another organization as its buyer');
    await assertIssueParties({ participants: this.participants, documents: this.documents }, this.dataSource.manager, p, dto.buyerOrganizationId, ctx.documentId ? null : dto.documentId);
    const [holder, obligor] = await Promise.all([this.verifiedWallet(p.organizationId), this.verifiedWallet(dto.buyerOrganizationId)]);
    const fingerprint = billFingerprint({
      sellerOrgId: p.organizationId,
      buyerOrgId: dto.buyerOrganizationId,
      invoiceNumber: dto.invoiceNumber,
      amountMinor: amount.amountMinor,
      currency: amount.currency,
      issueDate: dto.issueDate,
    });
    const id = randomUUID();
    try {
      return await this.dataSource.transaction(async (m) => {
        const bill = await m.save(
          m.create(BillEntity, {
            id,
            supplierOrgId: p.organizationId,
            buyerOrgId: dto.buyerOrganizationId,
            holderOrgId: p.organizationId,
            invoiceNumber: dto.invoiceNumber,
            faceAmountMinor: amount.amountMinor,
            currency: amount.currency,
            issueDate: dto.issueDate,
            dueDate: dto.dueDate,
            state: issued.state!,
            encumbrance: issued.encumbrance!,
            fingerprint,
            parentBillId: null,
            documentId: ctx.documentId ?? dto.documentId ?? null,
            documentSha256: ctx.documentSha256 ?? null,
            chainStatus: issued.chainStatus!,
            tokenId: billTokenId(id),
          }),
        );
        const payload: IssuePayload = {
          billId: id,
          holder,
          obligor,
          amountMinor: amount.amountMinor.toString(),
          currency: amount.currency,
          dueDateUnix: dateToUnix(dto.dueDate),
          fingerprint,
        };
        await this.enqueue(m, bill, 'issue', BILL_JOB.issue, payload, p, { source: ctx.source, invoiceNumber: dto.invoiceNumber });
        return BillDto.from(await m.findOneByOrFail(BillEntity, { id }), actor, this.clock());
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const existing = await this.dataSource.getRepository(BillEntity).findOneBy({ fingerprint });
      // the alert survives the refused request: platform admins see every attempt
      await this.dataSource.transaction(async (m) => {
        await m.insert(DuplicateAlertEntity, {
          fingerprint,
          existingBillId: existing?.id ?? id,
          attemptedByOrgId: p.organizationId,
          attemptedByUserId: p.userId,
          documentSha256: ctx.documentSha256 ?? null,
          source: ctx.source,
        });
        await this.audit.append(m, { actor: p, organizationId: p.organizationId, action: 'bill.duplicate_refused', entity: 'bill', entityId: existing?.id ?? id, payload: { fingerprint, source: ctx.source } });
      });
      throw new BillException(BillErrorCode.BILL_DUPLICATE, 'This receivable is already registered (same seller, buyer, invoice number, amount, currency and issue date)', { fingerprint });
    }
  }

  async accept(p: Principal, id: string, dto: AcceptBillDto): Promise<BillDto> {
    return this.act(p, id, 'accept', async (m, bill) => {
      if (dto.signature && !dto.deadline) throw new BillException(BillErrorCode.SIGNATURE_INVALID, 'deadline is required with an external signature');
      if (dto.signature) await this.checkExternalAcceptance(bill, dto.signature, dto.deadline!);
      if (dto.autoDebit !== undefined) await m.update(BillEntity, { id }, { autoDebit: dto.autoDebit });
      const payload: AcceptPayload = {
        billId: id,
        obligorOrgId: bill.buyerOrgId,
        ...(dto.signature ? { signature: dto.signature, deadline: dto.deadline } : {}),
      };
      await this.enqueue(m, bill, 'accept', BILL_JOB.accept, payload, p, { external: !!dto.signature, autoDebit: dto.autoDebit ?? false });
    });
  }

  async reject(p: Principal, id: string, reason: string): Promise<BillDto> {
    return this.act(p, id, 'reject', async (m, bill) => {
      const payload: CancelPayload = { billId: id, reason: `rejected by the buyer: ${reason}` };
      await this.enqueue(m, bill, 'reject', BILL_JOB.cancel, payload, p, { reason });
    });
  }

  async cancel(p: Principal, id: string, reason: string): Promise<BillDto> {
    return this.act(p, id, 'cancel', async (m, bill) => {
      const payload: CancelPayload = { billId: id, reason };
      await this.enqueue(m, bill, 'cancel', BILL_JOB.cancel, payload, p, { reason });
    });
  }

  async transfer(p: Principal, id: string, toOrganizationId: string): Promise<BillDto> {
    return this.act(p, id, 'transfer', async (m, bill) => {
      if (toOrganizationId === bill.holderOrgId) throw new BillException(BillErrorCode.BILL_WRONG_PARTY, 'The bill is already held by that organization');
      const to = await this.verifiedWallet(toOrganizationId, m);
      const payload: TransferPayload = { billId: id, toOrgId: toOrganizationId, to };
      await this.enqueue(m, bill, 'transfer', BILL_JOB.transfer, payload, p, { toOrganizationId });
    });
  }

  async split(p: Principal, id: string, amountsMinor: string[]): Promise<BillDto[]> {
    const amounts = amountsMinor.map(BigInt);
    const childIds = amounts.map(() => randomUUID());
    const part = BILL_LIFECYCLE.split.parts!.requested;
    await this.act(p, id, 'split', async (m, bill) => {
      const sum = amounts.reduce((a, b) => a + b, 0n);
      if (sum !== bill.faceAmountMinor) {
        throw new BillException(BillErrorCode.SPLIT_INVALID, `The parts sum to ${formatAmount(sum, bill.currency)}, the bill is ${formatAmount(bill.faceAmountMinor, bill.currency)}`, { sum: sum.toString() });
      }
      const small = amounts.find((a) => a < this.options.minSplitPartMinor);
      if (small !== undefined) {
        throw new BillException(BillErrorCode.SPLIT_INVALID, `Each part must be at least ${formatAmount(BigInt(this.options.minSplitPartMinor), bill.currency)} (got ${formatAmount(BigInt(small), bill.currency)})`);
      }
      for (const [i, amount] of amounts.entries()) {
        await m.insert(BillEntity, {
          id: childIds[i],
          supplierOrgId: bill.supplierOrgId,
          buyerOrgId: bill.buyerOrgId,
          holderOrgId: bill.holderOrgId,
          invoiceNumber: `${bill.invoiceNumber}/${i + 1}`,
          faceAmountMinor: amount,
          currency: bill.currency,
          issueDate: bill.issueDate,
          dueDate: bill.dueDate,
          state: bill.state,
          encumbrance: part.encumbrance!,
          // exactly what the BillRegistry registers for part i
          fingerprint: keccak256(AbiCoder.defaultAbiCoder().encode(['bytes32', 'uint256'], [bill.fingerprint, i])),
          parentBillId: bill.id,
          documentId: bill.documentId,
          documentSha256: bill.documentSha256,
          chainStatus: part.chainStatus!,
          tokenId: billTokenId(childIds[i]!),
          acceptedAt: bill.acceptedAt,
          autoDebit: bill.autoDebit,
          pendingAction: 'split',
        });
      }
      const payload: SplitPayload = { billId: id, childIds, amountsMinor: amounts.map(String) };
      const job = await this.enqueue(m, bill, 'split', BILL_JOB.split, payload, p, { childIds, amountsMinor });
      await m.update(BillEntity, { id: In(childIds) }, { pendingJobId: job });
    });
    const children = await this.dataSource.getRepository(BillEntity).findBy({ id: In(childIds) });
    return childIds.map((cid) => BillDto.from(children.find((c) => c.id === cid)!, actorOf(p), this.clock()));
  }

  // ---- shared steps -----------------------------------------------------------------------------

  /**
   * The caller may take the action at all (403), sees the bill (404), then under the row lock the
   * lifecycle table allows it for this bill (403/409); the step; the answer. The system (auto-debit)
   * skips the visibility check.
   */
  async act(p: Principal | 'system', id: string, action: BillAction, step: (m: EntityManager, bill: BillEntity, actor: BillActor) => Promise<void>): Promise<BillDto> {
    const actor: BillActor = p === 'system' ? SYSTEM_ACTOR : actorOf(p);
    assertActor(action, actor);
    if (p !== 'system') await this.visible(p, id);
    return this.dataSource.transaction(async (m) => {
      const bill = await m.findOneOrFail(BillEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertAllowed(action, bill, actor, this.clock());
      await step(m, bill, actor);
      return BillDto.from(await m.findOneByOrFail(BillEntity, { id }), actor, this.clock());
    });
  }

  /** Enqueues the chain job, marks the bill pending, records the step; returns the job id. */
  async enqueue(m: EntityManager, bill: BillEntity, action: string, kind: string, payload: Record<string, unknown>, p: Principal, audited: Record<string, unknown>): Promise<string> {
    const key = typeof payload.financingId === 'string' ? payload.financingId : typeof payload.paymentId === 'string' ? payload.paymentId : `${bill.version}`;
    const job = await this.jobs.enqueue(m, { kind, idempotencyKey: `${kind}:${bill.id}:${key}`, payload });
    await m.update(BillEntity, { id: bill.id }, { pendingAction: action, pendingJobId: job.id });
    await recordBillEvent(m, bill.id, `${action}.requested`, p, { chainJobId: job.id, payload: audited });
    await this.audit.append(m, { actor: p, organizationId: p.organizationId, action: `bill.${action}`, entity: 'bill', entityId: bill.id, payload: { chainJobId: job.id, ...audited } });
    return job.id;
  }

  /** A bill the caller may see, or 404. */
  async visible(p: Principal, id: string): Promise<BillEntity> {
    const find = (marketplace: boolean) => {
      const qb = this.dataSource.getRepository(BillEntity).createQueryBuilder('b').where('b.id = :id', { id });
      if (!seesAllOrganizations(p)) qb.andWhere(...billVisibleTo('b', p, { marketplace }));
      return qb.getOne();
    };
    // the financier role is looked up only for a bill the caller would not see without the marketplace
    const bill = (await find(false)) ?? ((await this.participants.hasRole(p.organizationId, OrganizationRole.FINANCIER)) ? await find(true) : null);
    if (bill) return bill;
    throw new BillException(BillErrorCode.BILL_NOT_FOUND, `Bill ${id} not found`);
  }

  /** The custodial wallet of an approved organization, registered on chain; else 409. */
  /** Inside a transaction, pass its manager: a second pooled connection per request starves the pool. */
  async verifiedWallet(organizationId: string, m: EntityManager = this.dataSource.manager): Promise<string> {
    const verified = await this.participants.verifiedCustodialWallet(organizationId, m);
    if (verified.ok) return verified.address;
    const org = verified.participant;
    if (!org) throw new BillException(BillErrorCode.COUNTERPARTY_NOT_VERIFIED, `Organization ${organizationId} not found`);
    throw new BillException(BillErrorCode.COUNTERPARTY_NOT_VERIFIED, `${org.legalName} is not a verified participant (KYC ${org.kycState}, wallet ${verified.walletRegistered ? 'registered' : 'not registered'})`);
  }

  /**
   * 403 unless the caller may issue bills at all: an ORG_ADMIN of a SUPPLIER organization. Asked
   * before any input is read (a UBL upload, the lines of a bulk intake): who asks is settled first.
   */
  async assertIssuer(p: Principal): Promise<void> {
    assertActor('issue', actorOf(p));
    assertActor('issue', actorOf(p, (await this.organization(p.organizationId)).roles));
  }

  async organization(id: string, m: EntityManager = this.dataSource.manager): Promise<Participant> {
    const org = await this.participants.participant(id, m);
    if (!org) throw new Error(`Organization ${id} not found`);
    return org;
  }

  private async checkExternalAcceptance(bill: BillEntity, signature: string, deadline: number): Promise<void> {
    const registry = connectBillRegistry(this.contracts.address('BillRegistry'), this.chain.provider);
    const [digest, [record]] = await Promise.all([registry.acceptanceDigest(billIdBytes32(bill.id), deadline), registry.billOf(billIdBytes32(bill.id))]);
    let signer: string;
    try {
      signer = recoverAddress(digest, signature);
    } catch {
      throw new BillException(BillErrorCode.SIGNATURE_INVALID, 'signature is not a valid ECDSA signature');
    }
    if (signer !== record.obligor) throw new BillException(BillErrorCode.SIGNATURE_INVALID, `The acceptance is signed by ${signer}, not by the obligor ${record.obligor}`);
    if (deadline * 1000 < Date.now()) throw new BillException(BillErrorCode.SIGNATURE_INVALID, 'The signature deadline has passed');
  }
}
