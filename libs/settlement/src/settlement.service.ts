import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TransactionReceipt } from 'ethers';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, formatAmount, isUniqueViolation, Money, type Principal } from '#core';
import { ChainJobHandlerRegistry, ChainJobsService, SETTLEMENT_CURRENCIES, type ChainCall, type ChainJobEntity, type ChainJobHandler } from '#chain';
import { OrganizationAccess, ParticipantDirectory } from '#identity';
import { BalanceDto, MovementDto, type RecordMovementDto } from './settlement.dto.js';
import { SettlementErrorCode, SettlementException } from './settlement.errors.js';
import { MovementKind, MovementState, SettlementMovementEntity } from './settlement-movement.entity.js';
import { SettlementTokens } from './settlement-tokens.service.js';

export const SETTLEMENT_MINT_JOB = 'settlement.mint';
export const SETTLEMENT_BURN_JOB = 'settlement.burn';

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
    private readonly tokens: SettlementTokens,
    private readonly participants: ParticipantDirectory,
    private readonly access: OrganizationAccess,
    private readonly audit: AuditService,
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
    const wallet = await this.participants.custodialAddress(organizationId);
    if (!wallet) return [];
    return Promise.all(SETTLEMENT_CURRENCIES.map(async (currency) => ({ currency, wallet, balanceMinor: (await this.balanceOf(wallet, currency)).toString() })));
  }

  async movements(p: Principal, organizationId: string): Promise<MovementDto[]> {
    await this.access.readable(p, organizationId);
    const rows = await this.dataSource.getRepository(SettlementMovementEntity).find({ where: { organizationId }, order: { createdAt: 'DESC' }, take: 200 });
    return rows.map(MovementDto.from);
  }

  balanceOf(wallet: string, currency: string): Promise<bigint> {
    return this.tokens.balanceOf(wallet, currency);
  }

  /** Every movement, oldest first (reconciliation compares them with the tokens' references). */
  allMovements(): Promise<SettlementMovementEntity[]> {
    return this.dataSource.getRepository(SettlementMovementEntity).find({ order: { createdAt: 'ASC' } });
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
    const w = await this.participants.custodialAddress(organizationId, { registered: true });
    if (!w) throw new SettlementException(SettlementErrorCode.ACCOUNT_NOT_VERIFIED, 'The organization has no verified settlement account (KYC approval registers it)');
    return w;
  }

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const mv = await this.dataSource.getRepository(SettlementMovementEntity).findOneByOrFail({ id: job.payload.movementId as string });
    return this.tokens.mintOrBurnCall(mv.kind === MovementKind.DEPOSIT ? 'mint' : 'burn', mv.currency, mv.wallet, mv.amountMinor, mv.reference);
  }

  async onConfirmed(job: ChainJobEntity, _receipt: TransactionReceipt, m: EntityManager): Promise<void> {
    await m.update(SettlementMovementEntity, { id: job.payload.movementId as string }, { state: MovementState.CONFIRMED });
  }

  async onFailed(job: ChainJobEntity, reason: string, m: EntityManager): Promise<void> {
    await m.update(SettlementMovementEntity, { id: job.payload.movementId as string }, { state: MovementState.FAILED, failureReason: reason });
  }
}
