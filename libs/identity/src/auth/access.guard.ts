import { ForbiddenException, Injectable, Logger, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_POLICY, hasRole, PlatformRole, type AccessPolicy, type Principal } from '#core';
import { AccessTokenVerifier, bearerTokenOf } from './access-token.verifier.js';
import { SessionCheckService } from './session-check.service.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one policy layer (global). Each endpoint declares `@Access.*`; a route without a policy is
 * refused (fail closed). Authenticated routes need a valid Bearer access token (HS256, not
 * expired: {@link AccessTokenVerifier}) whose session still holds ({@link SessionCheckService});
 * role routes also one of the roles; an AUDITOR never writes unless a policy names AUDITOR.
 * The token is checked here directly rather than through passport, whose per-request strategy
 * objects and callbacks were a tenth of the one-query read's CPU (bench/RESULTS.md).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenVerifier,
    private readonly sessions: SessionCheckService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal; user?: Principal }>();
    if (!policy) {
      this.logger.error(`${req.method} ${req.path} has no access policy: refused`);
      throw new ForbiddenException('This endpoint declares no access policy');
    }
    if (policy.kind === 'public') return true;
    const token = bearerTokenOf(req.headers.authorization);
    const claims = token === null ? null : this.tokens.claimsOf(token);
    // an ended session answers like a bad token, as before (no hint which of the two it was)
    const principal = claims === null ? null : await this.sessions.principalOf(claims);
    if (!principal) throw new UnauthorizedException('A valid access token is required');
    req.user = principal;
    req.principal = principal;
    if (policy.kind === 'roles' && !hasRole(principal, ...(policy.roles ?? []))) {
      throw new ForbiddenException(`Requires one of the roles ${(policy.roles ?? []).join(', ')}`);
    }
    const auditorWrite = !READ_METHODS.has(req.method) && hasRole(principal, PlatformRole.AUDITOR) && !policy.roles?.includes(PlatformRole.AUDITOR);
    if (auditorWrite && !hasRole(principal, PlatformRole.PLATFORM_ADMIN)) throw new ForbiddenException('Auditors read; they do not write');
    return true;
  }
}
