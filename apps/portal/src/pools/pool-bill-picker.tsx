import PlaylistAddIcon from '@mui/icons-material/PlaylistAdd';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, useDataProvider } from 'react-admin';
import type { Bill } from '../bills/bill-types';
import { UNENCUMBERED } from '../bills/bill-types';
import { formatMoney } from '../bills/money';
import { NO_SORT } from '../common/list-defaults';
import { errorMessage, formatDate } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import type { AddPoolBillsResult, Pool } from './pools-api';

/** The API's list page size limit: the picker shows the first 200 candidates by due date. */
const PICKER_PAGE = 200;
const ACCEPTED = 'ACCEPTED';

/**
 * The bill picker: the accepted, unencumbered bills the originator holds, to add one by one or
 * in bulk. The API decides each bill (eligibility criteria and concentration limits) and answers
 * per bill; the answers are listed with every failed criterion named.
 *
 * Test ids: `pool-picker`, `pool-pick-<invoice>` (checkbox), `pool-pick-all`, `pool-add-selected`,
 * `pool-add-results`, `pool-add-result-<invoice>` (`data-ok`), its `pool-add-reason` chips.
 */
export const PoolBillPicker = ({ pool, ownOrganizationId }: { pool: Pool; ownOrganizationId: string }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<{ answer: AddPoolBillsResult; invoices: Map<string, string> } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data, error, isPending } = useQuery({
    queryKey: ['bills', 'pool-candidates', ownOrganizationId],
    queryFn: async ({ signal }) =>
      (
        await dataProvider.getList<Bill>('bills', {
          pagination: { page: 1, perPage: PICKER_PAGE },
          sort: NO_SORT,
          filter: { state: ACCEPTED, holderId: ownOrganizationId },
          signal,
        })
      ).data.filter((bill) => bill.encumbrance === UNENCUMBERED && bill.supersededAt === null),
  });

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  const add = async () => {
    if (!data) return;
    const ids = data.filter((bill) => selected.has(bill.id)).map((bill) => bill.id);
    setBusy(true);
    setFailure(null);
    try {
      const answer = await dataProvider.addPoolBills(pool.id, ids);
      setResult({ answer, invoices: new Map(data.map((bill) => [bill.id, bill.invoiceNumber])) });
      setSelected(new Set());
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['pools'] }), queryClient.invalidateQueries({ queryKey: ['bills'] })]);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card variant="outlined" data-testid="pool-picker">
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>
          Add bills
        </Typography>
        {error ? (
          <Alert severity="error">Cannot load your bills: {errorMessage(error)}</Alert>
        ) : isPending ? (
          <Loading />
        ) : data.length === 0 ? (
          <Alert severity="info" data-testid="pool-picker-empty">
            No accepted, unencumbered bill held by your organization.
          </Alert>
        ) : (
          <Stack spacing={1}>
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={selected.size === data.length}
                        indeterminate={selected.size > 0 && selected.size < data.length}
                        onChange={() => setSelected(selected.size === data.length ? new Set() : new Set(data.map((b) => b.id)))}
                        slotProps={{ input: { 'aria-label': 'all bills', ...{ 'data-testid': 'pool-pick-all' } } }}
                      />
                    </TableCell>
                    <TableCell>Invoice</TableCell>
                    <TableCell>Obligor</TableCell>
                    <TableCell align="right">Face amount</TableCell>
                    <TableCell>Due</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.map((bill) => (
                    <TableRow key={bill.id} hover onClick={() => toggle(bill.id)} sx={{ cursor: 'pointer' }}>
                      <TableCell padding="checkbox">
                        <Checkbox
                          checked={selected.has(bill.id)}
                          slotProps={{
                            input: { 'aria-label': bill.invoiceNumber, ...{ 'data-testid': `pool-pick-${bill.invoiceNumber}` } },
                          }}
                        />
                      </TableCell>
                      <TableCell>{bill.invoiceNumber}</TableCell>
                      <TableCell>{bill.buyerName ?? 'an organization'}</TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                        {formatMoney(bill.faceAmountMinor, bill.currency)}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(bill.dueDate)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
            <Box>
              <Button
                variant="contained"
                startIcon={<PlaylistAddIcon />}
                disabled={busy || selected.size === 0}
                onClick={add}
                data-testid="pool-add-selected"
              >
                Add {selected.size} selected
              </Button>
            </Box>
          </Stack>
        )}
        {failure && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="pool-add-error">
            {failure}
          </Alert>
        )}
        {result && <AdditionResults result={result.answer} invoices={result.invoices} />}
      </CardContent>
    </Card>
  );
};

/** One line per bill of the request: added, or refused with each failed criterion or limit. */
const AdditionResults = ({ result, invoices }: { result: AddPoolBillsResult; invoices: Map<string, string> }) => (
  <Box sx={{ mt: 2 }} data-testid="pool-add-results">
    <Alert
      severity={result.added === 0 ? 'error' : result.refused > 0 ? 'warning' : 'success'}
      sx={{ mb: 1 }}
      data-testid="pool-add-summary"
    >
      {result.added} added, {result.refused} refused
    </Alert>
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>Invoice</TableCell>
            <TableCell>Result</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.results.map((r, i) => {
            const invoice = invoices.get(r.billId) ?? 'a bill';
            return (
              <TableRow key={`${r.billId}-${i}`} data-testid={`pool-add-result-${invoice}`} data-ok={String(r.ok)}>
                <TableCell>{invoice}</TableCell>
                <TableCell>
                  {r.ok ? (
                    <Chip size="small" color="success" label="added" />
                  ) : (
                    <Stack sx={{ alignItems: 'flex-start' }} spacing={0.5}>
                      <Chip size="small" color="error" label="refused" />
                      {r.errors.map((e) => (
                        <Typography key={e.code} variant="body2" data-testid="pool-add-reason" data-code={e.code}>
                          {e.message}
                        </Typography>
                      ))}
                    </Stack>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  </Box>
);
