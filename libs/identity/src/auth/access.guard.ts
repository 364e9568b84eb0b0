import { ForbiddenException, Injectable, Logger, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { ACCESS_POLICY, hasRole, PlatformRole, type AccessPolicy, type Principal } from '#core';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one policy layer (global). Each endpoint declares `@Access.*`; a route without a policy is
 * refused (fail closed). Authenticated routes need a valid Bearer access token (passport-jwt);
 * role routes also one of the roles; an AUDITOR never writes unless a policy names AUDITOR.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal; user?: Principal }>();
    if (!policy) {
      this.logger.error(`${req.method} ${req.path} has no access policy: refused`);
      throw new ForbiddenException('This endpoint declares no access policy');
    }
    if (policy.kind === 'public') return true;
    await super.canActivate(ctx);
    const principal = req.user!;
    req.principal = principal;
    if (policy.kind === 'roles' && !hasRole(principal, ...(policy.roles ?? []))) {
      throw new ForbiddenException(`Requires one of the roles ${(policy.roles ?? []).join(', ')}`);
    }
    const auditorWrite = !READ_METHODS.has(req.method) && hasRole(principal, PlatformRole.AUDITOR) && !policy.roles?.includes(PlatformRole.AUDITOR);
    if (auditorWrite && !hasRole(principal, PlatformRole.PLATFORM_ADMIN)) throw new ForbiddenException('Auditors read; they do not write');
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw new UnauthorizedException('A valid access token is required');
    return user;
  }
}
