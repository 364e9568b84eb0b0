import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { getAddress, hexlify, id as keccakText, keccak256, Signature, toUtf8Bytes, type TransactionReceipt } from 'ethers';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService, hasRole, OrgRole, seesAllOrganizations, type Principal } from '#core';
import {
  CHAIN_CONTEXT,
  ChainJobHandlerRegistry,
  ChainJobsService,
  ChainJobStatus,
  ChainRole,
  ContractRegistry,
  type ChainCall,
  type ChainContext,
  type ChainJobEntity,
  type ChainJobHandler,
} from '#chain';
import {
  artifacts,
  BillRegistryInterface,
  IdentityRegistryInterface,
  SpvVaultInterface,
  TrancheDvPInterface,
  TrancheTokenInterface,
} from '#contracts';
import { billIdBytes32, BillPoolingService } from '#bills';
import { ParticipantDirectory, WalletsService } from '#identity';
import { SettlementTokens } from '#settlement';
import { DealEntity } from '../deals/deal.entity.js';
import { termsOf } from '../deals/deals.service.js';
import { reserveFundingMinor } from '../deals/deal-structure.util.js';
import type { CreateDealDto } from '../dto/deal.dto.js';
import type { ClosingDto } from '../dto/closing.dto.js';
import { PoolAssetEntity, PoolEntity, PoolState, PoolTapeEntity } from '../pools/pool.entity.js';
import { SecuritizationErrorCode, SecuritizationException } from '../securitization.errors.js';
import { OfferingState, SubscriptionOrderEntity, TrancheOfferingEntity } from '../subscriptions/subscription.entities.js';
import { CLOSING_JOB, nextClosingState, planClosing, readySteps, type ClosingJobKind, type ContractRef, type Grantee, type StepSpec } from './closing-plan.util.js';
import { ClosingState, ClosingStepEntity, ClosingStepState, DealClosingEntity } from './closing.entity.js';

const role = (name: string) => keccak256(toUtf8Bytes(name));
const PERMIT_TTL_SEC = 3_600;
const PERMIT_TYPES = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

/** bytes32 ids the contracts use once each: the on-chain idempotency keys of a closing. */
export const trueSaleBatchId = (closingId: string, batch: number) => keccakText(`tally.closing.true-sale:${closingId}:${batch}`);
export const subscriptionId = (orderId: string) => keccakText(`tally.closing.subscription:${orderId}`);
export const proceedsPaymentId = (closingId: string) => keccakText(`tally.closing.proceeds:${closingId}`);
/** How the SPV that buys a deal's pool is named (a sold bill's holder name). */
export const spvName = (dealName: string) => `${dealName} SPV`;
export const trancheIdOf = (dealId: string, className: string) => keccakText(`tally.tranche:${dealId}:${className}`);

/** The vault stays verified until a year after the deal's stated maturity (unix seconds). */
const vaultExpiry = (statedMaturityDate: string) => Math.floor(Date.parse(`${statedMaturityDate}T00:00:00Z`) / 1000) + 365 * 86_400;

const sortBytes32 = (ids: string[]) => [...ids].sort((a, b) => (billIdBytes32(a) < billIdBytes32(b) ? -1 : 1));

/**
 * Closing a deal on chain (issue 10, item 7): `close` checks the deal (pool cut off and its tape
 * anchored, every offering allocated), records the closing with its plan of single-transaction
 * steps (closing-plan.util.ts) and enqueues those that depend on nothing, in one transaction.
 * Each step is one outbox job; its confirmation (in the outbox's confirming transaction) records
 * what it produced (a contract address, the bills now held by the SPV, gas) and enqueues the steps
 * it unblocked. Job idempotency keys are `closing:<id>:<step>`, and every effect carries its own
 * on-chain id (batch id, subscription id, payment id), so a crash anywhere repeats nothing.
 */
