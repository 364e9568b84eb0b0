import { Alert, Box, Button, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useNotify } from 'react-admin';
import { hasRole, useRoles } from '../auth/roles';
import { CommandDialog } from '../bills/command-dialog';
import { formatMoney } from '../bills/money';
import { errorMessage } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import type { Closing, Deal } from './deals-api';

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

/** What keeps the deal from closing, from the API's `notClosableReason`. */
const NOT_CLOSABLE: Record<string, string> = {
  POOL_NOT_CUT_OFF: 'The deal closes once its pool is cut off and the tape’s root is anchored on chain.',
  OFFERING_NOT_ALLOCATED: 'The deal closes once its subscription windows are open and all of them allocated.',
  CLOSING_EXISTS: 'The deal is closing.',
};

/**
 * The deal's closing: the "Close deal" action (arranger's admin, when the API says the deal is
 * `closable`: pool cut off with its tape anchored, every offering allocated, no closing yet; a
 * refusal of the close itself, e.g. a wallet not registered, is shown by the dialog), then the closing's state, its on-chain
 * steps with their transactions and the true sale's gas per bill, polled while in progress.
 *
 * Test ids: `deal-closing` (`data-state`: NONE or the closing's state), `deal-close`,
 * `deal-close-dialog` (+ `-confirm`), `deal-closing-state`, `deal-closing-step` (`data-state`),
 * `deal-closing-gas-per-bill`, `deal-closing-progress`.
 */
export const DealClosingPanel = ({ deal }: { deal: Deal }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const admin = hasRole(useRoles(), 'ORG_ADMIN');
  const [confirming, setConfirming] = useState(false);
  const closing = useQuery({
    queryKey: ['deals', deal.id, 'closing'],
    queryFn: ({ signal }) => dataProvider.getDealClosing(deal.id, { signal }),
    // only once the deal has a closing (before, the endpoint answers 404 CLOSING_NOT_FOUND)
    enabled: deal.closingState !== null,
    refetchInterval: (q) => (q.state.data && IN_PROGRESS.has(q.state.data.state) ? CLOSING_POLL_MS : false),
  });
  const started = deal.closingState !== null;
  const c = started ? (closing.data ?? null) : null;
  const canClose = admin && deal.closable && !started;
  return (
    <Card variant="outlined" data-testid="deal-closing" data-state={c?.state ?? deal.closingState ?? 'NONE'}>
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>
          Closing
        </Typography>
        {started && closing.error ? (
          <Alert severity="error">Cannot load the closing: {errorMessage(closing.error)}</Alert>
        ) : started && c === null ? (
          <Typography variant="body2">…</Typography>
        ) : c === null ? (
          <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
            <Typography variant="body2" color="text.secondary">
              {deal.closable
                ? 'Every subscription window is allocated: closing sells the pool to the SPV vault on chain and delivers the notes against the investors’ cash.'
                : (NOT_CLOSABLE[deal.notClosableReason ?? ''] ?? 'The deal cannot be closed yet.')}
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
            await queryClient.invalidateQueries({ queryKey: ['deals', deal.id] });
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
