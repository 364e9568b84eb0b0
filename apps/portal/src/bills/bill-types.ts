/**
 * Shapes of the bills, financing and settlement endpoints of the Tally API, as the portal uses
 * them (`libs/bills/src/dto/*.ts`, `libs/settlement/src/settlement.dto.ts`,
 * `libs/bills/src/ubl/ubl-import.service.ts`).
 *
 * Hand-written like `api/types.ts`, and meant to be replaced by the same generated client
 * (convention 16): plain data types only. Amounts are decimal strings of integer minor units.
 */

export const BILL_STATES = ['DRAFT', 'ISSUED', 'ACCEPTED', 'PAID', 'OVERDUE', 'DEFAULTED', 'CANCELLED'] as const;
export type BillState = (typeof BILL_STATES)[number];

export const ENCUMBRANCES = ['NONE', 'FINANCED', 'PLEDGED', 'POOLED'] as const;
export type Encumbrance = (typeof ENCUMBRANCES)[number];
/** Neither financed, pledged nor pooled. */
export const UNENCUMBERED: Encumbrance = ENCUMBRANCES[0];

export type BillChainStatus = 'NOT_ON_CHAIN' | 'PENDING' | 'ON_CHAIN' | 'BURNED';

/** What a user may do with a bill (`allowedActions`: the API's lifecycle table decides; the portal shows exactly those). */
export type BillActionName = 'accept' | 'reject' | 'cancel' | 'transfer' | 'split' | 'request-financing' | 'finance' | 'pay';

/** `GET /api/v1/bills` items. */
export interface Bill {
  id: string;
  supplierOrganizationId: string;
  buyerOrganizationId: string;
  holderOrganizationId: string;
  invoiceNumber: string;
  /** Face amount, minor units. */
  faceAmountMinor: string;
  currency: string;
  /** `YYYY-MM-DD` */
  issueDate: string;
  /** `YYYY-MM-DD` */
  dueDate: string;
  state: BillState;
  encumbrance: Encumbrance;
  fingerprint: string;
  parentBillId: string | null;
  documentId: string | null;
  /** 0x-prefixed SHA-256 of the bill's document (the UBL XML of an import). */
  documentSha256: string | null;
  chainStatus: BillChainStatus;
  /** ERC-721 token id, decimal string. */
  tokenId: string;
  /** The on-chain action in flight (`issue`, `accept`, `finance`...); null once the outbox confirmed it. */
  pendingAction: string | null;
  supersededAt: string | null;
  autoDebit: boolean;
  version: number;
  /** The actions the caller may take now, computed by the API for the caller's organization and roles. */
  allowedActions: BillActionName[];
  /** Legal names of the bill's parties (list and detail reads). */
  supplierName?: string;
  buyerName?: string;
  holderName?: string;
}

/** One step of a bill's lifecycle: `<action>.requested` by a user, then `.confirmed` / `.failed` by the outbox. */
export interface BillEvent {
  action: string;
  at: string;
  actorUserId: string | null;
  actorOrganizationId: string | null;
  chainJobId: string | null;
  txHash: string | null;
  payload: Record<string, unknown>;
}

/**
 * `GET /api/v1/bills/:id`. `timeline` is optional here because react-admin shows the list's
 * record (which has none) while the page's own answer loads.
 */
export interface BillDetail extends Bill {
  timeline?: BillEvent[];
}

/** `GET /api/v1/bills` filters. */
export interface BillListFilter {
  state?: BillState;
  counterpartyId?: string;
  holderId?: string;
  dueFrom?: string;
  dueTo?: string;
}

/** `POST /api/v1/bills/:id/accept` (no signature: the buyer's custodial wallet signs). */
export interface AcceptBillRequest {
  autoDebit?: boolean;
}

/** `POST /api/v1/bills/:id/reject` and `/cancel` */
export interface BillReasonRequest {
  reason: string;
}

/** `POST /api/v1/bills/:id/transfer` */
export interface TransferBillRequest {
  toOrganizationId: string;
}

/** `POST /api/v1/bills/:id/split` */
export interface SplitBillRequest {
  amountsMinor: string[];
}

/** `POST /api/v1/bills/:id/financing-requests` */
export interface FinancingRequest {
  id: string;
  billId: string;
  requestedByOrganizationId: string;
  state: 'OPEN' | 'CLOSED';
  createdAt: string;
}

export const DAY_COUNTS = ['ACT/360', 'ACT/365'] as const;
export type DayCount = (typeof DAY_COUNTS)[number];

/** `POST /api/v1/financing/requests/:id/offers` */
export interface MakeOfferRequest {
  advanceRateBps: number;
  annualDiscountRateBps: number;
  feesMinor: string;
  dayCount: DayCount;
  /** ISO 8601 date-time. */
  expiresAt: string;
}

/** An offer with the server's exact quote. */
export interface Offer {
  id: string;
  requestId: string;
  billId: string;
  financierOrganizationId: string;
  advanceRateBps: number;
  annualDiscountRateBps: number;
  feesMinor: string;
  dayCount: DayCount;
  valueDate: string;
  tenorDays: number;
  advanceAmountMinor: string;
  discountMinor: string;
  /** Paid to the holder at settlement. */
  netProceedsMinor: string;
  expiresAt: string;
  state: string;
  /** `accept` when the caller (the holder's admin) may accept it now. */
  allowedActions: 'accept'[];
}

/** `POST /api/v1/financing/offers/:id/accept` */
export interface Financing {
  id: string;
  billId: string;
  offerId: string;
  priceMinor: string;
  currency: string;
  state: 'SETTLING' | 'SETTLED' | 'FAILED';
  failureReason: string | null;
}

/** One element of `GET /api/v1/bills/marketplace` (an array). */
export interface MarketplaceItem {
  request: FinancingRequest;
  bill: Bill;
}

/** One element of `GET /api/v1/settlement/organizations/:id/balances` (an array). */
export interface Balance {
  currency: string;
  /** On-chain balance of the organization's settlement account, minor units. */
  balanceMinor: string;
  wallet: string;
}

/** The error of one file in a UBL import (the API's error body without the request id). */
export interface UblImportError {
  statusCode: number;
  code?: string;
  message: string;
  details?: unknown;
}

/** One file of `POST /api/v1/bills/import/ubl`. */
export interface UblImportResult {
  file: string;
  ok: boolean;
  bill?: Bill;
  error?: UblImportError;
}
