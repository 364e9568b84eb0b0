import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import type { UserEntity } from '../users/user.entity.js';
import { AuthService } from './auth.service.js';

/** passport-local: `{email, password}` → the user, through the throttled check. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  validate(req: Request, email: string, password: string): Promise<UserEntity> {
    return this.auth.validatePassword(email, password, req.ip ?? 'unknown');
  }
}
