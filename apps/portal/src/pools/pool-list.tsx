import AddIcon from '@mui/icons-material/Add';
import { Alert, Box, Button, Card, Link as MuiLink, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, Loading, RefreshButton, Title, TopToolbar, useDataProvider } from 'react-admin';
import { hasRole, useRoles } from '../auth/roles';
import { formatMoney } from '../bills/money';
import { errorMessage, formatDate } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { POOL_CREATE_PATH, poolPath } from './pool-paths';
import { PoolStateChip } from './pool-state-chip';

/**
 * The organization's receivables pools (ORIGINATOR / FINANCIER): name, state, cut-off, count
 * and balance. Test ids: `pool-list`, `pool-row-<name>`, `pool-create`.
 */
export const PoolList = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { data, error, isPending } = useQuery({ queryKey: ['pools'], queryFn: ({ signal }) => dataProvider.getPools({ signal }) });
  const admin = hasRole(useRoles(), 'ORG_ADMIN');
  return (
    <Box sx={{ pb: 2 }}>
      <Title title="Pools" />
      <TopToolbar>
        <RefreshButton />
        {admin && (
          <Button component={Link} to={POOL_CREATE_PATH} startIcon={<AddIcon />} size="small" data-testid="pool-create">
            New pool
          </Button>
        )}
      </TopToolbar>
      {error ? (
        <Alert severity="error">Cannot load the pools: {errorMessage(error)}</Alert>
      ) : isPending ? (
        <Loading />
      ) : data.length === 0 ? (
        <Alert severity="info" data-testid="pool-list-empty">
          No pools yet. A pool gathers accepted bills your organization holds; at cut-off its loan tape is anchored on chain.
        </Alert>
      ) : (
        <Card variant="outlined" sx={{ overflowX: 'auto' }} data-testid="pool-list">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>State</TableCell>
                <TableCell>Cut-off</TableCell>
                <TableCell align="right">Assets</TableCell>
                <TableCell align="right">Balance</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((pool) => (
                <TableRow key={pool.id} data-testid={`pool-row-${pool.name}`}>
                  <TableCell>
                    <MuiLink component={Link} to={poolPath(pool.id)}>
                      {pool.name}
                    </MuiLink>
                  </TableCell>
                  <TableCell>
                    <PoolStateChip state={pool.state} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(pool.cutOffDate)}</TableCell>
                  <TableCell align="right">{pool.assetCount}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                    {formatMoney(pool.balanceMinor, pool.currency)}
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
