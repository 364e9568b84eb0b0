import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  LinearProgress,
  Link as MuiLink,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { Link, Show, useCreatePath, useRecordContext } from 'react-admin';
import { formatDate, shortHash } from '../common/formatting';
import { BillActions } from './bill-actions';
import { isSettling } from './bill-settling.util';
import { BillStateChip, EncumbranceChip, SettlingChip } from './bill-chips';
import { BillOffers } from './bill-offers';
import { BillTimeline } from './bill-timeline';
import type { BillDetail } from './bill-types';
import { formatMoney } from './money';
import { OrganizationName, useOrganizationDirectory } from './organization-directory';
import { Fact, NotFoundCard } from '../common/fact';

/** How often the page asks again while the outbox has an action of this bill in flight. */
const SETTLING_POLL_MS = 2_000;

const cardTitle = { title: { variant: 'h6', component: 'h2' } } as const;

/**
 * One bill: its terms and parties, its place on chain, what the caller may do with it, the
 * financing offers and the lifecycle. While an action settles on chain (`pendingAction`) the
 * page shows it and refreshes every 2 s until the outbox confirms. An id the caller may not see
 * answers 404 like an unknown one.
 */
export const BillShow = () => (
  <Show
    component="div"
    actions={false}
    title={<BillTitle />}
    error={<NotFoundCard title="Bill not found" backTo="bills" backLabel="Back to bills" testId="bill-not-found" />}
    queryOptions={{ refetchInterval: (query) => (isSettling(query.state.data) ? SETTLING_POLL_MS : false) }}
  >
    <BillPage />
  </Show>
);

const BillTitle = () => {
  const bill = useRecordContext<BillDetail>();
  return <>{bill ? `Bill ${bill.invoiceNumber}` : 'Bill'}</>;
};

const BillPage = () => {
  const bill = useRecordContext<BillDetail>();
  const directory = useOrganizationDirectory();
  const createPath = useCreatePath();
  if (!bill) return null;
  const settling = isSettling(bill);
  const children = bill.supersededAt ? splitChildren(bill) : [];

  return (
    <Stack spacing={2} sx={{ pb: 2 }} data-testid="bill-page" data-bill-id={bill.id}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" data-testid="bill-invoice-number">
          {bill.invoiceNumber}
        </Typography>
        <Typography variant="h5" component="span" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatMoney(bill.faceAmountMinor, bill.currency)}
        </Typography>
        <BillStateChip state={bill.state} testId="bill-state" />
        <EncumbranceChip encumbrance={bill.encumbrance} testId="bill-encumbrance" />
        {settling && <SettlingChip action={bill.pendingAction ?? 'issue'} testId="bill-pending" />}
      </Stack>

      {settling && (
        <Alert severity="info" icon={false} data-testid="bill-settling">
          <Typography variant="body2" sx={{ mb: 1 }}>
            Settling on chain: the {bill.pendingAction ?? 'registration'} waits for the outbox to confirm its transaction. This page
            refreshes every 2 seconds.
          </Typography>
          <LinearProgress />
        </Alert>
      )}
      {bill.supersededAt && (
        <Alert severity="info" data-testid="bill-superseded">
          This bill was split on {formatDate(bill.supersededAt)}; act on its parts
          {children.length > 0 && ': '}
          {children.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <MuiLink component={Link} to={createPath({ resource: 'bills', type: 'show', id })}>
                part {i + 1}
              </MuiLink>
            </span>
          ))}
          .
        </Alert>
      )}

      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' } }}>
        <Card variant="outlined">
          <CardHeader title="Terms" slotProps={cardTitle} />
          <CardContent sx={{ pt: 0 }}>
            <Fact label="Face amount">
              <span data-testid="bill-amount" data-minor={bill.faceAmountMinor} data-currency={bill.currency}>
                {formatMoney(bill.faceAmountMinor, bill.currency)}
              </span>
            </Fact>
            <Fact label="Issued" testId="bill-issue-date">
              {bill.issueDate}
            </Fact>
            <Fact label="Due" testId="bill-due-date">
              {bill.dueDate}
            </Fact>
            <Fact label="Supplier">
              <OrganizationName id={bill.supplierOrganizationId} name={bill.supplierName} directory={directory} testId="bill-supplier" />
            </Fact>
            <Fact label="Obligor (buyer)">
              <OrganizationName id={bill.buyerOrganizationId} name={bill.buyerName} directory={directory} testId="bill-buyer" />
            </Fact>
            <Fact label="Holder">
              <OrganizationName id={bill.holderOrganizationId} name={bill.holderName} directory={directory} testId="bill-holder" />
            </Fact>
            <Fact label="Auto-debit at maturity">{bill.autoDebit ? 'yes' : 'no'}</Fact>
            {bill.parentBillId && (
              <Fact label="Part of">
                <MuiLink
                  component={Link}
                  to={createPath({ resource: 'bills', type: 'show', id: bill.parentBillId })}
                  data-testid="bill-parent-link"
                >
                  the parent bill
                </MuiLink>
              </Fact>
            )}
          </CardContent>
        </Card>
        <Card variant="outlined">
          <CardHeader title="On chain" slotProps={cardTitle} />
          <CardContent sx={{ pt: 0 }}>
            <Fact label="Registry status" testId="bill-chain-status">
              {bill.chainStatus}
            </Fact>
            <Fact label="Token id" mono>
              <HashText value={bill.tokenId} />
            </Fact>
            <Fact label="Fingerprint" mono>
              <HashText value={bill.fingerprint} />
            </Fact>
            <Fact label="Document SHA-256" mono>
              {bill.documentSha256 ? <HashText value={bill.documentSha256} testId="bill-document-sha256" /> : '—'}
            </Fact>
          </CardContent>
        </Card>
      </Box>

      <BillActions bill={bill} directory={directory} />
      <BillOffers bill={bill} directory={directory} />
      <BillTimeline bill={bill} directory={directory} />
    </Stack>
  );
};

/** The parts of a split bill, from its confirmed (else requested) split step (none until the detail has loaded). */
function splitChildren(bill: BillDetail): string[] {
  const step = [...(bill.timeline ?? [])]
    .reverse()
    .find((event) => event.action === 'split.confirmed' || event.action === 'split.requested');
  const ids = step?.payload.childIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

const HashText = ({ value, testId }: { value: string; testId?: string }) => (
  <Tooltip title={value}>
    <span data-testid={testId} data-value={value}>
      {shortHash(value, 12, 8)}
    </span>
  </Tooltip>
);

