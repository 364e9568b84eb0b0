import { BadRequestException, Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/** passport-local behind a shape check, so a malformed body is a 400, not a 401. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override canActivate(ctx: ExecutionContext) {
    const body = ctx.switchToHttp().getRequest<{ body?: Record<string, unknown> }>().body ?? {};
    const details: { field: string; errors: string[] }[] = [];
    if (typeof body.email !== 'string' || body.email.length < 3 || body.email.length > 320) details.push({ field: 'email', errors: ['email must be a string'] });
    if (typeof body.password !== 'string' || body.password.length < 1 || body.password.length > 1024) details.push({ field: 'password', errors: ['password must be a string'] });
    const unknown = Object.keys(body).filter((k) => k !== 'email' && k !== 'password');
    for (const k of unknown) details.push({ field: k, errors: [`property ${k} should not exist`] });
    if (details.length) throw new BadRequestException({ message: details.flatMap((d) => d.errors).join('; '), code: 'VALIDATION_FAILED', details });
    return super.canActivate(ctx);
  }
}
