import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { AuditService, CoreErrorCode, CoreException, hasRole, OrgRole, PlatformRole, type Principal } from '#core';
import { KycQueueItemDto, OrganizationDto, ScreeningDto, type ApproveKycDto } from '../dto/organization.dto.js';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { OrganizationAccess } from '../organizations/organization-access.js';
import { KycState, OrganizationEntity } from '../organizations/organization.entity.js';
import { ScreeningDecisionEntity } from '../screening/screening-decision.entity.js';
import { ScreeningService, type ScreeningStatus } from '../screening/screening.service.js';
import { WalletsService } from '../wallets/wallets.service.js';
import { KycDocumentsService } from './kyc-documents.service.js';
import { nextKycState, type KycAction } from './kyc-state-machine.js';

function screeningDto(s: ScreeningStatus): ScreeningDto {
  if (!s.run) return { runId: null, runAt: null, listSha256: null, threshold: null, status: 'NOT_RUN', hits: [] };
  const cleared = new Map(s.decisions.map((d) => [d.hitId, d.reason]));
  return {
    runId: s.run.id,
    runAt: s.run.createdAt.toISOString(),
    listSha256: s.run.listSha256,
    threshold: s.run.threshold,
    status: s.run.hits.length === 0 ? 'CLEAR' : s.openHits.length ? 'HIT' : 'CLEARED',
    hits: s.run.hits.map((h) => ({ ...h, cleared: cleared.has(h.hitId), clearedReason: cleared.get(h.hitId) ?? null })),
  };
}

/** The KYC workflow: submission, screening, the officer's decision, suspension and expiry. */
@Injectable()
export class KycService {
  private readonly logger = new Logger(KycService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrganizationAccess,
    private readonly screening: ScreeningService,
    private readonly wallets: WalletsService,
    private readonly audit: AuditService,
    private readonly kycDocuments: KycDocumentsService,
  ) {}

  async submit(principal: Principal, id: string): Promise<OrganizationDto> {
    return this.submitAs(principal, id, 'submit');
  }

  /** REJECTED → SUBMITTED: the corrected file goes back to the KYC officers, screened again. */
  async resubmit(principal: Principal, id: string): Promise<OrganizationDto> {
    return this.submitAs(principal, id, 'resubmit');
  }

  private async submitAs(principal: Principal, id: string, action: 'submit' | 'resubmit'): Promise<OrganizationDto> {
    return this.transition(principal, id, action, async (m, org) => {
      const ownAdmin = principal.organizationId === id && hasRole(principal, OrgRole.ORG_ADMIN);
      if (!ownAdmin && !hasRole(principal, PlatformRole.PLATFORM_ADMIN)) {
        throw new IdentityException(IdentityErrorCode.FORBIDDEN, 'Only the organization admin submits its KYC');
      }
      org.kycSubmittedAt = new Date();
      await this.screening.run(m, org, principal.userId);
      return {};
    });
  }

  async approve(principal: Principal, id: string, dto: ApproveKycDto): Promise<OrganizationDto> {
    const expiresAt = new Date(dto.expiresAt);
    if (expiresAt.getTime() <= Date.now() + 60_000) {
      throw new CoreException(CoreErrorCode.VALIDATION_FAILED, 'expiresAt must be in the future', [{ field: 'expiresAt', errors: ['must be in the future'] }]);
    }
    return this.transition(principal, id, 'approve', async (m, org) => {
      const status = await this.screening.status(m, org.id);
      if (!status.run) throw new IdentityException(IdentityErrorCode.KYC_SCREENING_REQUIRED, 'Run the sanctions screening before approval');
      if (status.openHits.length) {
        throw new IdentityException(
          IdentityErrorCode.KYC_SCREENING_HIT,
          `Screening found ${status.openHits.length} possible sanctions match(es); record a false-positive decision for each before approval`,
          { hits: status.openHits },
        );
      }
      Object.assign(org, { kycNote: dto.note, kycExpiresAt: expiresAt, kycDecidedAt: new Date(), kycDecidedBy: principal.userId });
      await this.wallets.ensureCustodial(m, org);
      await this.wallets.registerAll(m, org, `approved:${org.kycDecidedAt!.toISOString()}`);
      await this.kycDocuments.anchorDeferred(m, org.id);
      return { note: dto.note, expiresAt: dto.expiresAt };
    });
  }

  async reject(principal: Principal, id: string, reason: string): Promise<OrganizationDto> {
    return this.transition(principal, id, 'reject', async (_m, org) => {
      Object.assign(org, { kycNote: reason, kycDecidedAt: new Date(), kycDecidedBy: principal.userId });
      return { reason };
    });
  }

