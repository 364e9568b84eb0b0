import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const API_PATHS = /^\/(api|health|metrics)(\/|$)/;

/** Serves the built portal at `/`; any other non-API page gets index.html (client-side routing). */
export function mountPortal(app: NestExpressApplication, portalDir: string): void {
  const index = join(portalDir, 'index.html');
  const built = existsSync(index);
  if (built) app.useStaticAssets(portalDir, { index: false, maxAge: '1h', immutable: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !req.accepts('html')) return next();
    if (!built) {
      res.status(503).type('text/plain').send('The portal is not built: run `npm run build:portal`.\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
