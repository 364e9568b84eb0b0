import { formatAmount } from '#core';
import { drawFooter, drawHeader, drawSection, drawTable, openPdf } from '#documents';
import { StatementLineKind } from './statement-sources.js';
import type { StatementDto } from './statement.dto.js';

export const STATEMENT_KIND_LABEL: Record<StatementLineKind, string> = {
  [StatementLineKind.DEPOSIT]: 'Deposit',
  [StatementLineKind.WITHDRAWAL]: 'Withdrawal',
  [StatementLineKind.FINANCING_PAID]: 'Financing paid',
  [StatementLineKind.FINANCING_RECEIVED]: 'Financing received',
  [StatementLineKind.REPAYMENT_PAID]: 'Repayment paid',
  [StatementLineKind.REPAYMENT_RECEIVED]: 'Repayment received',
  [StatementLineKind.BILL_PAYMENT_PAID]: 'Bill payment paid',
  [StatementLineKind.BILL_PAYMENT_RECEIVED]: 'Bill payment received',
  [StatementLineKind.DISTRIBUTION_RECEIVED]: 'Distribution received',
};

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/**
 * The statement as a PDF, in the layout of the certificate and the bill (the shared header,
 * sections and table of #documents). Deterministic: its date is the newest line's time, so the
 * same statement gives the same bytes.
 */
export async function renderStatementPdf(statement: StatementDto): Promise<Buffer> {
  const date = new Date(statement.lines[0]?.at ?? 0);
  const { pdf, done } = await openPdf({ Title: `Statement of ${statement.organizationName}`, date });
  let y = drawHeader(pdf, {
    title: 'Statement of account',
    subtitle: statement.organizationName,
    lead:
      "Cash flows of the organization's settlement account (tokenized deposits): the settlement agent's deposits and " +
      'withdrawals, financing purchase prices, repayments, bill payments and distributions, each with its counterparty. ' +
      `Times in UTC. Lines up to ${statement.lines[0] ? when(statement.lines[0].at) : 'now (none yet)'}.`,
    leadSize: 9.5,
  });
  y = drawSection(
    pdf,
    'Totals (confirmed lines)',
    y,
    statement.totals.length === 0
      ? [['-', 'no confirmed movement yet']]
      : statement.totals.map((t) => [
          t.currency,
          `in ${formatAmount(BigInt(t.inMinor), t.currency)}, out ${formatAmount(BigInt(t.outMinor), t.currency)}, net ${formatAmount(BigInt(t.netMinor), t.currency)} (${t.lines} lines)`,
        ]),
    70,
  );
  drawTable(
    pdf,
    'Movements',
    y + 10,
    [
      { title: 'When (UTC)', x: 0, width: 72 },
      { title: 'Movement', x: 76, width: 88 },
      { title: 'Counterparty', x: 168, width: 104 },
      { title: 'Bill / reference', x: 276, width: 110 },
      { title: 'Amount', x: 390, width: 105, align: 'right' },
    ],
    statement.lines.map((l) => [
      when(l.at),
      `${STATEMENT_KIND_LABEL[l.kind]}${l.state === 'CONFIRMED' ? '' : ` (${l.state.toLowerCase()})`}`,
      l.counterparty,
      [l.invoiceNumber ? `Bill ${l.invoiceNumber}` : l.reference ?? '-', l.assetLeg].filter(Boolean).join('; '),
      `${l.direction === 'OUT' ? '-' : '+'}${formatAmount(BigInt(l.amountMinor), l.currency)}`,
    ]),
    'No movement yet.',
  );
  drawFooter(pdf, `Tally statement of ${statement.organizationName} (${statement.organizationId})`);
  pdf.end();
  return done;
}