  async suspend(principal: Principal, id: string, reason: string): Promise<OrganizationDto> {
    return this.transition(principal, id, 'suspend', async (m, org) => {
      Object.assign(org, { kycNote: reason, kycDecidedAt: new Date(), kycDecidedBy: principal.userId });
      await this.wallets.removeAll(m, org, `suspended:${org.kycDecidedAt!.toISOString()}`);
      return { reason };
    });
  }

  /** Scheduled: APPROVED organizations past `kyc_expires_at` become EXPIRED; their wallets leave the registry. */
  async expireDue(): Promise<number> {
    const due = await this.dataSource
      .getRepository(OrganizationEntity)
      .findBy({ kycState: KycState.APPROVED, kycExpiresAt: LessThanOrEqual(new Date()) });
    for (const org of due) {
      await this.transition('system', org.id, 'expire', async (m, o) => {
        await this.wallets.removeAll(m, o, `expired:${o.kycExpiresAt!.toISOString()}`);
        return { expiresAt: o.kycExpiresAt!.toISOString() };
      }).catch((err) => this.logger.warn({ err, organizationId: org.id }, 'KYC expiry skipped'));
    }
    return due.length;
  }

  async runScreening(principal: Principal, id: string): Promise<ScreeningDto> {
    return this.dataSource.transaction(async (m) => {
      const org = await this.access.lockForChange(principal, id, m);
      const run = await this.screening.run(m, org, principal.userId);
      await this.audit.append(m, { actor: principal, organizationId: id, action: 'kyc.screened', entity: 'organization', entityId: id, payload: { runId: run.id, hits: run.hits.length } });
      return screeningDto(await this.screening.status(m, id));
    });
  }

  async screeningOf(principal: Principal, id: string): Promise<ScreeningDto> {
    await this.access.readable(principal, id);
    return screeningDto(await this.screening.status(this.dataSource.manager, id));
  }

  async recordFalsePositive(principal: Principal, id: string, hitId: string, reason: string): Promise<ScreeningDto> {
    return this.dataSource.transaction(async (m) => {
      await this.access.lockForChange(principal, id, m);
      const status = await this.screening.status(m, id);
      const hit = status.run?.hits.find((h) => h.hitId === hitId);
      if (!status.run || !hit) throw new IdentityException(IdentityErrorCode.SCREENING_HIT_NOT_FOUND, `No hit ${hitId} in the latest screening run`);
      if (!status.decisions.some((d) => d.hitId === hitId)) {
        await m.insert(ScreeningDecisionEntity, { screeningRunId: status.run.id, organizationId: id, hitId, decision: 'FALSE_POSITIVE', reason, decidedBy: principal.userId });
        await this.audit.append(m, {
          actor: principal,
          organizationId: id,
          action: 'kyc.screening_false_positive',
          entity: 'organization',
          entityId: id,
          payload: { runId: status.run.id, hitId, matchedName: hit.matchedName, reason },
        });
      }
      return screeningDto(await this.screening.status(m, id));
    });
  }

  /** SUBMITTED organizations, oldest first, each with its screening result. */
  async queue(): Promise<KycQueueItemDto[]> {
    const orgs = await this.dataSource
      .getRepository(OrganizationEntity)
      .find({ where: { kycState: In([KycState.SUBMITTED]) }, order: { kycSubmittedAt: 'ASC' } });
    const statuses = await this.screening.statusOfMany(this.dataSource.manager, orgs.map((o) => o.id));
    return orgs.map((o) => ({ organization: OrganizationDto.from(o), screening: screeningDto(statuses.get(o.id)!) }));
  }

  /** Locks the organization, applies the transition from the state machine, audits; all or nothing. */
  private async transition(
    actor: Principal | 'system',
    id: string,
    action: KycAction,
    apply: (m: EntityManager, org: OrganizationEntity) => Promise<Record<string, unknown>>,
  ): Promise<OrganizationDto> {
    return this.dataSource.transaction(async (m) => {
      const org = await this.access.lockForChange(actor, id, m);
      const from = org.kycState;
      org.kycState = nextKycState(from, action);
      const payload = await apply(m, org);
      const saved = await m.save(org);
      await this.audit.append(m, { actor, organizationId: id, action: `kyc.${action}`, entity: 'organization', entityId: id, payload: { from, to: org.kycState, ...payload } });
      return OrganizationDto.from(saved);
    });
  }
}
