import { Alert, Box, Button, Card, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, RefreshButton, Title, TopToolbar, useDataProvider, useNotify } from 'react-admin';
import { hasRole, useRoles } from '../auth/roles';
import { formatBps, formatMoney, parseMajor } from '../bills/money';
import { useOrganizationDirectory } from '../bills/organization-directory';
import { errorMessage, formatDateTime } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import type { Offering } from './offerings-api';

const num = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/**
 * Open offerings: tranches in their subscription window (deal, class, coupon, size, note
 * denomination, until when). An admin of an investor organization places one order per tranche,
 * a whole number of notes. Test ids: `offerings`, `offering-<deal> <class>`, `offering-amount-<class>`
 * (input), `offering-order-<class>`, `offering-ordered-<class>`.
 */
export const OfferingsPage = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { data, error, isPending } = useQuery({
    queryKey: ['offerings'],
    queryFn: ({ signal }) => dataProvider.getOpenOfferings({ signal }),
  });
  const mine = useQuery({ queryKey: ['orders', 'mine'], queryFn: ({ signal }) => dataProvider.getMyOrders({ signal }) });
  const ordered = new Set((mine.data ?? []).map((o) => o.offeringId));
  return (
    <Box sx={{ pb: 2 }}>
      <Title title="Offerings" />
      <TopToolbar>
        <RefreshButton />
      </TopToolbar>
      {error ? (
        <Alert severity="error">Cannot load the offerings: {errorMessage(error)}</Alert>
      ) : isPending ? (
        <Loading />
      ) : data.length === 0 ? (
        <Alert severity="info" data-testid="offerings-empty">
          No tranche is open for subscription right now.
        </Alert>
      ) : (
        <Card variant="outlined" sx={{ overflowX: 'auto' }} data-testid="offerings">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Deal</TableCell>
                <TableCell>Class</TableCell>
                <TableCell align="right">Coupon</TableCell>
                <TableCell align="right">Size</TableCell>
                <TableCell align="right">Note</TableCell>
                <TableCell>Orders until</TableCell>
                <TableCell>Your order</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((o) => (
                <TableRow key={o.id} data-testid={`offering-${o.dealName} ${o.className}`}>
                  <TableCell>{o.dealName}</TableCell>
                  <TableCell>
                    {o.className} (rank {o.rank})
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {formatBps(o.couponBps)}
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {formatMoney(o.sizeMinor, o.currency)}
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {formatMoney(o.denominationMinor, o.currency)}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(o.closesAt)}</TableCell>
                  <TableCell>
                    {ordered.has(o.id) ? (
                      <Typography variant="body2" data-testid={`offering-ordered-${o.className}`}>
                        ordered: see My orders
                      </Typography>
                    ) : (
                      <OrderForm offering={o} />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </Box>
  );
};

const OrderForm = ({ offering }: { offering: Offering }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const directory = useOrganizationDirectory();
  const admin = hasRole(useRoles(), 'ORG_ADMIN');
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!directory.ownRoles.includes('INVESTOR') || !admin)
    return (
      <Typography variant="caption" color="text.secondary">
        admins of investor organizations subscribe
      </Typography>
    );
  const place = async () => {
    const parsed = parseMajor(amount, offering.currency);
    if (!parsed.ok) return setProblem(parsed.error);
    if (parsed.value === 0n || parsed.value % BigInt(offering.denominationMinor) !== 0n)
      return setProblem(`A whole number of notes of ${formatMoney(offering.denominationMinor, offering.currency)}`);
    setProblem(null);
    setBusy(true);
    try {
      await dataProvider.placeOrder(offering.id, parsed.value.toString());
      notify(`Order placed: ${formatMoney(parsed.value, offering.currency)} of class ${offering.className}`, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['orders'] });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack sx={{ alignItems: 'flex-start' }} direction="row" spacing={1}>
      <TextField
        size="small"
        label={offering.currency}
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        error={!!problem}
        helperText={problem ?? undefined}
        sx={{ width: 150 }}
        slotProps={{ htmlInput: { 'data-testid': `offering-amount-${offering.className}` } }}
      />
      <Button
        variant="contained"
        size="small"
        onClick={place}
        disabled={busy || !amount}
        data-testid={`offering-order-${offering.className}`}
      >
        Order
      </Button>
    </Stack>
  );
};
