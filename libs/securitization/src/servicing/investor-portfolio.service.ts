import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { formatAmount, type Principal } from '#core';
import { OrganizationAccess, ParticipantDirectory } from '#identity';
import { StatementLineKind, StatementLineState, StatementSources, type StatementFlow, type StatementFlowSource } from '#settlement';
import { PayoutState } from './period-run.entity.js';

export class TrancheHoldingDto {
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty() dealName: string;
  @ApiProperty({ description: 'the tranche class, e.g. A, B, EQUITY' }) tranche: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'notes allocated to the investor, face in minor units' }) allocatedMinor: string;
  @ApiProperty({ description: 'what the investor ordered, minor units' }) orderedMinor: string;
  @ApiProperty({ description: 'distributions paid on this tranche to the investor, minor units' }) distributedMinor: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "notes delivered to the investor's wallet, face in minor units: the allocation once its DvP step of the deal's closing is DONE (settled on chain); null before",
  })
  noteBalanceMinor: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['REQUESTED', 'ASSETS_SOLD', 'NOTES_ISSUED', 'CLOSED', 'FAILED'], description: "the deal's closing state, null before closing" })
  closingState: string | null;
}

export class DistributionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() dealName: string;
  @ApiProperty() period: number;
  @ApiProperty({ description: 'YYYY-MM-DD' }) distributionDate: string;
  @ApiProperty() tranche: string;
  @ApiProperty() currency: string;
  @ApiProperty() interestMinor: string;
  @ApiProperty() principalMinor: string;
  @ApiProperty() amountMinor: string;
  @ApiProperty({ enum: PayoutState, enumName: 'PayoutState' }) state: PayoutState;
  @ApiProperty({ nullable: true, type: String }) txHash: string | null;
}

export class InvestorPortfolioDto {
  @ApiProperty({ type: [TrancheHoldingDto] }) holdings: TrancheHoldingDto[];
  @ApiProperty({ type: [DistributionDto], description: 'newest first' }) distributions: DistributionDto[];
}

interface HoldingRow {
  deal_id: string;
  deal_name: string;
  tranche: string;
  currency: string;
  allocated: string | null;
  ordered: string;
  settled: boolean;
  closing_state: string | null;
}

interface PayoutRow {
  id: string;
  deal_id: string;
  deal_name: string;
  period: number;
  distribution_date: string;
  tranche: string;
  currency: string;
  interest_minor: string;
  principal_minor: string;
  amount_minor: string;
  state: PayoutState;
  tx_hash: string | null;
  at: Date;
}

const PAYOUTS_LISTED = 500;

/**
 * An investor's side of securitization: its notes per tranche (the allocations of its
 * subscription orders; once the deal's closing settled an order's DvP step, the note balance
 * delivered, from the DONE `dvp:<orderId>` step recorded in the confirming transaction — the
 * closing reconciliation checks these against the TrancheToken balances on chain) and the distributions the deals' vaults paid to its wallets. The
 * distributions also go to the organization's statement.
 */
@Injectable()
export class InvestorPortfolioService implements StatementFlowSource, OnModuleInit {
  readonly name = 'securitization.distributions';

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrganizationAccess,
    private readonly participants: ParticipantDirectory,
    private readonly sources: StatementSources,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  async portfolio(p: Principal, organizationId: string): Promise<InvestorPortfolioDto> {
    await this.access.readable(p, organizationId);
    const [holdings, payouts] = await Promise.all([
      this.dataSource.query<HoldingRow[]>(
        `SELECT t.deal_id, COALESCE(d.name, 'unnamed deal') AS deal_name, t.class_name AS tranche, t.currency, o.allocated_minor AS allocated, o.amount_minor AS ordered,
                c.state AS closing_state,
                EXISTS (SELECT 1 FROM deal_closing_steps s WHERE s.closing_id = c.id AND s.key = 'dvp:' || o.id::text AND s.state = 'DONE') AS settled
           FROM subscription_orders o
           JOIN tranche_offerings t ON t.id = o.offering_id
           LEFT JOIN deals d ON d.id = t.deal_id
           LEFT JOIN deal_closings c ON c.deal_id = t.deal_id
          WHERE o.investor_org_id = $1
          ORDER BY deal_name, t.class_name`,
        [organizationId],
      ),
      this.payouts(organizationId),
    ]);
    const paid = new Map<string, bigint>();
    for (const x of payouts) {
      if (x.state !== PayoutState.PAID) continue;
      const key = `${x.deal_id}:${x.tranche}`;
      paid.set(key, (paid.get(key) ?? 0n) + BigInt(x.amount_minor));
    }
    return {
      holdings: holdings.map((h) => ({
        dealId: h.deal_id,
        dealName: h.deal_name,
        tranche: h.tranche,
        currency: h.currency,
        allocatedMinor: h.allocated ?? '0',
        orderedMinor: h.ordered,
        distributedMinor: (paid.get(`${h.deal_id}:${h.tranche}`) ?? 0n).toString(),
        noteBalanceMinor: h.settled ? (h.allocated ?? '0') : null,
        closingState: h.closing_state,
      })),
      distributions: payouts.map((x) => ({
        id: x.id,
        dealName: x.deal_name,
        period: x.period,
        distributionDate: x.distribution_date,
        tranche: x.tranche,
        currency: x.currency,
        interestMinor: x.interest_minor,
        principalMinor: x.principal_minor,
        amountMinor: x.amount_minor,
        state: x.state,
        txHash: x.tx_hash,
      })),
    };
  }

  async flowsOf(organizationId: string): Promise<StatementFlow[]> {
    return (await this.payouts(organizationId)).map((x) => ({
      id: x.id,
      at: new Date(x.at),
      kind: StatementLineKind.DISTRIBUTION_RECEIVED,
      direction: 'IN' as const,
      amountMinor: BigInt(x.amount_minor),
      currency: x.currency,
      state: x.state === PayoutState.PAID ? StatementLineState.CONFIRMED : x.state === PayoutState.FAILED ? StatementLineState.FAILED : StatementLineState.PENDING,
      counterpartyOrgId: null,
      counterpartyLabel: `${x.deal_name} (vault)`,
      billId: null,
      invoiceNumber: null,
      reference: x.tx_hash,
      assetLeg: `tranche ${x.tranche}, period ${x.period}: interest ${formatAmount(BigInt(x.interest_minor), x.currency)}, principal ${formatAmount(BigInt(x.principal_minor), x.currency)}`,
    }));
  }

  /** Payouts to any wallet of the organization, newest first (a run may name a deal by id only: the servicing tests do). */
  private async payouts(organizationId: string): Promise<PayoutRow[]> {
    const wallets = (await this.participants.wallets(undefined, [organizationId])).map((w) => w.address.toLowerCase());
    if (wallets.length === 0) return [];
    return this.dataSource.query<PayoutRow[]>(
      `SELECT x.id, r.deal_id, COALESCE(d.name, 'unnamed deal') AS deal_name, r.period, r.distribution_date, x.tranche, r.currency, x.interest_minor, x.principal_minor,
              x.amount_minor, x.state, x.tx_hash, x.updated_at AS at
         FROM servicing_payouts x
         JOIN servicing_period_runs r ON r.id = x.run_id
         LEFT JOIN deals d ON d.id = r.deal_id
        WHERE lower(x.holder) = ANY($1)
        ORDER BY x.updated_at DESC, x.id
        LIMIT ${PAYOUTS_LISTED}`,
      [wallets],
    );
  }
}
