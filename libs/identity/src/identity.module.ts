import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard } from './auth/access.guard.js';
import { AuthService } from './auth/auth.service.js';
import { AccessTokenVerifier } from './auth/access-token.verifier.js';
import { LocalStrategy } from './auth/local.strategy.js';
import { LoginThrottleService } from './auth/login-throttle.service.js';
import { TokenService } from './auth/token.service.js';
import { SessionCheckService } from './auth/session-check.service.js';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options.js';
import { KycExpiryScheduler } from './kyc/kyc-expiry.scheduler.js';
import { KycService } from './kyc/kyc.service.js';
import { KycDocumentsService } from './kyc/kyc-documents.service.js';
import { OrganizationAccess } from './organizations/organization-access.js';
import { CounterpartyDirectoryService } from './organizations/counterparty-directory.service.js';
import { OrganizationsService } from './organizations/organizations.service.js';
import { ParticipantDirectory } from './participants/participant-directory.service.js';
import { ScreeningService } from './screening/screening.service.js';
import { DemoSeedService } from './seed/demo-seed.service.js';
import { UsersService } from './users/users.service.js';
import { InvitesService } from './users/invites.service.js';
import { IdentityRegisterJobHandler, IdentityRemoveJobHandler } from './wallets/wallet-jobs.js';
import { WalletsService } from './wallets/wallets.service.js';

const SERVICES = [
  OrganizationAccess,
  OrganizationsService,
  CounterpartyDirectoryService,
  KycService,
  KycDocumentsService,
  ScreeningService,
  UsersService,
  InvitesService,
  AuthService,
  TokenService,
  SessionCheckService,
  LoginThrottleService,
  WalletsService,
  ParticipantDirectory,
  DemoSeedService,
];

/** Participants and access: organizations, KYC, users, authentication, wallets, the policy guard. */
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityOptions): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      imports: [PassportModule, JwtModule.register({ secret: options.jwtSecret, signOptions: { algorithm: 'HS256' } })],
      providers: [
        { provide: IDENTITY_OPTIONS, useValue: options },
        ...SERVICES,
        LocalStrategy,
        AccessTokenVerifier,
        IdentityRegisterJobHandler,
        IdentityRemoveJobHandler,
        KycExpiryScheduler,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      // the verifier too: a route-level body parser asks it before it reads a large body (BulkHashesBodyParser)
      exports: [...SERVICES, AccessTokenVerifier],
    };
  }
}
