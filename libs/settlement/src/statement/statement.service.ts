import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#core';
import { OrganizationAccess, ParticipantDirectory } from '#identity';
import { MovementKind, MovementState, SettlementMovementEntity } from '../settlement-movement.entity.js';
import { renderStatementPdf } from './statement-pdf.renderer.js';
import { StatementLineKind, StatementLineState, StatementSources, type StatementFlow } from './statement-sources.js';
import type { StatementDto, StatementLineDto, StatementTotalDto } from './statement.dto.js';

/** The most lines one statement lists (newest first); the totals cover the listed lines. */
export const STATEMENT_LINES_MAX = 1_000;

const MOVEMENT_STATE: Record<MovementState, StatementFlow['state']> = {
  [MovementState.PENDING]: StatementLineState.PENDING,
  [MovementState.CONFIRMED]: StatementLineState.CONFIRMED,
  [MovementState.FAILED]: StatementLineState.FAILED,
};

/**
 * An organization's statement: every cash flow of its settlement account — the agent's deposits
 * and withdrawals (this lib's own table) and the flows the other libs report through
 * {@link StatementSources} (financing prices, repayments, bill payments, distributions) — with the
 * counterparty's name and the bill's invoice number.
 */
@Injectable()
export class StatementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: StatementSources,
    private readonly participants: ParticipantDirectory,
    private readonly access: OrganizationAccess,
  ) {}

  async statement(p: Principal, organizationId: string): Promise<StatementDto> {
    const organization = await this.access.readable(p, organizationId);
    const [movements, ...reported] = await Promise.all([this.movementFlows(organizationId), ...this.sources.all().map((s) => s.flowsOf(organizationId))]);
    const flows = [movements, ...reported]
      .flat()
      .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, STATEMENT_LINES_MAX);
    const names = await this.participants.legalNames([...new Set(flows.map((f) => f.counterpartyOrgId).filter((id): id is string => id !== null))]);
    const lines: StatementLineDto[] = flows.map((f) => ({
      id: f.id,
      at: f.at.toISOString(),
      kind: f.kind,
      direction: f.direction,
      amountMinor: f.amountMinor.toString(),
      currency: f.currency,
      state: f.state,
      counterparty: (f.counterpartyOrgId && names.get(f.counterpartyOrgId)) ?? f.counterpartyLabel ?? 'another organization',
      billId: f.billId,
      invoiceNumber: f.invoiceNumber,
      reference: f.reference,
      assetLeg: f.assetLeg,
    }));
    return { organizationId, organizationName: organization.legalName, totals: totalsOf(flows), lines };
  }

  async statementPdf(p: Principal, organizationId: string): Promise<{ pdf: Buffer; filename: string }> {
    const statement = await this.statement(p, organizationId);
    const slug = statement.organizationName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'organization';
    return { pdf: await renderStatementPdf(statement), filename: `statement-${slug}.pdf` };
  }

  private async movementFlows(organizationId: string): Promise<StatementFlow[]> {
    const rows = await this.dataSource
      .getRepository(SettlementMovementEntity)
      .find({ where: { organizationId }, order: { createdAt: 'DESC' }, take: STATEMENT_LINES_MAX });
    return rows.map((m) => ({
      id: m.id,
      at: m.createdAt,
      kind: m.kind === MovementKind.DEPOSIT ? StatementLineKind.DEPOSIT : StatementLineKind.WITHDRAWAL,
      direction: m.kind === MovementKind.DEPOSIT ? 'IN' : 'OUT',
      amountMinor: m.amountMinor,
      currency: m.currency,
      state: MOVEMENT_STATE[m.state],
      counterpartyOrgId: null,
      counterpartyLabel: 'Settlement agent',
      billId: null,
      invoiceNumber: null,
      reference: m.reference,
      assetLeg: null,
    }));
  }
}

/** Confirmed inflows and outflows per currency, exact (bigint), currencies in alphabetical order. */
export function totalsOf(flows: StatementFlow[]): StatementTotalDto[] {
  const totals = new Map<string, { in: bigint; out: bigint; lines: number }>();
  for (const f of flows) {
    if (f.state !== StatementLineState.CONFIRMED) continue;
    const t = totals.get(f.currency) ?? { in: 0n, out: 0n, lines: 0 };
    if (f.direction === 'IN') t.in += f.amountMinor;
    else t.out += f.amountMinor;
    t.lines += 1;
    totals.set(f.currency, t);
  }
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, t]) => ({ currency, inMinor: t.in.toString(), outMinor: t.out.toString(), netMinor: (t.in - t.out).toString(), lines: t.lines }));
}
