import { useState } from 'react';
import {
  Alert,
  Autocomplete,
  Box,
  Card,
  CardContent,
  CardHeader,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, RefreshButton, Title, TopToolbar, useDataProvider } from 'react-admin';
import { access, useRoles } from '../auth/roles';
import { formatMinor } from '../bills/money';
import { useOrganizationDirectory } from '../bills/organization-directory';
import { errorMessage, formatTime } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { AccountStatement } from './account-statement';

/** A financing or a payment settles within seconds; the balance follows without a reload. */
const POLL_MS = 3_000;

/**
 * Settlement token balances (tokenized deposits) of the caller's organization, per currency, as
 * the chain holds them. Platform roles pick the organization.
 *
 * Test ids: `balances`, `balance-<CURRENCY>` (formatted amount as text, `data-minor` exact),
 * `balances-empty`.
 */
export const BalancesPage = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const directory = useOrganizationDirectory();
  const pickAny = access.allOrganizations(useRoles());
  const [picked, setPicked] = useState<string | null>(null);
  const organizationId = picked ?? directory.ownOrganizationId;
  const { data, error, isPending, dataUpdatedAt } = useQuery({
    queryKey: ['settlement', 'balances', organizationId],
    queryFn: ({ signal }) => dataProvider.getBalances(organizationId!, { signal }),
    enabled: organizationId !== undefined,
    refetchInterval: POLL_MS,
  });
  const choices = directory.entries.filter((entry) => !entry.roles.includes('PLATFORM'));
  const name = directory.nameOf(organizationId) ?? 'your organization';

  return (
    <Box sx={{ pb: 2 }}>
      <Title title="Settlement balances" />
      <TopToolbar>
        <RefreshButton />
      </TopToolbar>
      {pickAny && (
        <Autocomplete
          options={choices}
          value={choices.find((entry) => entry.id === picked) ?? null}
          onChange={(_, entry) => setPicked(entry?.id ?? null)}
          getOptionLabel={(entry) => entry.legalName}
          sx={{ maxWidth: 420, mb: 2 }}
          renderInput={(params) => <TextField {...params} label="Organization" size="small" />}
        />
      )}
      <Card variant="outlined" data-testid="balances">
        <CardHeader
          title={`Balances of ${name}`}
          subheader="Tokenized deposits in the organization's settlement account, per currency"
          slotProps={{ title: { variant: 'h6', component: 'h1' } }}
          action={
            dataUpdatedAt > 0 && (
              <Typography variant="caption" color="text.secondary" sx={{ pr: 1 }}>
                updated {formatTime(dataUpdatedAt)}
              </Typography>
            )
          }
        />
        <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
          {error ? (
            <Alert severity="error" data-testid="balances-error">
              Cannot load the balances: {errorMessage(error)}
            </Alert>
          ) : isPending ? (
            <Loading />
          ) : data.length === 0 ? (
            <Typography variant="body2" color="text.secondary" data-testid="balances-empty">
              No settlement account yet: it comes with the organization&apos;s verified wallet.
            </Typography>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>Currency</TableCell>
                  <TableCell align="right">Balance</TableCell>
                  <TableCell>Settlement account</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.map((balance) => (
                  <TableRow key={balance.currency}>
                    <TableCell>{balance.currency}</TableCell>
                    <TableCell
                      align="right"
                      sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600, fontSize: '1.05rem' }}
                      data-testid={`balance-${balance.currency}`}
                      data-minor={balance.balanceMinor}
                    >
                      {formatMinor(balance.balanceMinor, balance.currency)}
                    </TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{balance.wallet}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {organizationId && <AccountStatement organizationId={organizationId} organizationName={name} />}
    </Box>
  );
};
