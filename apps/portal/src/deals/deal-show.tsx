import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Link as MuiLink,
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
import { useParams } from 'react-router';
import { Link, Loading, Title, useDataProvider, useNotify } from 'react-admin';
import { hasRole, useRoles } from '../auth/roles';
import { formatBps, formatMoney } from '../bills/money';
import { errorMessage, formatDateTime } from '../common/formatting';
import { poolPath } from '../pools/pool-paths';
import type { TallyDataProvider } from '../providers/data-provider';
import { DealClosingPanel } from './deal-closing';
import type { CreateDeal, Deal, DealOffering } from './deals-api';

const num = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/** A default subscription window: a week from now, on the hour (local time, for the input). */
function inAWeek(): string {
  const d = new Date(Date.now() + 7 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}

/**
 * A deal: its tranches with the credit enhancement the API computed (subordination + OC +
 * reserve, bps of the pool balance), fees, reserve and triggers; per tranche the subscription
 * window (open one, see the order book, allocate); then the closing (`DealClosingPanel`: the
 * "Close deal" action and the closing's steps on chain).
 *
 * Test ids: `deal-show`, `deal-tranche-<class>`, `deal-ce-<class>` (`data-bps`), `deal-offering-<class>`
 * (`data-state`), `deal-closes-<class>` (input), `deal-open-<class>`, `deal-allocate-<class>`,
 * `deal-order-<investor name>` (`data-allocated`).
 */
export const DealShow = () => {
  const { id = '' } = useParams();
  const dataProvider = useDataProvider<TallyDataProvider>();
  const deal = useQuery({ queryKey: ['deals', id], queryFn: ({ signal }) => dataProvider.getDeal(id, { signal }) });
  const offerings = useQuery({
    queryKey: ['deals', id, 'offerings'],
    queryFn: ({ signal }) => dataProvider.getDealOfferings(id, { signal }),
  });
  if (deal.error) return <Alert severity="error">Cannot load the deal: {errorMessage(deal.error)}</Alert>;
  if (deal.isPending) return <Loading />;
  const d = deal.data;
  const terms = d.terms as unknown as CreateDeal;
  return (
    <Stack spacing={2} sx={{ pb: 2, mt: 2 }} data-testid="deal-show">
      <Title title={`Deal ${d.name}`} />
      <DealHeader deal={d} terms={terms} />
      <TrancheTable deal={d} terms={terms} />
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>
            Subscriptions
          </Typography>
          {offerings.error ? (
            <Alert severity="error">Cannot load the offerings: {errorMessage(offerings.error)}</Alert>
          ) : offerings.isPending ? (
            <Loading />
          ) : (
            <Stack spacing={2}>
              {terms.tranches.map((t) => (
                <TrancheSubscription
                  key={t.className}
                  deal={d}
                  className={t.className}
                  offering={offerings.data.find((o) => o.className === t.className) ?? null}
                />
              ))}
            </Stack>
          )}
        </CardContent>
      </Card>
      <DealClosingPanel deal={d} />
    </Stack>
  );
};

const DealHeader = ({ deal, terms }: { deal: Deal; terms: CreateDeal }) => {
  const rows: [string, string][] = [
    ['State', deal.state.toLowerCase()],
    ['Pool balance', formatMoney(deal.poolBalanceMinor, deal.currency)],
    ['Closing', terms.closingDate],
    ['First distribution', terms.firstDistributionDate],
    ['Stated maturity', terms.statedMaturityDate],
    ['Payments', `${terms.paymentFrequency.toLowerCase()}, ${terms.dayCount}`],
    ['Servicer fee', `${formatBps(terms.servicerFeeBpsPerAnnum)} p.a. of the pool balance`],
    ['Trustee fee', `${formatMoney(terms.trusteeFeePerPeriodMinor, deal.currency)} per period`],
    [
      'Reserve',
      `${formatBps(terms.reserveTargetBps)} of the notes: ${formatMoney(deal.reserveFundingMinor, deal.currency)} funded at closing`,
    ],
  ];
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" data-testid="deal-name">
          {deal.name}
        </Typography>
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 2, rowGap: 0.5 }}>
          {rows.map(([label, value]) => (
            <Box key={label} sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" color="text.secondary">
                {label}
              </Typography>
              <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }} data-testid={`deal-term-${label}`}>
                {value}
              </Typography>
            </Box>
          ))}
        </Box>
        <Typography variant="body2" sx={{ mt: 1 }}>
          Triggers:{' '}
          {(terms.triggers ?? []).length === 0
            ? 'none'
            : (terms.triggers ?? [])
                .map(
                  (t) =>
                    `${t.name}: ${t.kind === 'OC_RATIO_BELOW' ? 'OC ratio below' : 'cumulative defaults above'} ${formatBps(t.thresholdBps)} → ${
                      t.effect === 'SEQUENTIAL_PRINCIPAL' ? 'principal sequential' : 'sequential, excess spread trapped'
                    }`,
                )
                .join('; ')}
        </Typography>
        <MuiLink component={Link} to={poolPath(deal.poolId)} variant="body2">
          The pool
        </MuiLink>
      </CardContent>
    </Card>
  );
};

