import { useState, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
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
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useNotify, useRefresh } from 'react-admin';
import { errorMessage, formatDate, formatDateTime } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import type { Bill, Offer } from './bill-types';
import { CommandDialog } from './command-dialog';
import { formatBps, formatMoney } from './money';
import { OrganizationName, type OrganizationDirectory } from './organization-directory';

/** While the holder may finance the bill: offers may arrive. */
const OFFERS_POLL_MS = 5_000;

/**
 * Financing offers on the bill with the server's exact quote: all of them for the holder, its
 * own for a financier. The holder accepts one (`offer-accept-<offerId>`): delivery versus
 * payment on chain. Hidden when there is nothing to show.
 */
export const BillOffers = ({ bill, directory }: { bill: Bill; directory: OrganizationDirectory }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const waiting = bill.allowedActions.includes('finance');
  const { data, error } = useQuery({
    // Under the resource's key, so react-admin's refresh (after an action) refetches it.
    queryKey: ['bills', bill.id, 'offers'],
    queryFn: ({ signal }) => dataProvider.getBillOffers(bill.id, { signal }),
    refetchInterval: waiting ? OFFERS_POLL_MS : false,
  });
  const [accepting, setAccepting] = useState<Offer | null>(null);
  const offers = data ?? [];
  if (!error && offers.length === 0 && !waiting) return null;

  return (
    <Card variant="outlined" data-testid="bill-offers">
      <CardHeader title="Financing offers" slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
        {error && (
          <Alert severity="warning" sx={{ mb: 1 }}>
            Cannot load the offers: {errorMessage(error)}
          </Alert>
        )}
        {offers.length === 0 ? (
          <Typography variant="body2" color="text.secondary" data-testid="bill-offers-empty">
            No offers yet. Request financing, and financiers&apos; offers appear here.
          </Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Financier</TableCell>
                <TableCell align="right">Advance</TableCell>
                <TableCell align="right">Discount</TableCell>
                <TableCell align="right">Fees</TableCell>
                <TableCell align="right">Net proceeds</TableCell>
                <TableCell>Expires</TableCell>
                <TableCell>State</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {offers.map((offer) => (
                <TableRow key={offer.id} data-testid={`offer-${offer.id}`}>
                  <TableCell>
                    <OrganizationName id={offer.financierOrganizationId} directory={directory} />
                  </TableCell>
                  <TableCell align="right">
                    <Amount minor={offer.advanceAmountMinor} currency={bill.currency} />
                    <Terms>{formatBps(offer.advanceRateBps)} of the face amount</Terms>
                  </TableCell>
                  <TableCell align="right">
                    <Amount minor={offer.discountMinor} currency={bill.currency} />
                    <Terms>
                      {formatBps(offer.annualDiscountRateBps)} a year, {offer.dayCount}, {offer.tenorDays} days
                    </Terms>
                  </TableCell>
                  <TableCell align="right">
                    <Amount minor={offer.feesMinor} currency={bill.currency} />
                  </TableCell>
                  <TableCell
                    align="right"
                    sx={{ whiteSpace: 'nowrap', fontWeight: 600 }}
                    data-testid={`offer-net-${offer.id}`}
                    data-minor={offer.netProceedsMinor}
                  >
                    {formatMoney(offer.netProceedsMinor, bill.currency)}
                  </TableCell>
                  <TableCell>{formatDateTime(offer.expiresAt)}</TableCell>
                  <TableCell>
                    <Chip size="small" label={offer.state} variant="outlined" data-testid={`offer-state-${offer.id}`} />
                  </TableCell>
                  <TableCell>
                    {offer.allowedActions.includes('accept') && (
                      <Button size="small" variant="contained" onClick={() => setAccepting(offer)} data-testid={`offer-accept-${offer.id}`}>
                        Accept
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {accepting && <AcceptOfferDialog bill={bill} offer={accepting} directory={directory} onClose={() => setAccepting(null)} />}
    </Card>
  );
};

const Amount = ({ minor, currency }: { minor: string; currency: string }) => (
  <Box component="span" sx={{ whiteSpace: 'nowrap', display: 'block' }}>
    {formatMoney(minor, currency)}
  </Box>
);

const Terms = ({ children }: { children: ReactNode }) => (
  <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block' }}>
    {children}
  </Typography>
);

const AcceptOfferDialog = ({
  bill,
  offer,
  directory,
  onClose,
}: {
  bill: Bill;
  offer: Offer;
  directory: OrganizationDirectory;
  onClose: () => void;
}) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  return (
    <CommandDialog
      open
      onClose={onClose}
      title="Accept the offer"
      submitLabel={`Sell for ${formatMoney(offer.netProceedsMinor, bill.currency)}`}
      submitColor="success"
      testId="offer-accept-dialog"
      onSubmit={async () => {
        await dataProvider.acceptOffer(offer.id);
        notify('Offer accepted: the DvP is settling on chain', { type: 'success' });
        refresh();
      }}
    >
      <Typography variant="body2" component="div">
        In one transaction <OrganizationName id={offer.financierOrganizationId} directory={directory} /> pays{' '}
        <strong>{formatMoney(offer.netProceedsMinor, bill.currency)}</strong> into your settlement account and becomes the holder of{' '}
        {bill.invoiceNumber} ({formatMoney(bill.faceAmountMinor, bill.currency)}, due {formatDate(bill.dueDate)}).
      </Typography>
      <Box component="ul" sx={{ mt: 1, mb: 0, pl: 3, typography: 'body2', color: 'text.secondary' }}>
        <li>
          advance {formatBps(offer.advanceRateBps)} = {formatMoney(offer.advanceAmountMinor, bill.currency)}
        </li>
        <li>
          discount {formatBps(offer.annualDiscountRateBps)} a year, {offer.dayCount}, {offer.tenorDays} days ={' '}
          {formatMoney(offer.discountMinor, bill.currency)}
        </li>
        <li>fees {formatMoney(offer.feesMinor, bill.currency)}</li>
      </Box>
    </CommandDialog>
  );
};
