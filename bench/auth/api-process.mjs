// One more Tally API process for bench/auth/run.mjs: the built application (dist/), attached to
// the embedded PostgreSQL and anvil of a running Tally (same TALLY_HOME, same JWT secret), without
// the outbox worker. BENCH_GUARD picks the variant:
//
//   real  the application exactly as shipped: the global AccessGuard (passport-jwt + policy)
//   stub  the same application with AccessGuard.canActivate replaced by a stub that puts a fixed
//         principal (BENCH_PRINCIPAL, JSON) on the request and lets it through: no token parsing,
//         no signature check, no policy; everything after the guard is the same code
//
// It prints `READY <variant>` once listening. Not meant to be started by hand.
import 'reflect-metadata';
import { AccessGuard } from '#identity';
import { launch } from '#platform';
import { createApiApp } from '../../dist/apps/api/src/api.app.js';

const variant = process.env.BENCH_GUARD;
if (variant !== 'real' && variant !== 'stub') {
  process.stderr.write('BENCH_GUARD must be real or stub\n');
  process.exit(2);
}

if (variant === 'stub') {
  const principal = JSON.parse(process.env.BENCH_PRINCIPAL ?? 'null');
  if (!principal?.userId || !principal?.organizationId || !Array.isArray(principal.roles)) {
    process.stderr.write('BENCH_PRINCIPAL must be a JSON principal {userId, email, organizationId, roles}\n');
    process.exit(2);
  }
  // what the real guard leaves behind on success, and nothing else
  AccessGuard.prototype.canActivate = function canActivateStub(ctx) {
    const req = ctx.switchToHttp().getRequest();
    req.user = principal;
    req.principal = principal;
    return true;
  };
}

await launch(
  `api-bench-${variant}`,
  async (config, runtime, logger) => {
    const app = await createApiApp({ config, runtime, logger, worker: false });
    await app.listen(config.port, config.host);
    process.stdout.write(`READY ${variant}\n`);
    return app;
  },
  { embedded: 'attach' },
);
