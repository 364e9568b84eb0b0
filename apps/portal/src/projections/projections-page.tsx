import { useMemo, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
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
import { useMutation } from '@tanstack/react-query';
import { Title, useDataProvider } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { errorMessage } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import type { GridResponse, ProjectionResponse, ScenarioProjection } from './projections-api';
import { formatMinor } from '../bills/money';
import { chartUnits } from '../home/home-figures.util';
import { parseTape, sampleTape, tapeToCsv } from './sample-tape';

const COLORS = ['#1a237e', '#c62828', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037', '#455a64'];
const pct = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)} %`);
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const label = (s: ScenarioProjection) => `CDR ${pct(Number(s.assumptions.cdr), 1)} · CPR ${pct(Number(s.assumptions.cpr), 1)} · rec ${pct(Number(s.assumptions.recoveryRate), 0)}`;
/** The tape's amounts are cents (two minor units); labels format them exactly as text. */
const TAPE_CURRENCY = 'EUR';

/**
 * Pricing projections: a loan tape (CSV, a seeded sample by default) under CDR / CPR / recovery /
 * delinquency assumptions, run through the deal on the API. Shows each tranche's WAL, principal
 * window, loss, yield and breakeven CDR for the base case, and for a CDR × CPR × recovery grid the
 * tranche balance over time per scenario and the loss by scenario.
 *
 * Test ids: `projection-tape`, `projection-run`, `projection-error`, `projection-metrics`,
 * `metric-<tranche>` (data-wal, data-loss, data-breakeven), `projection-balance-chart`
 * (data-scenarios), `projection-loss-chart`, `projection-tranche`.
 */
export const ProjectionsPage = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const [tape, setTape] = useState(() => tapeToCsv(sampleTape(100, 7)));
  const [cdr, setCdr] = useState('0.02');
  const [cpr, setCpr] = useState('0.10');
  const [recovery, setRecovery] = useState('0.40');
  const [lag, setLag] = useState('6');
  const [delinquency, setDelinquency] = useState('0.02');
  const [gridCdr, setGridCdr] = useState('0, 0.05, 0.15, 0.30');
  const [gridCpr, setGridCpr] = useState('0.10');
  const [gridRecovery, setGridRecovery] = useState('0.40');
  const [tranche, setTranche] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: async (): Promise<{ base: ProjectionResponse; grid: GridResponse }> => {
      const parsed = parseTape(tape);
      if ('error' in parsed) throw new Error(parsed.error);
      const recoveryLag = Number(lag);
      const assumptions = { cdr, cpr, recoveryRate: recovery, recoveryLag, delinquency };
      const [base, grid] = await Promise.all([
        dataProvider.project({ assets: parsed.assets, assumptions, breakeven: true }),
        dataProvider.projectGrid({ assets: parsed.assets, axes: { cdr: list(gridCdr), cpr: list(gridCpr), recoveryRate: list(gridRecovery), recoveryLag, delinquency } }),
      ]);
      return { base, grid };
    },
  });

  const shown = tranche ?? run.data?.base.tranches[0]?.tranche ?? null;
  const balanceData = useMemo(() => {
    const scenarios = run.data?.grid.scenarios ?? [];
    const dates = scenarios.reduce<string[]>((a, s) => (s.distributionDates.length > a.length ? s.distributionDates : a), []);
    return dates.map((date, i) => {
      const row: Record<string, string | number> = { date };
      scenarios.forEach((s, k) => {
        const b = s.tranches.find((t) => t.tranche === shown)?.balancesMinor[i];
        row[`s${k}`] = b === undefined ? 0 : chartUnits(BigInt(b), TAPE_CURRENCY); // geometry only; labels use formatMinor
      });
      return row;
    });
  }, [run.data, shown]);
  const lossData = useMemo(
    () =>
      (run.data?.grid.scenarios ?? []).map((s) => {
        const row: Record<string, string | number> = { scenario: label(s) };
        for (const t of s.tranches) row[t.tranche] = Number((t.lossPct * 100).toFixed(4));
        return row;
      }),
    [run.data],
  );
  const trancheNames = run.data?.base.tranches.map((t) => t.tranche) ?? [];

  return (
    <Box sx={{ pb: 2 }}>
      <Title title="Projections" />
      <Card sx={{ mt: 2 }}>
        <CardHeader title="Pool and assumptions" subheader="Loan tape as CSV: balance,rate,remainingTerm (a seeded sample of 100 assets is filled in)" />
        <CardContent>
          <Stack spacing={2}>
            <TextField label="Loan tape (CSV)" multiline minRows={4} maxRows={8} value={tape} onChange={(e) => setTape(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'projection-tape' } }} />
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
              <TextField label="CDR" size="small" sx={{ width: 190 }} value={cdr} onChange={(e) => setCdr(e.target.value)} />
              <TextField label="CPR" size="small" sx={{ width: 190 }} value={cpr} onChange={(e) => setCpr(e.target.value)} />
              <TextField label="Recovery rate" size="small" sx={{ width: 190 }} value={recovery} onChange={(e) => setRecovery(e.target.value)} />
              <TextField label="Recovery lag (months)" size="small" sx={{ width: 190 }} value={lag} onChange={(e) => setLag(e.target.value)} />
              <TextField label="Delinquency" size="small" sx={{ width: 190 }} value={delinquency} onChange={(e) => setDelinquency(e.target.value)} />
            </Box>
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
              <TextField label="Grid: CDRs" size="small" sx={{ width: 190 }} value={gridCdr} onChange={(e) => setGridCdr(e.target.value)} />
              <TextField label="Grid: CPRs" size="small" sx={{ width: 190 }} value={gridCpr} onChange={(e) => setGridCpr(e.target.value)} />
              <TextField label="Grid: recovery rates" size="small" sx={{ width: 190 }} value={gridRecovery} onChange={(e) => setGridRecovery(e.target.value)} />
            </Box>
            <Box>
              <Button
                variant="contained"
                data-testid="projection-run"
                disabled={run.isPending}
                onClick={() => {
                  setInputError(Number.isInteger(Number(lag)) ? null : 'The recovery lag is a whole number of months');
                  if (Number.isInteger(Number(lag))) run.mutate();
                }}
              >
                {run.isPending ? 'Running…' : 'Run projection'}
              </Button>
            </Box>
            {(inputError || run.error) && (
              <Alert severity="error" data-testid="projection-error">
                {inputError ?? errorMessage(run.error)}
              </Alert>
            )}
          </Stack>
        </CardContent>
      </Card>

      {run.data && (
        <>
          <Card sx={{ mt: 2 }}>
            <CardHeader
              title="Tranches in the base case"
              subheader={`${run.data.base.assetCount} assets, pool ${formatMinor(run.data.base.poolBalanceMinor, TAPE_CURRENCY)}, ${run.data.base.months} months`}
            />
            <CardContent>
              <Table size="small" data-testid="projection-metrics">
                <TableHead>
                  <TableRow>
                    <TableCell>Tranche</TableCell>
                    <TableCell align="right">WAL (years)</TableCell>
                    <TableCell>Principal window</TableCell>
                    <TableCell align="right">Loss</TableCell>
                    <TableCell align="right">Yield at par</TableCell>
                    <TableCell align="right">Breakeven CDR</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {run.data.base.tranches.map((t) => (
                    <TableRow key={t.tranche} data-testid={`metric-${t.tranche}`} data-wal={t.walYears ?? ''} data-loss={t.lossPct} data-breakeven={t.breakevenCdr ?? ''}>
                      <TableCell>{t.tranche}</TableCell>
                      <TableCell align="right">{t.walYears === null ? '—' : t.walYears.toFixed(2)}</TableCell>
                      <TableCell>{t.principalWindow ? `${t.principalWindow.first} – ${t.principalWindow.last}` : '—'}</TableCell>
                      <TableCell align="right">{pct(t.lossPct)}</TableCell>
                      <TableCell align="right">{pct(t.yield)}</TableCell>
                      <TableCell align="right">{t.breakevenCdr === undefined || t.breakevenCdr === null ? '—' : pct(t.breakevenCdr)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>

          <Card sx={{ mt: 2 }}>
            <CardHeader
              title="Tranche balance over time, per scenario"
              action={
                <TextField select size="small" label="Tranche" value={shown ?? ''} onChange={(e) => setTranche(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'projection-tranche' } }}>
                  {trancheNames.map((n) => (
                    <MenuItem key={n} value={n}>
                      {n}
                    </MenuItem>
                  ))}
                </TextField>
              }
            />
            <CardContent>
              <Box data-testid="projection-balance-chart" data-scenarios={run.data.grid.scenarios.length}>
                <LineChart width={900} height={320} data={balanceData} margin={{ top: 8, right: 24, left: 24, bottom: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="date" minTickGap={40} />
                  <YAxis tickFormatter={(v: number) => v.toLocaleString()} width={90} />
                  <Tooltip />
                  <Legend />
                  {run.data.grid.scenarios.map((s, k) => (
                    <Line key={k} type="monotone" dataKey={`s${k}`} name={label(s)} stroke={COLORS[k % COLORS.length]} dot={false} isAnimationActive={false} />
                  ))}
                </LineChart>
              </Box>
            </CardContent>
          </Card>

          <Card sx={{ mt: 2 }}>
            <CardHeader title="Loss by scenario" subheader="Principal not repaid, % of each tranche's starting balance" />
            <CardContent>
              <Box data-testid="projection-loss-chart">
                <BarChart width={900} height={300} data={lossData} margin={{ top: 8, right: 24, left: 24, bottom: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="scenario" />
                  <YAxis unit=" %" width={70} />
                  <Tooltip />
                  <Legend />
                  {trancheNames.map((n, k) => (
                    <Bar key={n} dataKey={n} fill={COLORS[k % COLORS.length]} isAnimationActive={false} />
                  ))}
                </BarChart>
              </Box>
              <Typography variant="caption" color="text.secondary">
                Pool losses per scenario: {run.data.grid.scenarios.map((s) => `${label(s)}: ${formatMinor(s.poolLossMinor, TAPE_CURRENCY)}`).join('; ')}
              </Typography>
            </CardContent>
          </Card>
        </>
      )}
    </Box>
  );
};
