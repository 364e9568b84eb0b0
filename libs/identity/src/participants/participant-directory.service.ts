import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { KycState, OrganizationEntity, type OrganizationRole } from '../organizations/organization.entity.js';
import { WalletChainStatus, WalletEntity, WalletKind } from '../wallets/wallet.entity.js';

/** What other libs may know of a participant: who it is, its roles and where its KYC stands. */
export interface Participant {
  id: string;
  legalName: string;
  lei: string;
  country: string;
  roles: OrganizationRole[];
  kycState: KycState;
}

/** An organization's wallet address (checksummed as stored). */
export interface ParticipantWallet {
  address: string;
  organizationId: string;
}

/** Identifiers an invoice names a party by (each normalised by the caller: lower-case endpoint, normalised VAT id, upper-case LEI). */
export interface ParticipantIdentifiers {
  peppolEndpoint: string | null;
  vatId: string | null;
  lei: string | null;
}

/** A participant's verified custodial wallet, or why there is none. */
export type VerifiedWallet =
  { ok: true; participant: Participant; address: string } | { ok: false; participant: Participant | null; walletRegistered: boolean };

const participantOf = (o: OrganizationEntity): Participant => ({
  id: o.id,
  legalName: o.legalName,
  lei: o.lei,
  country: o.country,
  roles: [...o.roles],
  kycState: o.kycState,
});

/**
 * Identity's read side for the other libs: they ask here, never read `organizations` or
 * `wallets` themselves. Methods take an optional `EntityManager` so a caller's transaction
 * sees its own writes. No access check: callers have checked that the caller may act already.
 */
@Injectable()
export class ParticipantDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async participant(id: string, m: EntityManager = this.dataSource.manager): Promise<Participant | null> {
    const o = await m.findOneBy(OrganizationEntity, { id });
    return o ? participantOf(o) : null;
  }

  async participants(ids: string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, Participant>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await m.findBy(OrganizationEntity, { id: In(unique) });
    return new Map(rows.map((o) => [o.id, participantOf(o)]));
  }

  /** Legal names by organization id (unknown ids are absent). */
  async legalNames(ids: string[], m?: EntityManager): Promise<Map<string, string>> {
    return new Map([...(await this.participants(ids, m))].map(([id, p]) => [id, p.legalName]));
  }

  async hasRole(organizationId: string, role: OrganizationRole, m?: EntityManager): Promise<boolean> {
    return !!(await this.participant(organizationId, m))?.roles.includes(role);
  }

  /** The custodial wallet of an APPROVED organization, registered in the IdentityRegistry. */
  async verifiedCustodialWallet(organizationId: string, m: EntityManager = this.dataSource.manager): Promise<VerifiedWallet> {
    return (await this.verifiedCustodialWallets([organizationId], m)).get(organizationId)!;
  }

  /** The custodial wallets of many organizations at once (two queries), by organization id: each verified, or why not. */
  async verifiedCustodialWallets(organizationIds: string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, VerifiedWallet>> {
    const unique = [...new Set(organizationIds)];
    if (unique.length === 0) return new Map();
    const participants = await this.participants(unique, m);
    const wallets = await m.findBy(WalletEntity, { organizationId: In(unique), kind: WalletKind.CUSTODIAL, chainStatus: WalletChainStatus.REGISTERED });
    return new Map(
      unique.map((id): [string, VerifiedWallet] => {
        const participant = participants.get(id) ?? null;
        const wallet = wallets.find((w) => w.organizationId === id);
        if (participant && participant.kycState === KycState.APPROVED && wallet) return [id, { ok: true, participant, address: wallet.address }];
        return [id, { ok: false, participant, walletRegistered: !!wallet }];
      }),
    );
  }

  /** The custodial wallet's address (null: none yet); `registered`: only while it is in the IdentityRegistry. */
  async custodialAddress(
    organizationId: string,
    opts: { registered?: boolean } = {},
    m: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const where = { organizationId, kind: WalletKind.CUSTODIAL, ...(opts.registered ? { chainStatus: WalletChainStatus.REGISTERED } : {}) };
    return (await m.findOneBy(WalletEntity, where))?.address ?? null;
  }

  /** Wallets at `addresses` (case-insensitive) and every wallet of `organizationIds`; neither given: all wallets. */
  async wallets(
    addresses?: (string | null)[],
    organizationIds?: string[],
    m: EntityManager = this.dataSource.manager,
  ): Promise<ParticipantWallet[]> {
    const qb = m.getRepository(WalletEntity).createQueryBuilder('w').select(['w.address', 'w.organizationId']);
    if (addresses || organizationIds) {
      const lower = (addresses ?? []).filter((a): a is string => !!a).map((a) => a.toLowerCase());
      qb.where('lower(w.address) = ANY(:lower) OR w.organization_id = ANY(:orgs::uuid[])', { lower, orgs: organizationIds ?? [] });
    }
    return (await qb.getMany()).map((w) => ({ address: w.address, organizationId: w.organizationId }));
  }

  /** Participants named by any of the identifiers, at most `limit` (an invoice party matching two is ambiguous). */
  async findByIdentifiers(ids: ParticipantIdentifiers, limit = 2): Promise<Participant[]> {
    const orgs = await this.dataSource
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      .where(`(:endpoint::text IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(o.peppol_ids) AS pid WHERE lower(pid) = :endpoint))`, {
        endpoint: ids.peppolEndpoint,
      })
      .orWhere(`(:vat::text IS NOT NULL AND o.vat_id = :vat)`, { vat: ids.vatId })
      .orWhere(`(:lei::text IS NOT NULL AND o.lei = :lei)`, { lei: ids.lei })
      .limit(limit)
      .getMany();
    return orgs.map(participantOf);
  }
}
