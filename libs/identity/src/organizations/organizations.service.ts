import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, hasRole, isUniqueViolation, organizationScope, OrgRole, pageOf, PlatformRole, type Page, type Principal } from '#core';
import type { CreateOrganizationDto, ListOrganizationsQueryDto, UpdateOrganizationDto } from '../dto/organization.dto.js';
import { OrganizationDto } from '../dto/organization.dto.js';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { OrganizationAccess } from './organization-access.js';
import { KycState, OrganizationEntity } from './organization.entity.js';

/** Serialises Peppol id assignment: an id names one participant (UBL import matches parties by it). */
const PEPPOL_LOCK = 7_342_003;

async function assertPeppolIdsFree(m: EntityManager, organizationId: string | null, ids: string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  await m.query('SELECT pg_advisory_xact_lock($1)', [PEPPOL_LOCK]);
  const lower = ids.map((i) => i.toLowerCase());
  const taken: { pid: string }[] = await m.query(
    `SELECT pid FROM organizations, unnest(peppol_ids) AS pid WHERE ($1::uuid IS NULL OR id <> $1) AND lower(pid) = ANY($2)`,
    [organizationId, lower],
  );
  if (taken.length) throw new IdentityException(IdentityErrorCode.PEPPOL_ID_TAKEN, `Peppol id ${taken[0]!.pid} belongs to another participant`);
}

/** The LEI and the VAT id each name one participant: a second one answers 409 naming the id. */
function uniqueViolationToConflict(err: unknown, dto: { lei?: string; vatId?: string }): unknown {
  if (isUniqueViolation(err, 'UQ_organizations_vat_id')) return new IdentityException(IdentityErrorCode.VAT_ID_TAKEN, `VAT id ${dto.vatId} belongs to another participant`);
  if (isUniqueViolation(err, 'UQ_organizations_lei')) return new IdentityException(IdentityErrorCode.LEI_TAKEN, `An organization with LEI ${dto.lei} already exists`);
  return err;
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrganizationAccess,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, dto: CreateOrganizationDto): Promise<OrganizationDto> {
    try {
      return await this.dataSource.transaction(async (m) => {
        await assertPeppolIdsFree(m, null, dto.peppolIds);
        const org = await m.save(
          m.create(OrganizationEntity, {
            legalName: dto.legalName,
            lei: dto.lei,
            country: dto.country,
            roles: dto.roles,
            peppolIds: dto.peppolIds ?? [],
            vatId: dto.vatId ?? null,
            kycState: KycState.DRAFT,
          }),
        );
        await this.audit.append(m, { actor: principal, organizationId: org.id, action: 'organization.created', entity: 'organization', entityId: org.id, payload: { ...dto } });
        return OrganizationDto.from(org);
      });
    } catch (err) {
      throw uniqueViolationToConflict(err, dto);
    }
  }

  async list(principal: Principal, q: ListOrganizationsQueryDto): Promise<Page<OrganizationDto>> {
    const qb = this.dataSource.getRepository(OrganizationEntity).createQueryBuilder('o');
    const scope = organizationScope(principal);
    if (scope) qb.andWhere('o.id = ANY(:scope)', { scope });
    if (q.kycState) qb.andWhere('o.kyc_state = :state', { state: q.kycState });
    if (q.q) qb.andWhere('o.legal_name ILIKE :q', { q: `%${q.q.replace(/[%_\\]/g, '\\$&')}%` });
    const [rows, total] = await qb
      .orderBy('o.legal_name', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf(rows.map(OrganizationDto.from), total, q);
  }

  async get(principal: Principal, id: string): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.access.readable(principal, id));
  }

  async update(principal: Principal, id: string, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.dataSource
      .transaction(async (m) => {
      const org = await this.access.lockForChange(principal, id, m);
      const ownAdmin = principal.organizationId === id && hasRole(principal, OrgRole.ORG_ADMIN);
      if (!ownAdmin && !hasRole(principal, PlatformRole.PLATFORM_ADMIN)) {
        throw new IdentityException(IdentityErrorCode.FORBIDDEN, 'Only the organization admin or a platform admin changes an organization');
      }
      // the legal name is what KYC approved and screened: it changes only before approval
      if (dto.legalName !== undefined && dto.legalName !== org.legalName && ![KycState.DRAFT, KycState.REJECTED].includes(org.kycState)) {
        throw new IdentityException(IdentityErrorCode.KYC_TRANSITION_NOT_ALLOWED, `The legal name cannot change in KYC state ${org.kycState}`);
      }
      await assertPeppolIdsFree(m, id, dto.peppolIds);
      Object.assign(org, dto);
      const saved = await m.save(org);
      await this.audit.append(m, { actor: principal, organizationId: id, action: 'organization.updated', entity: 'organization', entityId: id, payload: { ...dto } });
      return OrganizationDto.from(saved);
    })
      .catch((err: unknown) => {
        throw uniqueViolationToConflict(err, dto);
      });
  }

  /**
   * Roles and KYC standing of organizations, for other libs' set-based checks (a pool's obligors,
   * an originator): no access check, the caller has checked its own. Unknown ids are absent.
   */
  async kycStandings(ids: string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, KycStanding>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await m.getRepository(OrganizationEntity).createQueryBuilder('o').where('o.id = ANY(:ids::uuid[])', { ids: unique }).getMany();
    return new Map(rows.map((o) => [o.id, { id: o.id, legalName: o.legalName, roles: [...o.roles], kycState: o.kycState, kycExpiresAt: o.kycExpiresAt }]));
  }
}

/** What other libs may know of an organization's standing. */
export interface KycStanding {
  id: string;
  legalName: string;
  roles: string[];
  kycState: KycState;
  kycExpiresAt: Date | null;
}