@Injectable()
export class ClosingsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: ChainJobsService,
    private readonly registry: ChainJobHandlerRegistry,
    private readonly contracts: ContractRegistry,
    private readonly pooling: BillPoolingService,
    private readonly participants: ParticipantDirectory,
    private readonly wallets: WalletsService,
    private readonly settlementTokens: SettlementTokens,
    private readonly audit: AuditService,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
  ) {}

  onModuleInit(): void {
    for (const kind of Object.values(CLOSING_JOB)) this.registry.register(this.handler(kind));
    // the SPV's vault holds the sold bills; the bill rows name the deal as their holder
    this.pooling.registerHolders(async (m) => {
      const rows: { deal_id: string; vault_address: string }[] = await m.query(
        `SELECT deal_id, vault_address FROM deal_closings WHERE vault_address IS NOT NULL`,
      );
      return rows.map((r) => ({ organizationId: r.deal_id, address: r.vault_address }));
    });
    // and a sold bill's holder reads as the SPV, by the deal's name (a deal has no SPV name of its own)
    this.pooling.registerHolderNames(async (ids) => {
      const rows: { id: string; name: string }[] = await this.dataSource.query(`SELECT id, name FROM deals WHERE id = ANY($1::uuid[])`, [ids]);
      return new Map(rows.map((r) => [r.id, spvName(r.name)]));
    });
  }

  // ---------------------------------------------------------------- commands

  async close(p: Principal, dealId: string): Promise<ClosingDto> {
    const visible = await this.dataSource.getRepository(DealEntity).findOneBy({ id: dealId });
    if (!visible || !(seesAllOrganizations(p) || visible.arrangerOrgId === p.organizationId))
      throw new SecuritizationException(SecuritizationErrorCode.DEAL_NOT_FOUND, `Deal ${dealId} not found`);
    if (seesAllOrganizations(p) || !hasRole(p, OrgRole.ORG_ADMIN))
      throw new SecuritizationException(SecuritizationErrorCode.POOL_ORGANIZATION_ADMIN_REQUIRED, "Only the arranger's organization admin closes its deal");

    const closingId = await this.dataSource.transaction(async (m) => {
      const deal = await m.findOneOrFail(DealEntity, { where: { id: dealId }, lock: { mode: 'pessimistic_write' } });
      if (await m.existsBy(DealClosingEntity, { dealId }))
        throw new SecuritizationException(SecuritizationErrorCode.CLOSING_EXISTS, `Deal ${dealId} is already closing or closed`);
      const pool = await m.findOneByOrFail(PoolEntity, { id: deal.poolId });
      const tape = await m.findOneBy(PoolTapeEntity, { poolId: pool.id });
      const anchored = tape ? (await this.jobs.statuses([tape.anchorJobId], m)).get(tape.anchorJobId) === ChainJobStatus.CONFIRMED : false;
      if (pool.state !== PoolState.LOCKED || !anchored)
        throw new SecuritizationException(SecuritizationErrorCode.POOL_NOT_CUT_OFF, 'The pool must be cut off with its tape anchored on chain before closing');
      const offerings = await m.find(TrancheOfferingEntity, { where: { dealId }, order: { className: 'ASC' }, lock: { mode: 'pessimistic_read' } });
      const open = offerings.filter((o) => o.state !== OfferingState.ALLOCATED);
      if (offerings.length === 0 || open.length)
        throw new SecuritizationException(
          SecuritizationErrorCode.OFFERING_NOT_ALLOCATED,
          offerings.length === 0 ? 'The deal has no offering' : `Offerings not allocated yet: ${open.map((o) => o.className).join(', ')}`,
        );
      const orders = await m.find(SubscriptionOrderEntity, { where: { offeringId: In(offerings.map((o) => o.id)) }, order: { createdAt: 'ASC', id: 'ASC' } });
      const classOf = new Map(offerings.map((o) => [o.id, o.className]));
      const allocated = orders.filter((o) => (o.allocatedMinor ?? 0n) > 0n);
      const investors = new Map<string, string>();
      for (const orgId of new Set(allocated.map((o) => o.investorOrgId))) {
        const wallet = await this.participants.custodialAddress(orgId, { registered: true }, m);
        if (!wallet) throw new SecuritizationException(SecuritizationErrorCode.CLOSING_NOT_POSSIBLE, `Investor ${orgId} has no wallet registered on chain`);
        investors.set(orgId, getAddress(wallet));
      }
      const originator = (await this.participants.participant(pool.originatorOrgId, m))!;
      const originatorWallet = await this.participants.custodialAddress(pool.originatorOrgId, { registered: true }, m);
      if (!originatorWallet) throw new SecuritizationException(SecuritizationErrorCode.CLOSING_NOT_POSSIBLE, 'The originator has no wallet registered on chain');
      const assets = await m.find(PoolAssetEntity, { where: { poolId: pool.id } });
      const billIds = sortBytes32(assets.filter((a) => !a.releasedAt).map((a) => a.billId));
      const purchase = allocated.reduce((s, o) => s + o.allocatedMinor!, 0n);
      const reserve = reserveFundingMinor(termsOf(deal.terms as unknown as CreateDealDto));
      const proceeds = purchase - reserve;
      if (proceeds <= 0n)
        throw new SecuritizationException(
          SecuritizationErrorCode.CLOSING_NOT_POSSIBLE,
          `The notes sold (${purchase}) do not cover the reserve funding (${reserve})`,
        );
      const tranches = (deal.terms as unknown as CreateDealDto).tranches.map((t) => t.className);
      const closing = await m.save(
        m.create(DealClosingEntity, {
          dealId,
          poolId: pool.id,
          originatorOrgId: pool.originatorOrgId,
          requestedByUserId: p.userId,
          state: ClosingState.REQUESTED,
          failureReason: null,
          currency: deal.currency,
          purchasePriceMinor: purchase,
          reserveMinor: reserve,
          proceedsMinor: proceeds,
          originatorWallet: getAddress(originatorWallet),
          vaultAddress: null,
          dvpAddress: null,
          trancheTokens: {},
        }),
      );
      const plan = planClosing({
        tranches,
        billIds,
        allocations: allocated.map((o) => ({
          orderId: o.id,
          className: classOf.get(o.offeringId)!,
          investorOrgId: o.investorOrgId,
          investor: investors.get(o.investorOrgId)!,
          amountMinor: o.allocatedMinor!,
        })),
        originatorWallet: getAddress(originatorWallet),
        proceedsMinor: proceeds,
        vaultIdentity: { country: originator.country, expiresAt: vaultExpiry(String((deal.terms as unknown as CreateDealDto).statedMaturityDate)) },
      });
      await m.save(
        plan.map((s) => m.create(ClosingStepEntity, {
          closingId: closing.id,
          key: s.key,
          kind: s.kind,
          dependsOn: s.dependsOn,
          spec: s.spec as unknown as Record<string, unknown>,
          state: ClosingStepState.PLANNED,
          billCount: s.billCount,
        })),
        { chunk: 500 },
      );
      await this.advance(m, closing);
      await this.audit.append(m, {
        actor: p,
        organizationId: p.organizationId,
        action: 'deal.closing-requested',
        entity: 'deal',
        entityId: dealId,
        payload: { closingId: closing.id, bills: billIds.length, purchasePriceMinor: purchase.toString(), reserveMinor: reserve.toString() },
      });
      return closing.id;
    });
    return this.view(closingId);
  }

  async get(p: Principal, dealId: string): Promise<ClosingDto> {
    const deal = await this.dataSource.getRepository(DealEntity).findOneBy({ id: dealId });
    if (!deal || !(seesAllOrganizations(p) || deal.arrangerOrgId === p.organizationId))
      throw new SecuritizationException(SecuritizationErrorCode.DEAL_NOT_FOUND, `Deal ${dealId} not found`);
    const closing = await this.dataSource.getRepository(DealClosingEntity).findOneBy({ dealId });
    if (!closing) throw new SecuritizationException(SecuritizationErrorCode.CLOSING_NOT_FOUND, `Deal ${dealId} has no closing`);
    return this.view(closing.id);
  }

  /** Closings with their steps, for reconciliation (libs/securitization only). */
  async allClosings(): Promise<{ closing: DealClosingEntity; steps: ClosingStepEntity[] }[]> {
    const closings = await this.dataSource.getRepository(DealClosingEntity).find({ order: { createdAt: 'ASC' } });
    const steps = closings.length ? await this.dataSource.getRepository(ClosingStepEntity).findBy({ closingId: In(closings.map((c) => c.id)) }) : [];
    return closings.map((closing) => ({ closing, steps: steps.filter((s) => s.closingId === closing.id) }));
  }

  // ---------------------------------------------------------------- outbox

  private handler(kind: ClosingJobKind): ChainJobHandler {
    return {
      kind,
      buildCall: (job) => this.buildCall(job),
      onConfirmed: (job, receipt, m) => this.onConfirmed(job, receipt, m),
      onFailed: (job, reason, m) => this.onFailed(job, reason, m),
    };
  }

  private async stepOf(job: ChainJobEntity, m: EntityManager = this.dataSource.manager): Promise<{ closing: DealClosingEntity; step: ClosingStepEntity }> {
    const closingId = job.payload.closingId as string;
    const [closing, step] = await Promise.all([
      m.findOneByOrFail(DealClosingEntity, { id: closingId }),
      m.findOneByOrFail(ClosingStepEntity, { closingId, key: job.payload.step as string }),
    ]);
    return { closing, step };
  }

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const { closing, step } = await this.stepOf(job);
    const spec = step.spec as unknown as StepSpec;
    // the deal's contracts: the admin key deploys them and is their DEFAULT_ADMIN_ROLE (it grants and
    // registers tranches); the bill operator key is their agent (true sale, subscriptions, payouts)
    const admin = this.chain.addresses[ChainRole.ADMIN];
    const agent = this.chain.addresses[ChainRole.BILL_OPERATOR];
    const ADMIN = ChainRole.ADMIN;
    const AGENT = ChainRole.BILL_OPERATOR;
    const need = (v: string | null | undefined, what: string): string => {
      if (!v) throw new Error(`closing ${closing.id}: ${what} not deployed yet`);
      return v;
    };
    const addressOf = (c: ContractRef): string =>
      c.kind === 'registry'
        ? this.contracts.address('BillRegistry')
        : c.kind === 'vault'
          ? need(closing.vaultAddress, 'vault')
          : c.kind === 'dvp'
            ? need(closing.dvpAddress, 'DvP')
            : need(closing.trancheTokens[c.className], `token ${c.className}`);
    const grantee = (g: Grantee) => (g === 'operator' ? agent : g === 'vault' ? need(closing.vaultAddress, 'vault') : need(closing.dvpAddress, 'DvP'));
    switch (spec.op) {
      case 'deploy-vault':
        return { to: null, data: artifacts.SpvVault.bytecode + SpvVaultInterface.encodeDeploy([admin, this.contracts.address('BillRegistry')]).slice(2), signer: ADMIN };
      case 'deploy-dvp':
        return {
          to: null,
          data:
            artifacts.TrancheDvP.bytecode +
            TrancheDvPInterface.encodeDeploy([admin, need(closing.vaultAddress, 'vault'), this.settlementTokens.address(closing.currency)]).slice(2),
          signer: ADMIN,
        };
      case 'deploy-token': {
        const deal = await this.dataSource.getRepository(DealEntity).findOneByOrFail({ id: closing.dealId });
        const args = [`${deal.name} Class ${spec.className} Notes`, `${spec.className}-${deal.id.slice(0, 6)}`, trancheIdOf(deal.id, spec.className), admin, this.contracts.address('IdentityRegistry')];
        return { to: null, data: artifacts.TrancheToken.bytecode + TrancheTokenInterface.encodeDeploy(args).slice(2), signer: ADMIN };
      }
      case 'grant': {
        // the three contracts share AccessControl's grantRole: any of their interfaces encodes it
        return { to: addressOf(spec.target), data: BillRegistryInterface.encodeFunctionData('grantRole', [role(spec.role), grantee(spec.to)]), signer: ADMIN };
      }
      case 'register-vault':
        return {
          to: this.contracts.address('IdentityRegistry'),
          data: IdentityRegistryInterface.encodeFunctionData('register', [need(closing.vaultAddress, 'vault'), hexlify(toUtf8Bytes(spec.country)), spec.expiresAt]),
          signer: ChainRole.REGISTRAR,
        };
      case 'set-tranche':
        return {
          to: addressOf({ kind: 'dvp' }),
          data: TrancheDvPInterface.encodeFunctionData('setTranche', [addressOf({ kind: 'token', className: spec.className }), true]),
          signer: ADMIN,
        };
      case 'eligible':
        return {
          to: addressOf({ kind: 'token', className: spec.className }),
          data: TrancheTokenInterface.encodeFunctionData('setEligibleBatch', [spec.wallets, true]),
          signer: AGENT,
        };
      case 'true-sale':
        return {
          to: addressOf({ kind: 'vault' }),
          data: SpvVaultInterface.encodeFunctionData('trueSaleBatch', [trueSaleBatchId(closing.id, spec.batch), closing.originatorWallet, spec.billIds.map(billIdBytes32)]),
          signer: AGENT,
        };
      case 'dvp': {
        const dvp = addressOf({ kind: 'dvp' });
        const payment = BigInt(spec.paymentMinor);
        const permit = await this.exactPermit(spec.investorOrgId, spec.investor, closing.currency, dvp, payment);
        return {
          to: dvp,
          data: TrancheDvPInterface.encodeFunctionData('settleSubscription', [
            subscriptionId(spec.orderId),
            addressOf({ kind: 'token', className: spec.className }),
            spec.investor,
            BigInt(spec.notesMinor),
            payment,
            permit,
          ]),
          signer: AGENT,
        };
      }
      case 'proceeds':
        return {
          to: addressOf({ kind: 'vault' }),
          data: SpvVaultInterface.encodeFunctionData('payOut', [proceedsPaymentId(closing.id), this.settlementTokens.address(closing.currency), spec.to, BigInt(spec.amountMinor)]),
          signer: AGENT,
        };
    }
  }

  /**
   * The investor's consent to exactly this payment (TrancheDvP wants `permit.value == payment`):
   * an EIP-2612 permit signed by its custodial key when the job is built. An investor's DvPs run
   * one after another (the plan chains them), so each permit takes the next token nonce.
   */
  private async exactPermit(orgId: string, owner: string, currency: string, spender: string, value: bigint) {
    const token = this.settlementTokens.token(currency);
    const signer = await this.wallets.custodialSigner(orgId);
    const [domain, nonce, block] = await Promise.all([token.eip712Domain(), token.nonces(owner), this.chain.provider.getBlock('latest')]);
    const deadline = BigInt(block!.timestamp + PERMIT_TTL_SEC);
    const sig = Signature.from(
      await signer.signTypedData({ name: domain[1], version: domain[2], chainId: domain[3], verifyingContract: domain[4] }, PERMIT_TYPES, {
        owner,
        spender,
        value,
        nonce,
        deadline,
      }),
    );
    return { value, deadline, v: sig.v, r: sig.r, s: sig.s };
  }

  async onConfirmed(job: ChainJobEntity, receipt: TransactionReceipt, m: EntityManager): Promise<void> {
    // the closing row is the lock: two steps confirmed in two transactions never both miss each other
    await m.query(`SELECT id FROM deal_closings WHERE id = $1 FOR UPDATE`, [job.payload.closingId]);
    const { closing, step } = await this.stepOf(job, m);
    if (step.state !== ClosingStepState.ENQUEUED) return;
    const spec = step.spec as unknown as StepSpec;
    const changes: Partial<DealClosingEntity> = {};
    if (spec.op === 'deploy-vault' || spec.op === 'deploy-dvp' || spec.op === 'deploy-token') {
      if (!receipt.contractAddress) throw new Error(`closing ${closing.id}: ${step.key} confirmed without a contract address`);
      const address = getAddress(receipt.contractAddress);
      if (spec.op === 'deploy-vault') changes.vaultAddress = address;
      else if (spec.op === 'deploy-dvp') changes.dvpAddress = address;
      else changes.trancheTokens = { ...closing.trancheTokens, [spec.className]: address };
    }
    if (spec.op === 'true-sale') {
      const moved = await this.pooling.markSold(m, spec.billIds, closing.dealId, { closingId: closing.id, batch: spec.batch, txHash: receipt.hash });
      if (moved.length !== spec.billIds.length) throw new Error(`closing ${closing.id}: ${spec.billIds.length - moved.length} bills of ${step.key} could not be marked sold`);
    }
    await m.update(ClosingStepEntity, { id: step.id }, { state: ClosingStepState.DONE, txHash: receipt.hash, gasUsed: receipt.gasUsed });
    if (Object.keys(changes).length) await m.update(DealClosingEntity, { id: closing.id }, changes);
    await this.advance(m, { ...closing, ...changes } as DealClosingEntity);
  }

  async onFailed(job: ChainJobEntity, reason: string, m: EntityManager): Promise<void> {
    await m.query(`SELECT id FROM deal_closings WHERE id = $1 FOR UPDATE`, [job.payload.closingId]);
    const { closing, step } = await this.stepOf(job, m);
    await m.update(ClosingStepEntity, { id: step.id }, { state: ClosingStepState.FAILED, failureReason: reason.slice(0, 2000) });
    await this.advance(m, { ...closing, failureReason: `${step.key}: ${reason}`.slice(0, 2000) } as DealClosingEntity);
  }

  /** Enqueues every step now unblocked and moves the closing's state; in the caller's transaction. */
  private async advance(m: EntityManager, closing: DealClosingEntity): Promise<void> {
    const steps = await m.find(ClosingStepEntity, { where: { closingId: closing.id } });
    const failed = steps.some((s) => s.state === ClosingStepState.FAILED);
    if (!failed) {
      for (const step of readySteps(steps)) {
        const job = await this.jobs.enqueue(m, { kind: step.kind, idempotencyKey: `closing:${closing.id}:${step.key}`, payload: { closingId: closing.id, step: step.key } });
        await m.update(ClosingStepEntity, { id: step.id }, { state: ClosingStepState.ENQUEUED, jobId: job.id });
        step.state = ClosingStepState.ENQUEUED;
      }
    }
    const current = await m.findOneByOrFail(DealClosingEntity, { id: closing.id });
    const next = nextClosingState(current.state, steps);
    if (next !== current.state) {
      await m.update(DealClosingEntity, { id: closing.id }, { state: next, ...(next === ClosingState.FAILED ? { failureReason: closing.failureReason } : {}) });
      await this.audit.append(m, {
        actor: 'system',
        organizationId: closing.originatorOrgId,
        action: `deal.closing-${next.toLowerCase().replace(/_/g, '-')}`,
        entity: 'deal',
        entityId: closing.dealId,
        payload: { closingId: closing.id, from: current.state, to: next },
      });
    }
  }

  private async view(closingId: string): Promise<ClosingDto> {
    const closing = await this.dataSource.getRepository(DealClosingEntity).findOneByOrFail({ id: closingId });
    const steps = await this.dataSource.getRepository(ClosingStepEntity).find({ where: { closingId }, order: { createdAt: 'ASC', key: 'ASC' } });
    const sales = steps.filter((s) => s.kind === CLOSING_JOB.TRUE_SALE);
    const soldBills = sales.filter((s) => s.state === ClosingStepState.DONE).reduce((n, s) => n + s.billCount, 0);
    const saleGas = sales.reduce((g, s) => g + (s.gasUsed ?? 0n), 0n);
    return {
      id: closing.id,
      dealId: closing.dealId,
      state: closing.state,
      failureReason: closing.failureReason,
      currency: closing.currency,
      purchasePriceMinor: closing.purchasePriceMinor.toString(),
      reserveMinor: closing.reserveMinor.toString(),
      proceedsMinor: closing.proceedsMinor.toString(),
      originatorWallet: closing.originatorWallet,
      vaultAddress: closing.vaultAddress,
      dvpAddress: closing.dvpAddress,
      trancheTokens: closing.trancheTokens,
      trueSale: {
        bills: sales.reduce((n, s) => n + s.billCount, 0),
        billsSold: soldBills,
        batches: sales.length,
        gasUsed: saleGas.toString(),
        gasPerBill: soldBills ? (saleGas / BigInt(soldBills)).toString() : null,
      },
      steps: steps.map((s) => ({ key: s.key, kind: s.kind, state: s.state, txHash: s.txHash, gasUsed: s.gasUsed?.toString() ?? null, billCount: s.billCount, failureReason: s.failureReason })),
      done: steps.filter((s) => s.state === ClosingStepState.DONE).length,
      total: steps.length,
    };
  }
}
