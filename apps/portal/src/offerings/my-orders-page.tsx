import { Alert, Box, Card, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, RefreshButton, Title, TopToolbar, useDataProvider } from 'react-admin';
import { formatMoney } from '../bills/money';
import { errorMessage, formatDateTime } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';

const num = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/**
 * The investor's orders and allocations, per tranche. Notes reach the investor's wallet at the
 * deal's closing (delivery versus payment), which the API does not offer yet: holdings are the
 * allocations until then. Test ids: `my-orders`, `my-order-<deal> <class>` (`data-allocated`),
 * `my-order-allocated-<class>`.
 */
export const MyOrdersPage = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { data, error, isPending } = useQuery({
    queryKey: ['orders', 'mine'],
    queryFn: ({ signal }) => dataProvider.getMyOrders({ signal }),
  });
  return (
    <Box sx={{ pb: 2 }}>
      <Title title="My orders" />
      <TopToolbar>
        <RefreshButton />
      </TopToolbar>
      {error ? (
        <Alert severity="error">Cannot load your orders: {errorMessage(error)}</Alert>
      ) : isPending ? (
        <Loading />
      ) : data.length === 0 ? (
        <Alert severity="info" data-testid="my-orders-empty">
          No orders yet: subscribe to a tranche on the Offerings page.
        </Alert>
      ) : (
        <>
          <Card variant="outlined" sx={{ overflowX: 'auto' }} data-testid="my-orders">
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>Deal</TableCell>
                  <TableCell>Class</TableCell>
                  <TableCell align="right">Ordered</TableCell>
                  <TableCell align="right">Allocated</TableCell>
                  <TableCell>State</TableCell>
                  <TableCell>Placed</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.map((o) => (
                  <TableRow
                    key={o.id}
                    data-testid={`my-order-${o.offering.dealName} ${o.offering.className}`}
                    data-allocated={o.allocatedMinor ?? ''}
                  >
                    <TableCell>{o.offering.dealName}</TableCell>
                    <TableCell>{o.offering.className}</TableCell>
                    <TableCell align="right" sx={num}>
                      {formatMoney(o.amountMinor, o.offering.currency)}
                    </TableCell>
                    <TableCell align="right" sx={num} data-testid={`my-order-allocated-${o.offering.className}`}>
                      {o.allocatedMinor === null ? '—' : formatMoney(o.allocatedMinor, o.offering.currency)}
                    </TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        label={o.offering.state === 'ALLOCATED' ? 'allocated' : 'awaiting allocation'}
                        color={o.offering.state === 'ALLOCATED' ? 'success' : 'default'}
                      />
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(o.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Card>
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
            Holdings: allocated notes are delivered to your wallet against payment at the deal's closing; until then the allocation is what
            you hold a claim to.
          </Typography>
        </>
      )}
    </Box>
  );
};
