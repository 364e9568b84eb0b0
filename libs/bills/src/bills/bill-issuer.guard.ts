import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '#core';
import { BillsService } from './bills.service.js';

/**
 * Who may issue bills (an ORG_ADMIN of a SUPPLIER organization), asked as a guard: guards run
 * before interceptors, so an upload route (the UBL import's multipart files) refuses a caller with
 * 403 before its body is read or parsed, and nothing in the answer depends on the document.
 */
@Injectable()
export class BillIssuerGuard implements CanActivate {
  constructor(private readonly bills: BillsService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const p = ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (!p) return true; // the access policy already decided about anonymous callers
    await this.bills.assertIssuer(p);
    return true;
  }
}
