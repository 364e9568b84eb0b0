import type { NextFunction, Request, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

type HeaderOp = { set: [string, string | string[]] } | { remove: string };

/**
 * helmet's security headers, worked out once: helmet runs a chain of eleven middlewares per
 * request, each validating and setting its header. With a fixed policy (no per-request nonce)
 * the headers never change, so helmet runs here once against a recording response, and the
 * middleware replays the same set/remove operations on every response.
 */
export function securityHeaders(options: HelmetOptions): (req: Request, res: Response, next: NextFunction) => void {
  const ops: HeaderOp[] = [];
  const recorder = {
    setHeader(name: string, value: string | string[]) {
      ops.push({ set: [name, value] });
      return recorder;
    },
    removeHeader(name: string) {
      ops.push({ remove: name });
    },
    getHeader: () => undefined,
  };
  let done = false;
  helmet(options)({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be worked out once');
  return (_req, res, next) => {
    for (const op of ops) {
      if ('set' in op) res.setHeader(op.set[0], op.set[1]);
      else res.removeHeader(op.remove);
    }
    next();
  };
}
