import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Contract, id as keccakText, type TransactionReceipt } from 'ethers';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, formatAmount, isUniqueViolation, Money, type Principal } from '#core';
import {
  CHAIN_CONTEXT,
  ChainJobHandlerRegistry,
  ChainJobsService,
  ContractRegistry,
  SETTLEMENT_CURRENCIES,
  type ChainCall,
  type ChainContext,
  type ChainJobEntity,
  type ChainJobHandler,
} from '#chain';
import { SettlementTokenAbi, SettlementTokenInterface } from '#contracts';
import { OrganizationAccess, WalletChainStatus, WalletEntity, WalletKind } from '#identity';
import { BalanceDto, MovementDto, type RecordMovementDto } from './settlement.dto.js';
import { SettlementErrorCode, SettlementException } from './settlement.errors.js';
import { MovementKind, MovementState, SettlementMovementEntity } from './settlement-movement.entity.js';

export const SETTLEMENT_MINT_JOB = 'settlement.mint';
export const SETTLEMENT_BURN_JOB = 'settlement.burn';

/** bytes32 reference on chain: keccak256 of the bank's reference (used once per token). */
export const referenceHash = (reference: string) => keccakText(`tally.settlement:${reference}`);

/**
 * The settlement agent's books: a recorded fiat deposit mints tokenized deposits to the
 * organization's custodial wallet, a withdrawal burns them, both through the outbox. Balances
 * are read from the chain, which is the truth for them.
 */
@Injectable()
export class SettlementService implements ChainJobHandler, OnModuleInit {
  readonly kind = SETTLEMENT_MINT_JOB;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: ChainJobsService,
    private readonly registry: ChainJobHandlerRegistry,
    private readonly contracts: ContractRegistry,
    private readonly access: OrganizationAccess,
    private readonly audit: AuditService,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
    this.registry.register({
      kind: SETTLEMENT_BURN_JOB,
      buildCall: (job) => this.buildCall(job),
      onConfirmed: (job, receipt, m) => this.onConfirmed(job, receipt, m),
      onFailed: (job, reason, m) => this.onFailed(job, reason, m),
    });
  }

  deposit(p: Principal, dto: RecordMovementDto): Promise<MovementDto> {
    return this.record(p, dto, MovementKind.DEPOSIT);
  }

  async withdraw(p: Principal, dto: RecordMovementDto): Promise<MovementDto> {
    // the caller's input and access first: an unknown currency is a 422, not a missing contract (503)
    this.assertSettled(dto.currency);
    await this.access.readable(p, dto.organizationId);
    const wallet = await this.wallet(dto.organizationId);
    const balance = await this.balanceOf(wallet, dto.currency);
    if (balance < BigInt(dto.amountMinor)) {
      throw new SettlementException(SettlementErrorCode.BALANCE_TOO_LOW, `The account holds ${formatAmount(balance, dto.currency)}, less than the ${formatAmount(BigInt(dto.amountMinor), dto.currency)} to withdraw`);
    }
    return this.record(p, dto, MovementKind.WITHDRAWAL);
  }

  async balances(p: Principal, organizationId: string): Promise<BalanceDto[]> {
    await this.access.readable(p, organizationId);
    const w = await this.dataSource.getRepository(WalletEntity).findOneBy({ organizationId, kind: WalletKind.CUSTODIAL });
    if (!w) return [];
    return Promise.all(SETTLEMENT_CURRENCIES.map(async (currency) => ({ currency, wallet: w.address, balanceMinor: (await this.balanceOf(w.address, currency)).toString() })));
  }

  async movements(p: Principal, organizationId: string): Promise<MovementDto[]> {
    await this.access.readable(p, organizationId);
    const rows = await this.dataSource.getRepository(SettlementMovementEntity).find({ where: { organizationId }, order: { createdAt: 'DESC' }, take: 200 });
    return rows.map(MovementDto.from);
  }

  async balanceOf(wallet: string, currency: string): Promise<bigint> {
    const token = new Contract(this.contracts.address(`SettlementToken.${currency}`), SettlementTokenAbi, this.chain.provider);
    return (await token.balanceOf(wallet)) as bigint;
  }

  private async record(p: Principal, dto: RecordMovementDto, kind: MovementKind): Promise<MovementDto> {
    this.assertSettled(dto.currency);
    const amount = Money.parseMinor(dto.amountMinor, dto.currency);
    await this.access.readable(p, dto.organizationId);
    const wallet = await this.wallet(dto.organizationId);
    try {
      return await this.dataSource.transaction(async (m) => {
        const movement = await m.save(
          m.create(SettlementMovementEntity, {
            kind,
            organizationId: dto.organizationId,
            wallet,
            amountMinor: amount.amountMinor,
            currency: amount.currency,
            reference: dto.reference,
            state: MovementState.PENDING,
            recordedBy: p.userId,
          }),
        );
        const job = await this.jobs.enqueue(m, {
          kind: kind === MovementKind.DEPOSIT ? SETTLEMENT_MINT_JOB : SETTLEMENT_BURN_JOB,
          idempotencyKey: `settlement:${movement.id}`,
          payload: { movementId: movement.id },
        });
        await m.update(SettlementMovementEntity, { id: movement.id }, { chainJobId: job.id });
        await this.audit.append(m, {
          actor: p,
          organizationId: dto.organizationId,
          action: `settlement.${kind.toLowerCase()}`,
          entity: 'settlement_movement',
          entityId: movement.id,
          payload: { ...dto },
        });
        return MovementDto.from({ ...movement, chainJobId: job.id });
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new SettlementException(SettlementErrorCode.REFERENCE_USED, `Reference ${dto.reference} was already recorded`);
      }
      throw err;
    }
  }

  private assertSettled(currency: string): void {
    if (!(SETTLEMENT_CURRENCIES as readonly string[]).includes(currency)) {
      throw new SettlementException(SettlementErrorCode.CURRENCY_NOT_SETTLED, `No settlement token for ${currency} (settled: ${SETTLEMENT_CURRENCIES.join(', ')})`);
    }
  }

  private async wallet(organizationId: string): Promise<string> {
    const w = await this.dataSource
      .getRepository(WalletEntity)
      .findOneBy({ organizationId, kind: WalletKind.CUSTODIAL, chainStatus: WalletChainStatus.REGISTERED });
    if (!w) throw new SettlementException(SettlementErrorCode.ACCOUNT_NOT_VERIFIED, 'The organization has no verified settlement account (KYC approval registers it)');
    return w.address;
  }

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const mv = await this.dataSource.getRepository(SettlementMovementEntity).findOneByOrFail({ id: job.payload.movementId as string });
    const fn = mv.kind === MovementKind.DEPOSIT ? 'mint' : 'burn';
    return { to: this.contracts.address(`SettlementToken.${mv.currency}`), data: SettlementTokenInterface.encodeFunctionData(fn, [mv.wallet, mv.amountMinor, referenceHash(mv.reference)]) };
  }

  async onConfirmed(job: ChainJobEntity, _receipt: TransactionReceipt, m: EntityManager): Promise<void> {
    await m.update(SettlementMovementEntity, { id: job.payload.movementId as string }, { state: MovementState.CONFIRMED });
  }

  async onFailed(job: ChainJobEntity, reason: string, m: EntityManager): Promise<void> {
    await m.update(SettlementMovementEntity, { id: job.payload.movementId as string }, { state: MovementState.FAILED, failureReason: reason });
  }
}
