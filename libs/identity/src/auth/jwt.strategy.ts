import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Principal } from '#core';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';
import type { AccessTokenClaims } from './token.service.js';

/** passport-jwt: a Bearer access token (HS256, not expired) → the principal. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(IDENTITY_OPTIONS) options: IdentityOptions) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: options.jwtSecret, algorithms: ['HS256'], ignoreExpiration: false });
  }

  validate(claims: AccessTokenClaims): Principal {
    return { userId: claims.sub, email: claims.email, organizationId: claims.org, roles: claims.roles };
  }
}
