import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasRole, PlatformRole, type Principal } from '#core';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { KycState, OrganizationEntity } from './organization.entity.js';

/**
 * Routes that spend the operator's gas or chain calls (anchoring, fingerprint checks on chain):
 * only a caller whose organization is KYC-approved, or a platform user, may use them.
 */
@Injectable()
export class ApprovedOrganizationGuard implements CanActivate {
  constructor(private readonly dataSource: DataSource) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const p = ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (!p) return true; // the access policy already decided about anonymous callers
    if (hasRole(p, PlatformRole.PLATFORM_ADMIN, PlatformRole.KYC_OFFICER, PlatformRole.AUDITOR)) return true;
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: p.organizationId });
    if (org?.kycState !== KycState.APPROVED) {
      throw new IdentityException(IdentityErrorCode.KYC_NOT_APPROVED, "Your organization is not KYC-approved yet: anchoring and chain checks spend the operator's gas");
    }
    return true;
  }
}
