import { Alert, Box, Button, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useNotify } from 'react-admin';
import { hasRole, useRoles } from '../auth/roles';
import { CommandDialog } from '../bills/command-dialog';
import { formatMoney } from '../bills/money';
import { errorMessage } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import type { Closing, Deal, DealOffering } from './deals-api';

const CLOSING_POLL_MS = 2_000;
const num = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;
const IN_PROGRESS = new Set(['REQUESTED', 'ASSETS_SOLD', 'NOTES_ISSUED']);

/** `0x1234…abcd`: a transaction hash or address, shortened (never in the shape of one of our ids). */
export const shortHex = (hex: string | null | undefined): string => (hex ? `${hex.slice(0, 6)}…${hex.slice(-4)}` : '—');

/** A step's label without the order id its key carries (`dvp:<orderId>` → `DvP settlement 2`). */
export function stepLabel(key: string, dvpIndex: number): string {
  if (key.startsWith('dvp:')) return `DvP settlement ${dvpIndex}`;
  if (key.startsWith('true-sale:')) return `true sale, batch ${Number(key.slice('true-sale:'.length)) + 1}`;
  return key.replace(/[:-]/g, ' ');
}

/**
 * The deal's closing: the "Close deal" action (arranger's admin, once every subscription window
 * is allocated and the deal has no closing; the API refuses, with its reason shown in the dialog,
 * when the pool is not cut off with its tape anchored), then the closing's state, its on-chain
 * steps with their transactions and the true sale's gas per bill, polled while in progress.
 *
 * Test ids: `deal-closing` (`data-state`: NONE or the closing's state), `deal-close`,
 * `deal-close-dialog` (+ `-confirm`), `deal-closing-state`, `deal-closing-step` (`data-state`),
 * `deal-closing-gas-per-bill`, `deal-closing-progress`.
 */
export const DealClosingPanel = ({ deal, offerings }: { deal: Deal; offerings: DealOffering[] }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const admin = hasRole(useRoles(), 'ORG_ADMIN');
  const [confirming, setConfirming] = useState(false);
  const closing = useQuery({
    queryKey: ['deals', deal.id, 'closing'],
    queryFn: ({ signal }) => dataProvider.getDealClosing(deal.id, { signal }),
    refetchInterval: (q) => (q.state.data && IN_PROGRESS.has(q.state.data.state) ? CLOSING_POLL_MS : false),
  });
  const allocated = offerings.length > 0 && offerings.every((o) => o.state === 'ALLOCATED');
  const c = closing.data ?? null;
  const canClose = admin && allocated && closing.isSuccess && c === null;
  return (
    <Card variant="outlined" data-testid="deal-closing" data-state={c?.state ?? 'NONE'}>
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>
          Closing
        </Typography>
        {closing.error ? (
          <Alert severity="error">Cannot load the closing: {errorMessage(closing.error)}</Alert>
        ) : closing.isPending ? (
          <Typography variant="body2">…</Typography>
        ) : c === null ? (
          <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
            <Typography variant="body2" color="text.secondary">
              {allocated
                ? 'Every subscription window is allocated: closing sells the pool to the SPV vault on chain and delivers the notes against the investors’ cash.'
                : 'The deal closes once every subscription window is allocated.'}
            </Typography>
            {canClose && (
              <Button variant="contained" size="small" data-testid="deal-close" onClick={() => setConfirming(true)}>
                Close deal
              </Button>
            )}
          </Stack>
        ) : (
          <ClosingView closing={c} />
        )}
        <CommandDialog
          open={confirming}
          title={`Close ${deal.name}?`}
          submitLabel="Close deal"
          testId="deal-close-dialog"
          onClose={() => setConfirming(false)}
          onSubmit={async () => {
            await dataProvider.closeDeal(deal.id);
            notify('Closing started', { type: 'success' });
            await queryClient.invalidateQueries({ queryKey: ['deals', deal.id, 'closing'] });
          }}
        >
          <Typography variant="body2">
            The pool’s bills move to the SPV vault, one token per tranche is issued and each investor’s notes are settled against its payment
            (DvP); the proceeds go to the originator and the reserve stays in the vault. This cannot be undone.
          </Typography>
        </CommandDialog>
      </CardContent>
    </Card>
  );
};

const ClosingView = ({ closing: c }: { closing: Closing }) => {
  let dvp = 0;
  const color = c.state === 'CLOSED' ? 'success' : c.state === 'FAILED' ? 'error' : 'info';
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Chip size="small" color={color} label={c.state.toLowerCase().replace('_', ' ')} data-testid="deal-closing-state" />
        <Typography variant="body2" data-testid="deal-closing-progress">
          {c.done} of {c.total} steps done
        </Typography>
      </Stack>
      {c.failureReason && <Alert severity="error">{c.failureReason}</Alert>}
      <Typography variant="body2">
        Purchase price {formatMoney(c.purchasePriceMinor, c.currency)}, reserve kept in the vault {formatMoney(c.reserveMinor, c.currency)}, proceeds
        to the originator {formatMoney(c.proceedsMinor, c.currency)}.
      </Typography>
      <Typography variant="body2" data-testid="deal-closing-gas-per-bill">
        True sale: {c.trueSale.billsSold} of {c.trueSale.bills} bills sold in {c.trueSale.batches} batch{c.trueSale.batches === 1 ? '' : 'es'}
        {c.trueSale.gasPerBill !== null ? `, ${Number(c.trueSale.gasPerBill).toLocaleString('en')} gas per bill` : ''}.
      </Typography>
      {c.vaultAddress && <Typography variant="body2">Vault {shortHex(c.vaultAddress)}</Typography>}
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Step</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Transaction</TableCell>
              <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>
                Gas
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {c.steps.map((s) => (
              <TableRow key={s.key} data-testid="deal-closing-step" data-state={s.state}>
                <TableCell>{stepLabel(s.key, s.key.startsWith('dvp:') ? ++dvp : dvp)}</TableCell>
                <TableCell>{s.failureReason ? `${s.state.toLowerCase()}: ${s.failureReason}` : s.state.toLowerCase()}</TableCell>
                <TableCell sx={{ ...num, fontFamily: 'monospace' }}>{shortHex(s.txHash)}</TableCell>
                <TableCell align="right" sx={{ ...num, display: { xs: 'none', sm: 'table-cell' } }}>
                  {s.gasUsed === null ? '—' : Number(s.gasUsed).toLocaleString('en')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Stack>
  );
};
