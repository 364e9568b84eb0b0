import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { mayReadOrganization, type Principal } from '#core';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { OrganizationEntity } from './organization.entity.js';

/**
 * Organization scoping in one place: an organization the caller may not see answers exactly
 * like one that does not exist (404), so ids of other organizations leak nothing.
 */
@Injectable()
export class OrganizationAccess {
  constructor(private readonly dataSource: DataSource) {}

  notFound(id: string): IdentityException {
    return new IdentityException(IdentityErrorCode.ORGANIZATION_NOT_FOUND, `Organization ${id} not found`);
  }

  async readable(principal: Principal, id: string, manager: EntityManager = this.dataSource.manager): Promise<OrganizationEntity> {
    if (!mayReadOrganization(principal, id)) throw this.notFound(id);
    const org = await manager.findOneBy(OrganizationEntity, { id });
    if (!org) throw this.notFound(id);
    return org;
  }

  /** Reads and locks the row for a state change (FOR UPDATE), after the same access check. */
  async lockForChange(principal: Principal | 'system', id: string, manager: EntityManager): Promise<OrganizationEntity> {
    if (principal !== 'system' && !mayReadOrganization(principal, id)) throw this.notFound(id);
    const org = await manager.findOne(OrganizationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw this.notFound(id);
    return org;
  }
}
