import { useState } from 'react';
import { Alert, Box, Button, Card, Link as MuiLink, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import { useQuery } from '@tanstack/react-query';
import { Link, Loading, RefreshButton, Title, TopToolbar, useCreatePath, useDataProvider } from 'react-admin';
import { hasRole, useRoles } from '../auth/roles';
import type { MarketplaceItem } from '../bills/bill-types';
import { formatMoney } from '../bills/money';
import { OrganizationName, useOrganizationDirectory, type OrganizationDirectory } from '../bills/organization-directory';
import { errorMessage, formatDate, formatDateTime } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { MakeOfferDialog } from './make-offer-dialog';

/** New requests appear without a reload. */
const POLL_MS = 5_000;

/**
 * The financing marketplace (financier organizations): open financing requests on accepted
 * bills held by others, with the amount, the due date and the obligor; "Make offer" opens the
 * terms dialog and shows the server's quote.
 *
 * Test ids: `marketplace`, one `marketplace-row-<billId>` per request (`data-request-id`),
 * `marketplace-amount-<billId>` (`data-minor`), `marketplace-offer-<billId>`.
 */
export const Marketplace = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const directory = useOrganizationDirectory();
  const financier = directory.ownRoles.includes('FINANCIER');
  const { data, error, isPending } = useQuery({
    queryKey: ['bills', 'marketplace'],
    queryFn: ({ signal }) => dataProvider.getMarketplace({ signal }),
    refetchInterval: POLL_MS,
    enabled: financier,
  });
  const [offering, setOffering] = useState<MarketplaceItem | null>(null);

  return (
    <Box sx={{ pb: 2 }}>
      <Title title="Financing marketplace" />
      <TopToolbar>
        <RefreshButton />
      </TopToolbar>
      {directory.isPending ? (
        <Loading />
      ) : !financier ? (
        <Alert severity="info" data-testid="marketplace-not-financier">
          The marketplace is for financier organizations.
        </Alert>
      ) : error ? (
        <Alert severity="error" data-testid="marketplace-error">
          Cannot load the marketplace: {errorMessage(error)}
        </Alert>
      ) : isPending ? (
        <Loading />
      ) : data.length === 0 ? (
        <Alert severity="info" data-testid="marketplace-empty">
          No open financing requests right now.
        </Alert>
      ) : (
        <Card variant="outlined" sx={{ overflowX: 'auto' }} data-testid="marketplace">
          <MarketplaceTable items={data} directory={directory} onOffer={setOffering} />
        </Card>
      )}
      {offering && <MakeOfferDialog requestId={offering.request.id} bill={offering.bill} onClose={() => setOffering(null)} />}
    </Box>
  );
};

const MarketplaceTable = ({
  items,
  directory,
  onOffer,
}: {
  items: MarketplaceItem[];
  directory: OrganizationDirectory;
  onOffer: (item: MarketplaceItem) => void;
}) => {
  const createPath = useCreatePath();
  const canOffer = hasRole(useRoles(), 'ORG_ADMIN');
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>Invoice</TableCell>
          <TableCell align="right">Face amount</TableCell>
          <TableCell>Due</TableCell>
          <TableCell>Obligor</TableCell>
          <TableCell>Holder</TableCell>
          <TableCell>Requested</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(({ request, bill }) => (
          <TableRow key={request.id} data-testid={`marketplace-row-${bill.id}`} data-request-id={request.id}>
            <TableCell>
              <MuiLink component={Link} to={createPath({ resource: 'bills', type: 'show', id: bill.id })}>
                {bill.invoiceNumber}
              </MuiLink>
            </TableCell>
            <TableCell
              align="right"
              sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
              data-testid={`marketplace-amount-${bill.id}`}
              data-minor={bill.faceAmountMinor}
            >
              {formatMoney(bill.faceAmountMinor, bill.currency)}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(bill.dueDate)}</TableCell>
            <TableCell>
              <OrganizationName id={bill.buyerOrganizationId} directory={directory} testId={`marketplace-obligor-${bill.id}`} />
            </TableCell>
            <TableCell>
              <OrganizationName id={bill.holderOrganizationId} directory={directory} />
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(request.createdAt)}</TableCell>
            <TableCell>
              {canOffer ? (
                <Button
                  size="small"
                  variant="contained"
                  startIcon={<LocalOfferIcon />}
                  onClick={() => onOffer({ request, bill })}
                  data-testid={`marketplace-offer-${bill.id}`}
                >
                  Make offer
                </Button>
              ) : (
                <Typography variant="caption" color="text.secondary">
                  admins make offers
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
