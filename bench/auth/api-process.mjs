// The two extra Tally API processes of bench/auth/run.mjs, built from dist/, attached to the
// embedded platform that `dist/apps/api/src/main.js` started. BENCH_PROCESS picks one:
//
//   real  a second API process attached to the PostgreSQL and anvil of `main` (same TALLY_HOME,
//         same JWT secret), without the outbox worker: the application exactly as shipped
//   stub  the same as real, with AccessGuard.canActivate replaced by a stub that puts a fixed
//         principal (BENCH_PRINCIPAL, JSON) on the request and lets it through: no token parsing,
//         no signature check, no policy; everything after the guard is the same code
//
// Prints `READY <process>` once listening. Not meant to be started by hand.
import 'reflect-metadata';
import { launch } from '#platform';
import { createApiApp } from '../../dist/apps/api/src/api.app.js';
// not exported by #identity; the same module instance the identity module registers as APP_GUARD
import { AccessGuard } from '../../dist/libs/identity/src/auth/access.guard.js';

const kind = process.env.BENCH_PROCESS;
if (!['real', 'stub'].includes(kind)) {
  process.stderr.write('BENCH_PROCESS must be real or stub\n');
  process.exit(2);
}

if (kind === 'stub') {
  const principal = JSON.parse(process.env.BENCH_PRINCIPAL ?? 'null');
  if (!principal?.userId || !principal?.organizationId || !Array.isArray(principal.roles)) {
    process.stderr.write('BENCH_PRINCIPAL must be a JSON principal {userId, email, organizationId, roles}\n');
    process.exit(2);
  }
  // what the real guard leaves on the request when it lets a call through, and nothing else
  AccessGuard.prototype.canActivate = function canActivateStub(ctx) {
    const req = ctx.switchToHttp().getRequest();
    req.user = principal;
    req.principal = principal;
    return true;
  };
}

await launch(
  `api-bench-${kind}`,
  async (config, runtime, logger) => {
    const app = await createApiApp({ config, runtime, logger, worker: false });
    await app.listen(config.port, config.host);
    process.stdout.write(`READY ${kind}\n`);
    return app;
  },
  { embedded: 'attach' },
);
