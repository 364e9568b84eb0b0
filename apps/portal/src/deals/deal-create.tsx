import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  IconButton,
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
import { useNavigate, useParams } from 'react-router';
import { Loading, Title, useDataProvider } from 'react-admin';
import { formatMoney } from '../bills/money';
import { errorMessage } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { dealPath } from './deal-paths';
import { dealRequestOf, defaultDealForm, type DealFormValues, type TrancheRow, type TriggerRow } from './deal-form.util';

const cell = { py: 0.5, px: 0.5 };

/**
 * Deal structuring on a cut-off pool: the tranche table (class, size, coupon bps, rank, equity,
 * note denomination), fees, reserve and triggers. The API validates the structure against the
 * locked pool and answers every problem at once; the deal page then shows the credit
 * enhancement per tranche as the API computes it. Inputs are named (`input[name=tranche-0-size]`).
 */
export const DealCreate = () => {
  const { id: poolId = '' } = useParams();
  const dataProvider = useDataProvider<TallyDataProvider>();
  const pool = useQuery({ queryKey: ['pools', poolId], queryFn: ({ signal }) => dataProvider.getPool(poolId, { signal }) });
  if (pool.error) return <Alert severity="error">Cannot load the pool: {errorMessage(pool.error)}</Alert>;
  if (pool.isPending) return <Loading />;
  return (
    <DealForm
      poolId={poolId}
      poolName={pool.data.name}
      currency={pool.data.currency}
      balanceMinor={pool.data.balanceMinor}
      cutOff={pool.data.cutOffDate}
    />
  );
};

