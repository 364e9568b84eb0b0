import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityHeaders } from './security-headers.js';

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], upgradeInsecureRequests: null } },
};

/** Two real Express servers, one with helmet, one with the precomputed headers; the same route. */
describe('securityHeaders', () => {
  const servers: Server[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    for (const mw of [helmet(OPTIONS), securityHeaders(OPTIONS)]) {
      const app = express();
      app.disable('x-powered-by');
      app.use(mw);
      app.get('/x', (_req, res) => {
        res.json({ ok: true });
      });
      const server = await new Promise<Server>((r) => {
        const s = app.listen(0, '127.0.0.1', () => r(s));
      });
      servers.push(server);
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
    }
  });

  afterAll(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
  });

  const headersOf = async (url: string) => {
    const res = await fetch(url);
    await res.text();
    const h = Object.fromEntries(res.headers.entries());
    delete h.date; // the clock
    delete h.etag; // same body, same etag; kept out to compare only what helmet decides
    return h;
  };

  it('sends exactly the headers helmet sends, on every response', async () => {
    const viaHelmet = await headersOf(urls[0]!);
    expect(viaHelmet['content-security-policy']).toContain("default-src 'self'");
    expect(viaHelmet['x-content-type-options']).toBe('nosniff');
    expect(await headersOf(urls[1]!)).toEqual(viaHelmet);
    expect(await headersOf(urls[1]!)).toEqual(viaHelmet);
  });
});
