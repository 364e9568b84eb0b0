import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  type ChipProps,
} from '@mui/material';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { Wallet, WalletChainStatus } from '../api/identity-types';
import { errorMessage, formatDateTime, formatTime } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';

/** Often enough that an approval's on-chain registration shows up within seconds. */
const POLL_INTERVAL_MS = 3_000;

const CHAIN_STATUS_COLOR: Record<WalletChainStatus, ChipProps['color']> = {
  NOT_REGISTERED: 'default',
  REGISTERING: 'info',
  REGISTERED: 'success',
  REMOVING: 'warning',
};

/**
 * The wallets of an organization with where each stands in the IdentityRegistry: the outbox's
 * view (`chainStatus`) and the contract's own answer (`verifiedOnChain`), refreshed every 3 s.
 *
 * Test ids carry the address exactly as the API returns it: `wallet-<address>` (row),
 * `wallet-chain-status-<address>`, and `wallet-verified-<address>` only while the registry
 * verifies it (`wallet-unverified-…` / `wallet-onchain-unknown-…` otherwise).
 */
export const OrganizationWallets = ({ organizationId }: { organizationId: string }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: ['organizations', organizationId, 'wallets'],
    queryFn: ({ signal }) => dataProvider.getWallets(organizationId, { signal }),
    refetchInterval: POLL_INTERVAL_MS,
  });

  return (
    <Card variant="outlined" data-testid="org-wallets">
      <CardHeader
        title="Wallets"
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
        action={
          dataUpdatedAt > 0 && (
            <Typography variant="caption" color="text.secondary" sx={{ pr: 1 }}>
              updated {formatTime(dataUpdatedAt)}
            </Typography>
          )
        }
      />
      <CardContent sx={{ pt: 0 }}>
        {error && (
          <Alert severity="warning" sx={{ mb: 1 }} data-testid="org-wallets-error">
            Cannot load the wallets: {errorMessage(error)}
          </Alert>
        )}
        {data && data.length === 0 && (
          <Typography variant="body2" color="text.secondary" data-testid="org-wallets-empty">
            No wallets yet. A custodial wallet is created when the organization&apos;s KYC is approved.
          </Typography>
        )}
        {data && data.length > 0 && (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>Kind</TableCell>
                  <TableCell>Address</TableCell>
                  <TableCell>Registry job</TableCell>
                  <TableCell>On chain</TableCell>
                  <TableCell>Created</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.map((wallet) => (
                  <WalletRow key={wallet.id} wallet={wallet} />
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};

const WalletRow = ({ wallet }: { wallet: Wallet }) => (
  <TableRow data-testid={`wallet-${wallet.address}`}>
    <TableCell>
      <Chip size="small" variant="outlined" label={wallet.kind} />
    </TableCell>
    <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{wallet.address}</TableCell>
    <TableCell>
      <Chip
        size="small"
        label={wallet.chainStatus}
        color={CHAIN_STATUS_COLOR[wallet.chainStatus]}
        data-testid={`wallet-chain-status-${wallet.address}`}
      />
    </TableCell>
    <TableCell>
      <OnChainBadge wallet={wallet} />
    </TableCell>
    <TableCell>{formatDateTime(wallet.createdAt)}</TableCell>
  </TableRow>
);

const OnChainBadge = ({ wallet }: { wallet: Wallet }) => {
  if (wallet.verifiedOnChain === true) {
    return (
      <Chip size="small" color="success" icon={<VerifiedUserIcon />} label="Verified" data-testid={`wallet-verified-${wallet.address}`} />
    );
  }
  if (wallet.verifiedOnChain === false) {
    return <Chip size="small" variant="outlined" label="Not verified" data-testid={`wallet-unverified-${wallet.address}`} />;
  }
  return (
    <Chip
      size="small"
      color="warning"
      variant="outlined"
      label="Chain unreachable"
      data-testid={`wallet-onchain-unknown-${wallet.address}`}
    />
  );
};
