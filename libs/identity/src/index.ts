import { LoginThrottleEntity } from './auth/login-throttle.entity.js';
import { RefreshTokenEntity } from './auth/refresh-token.entity.js';
import { IdentityFoundation1763785000000 } from './migrations/1763785000000-IdentityFoundation.js';
import { OrganizationVatId1763799000000 } from './migrations/1763799000000-OrganizationVatId.js';
import { UserTokenVersion1764863418000 } from './migrations/1764863418000-UserTokenVersion.js';
import { UserInvites1764863419000 } from './migrations/1764863419000-UserInvites.js';
import { UserInviteEntity } from './users/user-invite.entity.js';
import { OrganizationEntity } from './organizations/organization.entity.js';
import { ScreeningDecisionEntity } from './screening/screening-decision.entity.js';
import { ScreeningRunEntity } from './screening/screening-run.entity.js';
import { UserEntity } from './users/user.entity.js';
import { WalletChallengeEntity } from './wallets/wallet-challenge.entity.js';
import { WalletEntity } from './wallets/wallet.entity.js';

export { IdentityModule } from './identity.module.js';
export { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options.js';
export { IdentityErrorCode, IdentityException, IDENTITY_ERROR_STATUS } from './identity.errors.js';
export { OrganizationEntity, OrganizationRole, KycState } from './organizations/organization.entity.js';
export { OrganizationAccess } from './organizations/organization-access.js';
export { ApprovedOrganizationGuard } from './organizations/approved-organization.guard.js';
export { VisibleOrganizationGuard } from './organizations/visible-organization.guard.js';
export { AccessTokenVerifier, bearerTokenOf } from './auth/access-token.verifier.js';
export { OrganizationsService, type KycStanding } from './organizations/organizations.service.js';
export { CounterpartyDirectoryService, CounterpartyDto, COUNTERPARTY_LIMIT } from './organizations/counterparty-directory.service.js';
export {
  ParticipantDirectory,
  type Participant,
  type ParticipantIdentifiers,
  type ParticipantWallet,
  type VerifiedWallet,
} from './participants/participant-directory.service.js';
export { isValidLei, leiCheckDigits } from './organizations/lei.util.js';
export { KycService } from './kyc/kyc.service.js';
export { KycDocumentsService } from './kyc/kyc-documents.service.js';
export { KYC_TRANSITIONS, nextKycState, type KycAction } from './kyc/kyc-state-machine.js';
export { UserEntity } from './users/user.entity.js';
export { UsersService } from './users/users.service.js';
export { InvitesService, NO_PASSWORD_YET } from './users/invites.service.js';
export { UserInviteEntity } from './users/user-invite.entity.js';
export { AuthService } from './auth/auth.service.js';
export { SessionCheckService, SESSION_CHECK_TTL_MS } from './auth/session-check.service.js';
export { ARGON2_PARAMS, PasswordHasher } from './auth/password-hasher.js';
export { WalletEntity, WalletKind, WalletChainStatus } from './wallets/wallet.entity.js';
export { WalletsService } from './wallets/wallets.service.js';
export { IDENTITY_REGISTER_JOB, IDENTITY_REMOVE_JOB } from './wallets/wallet-jobs.js';
export { DemoSeedService, DEMO_ORGS, demoLei } from './seed/demo-seed.service.js';
export { normaliseVatId } from './organizations/organization.validators.js';
export * from './dto/organization.dto.js';
export * from './dto/user.dto.js';
export * from './dto/wallet.dto.js';

export const IDENTITY_ENTITIES = [
  OrganizationEntity,
  UserEntity,
  RefreshTokenEntity,
  LoginThrottleEntity,
  ScreeningRunEntity,
  ScreeningDecisionEntity,
  WalletEntity,
  WalletChallengeEntity,
  UserInviteEntity,
];
export const IDENTITY_MIGRATIONS = [IdentityFoundation1763785000000, OrganizationVatId1763799000000, UserTokenVersion1764863418000, UserInvites1764863419000];
