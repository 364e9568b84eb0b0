export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

export interface IdentityOptions {
  jwtSecret: string;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  lockoutSec: number;
  sanctionsListFile: string;
  screeningThreshold: number;
  /** 32 bytes hex */
  walletMasterKey: string;
  kycExpiryCheckMs: number;
  /** Outbound mail spool (invites). */
  mailDir: string;
  inviteTtlSec: number;
  publicUrl: string;
  /** Run schedules (KYC expiry) in this process: where the outbox worker runs. */
  schedules: boolean;
}
