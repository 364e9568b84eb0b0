import type { NextFunction, Request, Response } from 'express';

/**
 * `Cache-Control: no-store` on every API answer: tokens (login, refresh), and every other
 * organization's private data, must never sit in a browser or proxy cache. A route that serves
 * something cacheable sets its own header.
 */
export function noStore() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/api/')) {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Pragma', 'no-cache');
    }
    next();
  };
}
