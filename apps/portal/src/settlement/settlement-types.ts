import type { components } from '../api/schema';

type Schemas = components['schemas'];

/** Shapes of the settlement endpoints the portal uses (`libs/settlement/src/settlement.dto.ts`). */
export type MovementKind = 'DEPOSIT' | 'WITHDRAWAL';

export interface Movement {
  id: string;
  kind: MovementKind;
  organizationId: string;
  /** Positive integer of minor units, as a decimal string. */
  amountMinor: string;
  currency: string;
  reference: string;
  state: 'PENDING' | 'CONFIRMED' | 'FAILED';
  failureReason: string | null;
  createdAt: string;
}

export interface RecordMovementRequest {
  organizationId: string;
  currency: string;
  amountMinor: string;
  reference: string;
}

/** Currencies with a settlement token (`SETTLEMENT_CURRENCIES` of the API). */
export const SETTLEMENT_CURRENCIES = ['EUR', 'USD', 'GBP'] as const;

/** `GET /settlement/organizations/:id/statement`: every flow of the account, newest first, with per-currency totals. */
export type Statement = Schemas['StatementDto'];
export type StatementLine = Schemas['StatementLineDto'];
export type StatementLineKind = StatementLine['kind'];
