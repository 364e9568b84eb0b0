import { Injectable, type OnModuleInit } from '@nestjs/common';
import { hexlify, toUtf8Bytes, type TransactionReceipt } from 'ethers';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#core';
import { ChainJobHandlerRegistry, ChainJobsService, ChainRole, ContractRegistry, type ChainCall, type ChainJobEntity, type ChainJobHandler } from '#chain';
import { IdentityRegistryInterface } from '#contracts';
import { WalletChainStatus, WalletEntity } from './wallet.entity.js';

export const IDENTITY_REGISTER_JOB = 'identity.register';
export const IDENTITY_REMOVE_JOB = 'identity.remove';

export interface IdentityRegisterPayload {
  [k: string]: unknown;
  walletId: string;
  organizationId: string;
  address: string;
  country: string;
  /** unix seconds */
  expiresAt: number;
}

export interface IdentityRemovePayload {
  [k: string]: unknown;
  walletId: string;
  organizationId: string;
  address: string;
  /** The registration job this removal must follow (it is not built before that one is final). */
  afterJobId: string | null;
}

class NotReady extends Error {}

@Injectable()
abstract class WalletJobHandler implements ChainJobHandler, OnModuleInit {
  abstract readonly kind: string;

  constructor(
    protected readonly dataSource: DataSource,
    protected readonly registry: ChainJobHandlerRegistry,
    protected readonly contracts: ContractRegistry,
    protected readonly jobs: ChainJobsService,
    protected readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  abstract buildCall(job: ChainJobEntity): Promise<ChainCall>;

  protected async settle(manager: EntityManager, job: ChainJobEntity, from: WalletChainStatus, to: WalletChainStatus, action: string, extra: object) {
    const p = job.payload as { walletId: string; organizationId: string; address: string };
    await manager.update(WalletEntity, { id: p.walletId, chainStatus: from }, { chainStatus: to });
    await this.audit.append(manager, {
      actor: 'system',
      organizationId: p.organizationId,
      action,
      entity: 'wallet',
      entityId: p.walletId,
      payload: { address: p.address, chainJobId: job.id, ...extra },
    });
  }
}

/** Puts an approved organization's wallet into the on-chain IdentityRegistry. */
@Injectable()
export class IdentityRegisterJobHandler extends WalletJobHandler {
  readonly kind = IDENTITY_REGISTER_JOB;

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const p = job.payload as IdentityRegisterPayload;
    return {
      to: this.contracts.address('IdentityRegistry'),
      data: IdentityRegistryInterface.encodeFunctionData('register', [p.address, hexlify(toUtf8Bytes(p.country)), p.expiresAt]),
      signer: ChainRole.REGISTRAR,
    };
  }

  async onConfirmed(job: ChainJobEntity, receipt: TransactionReceipt, manager: EntityManager): Promise<void> {
    await this.settle(manager, job, WalletChainStatus.REGISTERING, WalletChainStatus.REGISTERED, 'wallet.registered', { txHash: receipt.hash });
  }

  async onFailed(job: ChainJobEntity, reason: string, manager: EntityManager): Promise<void> {
    await this.settle(manager, job, WalletChainStatus.REGISTERING, WalletChainStatus.NOT_REGISTERED, 'wallet.registration_failed', { reason });
  }
}

/** Takes a suspended or expired organization's wallet out of the IdentityRegistry. */
@Injectable()
export class IdentityRemoveJobHandler extends WalletJobHandler {
  readonly kind = IDENTITY_REMOVE_JOB;

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const p = job.payload as IdentityRemovePayload;
    if (p.afterJobId) {
      if (ChainJobsService.isInFlight((await this.jobs.statuses([p.afterJobId])).get(p.afterJobId))) {
        throw new NotReady(`waits for registration job ${p.afterJobId}`);
      }
    }
    return { to: this.contracts.address('IdentityRegistry'), data: IdentityRegistryInterface.encodeFunctionData('remove', [p.address]), signer: ChainRole.REGISTRAR };
  }

  async onConfirmed(job: ChainJobEntity, receipt: TransactionReceipt, manager: EntityManager): Promise<void> {
    await this.settle(manager, job, WalletChainStatus.REMOVING, WalletChainStatus.NOT_REGISTERED, 'wallet.removed', { txHash: receipt.hash });
  }

  /** Nothing to remove (the registration never landed): the wallet is not registered either way. */
  async onFailed(job: ChainJobEntity, reason: string, manager: EntityManager): Promise<void> {
    await this.settle(manager, job, WalletChainStatus.REMOVING, WalletChainStatus.NOT_REGISTERED, 'wallet.removal_failed', { reason });
  }
}
