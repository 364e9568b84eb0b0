import { Inject, Injectable } from '@nestjs/common';
import { getAddress, isAddress, verifyMessage, Wallet as EthersWallet, type Signer } from 'ethers';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, CoreErrorCode, CoreException, hasRole, OrgRole, PlatformRole, type Principal } from '#core';
import { ChainJobsService, CHAIN_CONTEXT, ContractRegistry, type ChainContext } from '#chain';
import { connectIdentityRegistry } from '#contracts';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';
import { KycState, type OrganizationEntity } from '../organizations/organization.entity.js';
import { OrganizationAccess } from '../organizations/organization-access.js';
import { KeyVault } from './key-vault.js';
import { WalletChallengeEntity } from './wallet-challenge.entity.js';
import { WalletChainStatus, WalletEntity, WalletKind } from './wallet.entity.js';
import { IDENTITY_REGISTER_JOB, IDENTITY_REMOVE_JOB, type IdentityRegisterPayload, type IdentityRemovePayload } from './wallet-jobs.js';
import { ChallengeDto, WalletDto } from '../dto/wallet.dto.js';

const CHALLENGE_TTL_MS = 10 * 60_000;

@Injectable()
export class WalletsService {
  private readonly vault: KeyVault;

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrganizationAccess,
    private readonly jobs: ChainJobsService,
    private readonly contracts: ContractRegistry,
    private readonly audit: AuditService,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
    @Inject(IDENTITY_OPTIONS) options: IdentityOptions,
  ) {
    this.vault = new KeyVault(options.walletMasterKey);
  }

  /** Wallets of an organization, each with its live on-chain verification. */
  async list(principal: Principal, organizationId: string): Promise<WalletDto[]> {
    await this.access.readable(principal, organizationId);
    const wallets = await this.dataSource.getRepository(WalletEntity).find({ where: { organizationId }, order: { createdAt: 'ASC' } });
    const registry = connectIdentityRegistry(this.contracts.address('IdentityRegistry'), this.chain.provider);
    return Promise.all(
      wallets.map(async (w) => WalletDto.from(w, await registry.isVerified(w.address).catch(() => null))),
    );
  }

  /** The custodial wallet an approved organization gets (created on first approval). */
  async ensureCustodial(manager: EntityManager, org: OrganizationEntity): Promise<WalletEntity> {
    const existing = await manager.findOneBy(WalletEntity, { organizationId: org.id, kind: WalletKind.CUSTODIAL });
    if (existing) return existing;
    const key = EthersWallet.createRandom();
    const address = getAddress(key.address);
    return manager.save(
      manager.create(WalletEntity, {
        organizationId: org.id,
        address,
        kind: WalletKind.CUSTODIAL,
        encryptedKey: this.vault.seal(key.privateKey, address),
        chainStatus: WalletChainStatus.NOT_REGISTERED,
      }),
    );
  }

  /** The signer of an organization's custodial wallet (EIP-712 acceptances, DvP legs). */
  /** The custodial wallet's address, without decrypting its key. */
  async custodialAddress(organizationId: string): Promise<string> {
    const w = await this.dataSource.getRepository(WalletEntity).findOneBy({ organizationId, kind: WalletKind.CUSTODIAL });
    if (!w) throw new IdentityException(IdentityErrorCode.KYC_NOT_APPROVED, 'The organization has no custodial wallet (KYC not approved)');
    return w.address;
  }

  async custodialSigner(organizationId: string): Promise<Signer> {
    const w = await this.dataSource.getRepository(WalletEntity).findOneBy({ organizationId, kind: WalletKind.CUSTODIAL });
    if (!w?.encryptedKey) throw new IdentityException(IdentityErrorCode.KYC_NOT_APPROVED, 'The organization has no custodial wallet (KYC not approved)');
    return new EthersWallet(this.vault.open(w.encryptedKey, w.address), this.chain.provider);
  }

  /** Enqueues registration of the organization's wallets that are not (being) registered. */
  async registerAll(manager: EntityManager, org: OrganizationEntity, reason: string): Promise<void> {
    const wallets = await manager.findBy(WalletEntity, { organizationId: org.id });
    for (const w of wallets.filter((x) => x.chainStatus === WalletChainStatus.NOT_REGISTERED)) await this.register(manager, org, w, reason);
  }

  private async register(manager: EntityManager, org: OrganizationEntity, w: WalletEntity, reason: string): Promise<void> {
    const payload: IdentityRegisterPayload = {
      walletId: w.id,
      organizationId: org.id,
      address: w.address,
      country: org.country,
      expiresAt: Math.floor(org.kycExpiresAt!.getTime() / 1000),
    };
    await this.jobs.enqueue(manager, { kind: IDENTITY_REGISTER_JOB, idempotencyKey: `identity.register:${w.id}:${reason}`, payload });
    await manager.update(WalletEntity, { id: w.id }, { chainStatus: WalletChainStatus.REGISTERING });
  }

  /** Enqueues removal of every wallet that is (being) registered. */
  async removeAll(manager: EntityManager, org: OrganizationEntity, reason: string): Promise<void> {
    const wallets = await manager.findBy(WalletEntity, { organizationId: org.id });
    for (const w of wallets.filter((x) => x.chainStatus === WalletChainStatus.REGISTERED || x.chainStatus === WalletChainStatus.REGISTERING)) {
      const prior = await this.jobs.latestIdWith(manager, IDENTITY_REGISTER_JOB, 'walletId', w.id);
      const payload: IdentityRemovePayload = { walletId: w.id, organizationId: org.id, address: w.address, afterJobId: prior };
      await this.jobs.enqueue(manager, { kind: IDENTITY_REMOVE_JOB, idempotencyKey: `identity.remove:${w.id}:${reason}`, payload });
      await manager.update(WalletEntity, { id: w.id }, { chainStatus: WalletChainStatus.REMOVING });
    }
  }

  async createChallenge(principal: Principal, organizationId: string, addressRaw: string): Promise<ChallengeDto> {
    this.assertManages(principal, organizationId);
    await this.access.readable(principal, organizationId);
    if (!isAddress(addressRaw)) throw new CoreException(CoreErrorCode.VALIDATION_FAILED, 'address must be a 20-byte hex address');
    const address = getAddress(addressRaw);
    if (await this.dataSource.getRepository(WalletEntity).existsBy({ address })) {
      throw new IdentityException(IdentityErrorCode.WALLET_TAKEN, `Wallet ${address} is already bound`);
    }
    const expiresAt = new Date(Date.now() + CHALLENGE_TTL_MS);
    const message = [
      'Tally: bind this wallet to an organization',
      `Organization: ${organizationId}`,
      `Wallet: ${address}`,
      `Nonce: ${randomUUID()}`,
      `Expires: ${expiresAt.toISOString()}`,
    ].join('\n');
    const c = await this.dataSource
      .getRepository(WalletChallengeEntity)
      .save({ organizationId, address, message, expiresAt, createdBy: principal.userId, usedAt: null });
    return { challengeId: c.id, address, message, expiresAt: expiresAt.toISOString() };
  }

  /** Binds an external wallet that signed the challenge (EIP-191 personal_sign). */
  async bindExternal(principal: Principal, organizationId: string, challengeId: string, signature: string): Promise<WalletDto> {
    this.assertManages(principal, organizationId);
    const org = await this.access.readable(principal, organizationId);
    return this.dataSource.transaction(async (m) => {
      const c = await m.findOne(WalletChallengeEntity, { where: { id: challengeId, organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new IdentityException(IdentityErrorCode.CHALLENGE_NOT_FOUND, `Challenge ${challengeId} not found`);
      if (c.usedAt) throw new IdentityException(IdentityErrorCode.CHALLENGE_USED, 'This challenge was already used');
      if (c.expiresAt.getTime() <= Date.now()) throw new IdentityException(IdentityErrorCode.CHALLENGE_EXPIRED, 'This challenge has expired; ask for a new one');
      let signer: string;
      try {
        signer = verifyMessage(c.message, signature);
      } catch {
        throw new IdentityException(IdentityErrorCode.SIGNATURE_INVALID, 'signature is not a valid 65-byte EIP-191 signature');
      }
      if (signer !== c.address) {
        throw new IdentityException(IdentityErrorCode.SIGNATURE_INVALID, `The signature is by ${signer}, not by ${c.address}`);
      }
      await m.update(WalletChallengeEntity, { id: c.id }, { usedAt: new Date() });
      if (await m.existsBy(WalletEntity, { address: c.address })) {
        throw new IdentityException(IdentityErrorCode.WALLET_TAKEN, `Wallet ${c.address} is already bound`);
      }
      const w = await m.save(
        m.create(WalletEntity, { organizationId, address: c.address, kind: WalletKind.EXTERNAL, encryptedKey: null, chainStatus: WalletChainStatus.NOT_REGISTERED }),
      );
      if (org.kycState === KycState.APPROVED) await this.register(m, org, w, 'bound');
      await this.audit.append(m, { actor: principal, organizationId, action: 'wallet.bound', entity: 'wallet', entityId: w.id, payload: { address: w.address } });
      const fresh = await m.findOneByOrFail(WalletEntity, { id: w.id });
      return WalletDto.from(fresh, null);
    });
  }

  private assertManages(principal: Principal, organizationId: string): void {
    const own = principal.organizationId === organizationId && hasRole(principal, OrgRole.ORG_ADMIN);
    if (!own && !hasRole(principal, PlatformRole.PLATFORM_ADMIN)) {
      // a foreign organization looks like a missing one; one's own, without the role, is forbidden
      if (principal.organizationId !== organizationId) throw this.access.notFound(organizationId);
      throw new IdentityException(IdentityErrorCode.FORBIDDEN, 'Only an organization admin binds wallets');
    }
  }
}
