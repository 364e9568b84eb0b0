import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { mayReadOrganization, type Principal } from '#core';
import { OrganizationAccess } from './organization-access.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `:id` organization is one the caller may see, asked as a guard: guards run before
 * interceptors, so an upload to another organization (its KYC documents) answers the 404 of an
 * organization that exists nowhere before the file is read. The service checks again (and looks
 * the row up); a malformed id is left to the route's ParseUUIDPipe (400).
 */
@Injectable()
export class VisibleOrganizationGuard implements CanActivate {
  constructor(private readonly access: OrganizationAccess) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<{ principal?: Principal; params?: Record<string, string> }>();
    const id = req.params?.id;
    if (!req.principal || id === undefined || !UUID.test(id)) return true; // the access policy / the pipe decide
    if (!mayReadOrganization(req.principal, id)) throw this.access.notFound(id);
    return true;
  }
}