const TrancheTable = ({ deal, terms }: { deal: Deal; terms: CreateDeal }) => (
  <Card variant="outlined">
    <CardContent>
      <Typography variant="subtitle1" gutterBottom>
        Tranches and credit enhancement
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Class</TableCell>
              <TableCell align="right">Size</TableCell>
              <TableCell align="right">Coupon</TableCell>
              <TableCell align="right">Rank</TableCell>
              <TableCell align="right">Note</TableCell>
              <TableCell align="right">Subordination</TableCell>
              <TableCell align="right">OC</TableCell>
              <TableCell align="right">Reserve</TableCell>
              <TableCell align="right">Credit enhancement</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {terms.tranches.map((t) => {
              const ce = deal.creditEnhancement.find((c) => c.className === t.className);
              return (
                <TableRow key={t.className} data-testid={`deal-tranche-${t.className}`}>
                  <TableCell>
                    {t.className}
                    {t.equity ? ' (equity)' : ''}
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {formatMoney(t.sizeMinor, deal.currency)}
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {t.couponBps} bps
                  </TableCell>
                  <TableCell align="right">{t.rank}</TableCell>
                  <TableCell align="right" sx={num}>
                    {formatMoney(t.denominationMinor, deal.currency)}
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {ce ? formatBps(ce.subordinationBps) : '—'}
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {ce ? formatBps(ce.overcollateralizationBps) : '—'}
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {ce ? formatBps(ce.reserveBps) : '—'}
                  </TableCell>
                  <TableCell align="right" sx={num} data-testid={`deal-ce-${t.className}`} data-bps={ce?.totalBps}>
                    {ce ? formatBps(ce.totalBps) : '—'}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      <Typography variant="caption" color="text.secondary">
        Credit enhancement in % of the pool balance: the junior tranches, the pool above all notes (OC) and the reserve, as the API computes
        it.
      </Typography>
    </CardContent>
  </Card>
);

const TrancheSubscription = ({ deal, className, offering }: { deal: Deal; className: string; offering: DealOffering | null }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const admin = hasRole(useRoles(), 'ORG_ADMIN');
  const [closesAt, setClosesAt] = useState(inAWeek);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const orders = useQuery({
    queryKey: ['deals', deal.id, 'offerings', offering?.id, 'orders', offering?.state],
    queryFn: ({ signal }) => dataProvider.getOfferingOrders(offering!.id, { signal }),
    enabled: !!offering,
  });
  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      notify(done, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['deals', deal.id] });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box
      data-testid={`deal-offering-${className}`}
      data-state={offering?.state ?? 'NONE'}
      sx={{ borderTop: 1, borderColor: 'divider', pt: 1 }}
    >
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Typography variant="subtitle2">Class {className}</Typography>
        {offering ? (
          <>
            <Chip
              size="small"
              label={offering.state === 'OPEN' ? 'subscription open' : 'allocated'}
              color={offering.state === 'OPEN' ? 'info' : 'success'}
            />
            <Typography variant="body2">
              {offering.orderCount} order{offering.orderCount === 1 ? '' : 's'}, {formatMoney(offering.orderedMinor, offering.currency)}{' '}
              ordered of {formatMoney(offering.sizeMinor, offering.currency)}
              {offering.allocatedMinor !== null
                ? `, ${formatMoney(offering.allocatedMinor, offering.currency)} allocated`
                : `, until ${formatDateTime(offering.closesAt)}`}
            </Typography>
          </>
        ) : (
          <Typography variant="body2" color="text.secondary">
            no subscription window yet
          </Typography>
        )}
      </Stack>
      {!offering && admin && (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 1, alignItems: { sm: 'center' } }}>
          <TextField
            type="datetime-local"
            size="small"
            label="Orders until"
            value={closesAt}
            onChange={(e) => setClosesAt(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `deal-closes-${className}` } }}
          />
          <Button
            variant="contained"
            size="small"
            disabled={busy || !closesAt}
            data-testid={`deal-open-${className}`}
            onClick={() =>
              act(
                () => dataProvider.openSubscription(deal.id, className, new Date(closesAt).toISOString()),
                `Subscription to class ${className} open`,
              )
            }
          >
            Open subscription
          </Button>
        </Stack>
      )}
      {offering?.state === 'OPEN' && admin && (
        <Button
          variant="contained"
          size="small"
          sx={{ mt: 1 }}
          disabled={busy || offering.orderCount === 0}
          data-testid={`deal-allocate-${className}`}
          onClick={() => act(() => dataProvider.allocateOffering(offering.id), `Class ${className} allocated`)}
        >
          Close the window and allocate
        </Button>
      )}
      {failure && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {failure}
        </Alert>
      )}
      {offering && orders.data && orders.data.length > 0 && (
        <Box sx={{ overflowX: 'auto', mt: 1 }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Investor</TableCell>
                <TableCell align="right">Ordered</TableCell>
                <TableCell align="right">Allocated</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {orders.data.map((o) => (
                <TableRow
                  key={o.id}
                  data-testid={`deal-order-${o.investorLegalName ?? 'investor'}`}
                  data-allocated={o.allocatedMinor ?? ''}
                >
                  <TableCell>{o.investorLegalName ?? 'an investor'}</TableCell>
                  <TableCell align="right" sx={num}>
                    {formatMoney(o.amountMinor, offering.currency)}
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {o.allocatedMinor === null ? '—' : formatMoney(o.allocatedMinor, offering.currency)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
};
