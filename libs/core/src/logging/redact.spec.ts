import { describe, expect, it } from '@jest/globals';
import { scrub, scrubText } from './redact.js';

describe('scrub', () => {
  it('drops values under secret keys and the parameters of database errors', () => {
    const err = Object.assign(new Error('insert failed'), { query: 'INSERT INTO users ...', parameters: ['a@b.c', '$argon2id$v=19$m=19456,t=2,p=1$abc$def'] });
    const out = scrub({ err, password: 'hunter2 hunter2', refreshToken: 'r', nested: { passwordHash: 'x', authorization: 'Bearer abc.def' } }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(out.password).toBe('[redacted]');
    expect(out.refreshToken).toBe('[redacted]');
    expect(out.nested).toEqual({ passwordHash: '[redacted]', authorization: '[redacted]' });
    expect(out.err).toMatchObject({ type: 'Error', message: 'insert failed', parameters: '[redacted]', query: 'INSERT INTO users ...' });
  });

  it('masks argon2 hashes, JWTs and bearer credentials inside any string', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const text = scrubText(`hash $argon2id$v=19$m=19456$c2FsdA$aGFzaA token ${jwt} header Bearer abc.def-ghi`);
    expect(text).not.toMatch(/argon2id\$v|eyJhbGci|abc\.def/);
  });

  it('survives cycles and depth', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(scrub(a)).toEqual({ name: 'a', self: '[circular]' });
  });
});
