import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StatementLineKind, StatementSources, type StatementFlow, type StatementFlowSource, StatementLineState } from '#settlement';
import { FinancingState } from './financing.entities.js';

const STATE: Record<FinancingState, StatementLineState> = {
  [FinancingState.SETTLING]: StatementLineState.PENDING,
  [FinancingState.SETTLED]: StatementLineState.CONFIRMED,
  [FinancingState.FAILED]: StatementLineState.FAILED,
};

/** How many financings and payments of one organization a statement reads, each (newest first). */
const ROWS_MAX = 1_000;

interface FinancingRow {
  id: string;
  at: Date;
  state: FinancingState;
  price_minor: string;
  currency: string;
  seller_org_id: string;
  financier_org_id: string;
  bill_id: string;
  invoice_number: string;
}

interface PaymentRow {
  id: string;
  at: Date;
  state: FinancingState;
  amount_minor: string;
  currency: string;
  obligor_org_id: string;
  payee_org_id: string;
  bill_id: string;
  invoice_number: string;
  repayment: boolean;
}

/**
 * The bills' side of the statement: each financing's purchase price (the DvP's cash leg, the bill
 * token its other leg) and each payment of a bill by its obligor — a repayment when the payee is
 * the bill's financier, a bill payment otherwise — for both parties of each.
 */
@Injectable()
export class FinancingStatementSource implements StatementFlowSource, OnModuleInit {
  readonly name = 'bills';

  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: StatementSources,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  async flowsOf(organizationId: string): Promise<StatementFlow[]> {
    const [financings, payments] = await Promise.all([
      this.dataSource.query<FinancingRow[]>(
        `SELECT f.id, f.updated_at AS at, f.state, f.price_minor, f.currency, f.seller_org_id, f.financier_org_id, b.id AS bill_id, b.invoice_number
           FROM financings f JOIN bills b ON b.id = f.bill_id
          WHERE f.seller_org_id = $1 OR f.financier_org_id = $1
          ORDER BY f.updated_at DESC LIMIT ${ROWS_MAX}`,
        [organizationId],
      ),
      this.dataSource.query<PaymentRow[]>(
        `SELECT p.id, p.updated_at AS at, p.state, p.amount_minor, b.currency, p.obligor_org_id, p.payee_org_id, b.id AS bill_id, b.invoice_number,
                EXISTS (SELECT 1 FROM financings f WHERE f.bill_id = p.bill_id AND f.state = $2 AND f.financier_org_id = p.payee_org_id) AS repayment
           FROM bill_payments p JOIN bills b ON b.id = p.bill_id
          WHERE p.obligor_org_id = $1 OR p.payee_org_id = $1
          ORDER BY p.updated_at DESC LIMIT ${ROWS_MAX}`,
        [organizationId, FinancingState.SETTLED],
      ),
    ]);
    const flows: StatementFlow[] = [];
    for (const f of financings) {
      // a financier financing its own sale cannot happen (the DvP refuses it); both sides are listed when it is the caller's
      if (f.financier_org_id === organizationId) {
        flows.push(this.flow(f, 'OUT', StatementLineKind.FINANCING_PAID, f.seller_org_id, f.price_minor, `bill token ${f.invoice_number} received from the seller`));
      }
      if (f.seller_org_id === organizationId) {
        flows.push(this.flow(f, 'IN', StatementLineKind.FINANCING_RECEIVED, f.financier_org_id, f.price_minor, `bill token ${f.invoice_number} delivered to the financier`));
      }
    }
    for (const p of payments) {
      const leg = `bill ${p.invoice_number} paid and its token burned`;
      if (p.obligor_org_id === organizationId) {
        flows.push(this.flow(p, 'OUT', p.repayment ? StatementLineKind.REPAYMENT_PAID : StatementLineKind.BILL_PAYMENT_PAID, p.payee_org_id, p.amount_minor, leg));
      }
      if (p.payee_org_id === organizationId) {
        flows.push(this.flow(p, 'IN', p.repayment ? StatementLineKind.REPAYMENT_RECEIVED : StatementLineKind.BILL_PAYMENT_RECEIVED, p.obligor_org_id, p.amount_minor, leg));
      }
    }
    return flows;
  }

  private flow(
    row: { id: string; at: Date; state: FinancingState; currency: string; bill_id: string; invoice_number: string },
    direction: 'IN' | 'OUT',
    kind: StatementLineKind,
    counterpartyOrgId: string,
    amountMinor: string,
    assetLeg: string,
  ): StatementFlow {
    return {
      id: `${row.id}:${direction}`,
      at: new Date(row.at),
      kind,
      direction,
      amountMinor: BigInt(amountMinor),
      currency: row.currency,
      state: STATE[row.state],
      counterpartyOrgId,
      counterpartyLabel: null,
      billId: row.bill_id,
      invoiceNumber: row.invoice_number,
      reference: null,
      assetLeg,
    };
  }
}
