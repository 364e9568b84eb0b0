import type { ReactNode } from 'react';
import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Link as MuiLink,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
  type ChipProps,
} from '@mui/material';
import { Link, useCreatePath } from 'react-admin';
import { formatDateTime, shortHash } from '../common/formatting';
import type { BillDetail, BillEvent } from './bill-types';
import { formatMoneySafe } from './money';
import { OrganizationName, type OrganizationDirectory } from './organization-directory';

const ACTION_NAMES: Record<string, string> = {
  issue: 'Issue',
  accept: 'Acceptance',
  reject: 'Rejection',
  cancel: 'Cancellation',
  transfer: 'Transfer',
  split: 'Split',
  finance: 'Financing (DvP)',
  repay: 'Payment',
  overdue: 'Overdue',
  default: 'Default',
};

const PHASE_COLOR: Record<string, ChipProps['color']> = {
  requested: 'info',
  confirmed: 'success',
  failed: 'error',
};

/**
 * The bill's lifecycle, oldest first: each step a user asked for (`<action>.requested`) and what
 * the chain made of it (`.confirmed` with its transaction hash, or `.failed`), with the actor, the
 * time and the hash of the bill's document (the anchored UBL XML, for an import).
 *
 * Test ids: `bill-timeline`, one `bill-timeline-step` per step (`data-action` holds the raw
 * action), `bill-timeline-tx-<index>` with the full hash in `data-value` when there is one.
 */
export const BillTimeline = ({ bill, directory }: { bill: BillDetail; directory: OrganizationDirectory }) => {
  // Opened from the list, the page first shows the list's record (no timeline) until its own
  // answer arrives.
  if (!bill.timeline) return null;
  // the step whose chain job the outbox has not confirmed yet
  const inFlightIndex = bill.pendingAction ? bill.timeline.map((event) => event.action).lastIndexOf(`${bill.pendingAction}.requested`) : -1;
  return (
    <Card variant="outlined" data-testid="bill-timeline">
      <CardHeader title="Lifecycle" slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
        {bill.timeline.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            No steps recorded yet.
          </Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                <TableCell>Step</TableCell>
                <TableCell>By</TableCell>
                <TableCell>Transaction</TableCell>
                <TableCell>Document</TableCell>
                <TableCell>Details</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {bill.timeline.map((event, index) => (
                <TimelineStep
                  key={`${event.at}-${event.action}-${index}`}
                  event={event}
                  index={index}
                  inFlight={index === inFlightIndex}
                  bill={bill}
                  directory={directory}
                />
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
};

const TimelineStep = ({
  event,
  index,
  inFlight,
  bill,
  directory,
}: {
  event: BillEvent;
  index: number;
  inFlight: boolean;
  bill: BillDetail;
  directory: OrganizationDirectory;
}) => {
  const [action = event.action, phase = ''] = event.action.split('.');
  return (
    <TableRow data-testid="bill-timeline-step" data-action={event.action}>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at)}</TableCell>
      <TableCell>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <span>{ACTION_NAMES[action] ?? action}</span>
          {phase && <Chip size="small" variant="outlined" label={phase} color={PHASE_COLOR[phase] ?? 'default'} />}
        </Box>
      </TableCell>
      <TableCell>
        {event.actorOrganizationId ? (
          <OrganizationName id={event.actorOrganizationId} directory={directory} />
        ) : (
          <Typography variant="body2" component="span" color="text.secondary">
            Tally outbox
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {event.txHash ? (
          <Hash value={event.txHash} testId={`bill-timeline-tx-${index}`} />
        ) : event.chainJobId ? (
          <Typography variant="caption" color="text.secondary" title={`chain job ${event.chainJobId}`}>
            {/* the job this step queued: its transaction shows on the step that confirms it */}
            {inFlight ? 'in flight' : '—'}
          </Typography>
        ) : (
          '—'
        )}
      </TableCell>
      <TableCell>{bill.documentSha256 ? <Hash value={bill.documentSha256} /> : '—'}</TableCell>
      <TableCell>
        <StepDetails event={event} bill={bill} directory={directory} />
      </TableCell>
    </TableRow>
  );
};

/** A hash, shortened, with the full value on hover and in `data-value`. */
const Hash = ({ value, testId }: { value: string; testId?: string }) => (
  <Tooltip title={value}>
    <Box component="span" sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }} data-testid={testId} data-value={value}>
      {shortHash(value)}
    </Box>
  </Tooltip>
);

/** The payload of a step in words: amounts formatted, organizations named, bills linked. */
const StepDetails = ({ event, bill, directory }: { event: BillEvent; bill: BillDetail; directory: OrganizationDirectory }) => {
  const createPath = useCreatePath();
  const p = event.payload;
  const items: ReactNode[] = [];
  const text = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : undefined);
  if (text('source')) items.push(`from ${text('source') === 'ubl' ? 'a UBL invoice' : 'the API'}`);
  if (text('reason')) items.push(`reason: ${text('reason')}`);
  if (p.autoDebit === true) items.push('auto-debit on the due date');
  if (p.external === true) items.push('external signature');
  const toOrg = text('toOrganizationId') ?? text('toOrgId');
  if (toOrg) {
    items.push(
      <span key="to">
        to <OrganizationName id={toOrg} directory={directory} />
      </span>,
    );
  }
  if (text('priceMinor')) items.push(`price ${formatMoneySafe(text('priceMinor'), bill.currency)}`);
  if (Array.isArray(p.amountsMinor)) {
    items.push(
      `parts ${(p.amountsMinor as unknown[]).map((a) => formatMoneySafe(typeof a === 'string' ? a : undefined, bill.currency)).join(' + ')}`,
    );
  }
  const childIds = Array.isArray(p.childIds) ? (p.childIds as unknown[]).filter((id): id is string => typeof id === 'string') : [];
  if (childIds.length && event.action.endsWith('.confirmed')) {
    items.push(
      <span key="children">
        parts:{' '}
        {childIds.map((id, i) => (
          <span key={id}>
            {i > 0 && ', '}
            <MuiLink component={Link} to={createPath({ resource: 'bills', type: 'show', id })} data-testid={`bill-part-link-${id}`}>
              part {i + 1}
            </MuiLink>
          </span>
        ))}
      </span>,
    );
  }
  const parentBillId = text('parentBillId');
  if (parentBillId) {
    items.push(
      <MuiLink key="parent" component={Link} to={createPath({ resource: 'bills', type: 'show', id: parentBillId })}>
        from the parent bill
      </MuiLink>,
    );
  }
  if (!items.length) return <>—</>;
  return (
    <Typography variant="body2" component="div" sx={{ display: 'flex', flexDirection: 'column', gap: 0.25 }}>
      {items.map((item, i) => (
        <span key={i}>{item}</span>
      ))}
    </Typography>
  );
};
