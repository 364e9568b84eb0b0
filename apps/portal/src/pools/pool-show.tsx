import DownloadIcon from '@mui/icons-material/Download';
import LockIcon from '@mui/icons-material/Lock';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Link, Loading, Title, useDataProvider, useNotify } from 'react-admin';
import { hasRole, useRoles } from '../auth/roles';
import { formatBps, formatMoney, formatMoneySafe } from '../bills/money';
import { useOrganizationDirectory } from '../bills/organization-directory';
import { errorMessage, formatDate, formatDateTime } from '../common/formatting';
import { dealCreatePath, dealPath } from '../deals/deal-paths';
import type { TallyDataProvider } from '../providers/data-provider';
import { AssetProofPanel } from './asset-proof-panel';
import { PoolAnalytics } from './pool-analytics';
import { PoolBillPicker } from './pool-bill-picker';
import { PoolStateChip } from './pool-state-chip';
import type { Pool, PoolAsset, TapeFormat } from './pools-api';

const dash = (v: string | number | null) => (v === null ? '—' : String(v));

/**
 * A pool: its terms, the bill picker while it is open (per-bill answers), its assets and
 * analytics, the cut-off lock, the tape downloads and the per-asset proof once locked, and the
 * way to its deal. Test ids: `pool-show`, `pool-cutoff`, `pool-cutoff-confirm`, `pool-tape-csv`,
 * `pool-tape-json`, `pool-tape-pdf`, `pool-structure-deal`, `pool-deal-link`, `pool-assets`, `pool-asset-<invoice>`.
 */
export const PoolShow = () => {
  const { id = '' } = useParams();
  const dataProvider = useDataProvider<TallyDataProvider>();
  const directory = useOrganizationDirectory();
  const admin = hasRole(useRoles(), 'ORG_ADMIN');
  const pool = useQuery({ queryKey: ['pools', id], queryFn: ({ signal }) => dataProvider.getPool(id, { signal }) });
  const assets = useQuery({
    queryKey: ['pools', id, 'assets'],
    queryFn: ({ signal }) => dataProvider.getPoolAssets(id, { signal }),
  });
  const deal = useQuery({
    queryKey: ['pools', id, 'deal'],
    queryFn: ({ signal }) => dataProvider.getPoolDeal(id, { signal }),
    enabled: pool.data?.state === 'LOCKED',
  });

  if (pool.error) return <Alert severity="error">Cannot load the pool: {errorMessage(pool.error)}</Alert>;
  if (pool.isPending) return <Loading />;
  const p = pool.data;
  const open = p.state === 'OPEN';
  const own = directory.ownOrganizationId === p.originatorOrganizationId;
  return (
    <Stack spacing={2} sx={{ pb: 2, mt: 2 }} data-testid="pool-show">
      <Title title={`Pool ${p.name}`} />
      <PoolHeader pool={p} />
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {open && admin && own && <CutOffButton pool={p} />}
        {!open && <TapeButton pool={p} format="csv" />}
        {!open && <TapeButton pool={p} format="json" />}
        {!open && <TapeButton pool={p} format="pdf" />}
        {!open && deal.data === null && admin && own && (
          <Button
            variant="contained"
            component={Link}
            to={dealCreatePath(p.id)}
            startIcon={<AccountTreeIcon />}
            data-testid="pool-structure-deal"
          >
            Structure the deal
          </Button>
        )}
        {deal.data && (
          <Button
            variant="outlined"
            component={Link}
            to={dealPath(deal.data.id)}
            startIcon={<AccountTreeIcon />}
            data-testid="pool-deal-link"
          >
            Deal {deal.data.name}
          </Button>
        )}
      </Stack>
      {open && admin && own && directory.ownOrganizationId && <PoolBillPicker pool={p} ownOrganizationId={directory.ownOrganizationId} />}
      <PoolAnalytics pool={p} />
      {assets.error ? (
        <Alert severity="error">Cannot load the assets: {errorMessage(assets.error)}</Alert>
      ) : assets.isPending ? (
        <Loading />
      ) : (
        <>
          <AssetTable assets={assets.data} />
          {!open && assets.data.length > 0 && <AssetProofPanel poolId={p.id} assets={assets.data} />}
        </>
      )}
    </Stack>
  );
};

