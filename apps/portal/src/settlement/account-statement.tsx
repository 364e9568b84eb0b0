import { Alert, Box, Button, Card, CardContent, CardHeader, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useQuery } from '@tanstack/react-query';
import { Loading, useDataProvider } from 'react-admin';
import { formatMinor } from '../bills/money';
import { errorMessage, formatDateTime } from '../common/formatting';
import { saveBlob } from '../documents/document-files';
import type { TallyDataProvider } from '../providers/data-provider';
import type { Movement } from './settlement-types';

const POLL_MS = 3_000;

/** The movements as CSV: one line each, amounts in major units with a sign (withdrawals negative), no float. */
export function movementsCsv(movements: Movement[]): string {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = movements.map((m) => {
    const amount = `${m.kind === 'WITHDRAWAL' ? '-' : ''}${formatMinor(m.amountMinor, m.currency).replaceAll(',', '')}`;
    return [m.createdAt, m.kind, amount, m.currency, m.reference, m.state].map(quote).join(',');
  });
  return ['date,kind,amount,currency,reference,state', ...lines].join('\n') + '\n';
}

/**
 * An organization's statement: the settlement agent's deposits and withdrawals on its account,
 * newest first, with a CSV export.
 *
 * Test ids: `statement`, `statement-row` (with `data-reference`, `data-kind`, `data-state`,
 * `data-minor`), `statement-empty`, `statement-export-csv`.
 */
export const MovementStatement = ({ organizationId, organizationName }: { organizationId: string; organizationName: string }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { data, error, isPending } = useQuery({
    queryKey: ['settlement', 'movements', organizationId],
    queryFn: ({ signal }) => dataProvider.getMovements(organizationId, { signal }),
    refetchInterval: POLL_MS,
  });
  const exportCsv = () => {
    if (!data) return;
    const slug = organizationName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'organization';
    saveBlob(new Blob([movementsCsv(data)], { type: 'text/csv' }), `statement-${slug}.csv`);
  };

  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="statement">
      <CardHeader
        title={`Statement of ${organizationName}`}
        subheader="Deposits and withdrawals recorded by the settlement agent"
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
        action={
          <Button startIcon={<DownloadIcon />} onClick={exportCsv} disabled={!data?.length} data-testid="statement-export-csv">
            CSV
          </Button>
        }
      />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
        {error ? (
          <Alert severity="error">Cannot load the movements: {errorMessage(error)}</Alert>
        ) : isPending ? (
          <Loading />
        ) : data.length === 0 ? (
          <Typography variant="body2" color="text.secondary" data-testid="statement-empty">
            No deposit or withdrawal yet.
          </Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Date</TableCell>
                <TableCell>Movement</TableCell>
                <TableCell align="right">Amount</TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>Reference</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((m) => (
                <TableRow
                  key={m.id}
                  data-testid="statement-row"
                  data-reference={m.reference}
                  data-kind={m.kind}
                  data-state={m.state}
                  data-minor={m.amountMinor}
                >
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt)}</TableCell>
                  <TableCell>
                    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', alignItems: 'center' }}>
                      {m.kind === 'DEPOSIT' ? 'Deposit' : 'Withdrawal'}
                      {m.state !== 'CONFIRMED' && (
                        <Chip size="small" label={m.state.toLowerCase()} color={m.state === 'FAILED' ? 'error' : 'default'} title={m.failureReason ?? undefined} />
                      )}
                    </Box>
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                    {m.kind === 'WITHDRAWAL' ? '− ' : '+ '}
                    {formatMinor(m.amountMinor, m.currency)} {m.currency}
                  </TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' }, wordBreak: 'break-word' }}>{m.reference}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
};