const DealForm = ({
  poolId,
  poolName,
  currency,
  balanceMinor,
  cutOff,
}: {
  poolId: string;
  poolName: string;
  currency: string;
  balanceMinor: string;
  cutOff: string;
}) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [v, setV] = useState<DealFormValues>(() => defaultDealForm(poolName));
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const setTranche = (i: number, patch: Partial<TrancheRow>) =>
    setV({ ...v, tranches: v.tranches.map((t, j) => (i === j ? { ...t, ...patch } : t)) });
  const setTrigger = (i: number, patch: Partial<TriggerRow>) =>
    setV({ ...v, triggers: v.triggers.map((t, j) => (i === j ? { ...t, ...patch } : t)) });

  const submit = async () => {
    const request = dealRequestOf(v, currency);
    if (!request.ok) {
      setProblems(request.problems);
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      const deal = await dataProvider.createDeal(poolId, request.body);
      await queryClient.invalidateQueries({ queryKey: ['pools'] });
      await queryClient.invalidateQueries({ queryKey: ['deals'] });
      navigate(dealPath(deal.id));
    } catch (error) {
      setProblems(errorMessage(error).split('; '));
    } finally {
      setBusy(false);
    }
  };

  const text = (name: keyof DealFormValues, label: string, type = 'text') => (
    <TextField
      name={name}
      label={label}
      type={type}
      size="small"
      value={v[name] as string}
      onChange={(e) => setV({ ...v, [name]: e.target.value })}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  );

  return (
    <Box sx={{ pb: 2, mt: 2, maxWidth: 980 }}>
      <Title title={`Structure a deal on ${poolName}`} />
      <Card variant="outlined">
        <CardContent>
          <Stack spacing={3}>
            <Typography variant="body2" color="text.secondary">
              Pool {poolName}: {formatMoney(balanceMinor, currency)} cut off on {cutOff}. Amounts in {currency}; coupons, fees, reserve and
              thresholds in basis points (100 bps = 1 %).
            </Typography>
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 1fr' } }}>
              {text('name', 'Deal name')}
              {text('closingDate', 'Closing date', 'date')}
              {text('firstDistributionDate', 'First distribution', 'date')}
              {text('statedMaturityDate', 'Stated maturity', 'date')}
              <TextField
                select
                name="paymentFrequency"
                label="Payment frequency"
                size="small"
                value={v.paymentFrequency}
                onChange={(e) => setV({ ...v, paymentFrequency: e.target.value as DealFormValues['paymentFrequency'] })}
              >
                <MenuItem value="MONTHLY">monthly</MenuItem>
                <MenuItem value="QUARTERLY">quarterly</MenuItem>
              </TextField>
              <TextField
                select
                name="dayCount"
                label="Day count"
                size="small"
                value={v.dayCount}
                onChange={(e) => setV({ ...v, dayCount: e.target.value as DealFormValues['dayCount'] })}
              >
                <MenuItem value="ACT/360">ACT/360</MenuItem>
                <MenuItem value="ACT/365F">ACT/365F</MenuItem>
              </TextField>
            </Box>

            <Box>
              <Typography variant="subtitle1">Tranches</Typography>
              <Box sx={{ overflowX: 'auto' }}>
                <Table size="small" data-testid="deal-tranche-form">
                  <TableHead>
                    <TableRow>
                      <TableCell sx={cell}>Class</TableCell>
                      <TableCell sx={cell}>Size</TableCell>
                      <TableCell sx={cell}>Coupon bps</TableCell>
                      <TableCell sx={cell}>Rank</TableCell>
                      <TableCell sx={cell}>Equity</TableCell>
                      <TableCell sx={cell}>Note denomination</TableCell>
                      <TableCell sx={cell} />
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {v.tranches.map((t, i) => (
                      <TableRow key={i}>
                        {(['className', 'size', 'couponBps', 'rank'] as const).map((key) => (
                          <TableCell sx={cell} key={key}>
                            <TextField
                              size="small"
                              name={`tranche-${i}-${key}`}
                              value={t[key]}
                              onChange={(e) => setTranche(i, { [key]: e.target.value })}
                              sx={{ width: key === 'size' ? 150 : 80 }}
                            />
                          </TableCell>
                        ))}
                        <TableCell sx={cell}>
                          <Checkbox
                            checked={t.equity}
                            onChange={(e) => setTranche(i, { equity: e.target.checked })}
                            slotProps={{ input: { name: `tranche-${i}-equity` } as object }}
                          />
                        </TableCell>
                        <TableCell sx={cell}>
                          <TextField
                            size="small"
                            name={`tranche-${i}-denomination`}
                            value={t.denomination}
                            onChange={(e) => setTranche(i, { denomination: e.target.value })}
                            sx={{ width: 120 }}
                          />
                        </TableCell>
                        <TableCell sx={cell}>
                          <IconButton
                            aria-label={`remove tranche ${t.className}`}
                            size="small"
                            onClick={() => setV({ ...v, tranches: v.tranches.filter((_, j) => j !== i) })}
                          >
                            <DeleteIcon fontSize="small" />
                          </IconButton>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Box>
              <Button
                size="small"
                startIcon={<AddIcon />}
                onClick={() =>
                  setV({
                    ...v,
                    tranches: [
                      ...v.tranches,
                      { className: '', size: '', couponBps: '0', rank: String(v.tranches.length + 1), equity: false, denomination: '1000' },
                    ],
                  })
                }
              >
                Add tranche
              </Button>
            </Box>

            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 1fr' } }}>
              {text('servicerFeeBpsPerAnnum', 'Servicer fee (bps p.a. of the pool)')}
              {text('trusteeFeePerPeriod', `Trustee fee per period (${currency})`)}
              {text('reserveTargetBps', 'Reserve target (bps of the notes)')}
            </Box>

            <Box>
              <Typography variant="subtitle1">Triggers</Typography>
              {v.triggers.map((t, i) => (
                <Stack key={i} direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ my: 1 }}>
                  <TextField
                    size="small"
                    label="Name"
                    name={`trigger-${i}-name`}
                    value={t.name}
                    onChange={(e) => setTrigger(i, { name: e.target.value })}
                  />
                  <TextField
                    select
                    size="small"
                    label="Test"
                    value={t.kind}
                    onChange={(e) => setTrigger(i, { kind: e.target.value as TriggerRow['kind'] })}
                    sx={{ minWidth: 220 }}
                  >
                    <MenuItem value="OC_RATIO_BELOW">OC ratio below</MenuItem>
                    <MenuItem value="CUMULATIVE_DEFAULT_ABOVE">cumulative default above</MenuItem>
                  </TextField>
                  <TextField
                    size="small"
                    label="Threshold bps"
                    name={`trigger-${i}-threshold`}
                    value={t.thresholdBps}
                    onChange={(e) => setTrigger(i, { thresholdBps: e.target.value })}
                  />
                  <TextField
                    select
                    size="small"
                    label="Effect"
                    value={t.effect}
                    onChange={(e) => setTrigger(i, { effect: e.target.value as TriggerRow['effect'] })}
                    sx={{ minWidth: 240 }}
                  >
                    <MenuItem value="SEQUENTIAL_PRINCIPAL">principal sequential</MenuItem>
                    <MenuItem value="TRAP_EXCESS_SPREAD">sequential and trap excess spread</MenuItem>
                  </TextField>
                  <IconButton aria-label="remove trigger" onClick={() => setV({ ...v, triggers: v.triggers.filter((_, j) => j !== i) })}>
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                </Stack>
              ))}
              <Button
                size="small"
                startIcon={<AddIcon />}
                onClick={() =>
                  setV({
                    ...v,
                    triggers: [
                      ...v.triggers,
                      {
                        name: `trigger-${v.triggers.length + 1}`,
                        kind: 'OC_RATIO_BELOW',
                        thresholdBps: '10500',
                        effect: 'SEQUENTIAL_PRINCIPAL',
                      },
                    ],
                  })
                }
                data-testid="deal-add-trigger"
              >
                Add trigger
              </Button>
            </Box>

            {problems.length > 0 && (
              <Alert severity="error" data-testid="deal-create-error">
                {problems.map((p) => (
                  <div key={p}>{p}</div>
                ))}
              </Alert>
            )}
            <Box>
              <Button variant="contained" onClick={submit} disabled={busy} data-testid="deal-submit">
                Structure the deal
              </Button>
            </Box>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};