const PoolHeader = ({ pool }: { pool: Pool }) => {
  const e = pool.eligibility;
  const l = pool.limits;
  const terms: [string, string][] = [
    ['Currency', pool.currency],
    ['Cut-off', formatDate(pool.cutOffDate)],
    ['Bills', String(pool.assetCount)],
    ['Balance', formatMoney(pool.balanceMinor, pool.currency)],
    ['Locked', formatDateTime(pool.lockedAt)],
    ['Remaining term', `${dash(e.minRemainingTermDays)} to ${dash(e.maxRemainingTermDays)} days`],
    ['Face amount', `${formatMoneySafe(e.minFaceAmountMinor, pool.currency)} to ${formatMoneySafe(e.maxFaceAmountMinor, pool.currency)}`],
    ['One obligor', l.maxSingleObligorBps === null ? '—' : `≤ ${formatBps(l.maxSingleObligorBps)}`],
    ['Top 5 obligors', l.maxTop5ObligorsBps === null ? '—' : `≤ ${formatBps(l.maxTop5ObligorsBps)}`],
    ['One seller', l.maxSingleSellerBps === null ? '—' : `≤ ${formatBps(l.maxSingleSellerBps)}`],
    ['Pool balance', l.maxPoolBalanceMinor === null ? '—' : `≤ ${formatMoney(l.maxPoolBalanceMinor, pool.currency)}`],
    ['Bills at most', dash(l.maxAssetCount)],
    ['Limits measured against at least', formatMoneySafe(l.concentrationBaseMinor, pool.currency)],
  ];
  return (
    <Card variant="outlined">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
          <Typography variant="h6" data-testid="pool-name">
            {pool.name}
          </Typography>
          <PoolStateChip state={pool.state} />
        </Stack>
        <Box
          component="dl"
          sx={{
            m: 0,
            display: 'grid',
            gridTemplateColumns: { xs: 'max-content minmax(0, 1fr)', md: 'repeat(2, max-content minmax(0, 1fr))' },
            columnGap: 2,
            rowGap: 0.5,
          }}
        >
          {terms.map(([label, value]) => (
            <Box key={label} sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" color="text.secondary">
                {label}
              </Typography>
              <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                {value}
              </Typography>
            </Box>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
};

const CutOffButton = ({ pool }: { pool: Pool }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lock = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const tape = await dataProvider.lockPool(pool.id);
      notify(
        `Cut off: ${tape.assetCount} bills on the tape, ${formatMoney(tape.balanceMinor, pool.currency)}; the root is being anchored`,
        {
          type: 'success',
        },
      );
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: ['pools'] });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        variant="contained"
        startIcon={<LockIcon />}
        disabled={pool.assetCount === 0}
        onClick={() => setConfirming(true)}
        data-testid="pool-cutoff"
      >
        Cut off
      </Button>
      <Dialog open={confirming} onClose={() => setConfirming(false)}>
        <DialogTitle>Cut off {pool.name}?</DialogTitle>
        <DialogContent>
          <Typography variant="body2">
            The pool's {pool.assetCount} bills ({formatMoney(pool.balanceMinor, pool.currency)}) become its loan tape: one Merkle leaf per
            bill, the root anchored on chain. Nothing is added afterwards.
          </Typography>
          {failure && (
            <Alert severity="error" sx={{ mt: 1 }}>
              {failure}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button variant="contained" onClick={lock} disabled={busy} data-testid="pool-cutoff-confirm">
            Cut off
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

const TapeButton = ({ pool, format }: { pool: Pool; format: TapeFormat }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const download = async () => {
    try {
      const slug = pool.name.replace(/[^A-Za-z0-9_-]+/g, '-');
      await dataProvider.downloadPoolTape(pool.id, format, `tape-${slug}.${format}`);
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    }
  };
  return (
    <Button variant="outlined" startIcon={<DownloadIcon />} onClick={download} data-testid={`pool-tape-${format}`}>
      {format === 'pdf' ? 'Tape summary PDF' : `Tape ${format.toUpperCase()}`}
    </Button>
  );
};

const AssetTable = ({ assets }: { assets: PoolAsset[] }) => (
  <Card variant="outlined" data-testid="pool-assets">
    <CardContent>
      <Typography variant="subtitle1" gutterBottom>
        Assets ({assets.length})
      </Typography>
      {assets.length === 0 ? (
        <Alert severity="info">No bills in the pool yet.</Alert>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Invoice</TableCell>
                <TableCell>Obligor</TableCell>
                <TableCell>Seller</TableCell>
                <TableCell align="right">Face amount</TableCell>
                <TableCell>Due</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {assets.map((a) => (
                <TableRow key={a.billId} data-testid={`pool-asset-${a.invoiceNumber}`}>
                  <TableCell>{a.invoiceNumber}</TableCell>
                  <TableCell>{a.obligorLegalName ?? 'an organization'}</TableCell>
                  <TableCell>{a.sellerLegalName ?? 'an organization'}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-minor={a.faceAmountMinor}>
                    {formatMoney(a.faceAmountMinor, a.currency)}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(a.dueDate)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </CardContent>
  </Card>
);
