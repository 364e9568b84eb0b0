import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Link as MuiLink,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Link, Loading, RefreshButton, Title, TopToolbar, useDataProvider, useNotify } from 'react-admin';
import { useOrganizationDirectory } from '../bills/organization-directory';
import { formatMoney } from '../bills/money';
import { errorMessage } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { RunStateChip } from './run-state-chip';
import { formatFactor } from './report-lines.util';
import type { PeriodRunSummary, ServicedDeal } from './servicing-api';
import { runPath } from './servicing-paths';

const num = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Servicing and investor reports: the period runs the caller may read (servicers, trustees:
 * every run; an investor: the approved periods of the deals it holds notes of), by deal, newest
 * period first; a servicer proposes the next period of a closed deal here.
 *
 * Test ids: `servicing-page`, `run-row-<deal name>-<period>` (`data-state`), `run-link-<deal name>-<period>`,
 * `servicing-none`, `propose-form`, `propose-deal`, `propose-period`, `propose-distribution-date`,
 * `propose-record-date`, `propose-submit`.
 */
export const ServicingPage = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const [search] = useSearchParams();
  const dealId = search.get('deal') ?? undefined;
  const { ownRoles } = useOrganizationDirectory();
  const servicer = ownRoles.includes('SERVICER');
  const runs = useQuery({
    queryKey: ['servicing', 'runs', dealId ?? 'all'],
    queryFn: ({ signal }) => dataProvider.getPeriodRuns(dealId, { signal }),
  });
  const deals = useQuery({
    queryKey: ['servicing', 'deals'],
    queryFn: ({ signal }) => dataProvider.getServicedDeals({ signal }),
    enabled: servicer,
  });
  return (
    // the toolbar outside the Stack: on a phone react-admin's TopToolbar takes `flex-basis: 100%`, which in
    // a column would squeeze the cards below it
    <Box sx={{ pb: 2 }} data-testid="servicing-page">
      <Title title="Servicing and reports" />
      <TopToolbar>
        <RefreshButton />
      </TopToolbar>
      <Stack spacing={2}>
        {servicer &&
          (deals.data ? (
            <ProposeForm deals={deals.data} />
          ) : deals.error ? (
            <Alert severity="error">Cannot load the deals: {errorMessage(deals.error)}</Alert>
          ) : null)}
        {runs.error ? (
          <Alert severity="error">Cannot load the period runs: {errorMessage(runs.error)}</Alert>
        ) : runs.isPending ? (
          <Loading />
        ) : runs.data.length === 0 ? (
          <Alert severity="info" data-testid="servicing-none">
            No period reports yet{servicer ? ': propose the first period of a closed deal above.' : '.'}
          </Alert>
        ) : (
          <RunTable runs={runs.data} />
        )}
      </Stack>
    </Box>
  );
};

const RunTable = ({ runs }: { runs: PeriodRunSummary[] }) => (
  <Card variant="outlined" sx={{ overflowX: 'auto' }}>
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>Deal</TableCell>
          <TableCell align="right">Period</TableCell>
          <TableCell>State</TableCell>
          <TableCell align="right">Distributed</TableCell>
          <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>Distribution</TableCell>
          <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>Record date</TableCell>
          <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>Factors</TableCell>
          <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>Triggers</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {runs.map((r) => {
          const breached = Object.entries(r.triggers)
            .filter(([, on]) => on)
            .map(([name]) => name);
          return (
            <TableRow key={r.id} data-testid={`run-row-${r.dealName}-${r.period}`} data-state={r.state}>
              <TableCell>
                <MuiLink component={Link} to={runPath(r.id)} data-testid={`run-link-${r.dealName}-${r.period}`}>
                  {r.dealName}
                </MuiLink>
              </TableCell>
              <TableCell align="right">{r.period}</TableCell>
              <TableCell>
                <RunStateChip state={r.state} />
              </TableCell>
              <TableCell align="right" sx={num}>
                {formatMoney(r.totalDistributedMinor, r.currency)}
              </TableCell>
              <TableCell sx={{ ...num, display: { xs: 'none', sm: 'table-cell' } }}>{r.distributionDate}</TableCell>
              <TableCell sx={{ ...num, display: { xs: 'none', md: 'table-cell' } }}>{r.recordDate}</TableCell>
              <TableCell sx={{ ...num, display: { xs: 'none', md: 'table-cell' } }}>
                {Object.entries(r.factors)
                  .map(([tranche, f]) => `${tranche} ${formatFactor(f.factor)}`)
                  .join(', ')}
              </TableCell>
              <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>
                {breached.length === 0 ? 'none breached' : `breached: ${breached.join(', ')}`}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  </Card>
);

/** The servicer proposes the next period of a closed deal (collections and holders come from the deal; the trustee approves). */
const ProposeForm = ({ deals }: { deals: ServicedDeal[] }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const [dealId, setDealId] = useState('');
  const deal = deals.find((d) => d.dealId === dealId);
  const [distributionDate, setDistributionDate] = useState('');
  const [recordDate, setRecordDate] = useState(today);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const period = deal ? deal.lastPeriod + 1 : null;
  const pick = (id: string) => {
    setDealId(id);
    const d = deals.find((x) => x.dealId === id);
    if (d && d.lastPeriod === 0 && d.firstDistributionDate) setDistributionDate(d.firstDistributionDate);
  };
  const submit = async () => {
    if (!deal || !period) return;
    setBusy(true);
    setFailure(null);
    try {
      const run = await dataProvider.proposePeriodFromDeal({ dealId: deal.dealId, period, distributionDate, recordDate });
      notify(`Period ${period} of ${deal.dealName} proposed: the trustee decides`, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['servicing'] });
      navigate(runPath(run.id));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card variant="outlined" data-testid="propose-form">
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>
          Propose a period
        </Typography>
        {deals.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            No deal is closed on chain yet.
          </Typography>
        ) : (
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ alignItems: { md: 'center' } }}>
            <TextField
              select
              size="small"
              label="Deal"
              value={dealId}
              onChange={(e) => pick(e.target.value)}
              sx={{ minWidth: 200 }}
              slotProps={{ htmlInput: { 'data-testid': 'propose-deal' } }}
            >
              {deals.map((d) => (
                <MenuItem key={d.dealId} value={d.dealId} data-testid={`propose-deal-${d.dealName}`}>
                  {d.dealName}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              size="small"
              label="Period"
              value={period ?? ''}
              disabled
              slotProps={{ htmlInput: { 'data-testid': 'propose-period' } }}
              sx={{ width: 90 }}
            />
            <TextField
              type="date"
              size="small"
              label="Distribution date"
              value={distributionDate}
              onChange={(e) => setDistributionDate(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'propose-distribution-date' } }}
            />
            <TextField
              type="date"
              size="small"
              label="Record date"
              value={recordDate}
              onChange={(e) => setRecordDate(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'propose-record-date' } }}
            />
            <Button
              variant="contained"
              disabled={busy || !deal || !distributionDate || !recordDate || deal.pendingPeriod !== null}
              onClick={submit}
              data-testid="propose-submit"
            >
              Propose period {period ?? ''}
            </Button>
          </Stack>
        )}
        {deal?.pendingPeriod != null && (
          <Alert severity="info" sx={{ mt: 1 }}>
            Period {deal.pendingPeriod} of {deal.dealName} waits for the trustee.
          </Alert>
        )}
        {deal && deal.lastDistributionDate && (
          <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 1 }}>
            Period {deal.lastPeriod} distributed on {deal.lastDistributionDate}: the next one collects what the pool paid after it.
          </Typography>
        )}
        {failure && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="propose-error">
            {failure}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
};
