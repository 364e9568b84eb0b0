import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { client, platformClients, TEST_PASSWORD } from '../support/auth.js';

const attempt = (p: TestPlatform, email: string, password: string, ip: string) =>
  client(p.baseUrl).post('/api/v1/auth/login', { email, password }, { 'x-forwarded-for': ip });

describe('login throttling cannot be turned into a lockout of someone else', () => {
  let p: TestPlatform;
  let platform: Awaited<ReturnType<typeof platformClients>>;

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false }); // TRUST_PROXY=loopback: X-Forwarded-For plays the client's address
    platform = await platformClients(p.baseUrl, p.db.url);
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it("five wrong passwords from five IPs do not lock the KYC officer out of the officer's usual IP", async () => {
    const officer = platform.emails.kyc;
    expect((await attempt(p, officer, TEST_PASSWORD, '10.1.0.1')).status).toBe(200); // the officer's usual place
    for (let i = 0; i < 5; i++) expect((await attempt(p, officer, 'wrong password!', `203.0.113.${10 + i}`)).status).toBe(401);
    // guesses from a new place are slowed down (429 with Retry-After), not answered
    const slowed = await attempt(p, officer, 'still wrong!!', '198.51.100.7');
    expect(slowed.status).toBe(429);
    expect(slowed.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    // the officer, at the usual place, with the right password: in
    expect((await attempt(p, officer, TEST_PASSWORD, '10.1.0.1')).status).toBe(200);
  });

  it('a guesser at one address locks only itself out of that account (right password included); the user elsewhere gets in', async () => {
    const auditor = platform.emails.auditor;
    expect((await attempt(p, auditor, TEST_PASSWORD, '10.2.0.1')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt(p, auditor, 'wrong password!', '203.0.113.99')).status).toBe(401);
    const locked = await attempt(p, auditor, TEST_PASSWORD, '203.0.113.99');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt(p, auditor, TEST_PASSWORD, '10.2.0.1')).status).toBe(200);
  });
});

describe('X-Forwarded-For is believed only from TRUST_PROXY', () => {
  let p: TestPlatform;

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false, env: { TRUST_PROXY: '', VERIFY_RATE_PER_MINUTE: '3' } });
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('without TRUST_PROXY a forged X-Forwarded-For does not give a client a fresh address (rate limits hold)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await client(p.baseUrl).post('/api/v1/verify', { sha256: `0x${'ab'.repeat(32)}` }, { 'x-forwarded-for': `198.51.100.${i}` });
      statuses.push(r.status);
    }
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
  });
});
