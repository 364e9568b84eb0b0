import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';
import type { AccessTokenClaims } from './token.service.js';

/** Verified tokens one process remembers at most; only tokens whose signature checked get in. */
const MAX_REMEMBERED = 20_000;

interface Verified {
  claims: AccessTokenClaims;
  /** `exp` in milliseconds: the token is honoured while `Date.now()` is below it. */
  expiresAtMs: number;
}

/**
 * Bearer access tokens (HS256) → their claims. The signature of a token string is checked once
 * (jsonwebtoken, with a `KeyObject`: given a string secret it first tries to parse it as a public
 * key on every call); the same string is then taken from memory, its expiry checked on every
 * request exactly as jsonwebtoken does (`now < exp`). A token without `exp` is never remembered.
 * What a token may do is decided per request by the session check and the policy guard, not here.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly key: KeyObject;
  private readonly verified = new Map<string, Verified>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(IDENTITY_OPTIONS) options: IdentityOptions,
  ) {
    this.key = createSecretKey(Buffer.from(options.jwtSecret));
  }

  /** The claims of a valid, unexpired access token; null for anything else. */
  claimsOf(token: string): AccessTokenClaims | null {
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit) {
      if (now < hit.expiresAtMs) return hit.claims;
      this.verified.delete(token);
      return null;
    }
    let claims: AccessTokenClaims & { exp?: number };
    try {
      claims = this.jwt.verify<AccessTokenClaims & { exp?: number }>(token, { secret: this.key as unknown as string, algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (typeof claims.exp === 'number') {
      if (this.verified.size >= MAX_REMEMBERED) this.verified.clear();
      this.verified.set(token, { claims, expiresAtMs: claims.exp * 1000 });
    }
    return claims;
  }
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, as passport-jwt reads it); null otherwise. */
export function bearerTokenOf(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^(\S+)\s+(\S+)$/.exec(header);
  return match && match[1]!.toLowerCase() === 'bearer' ? match[2]! : null;
}
