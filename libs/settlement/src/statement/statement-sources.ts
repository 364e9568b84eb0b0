import { Injectable } from '@nestjs/common';

/** What moved on an organization's settlement account, and why. */
export enum StatementLineKind {
  DEPOSIT = 'DEPOSIT',
  WITHDRAWAL = 'WITHDRAWAL',
  /** The financier paid the purchase price of a bill (DvP: cash out, bill token in). */
  FINANCING_PAID = 'FINANCING_PAID',
  /** The seller received the purchase price (DvP: cash in, bill token out). */
  FINANCING_RECEIVED = 'FINANCING_RECEIVED',
  /** The obligor paid a financed bill to its financier. */
  REPAYMENT_PAID = 'REPAYMENT_PAID',
  REPAYMENT_RECEIVED = 'REPAYMENT_RECEIVED',
  /** The obligor paid a bill to a holder that had not financed it. */
  BILL_PAYMENT_PAID = 'BILL_PAYMENT_PAID',
  BILL_PAYMENT_RECEIVED = 'BILL_PAYMENT_RECEIVED',
  /** A securitization vault paid a tranche holder (interest and principal). */
  DISTRIBUTION_RECEIVED = 'DISTRIBUTION_RECEIVED',
}

export enum StatementLineState {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  FAILED = 'FAILED',
}

/** One flow as its owning lib reports it; the statement adds the counterparty's name. */
export interface StatementFlow {
  id: string;
  at: Date;
  kind: StatementLineKind;
  direction: 'IN' | 'OUT';
  amountMinor: bigint;
  currency: string;
  state: StatementLineState;
  /** The other side of the cash leg, when it is an organization. */
  counterpartyOrgId: string | null;
  /** Shown when there is no counterparty organization (e.g. "settlement agent", a deal's vault). */
  counterpartyLabel: string | null;
  billId: string | null;
  invoiceNumber: string | null;
  /** The bank's or the chain's reference of the movement. */
  reference: string | null;
  /** The other leg of a DvP, in words ("bill token delivered to ..."); null for plain cash. */
  assetLeg: string | null;
}

/** A lib whose tables hold cash flows of settlement accounts (bills: financings and payments; securitization: payouts). */
export interface StatementFlowSource {
  readonly name: string;
  flowsOf(organizationId: string): Promise<StatementFlow[]>;
}

/**
 * The libs that move settlement tokens register here, so that the statement lists their flows
 * without settlement reading their tables (each lib owns its tables) or depending on them.
 */
@Injectable()
export class StatementSources {
  private readonly sources = new Map<string, StatementFlowSource>();

  register(source: StatementFlowSource): void {
    this.sources.set(source.name, source);
  }

  all(): StatementFlowSource[] {
    return [...this.sources.values()];
  }
}
