import { Alert, Card, CardContent, CardHeader, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import { formatMoney } from '../bills/money';
import { errorMessage, formatDate } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { formatBps } from './home-figures.util';

const POLL_MS = 5_000;

/**
 * A financier's portfolio yield: the advance-weighted discount rate of its outstanding financed
 * bills, per currency, as the API computes it exactly (basis points).
 *
 * Test ids: `figure-portfolio-yield` (`data-bps`, `data-currency`), `portfolio-yield-none`.
 */
export const PortfolioYieldCard = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { data, error } = useQuery({
    queryKey: ['financing', 'portfolio'],
    queryFn: ({ signal }) => dataProvider.getFinancierPortfolio({ signal }),
    refetchInterval: POLL_MS,
  });
  return (
    <Card variant="outlined" data-testid="portfolio-yield">
      <CardContent>
        <Typography variant="caption" color="text.secondary">
          Portfolio yield (weighted-average discount rate)
        </Typography>
        {error ? (
          <Alert severity="error">Cannot load the portfolio: {errorMessage(error)}</Alert>
        ) : !data ? (
          <Typography variant="h6">…</Typography>
        ) : data.length === 0 ? (
          <Typography variant="body2" color="text.secondary" data-testid="portfolio-yield-none">
            No financed bill outstanding.
          </Typography>
        ) : (
          data.map((row) => (
            <div key={row.currency}>
              <Typography
                variant="h6"
                component="p"
                sx={{ fontVariantNumeric: 'tabular-nums' }}
                data-testid="figure-portfolio-yield"
                data-bps={row.weightedDiscountRateBps}
                data-currency={row.currency}
              >
                {formatBps(row.weightedDiscountRateBps)} p.a.
              </Typography>
              <Typography variant="caption" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                {row.bills} {row.bills === 1 ? 'bill' : 'bills'}, {formatMoney(row.advanceAmountMinor, row.currency)} advanced, {row.weightedTenorDays} days on average
              </Typography>
            </div>
          ))
        )}
      </CardContent>
    </Card>
  );
};

/**
 * An investor's tranche notes and the distributions it received; says so when there are none.
 *
 * Notes: the allocation until the deal's closing settled it, then the notes delivered ("delivered").
 *
 * Test ids: `investor-portfolio`, `investor-holding` (`data-tranche`, `data-allocated-minor`,
 * `data-note-balance-minor`: empty before the notes are delivered),
 * `investor-distribution` (`data-minor`), `investor-none`.
 */
export const InvestorPortfolioCard = ({ organizationId }: { organizationId: string }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { data, error } = useQuery({
    queryKey: ['investors', 'portfolio', organizationId],
    queryFn: ({ signal }) => dataProvider.getInvestorPortfolio(organizationId, { signal }),
    refetchInterval: POLL_MS,
  });
  const none = data && data.holdings.length === 0 && data.distributions.length === 0;
  return (
    <Card variant="outlined" data-testid="investor-portfolio" sx={{ minWidth: 0, mb: 2 }}>
      <CardHeader title="Holdings and distributions" slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
        {error ? (
          <Alert severity="error">Cannot load the holdings: {errorMessage(error)}</Alert>
        ) : !data ? (
          <Typography variant="body2">…</Typography>
        ) : none ? (
          <Typography variant="body2" color="text.secondary" data-testid="investor-none">
            You hold no tranche notes and have received no distributions yet.
          </Typography>
        ) : (
          <>
            <Typography variant="subtitle2" component="h3">
              Holdings per tranche
            </Typography>
            {data.holdings.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                No tranche notes allocated.
              </Typography>
            ) : (
              <Table size="small" sx={{ mb: 2 }}>
                <TableHead>
                  <TableRow>
                    <TableCell>Deal</TableCell>
                    <TableCell>Tranche</TableCell>
                    <TableCell align="right">Notes</TableCell>
                    <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>
                      Distributed
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.holdings.map((h) => (
                    <TableRow key={`${h.dealId}:${h.tranche}`} data-testid="investor-holding" data-tranche={h.tranche}
                      data-allocated-minor={h.allocatedMinor}
                      data-note-balance-minor={h.noteBalanceMinor ?? ''}
                    >
                      <TableCell>{h.dealName}</TableCell>
                      <TableCell>{h.tranche}</TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        {formatMoney(h.noteBalanceMinor ?? h.allocatedMinor, h.currency)}
                        <Typography component="div" variant="caption" color="text.secondary" data-testid="investor-holding-status">
                          {h.noteBalanceMinor !== null ? 'delivered' : h.closingState ? 'closing' : 'allocated'}
                        </Typography>
                      </TableCell>
                      <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' }, whiteSpace: 'nowrap' }}>
                        {formatMoney(h.distributedMinor, h.currency)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            <Typography variant="subtitle2" component="h3">
              Distributions received
            </Typography>
            {data.distributions.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                No distribution yet.
              </Typography>
            ) : (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>Date</TableCell>
                    <TableCell>Deal, tranche</TableCell>
                    <TableCell align="right">Amount</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.distributions.map((d) => (
                    <TableRow key={d.id} data-testid="investor-distribution" data-minor={d.amountMinor}>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(d.distributionDate)}</TableCell>
                      <TableCell>
                        {d.dealName}, {d.tranche} (period {d.period}){d.state === 'PAID' ? '' : `, ${d.state.toLowerCase()}`}
                      </TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        {formatMoney(d.amountMinor, d.currency)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
};
