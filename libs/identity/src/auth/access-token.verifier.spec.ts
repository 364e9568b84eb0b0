import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import type { IdentityOptions } from '../identity.options.js';
import { AccessTokenVerifier, bearerTokenOf } from './access-token.verifier.js';

const SECRET = 'a-test-secret-of-enough-length-0123456789';
const T0 = Date.UTC(2026, 11, 7, 0, 0, 0);
const claims = { sub: '6f1c5a3e-0000-4000-8000-000000000001', email: 'a@b.c', org: 'o', roles: [], sid: 's', tv: 0 };

function verifier(): AccessTokenVerifier {
  return new AccessTokenVerifier(new JwtService({ secret: SECRET }), { jwtSecret: SECRET } as IdentityOptions);
}
const sign = (payload: object, options: { expiresIn?: number; secret?: string; algorithm?: 'HS256' | 'HS384' } = {}) =>
  new JwtService({ secret: options.secret ?? SECRET }).sign(payload, { algorithm: options.algorithm ?? 'HS256', ...(options.expiresIn === undefined ? {} : { expiresIn: options.expiresIn }) });

describe('AccessTokenVerifier', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('answers the claims of a valid token, the first time and from memory', () => {
    jest.useFakeTimers({ now: T0 });
    const v = verifier();
    const token = sign(claims, { expiresIn: 900 });
    expect(v.claimsOf(token)).toMatchObject(claims);
    expect(v.claimsOf(token)).toMatchObject(claims);
  });

  it('refuses a token once it expires, also when it was verified before (now < exp, as jsonwebtoken)', () => {
    jest.useFakeTimers({ now: T0 });
    const v = verifier();
    const token = sign(claims, { expiresIn: 60 });
    expect(v.claimsOf(token)).not.toBeNull();
    jest.setSystemTime(T0 + 59_999);
    expect(v.claimsOf(token)).not.toBeNull();
    jest.setSystemTime(T0 + 60_000);
    expect(v.claimsOf(token)).toBeNull();
    // and a fresh verifier agrees with jsonwebtoken at the same instant
    expect(verifier().claimsOf(token)).toBeNull();
  });

  it('refuses a changed signature or payload even right after the genuine token was remembered', () => {
    const v = verifier();
    const token = sign(claims, { expiresIn: 900 });
    expect(v.claimsOf(token)).not.toBeNull();
    const [h, p, s] = token.split('.') as [string, string, string];
    const flipped = s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.at(-1);
    expect(v.claimsOf(`${h}.${p}.${flipped}`)).toBeNull();
    const otherPayload = Buffer.from(JSON.stringify({ ...claims, roles: ['PLATFORM_ADMIN'], exp: 4_102_444_800 })).toString('base64url');
    expect(v.claimsOf(`${h}.${otherPayload}.${s}`)).toBeNull();
  });

  it('refuses another secret, another algorithm, alg none and garbage', () => {
    const v = verifier();
    expect(v.claimsOf(sign(claims, { expiresIn: 900, secret: 'another-secret-of-enough-length-98765' }))).toBeNull();
    expect(v.claimsOf(sign(claims, { expiresIn: 900, algorithm: 'HS384' }))).toBeNull();
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect(v.claimsOf(none)).toBeNull();
    expect(v.claimsOf('not-a-token')).toBeNull();
  });

  it('reads the token of a Bearer header only', () => {
    expect(bearerTokenOf('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerTokenOf('bearer abc')).toBe('abc');
    expect(bearerTokenOf('Basic abc')).toBeNull();
    expect(bearerTokenOf('Bearer')).toBeNull();
    expect(bearerTokenOf('Bearer a b')).toBeNull();
    expect(bearerTokenOf(undefined)).toBeNull();
    expect(bearerTokenOf(['Bearer a'])).toBeNull();
  });
});
