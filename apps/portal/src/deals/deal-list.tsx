import { Alert, Box, Card, Link as MuiLink, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, Loading, RefreshButton, Title, TopToolbar, useDataProvider } from 'react-admin';
import { formatMoney } from '../bills/money';
import { errorMessage } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { dealPath } from './deal-paths';
import type { CreateDeal } from './deals-api';

/** The deals the organization arranged. A deal is structured from a cut-off pool's page. Test ids: `deal-list`, `deal-row-<name>`. */
export const DealList = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { data, error, isPending } = useQuery({ queryKey: ['deals'], queryFn: ({ signal }) => dataProvider.getDeals({ signal }) });
  return (
    <Box sx={{ pb: 2 }}>
      <Title title="Deals" />
      <TopToolbar>
        <RefreshButton />
      </TopToolbar>
      {error ? (
        <Alert severity="error">Cannot load the deals: {errorMessage(error)}</Alert>
      ) : isPending ? (
        <Loading />
      ) : data.length === 0 ? (
        <Alert severity="info" data-testid="deal-list-empty">
          No deals yet: cut off a pool, then structure its deal from the pool's page.
        </Alert>
      ) : (
        <Card variant="outlined" sx={{ overflowX: 'auto' }} data-testid="deal-list">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>State</TableCell>
                <TableCell align="right">Tranches</TableCell>
                <TableCell align="right">Pool balance</TableCell>
                <TableCell>Closing</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((deal) => {
                const terms = deal.terms as unknown as CreateDeal;
                return (
                  <TableRow key={deal.id} data-testid={`deal-row-${deal.name}`}>
                    <TableCell>
                      <MuiLink component={Link} to={dealPath(deal.id)}>
                        {deal.name}
                      </MuiLink>
                    </TableCell>
                    <TableCell>{deal.state.toLowerCase()}</TableCell>
                    <TableCell align="right">{terms.tranches.map((t) => t.className).join(', ')}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                      {formatMoney(deal.poolBalanceMinor, deal.currency)}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{terms.closingDate}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Card>
      )}
    </Box>
  );
};
