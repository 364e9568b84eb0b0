import { Alert, Box, Card, CardContent, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Loading, useDataProvider } from 'react-admin';
import { formatBps, formatMoney } from '../bills/money';
import { errorMessage } from '../common/formatting';
import { chartUnits } from '../home/home-figures.util';
import type { TallyDataProvider } from '../providers/data-provider';
import type { Pool } from './pools-api';

const HEIGHT = 220;

interface Row {
  label: string;
  amountMinor: string;
  count: number;
}

/**
 * Bars of balances. Heights are whole major units (chartUnits: integer division, for geometry
 * only); labels and tooltips are the exact amounts formatted from minor units.
 */
const BalanceBars = ({ rows, currency, testId }: { rows: Row[]; currency: string; testId: string }) => {
  const data = rows.map((r) => ({
    label: r.label,
    value: chartUnits(BigInt(r.amountMinor), currency),
    exact: `${formatMoney(r.amountMinor, currency)} · ${r.count} bill${r.count === 1 ? '' : 's'}`,
  }));
  return (
    <Box data-testid={testId}>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
          <YAxis tick={{ fontSize: 11 }} width={56} />
          <Tooltip formatter={(_value, _name, item) => [(item.payload as { exact: string }).exact, 'balance']} />
          <Bar dataKey="value" fill="#1976d2" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      {/* the exact figures beside the picture (and for screen readers) */}
      <Box component="ul" sx={{ m: 0, pl: 2, fontSize: 12, color: 'text.secondary' }}>
        {data.map((d) => (
          <li key={d.label}>
            {d.label}: {d.exact}
          </li>
        ))}
      </Box>
    </Box>
  );
};

const Figure = ({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary">
      {label}
    </Typography>
    <Typography variant="h6" data-testid={testId} sx={{ fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' }}>
      {value}
    </Typography>
    {hint && (
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', overflowWrap: 'anywhere' }}>
        {hint}
      </Typography>
    )}
  </Box>
);

/**
 * The pool's analytics as the API computes them in SQL: count, balance, weighted-average
 * remaining term and discount yield (at the deal's price, once there is a deal), top-5 share and HHI; obligor concentration, maturity and delinquency buckets.
 * Test ids: `pool-analytics`, `pool-figure-<name>`, `pool-chart-obligors|maturity|delinquency`.
 */
export const PoolAnalytics = ({ pool }: { pool: Pool }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { data, error, isPending } = useQuery({
    queryKey: ['pools', pool.id, 'analytics', pool.assetCount, pool.state],
    queryFn: ({ signal }) => dataProvider.getPoolAnalytics(pool.id, { signal }),
  });
  if (error) return <Alert severity="error">Cannot load the analytics: {errorMessage(error)}</Alert>;
  if (isPending) return <Loading />;
  const currency = data.currency;
  const obligors = data.topObligors.map((o) => ({ label: o.legalName ?? 'an organization', amountMinor: o.balanceMinor, count: o.count }));
  const buckets = (rows: typeof data.maturityBuckets) =>
    rows.map((b) => ({ label: b.bucket, amountMinor: b.balanceMinor, count: b.count }));
  return (
    <Card variant="outlined" data-testid="pool-analytics">
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>
          Analytics (as of {data.asOf})
        </Typography>
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(6, 1fr)' }, mb: 2 }}>
          <Figure label="Bills" value={String(data.count)} testId="pool-figure-count" />
          <Figure label="Balance" value={formatMoney(data.balanceMinor, currency)} testId="pool-figure-balance" />
          <Figure
            label="WA remaining term"
            value={data.waRemainingTermDays === null ? '—' : `${data.waRemainingTermDays} days`}
            testId="pool-figure-wa-term"
          />
          <Figure
            label="WA discount yield"
            value={
              data.waDiscountYieldBps === null
                ? data.discountYieldPriceMinor === null
                  ? '— (no deal price yet)'
                  : '—'
                : `${formatBps(data.waDiscountYieldBps)} p.a.`
            }
            hint={
              data.discountYieldPriceMinor === null
                ? undefined
                : `at ${formatMoney(data.discountYieldPriceMinor, currency)} (${data.discountYieldPriceSource === 'CLOSING' ? 'closing price' : 'tranches at par'}), ACT/365`
            }
            testId="pool-figure-wa-yield"
          />
          <Figure label="Top 5 obligors" value={formatBps(data.top5ObligorsShareBps)} testId="pool-figure-top5" />
          <Figure label="Obligor HHI" value={String(data.obligorHhi)} testId="pool-figure-hhi" />
        </Box>
        {data.count === 0 ? (
          <Alert severity="info">The pool is empty: add bills to see its concentration and maturities.</Alert>
        ) : (
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(3, minmax(0, 1fr))' } }}>
            <Box sx={{ minWidth: 0 }}>
              <Typography variant="body2" gutterBottom>
                Obligor concentration
              </Typography>
              <BalanceBars rows={obligors} currency={currency} testId="pool-chart-obligors" />
            </Box>
            <Box sx={{ minWidth: 0 }}>
              <Typography variant="body2" gutterBottom>
                Maturity (days remaining)
              </Typography>
              <BalanceBars rows={buckets(data.maturityBuckets)} currency={currency} testId="pool-chart-maturity" />
            </Box>
            <Box sx={{ minWidth: 0 }}>
              <Typography variant="body2" gutterBottom>
                Delinquency (days past due)
              </Typography>
              <BalanceBars rows={buckets(data.delinquencyBuckets)} currency={currency} testId="pool-chart-delinquency" />
            </Box>
          </Box>
        )}
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          Shares are of the pool balance; the HHI is on the 0–10,000 scale. The API does not compute a weighted-average yield for pools yet.
        </Typography>
      </CardContent>
    </Card>
  );
};
