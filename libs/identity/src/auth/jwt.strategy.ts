import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Principal } from '#core';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';
import { SessionCheckService } from './session-check.service.js';
import type { AccessTokenClaims } from './token.service.js';

/** passport-jwt: a Bearer access token (HS256, not expired) → the principal. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(IDENTITY_OPTIONS) options: IdentityOptions,
    private readonly sessions: SessionCheckService,
  ) {
    // a KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a public key
    // on every request, which measured as ~30 % of the API's CPU (bench/http-baseline)
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: createSecretKey(Buffer.from(options.jwtSecret)) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** Revocation on the next request: the user, its token version and the session are checked (cached ≤ 1 s). */
  async validate(claims: AccessTokenClaims): Promise<Principal> {
    const principal = await this.sessions.principalOf(claims);
    if (!principal) throw new UnauthorizedException('This session has ended; log in again');
    return principal;
  }
}
