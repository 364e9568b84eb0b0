import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, CardHeader, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { useQuery } from '@tanstack/react-query';
import { Link, Loading, useDataProvider } from 'react-admin';
import { formatMinor, formatMoney } from '../bills/money';
import { errorMessage, formatDateTime } from '../common/formatting';
import { saveBlob } from '../documents/document-files';
import type { TallyDataProvider } from '../providers/data-provider';
import type { StatementLine, StatementLineKind } from './settlement-types';

const POLL_MS = 3_000;

export const STATEMENT_KIND_LABEL: Record<StatementLineKind, string> = {
  DEPOSIT: 'Deposit',
  WITHDRAWAL: 'Withdrawal',
  FINANCING_PAID: 'Financing paid',
  FINANCING_RECEIVED: 'Financing received',
  REPAYMENT_PAID: 'Repayment paid',
  REPAYMENT_RECEIVED: 'Repayment received',
  BILL_PAYMENT_PAID: 'Bill payment paid',
  BILL_PAYMENT_RECEIVED: 'Bill payment received',
  DISTRIBUTION_RECEIVED: 'Distribution received',
};

/** The statement as CSV: one line per flow, amounts in major units with a sign (outflows negative), no float. */
export function statementCsv(lines: StatementLine[]): string {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const rows = lines.map((l) => {
    const amount = `${l.direction === 'OUT' ? '-' : ''}${formatMinor(l.amountMinor, l.currency).replaceAll(',', '')}`;
    return [l.at, l.kind, amount, l.currency, l.counterparty, l.invoiceNumber ?? '', l.reference ?? '', l.state].map(quote).join(',');
  });
  return ['date,kind,amount,currency,counterparty,invoice_number,reference,state', ...rows].join('\n') + '\n';
}

/**
 * An organization's statement: every flow of its settlement account — the settlement agent's
 * deposits and withdrawals, financing prices paid or received, repayments, bill payments and
 * distributions — newest first, with the counterparty and the bill, totals per currency, and CSV
 * and PDF exports.
 *
 * Test ids: `statement`, `statement-row` (with `data-kind`, `data-direction`, `data-state`,
 * `data-minor`, `data-reference`, `data-invoice`, `data-counterparty`), `statement-total-<CUR>`
 * (`data-net-minor`), `statement-empty`, `statement-export-csv`, `statement-export-pdf`, `statement-export-error`.
 */
export const AccountStatement = ({ organizationId, organizationName }: { organizationId: string; organizationName: string }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const [exportError, setExportError] = useState<string | null>(null);
  const { data, error, isPending } = useQuery({
    queryKey: ['settlement', 'statement', organizationId],
    queryFn: ({ signal }) => dataProvider.getStatement(organizationId, { signal }),
    refetchInterval: POLL_MS,
  });
  const slug = organizationName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'organization';
  const exportCsv = () => {
    if (!data) return;
    saveBlob(new Blob([statementCsv(data.lines)], { type: 'text/csv' }), `statement-${slug}.csv`);
  };
  const exportPdf = async () => {
    setExportError(null);
    try {
      await dataProvider.downloadStatementPdf(organizationId);
    } catch (e) {
      setExportError(errorMessage(e));
    }
  };
  const lines = data?.lines ?? [];

  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="statement">
      <CardHeader
        title={`Statement of ${organizationName}`}
        subheader="Deposits, withdrawals, financing, repayments, bill payments and distributions on the settlement account"
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
        action={
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button startIcon={<DownloadIcon />} onClick={exportCsv} disabled={!lines.length} data-testid="statement-export-csv">
              CSV
            </Button>
            <Button startIcon={<PictureAsPdfIcon />} onClick={() => void exportPdf()} disabled={!data} data-testid="statement-export-pdf">
              PDF
            </Button>
          </Box>
        }
      />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
        {exportError && (
          <Alert severity="error" sx={{ mb: 1 }} data-testid="statement-export-error">
            Cannot download the PDF: {exportError}
          </Alert>
        )}
        {error ? (
          <Alert severity="error">Cannot load the statement: {errorMessage(error)}</Alert>
        ) : isPending ? (
          <Loading />
        ) : lines.length === 0 ? (
          <Typography variant="body2" color="text.secondary" data-testid="statement-empty">
            No movement on this account yet.
          </Typography>
        ) : (
          <>
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 1 }}>
              {data.totals.map((t) => (
                <Chip
                  key={t.currency}
                  variant="outlined"
                  data-testid={`statement-total-${t.currency}`}
                  data-net-minor={t.netMinor}
                  label={`${t.currency}: in ${formatMoney(t.inMinor, t.currency)}, out ${formatMoney(t.outMinor, t.currency)}`}
                  sx={{ maxWidth: '100%', height: 'auto', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.5 } }}
                />
              ))}
            </Box>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>Date</TableCell>
                  <TableCell>Movement</TableCell>
                  <TableCell align="right">Amount</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>Bill or reference</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {lines.map((l) => (
                  <TableRow
                    key={l.id}
                    data-testid="statement-row"
                    data-kind={l.kind}
                    data-direction={l.direction}
                    data-state={l.state}
                    data-minor={l.amountMinor}
                    data-reference={l.reference ?? ''}
                    data-invoice={l.invoiceNumber ?? ''}
                    data-counterparty={l.counterparty}
                  >
                    <TableCell sx={{ whiteSpace: { sm: 'nowrap' } }}>{formatDateTime(l.at)}</TableCell>
                    <TableCell>
                      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', alignItems: 'center' }}>
                        {STATEMENT_KIND_LABEL[l.kind]}
                        {l.state !== 'CONFIRMED' && <Chip size="small" label={l.state.toLowerCase()} color={l.state === 'FAILED' ? 'error' : 'default'} />}
                      </Box>
                      <Typography variant="caption" color="text.secondary" component="div">
                        {l.direction === 'OUT' ? 'to' : 'from'} {l.counterparty}
                      </Typography>
                    </TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                      {l.direction === 'OUT' ? '− ' : '+ '}
                      {formatMinor(l.amountMinor, l.currency)} {l.currency}
                    </TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' }, wordBreak: 'break-word' }}>
                      {l.billId && l.invoiceNumber ? <Link to={`/bills/${l.billId}/show`}>{l.invoiceNumber}</Link> : (l.reference ?? '')}
                      {l.assetLeg && (
                        <Typography variant="caption" color="text.secondary" component="div">
                          {l.assetLeg}
                        </Typography>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </CardContent>
    </Card>
  );
};
