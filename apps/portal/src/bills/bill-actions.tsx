import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, CardHeader, Checkbox, FormControlLabel, Stack, Typography } from '@mui/material';
import CallSplitIcon from '@mui/icons-material/CallSplit';
import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DoNotDisturbIcon from '@mui/icons-material/DoNotDisturb';
import PaymentsIcon from '@mui/icons-material/Payments';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { TextInput, required, useDataProvider, useNotify, useRefresh } from 'react-admin';
import { DialogForm } from '../common/dialog-form';
import { errorMessage, formatDate } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { isSettling } from './bill-settling.util';
import type { Bill, BillActionName } from './bill-types';
import { CommandDialog } from './command-dialog';
import { formatMoney } from './money';
import { OrganizationName, type OrganizationDirectory } from './organization-directory';
import { describeDue, paymentTiming } from './payment-timing.util';
import { SplitDialog } from './split-dialog';
import { TransferDialog } from './transfer-dialog';

type OpenDialog = Exclude<BillActionName, 'request-financing' | 'finance'> | null;

const reasonLength = (value: unknown) => (typeof value === 'string' && value.trim().length < 3 ? 'At least 3 characters' : undefined);

/**
 * Exactly the bill's `allowedActions` (the API's lifecycle table, for the caller's organization and
 * roles), one button `bill-action-<action>` each; `finance` is the Accept of an offer
 * (`BillOffers`). The PDF is there for everyone who sees the bill.
 */
export const BillActions = ({ bill, directory }: { bill: Bill; directory: OrganizationDirectory }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState<OpenDialog>(null);
  const [busy, setBusy] = useState(false);
  const [requested, setRequested] = useState<string | null>(null);
  const payTiming = paymentTiming(bill.dueDate, Date.now());

  const actions = bill.allowedActions;
  const close = () => setOpen(null);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      const message = errorMessage(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
    }
  };

  const requestFinancing = () =>
    run(async () => {
      const request = await dataProvider.requestFinancing(bill.id);
      setRequested(request.id);
      notify('Financing requested: financiers see the bill in their marketplace', { type: 'success' });
      refresh();
    });

  const downloadPdf = () => run(() => dataProvider.downloadBillPdf(bill.id));

  return (
    <Card variant="outlined" data-testid="bill-actions">
      <CardHeader title="Actions" slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0 }}>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
          {actions.includes('accept') && (
            <Button
              variant="contained"
              color="success"
              startIcon={<CheckCircleIcon />}
              onClick={() => setOpen('accept')}
              data-testid="bill-action-accept"
            >
              Accept
            </Button>
          )}
          {actions.includes('reject') && (
            <Button
              variant="outlined"
              color="error"
              startIcon={<DoNotDisturbIcon />}
              onClick={() => setOpen('reject')}
              data-testid="bill-action-reject"
            >
              Reject
            </Button>
          )}
          {actions.includes('request-financing') && (
            <Button
              variant="contained"
              startIcon={<RequestQuoteIcon />}
              onClick={() => void requestFinancing()}
              disabled={busy}
              data-testid="bill-action-request-financing"
            >
              Request financing
            </Button>
          )}
          {actions.includes('transfer') && (
            <Button variant="outlined" startIcon={<SwapHorizIcon />} onClick={() => setOpen('transfer')} data-testid="bill-action-transfer">
              Transfer
            </Button>
          )}
          {actions.includes('split') && (
            <Button variant="outlined" startIcon={<CallSplitIcon />} onClick={() => setOpen('split')} data-testid="bill-action-split">
              Split
            </Button>
          )}
          {actions.includes('pay') && (
            // Months before the due date, paying is an explicit early payment, not the main action.
            <Button
              variant={payTiming.early ? 'outlined' : 'contained'}
              startIcon={<PaymentsIcon />}
              onClick={() => setOpen('pay')}
              data-testid="bill-action-pay"
              data-early={payTiming.early}
            >
              {payTiming.early ? 'Pay early' : `Pay ${formatMoney(bill.faceAmountMinor, bill.currency)}`}
            </Button>
          )}
          {actions.includes('pay') && (
            <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }} data-testid="bill-pay-due">
              Due {formatDate(bill.dueDate)} ({describeDue(payTiming.daysToDue)})
            </Typography>
          )}
          {actions.includes('cancel') && (
            <Button
              variant="outlined"
              color="error"
              startIcon={<CancelIcon />}
              onClick={() => setOpen('cancel')}
              data-testid="bill-action-cancel"
            >
              Cancel bill
            </Button>
          )}
          <Button
            variant="text"
            startIcon={<PictureAsPdfIcon />}
            onClick={() => void downloadPdf()}
            disabled={busy}
            data-testid="bill-action-pdf"
          >
            Download PDF
          </Button>
        </Stack>
        {isSettling(bill) && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }} data-testid="bill-actions-settling">
            Other actions are offered again once the chain confirms the {bill.pendingAction ?? 'registration'}.
          </Typography>
        )}
        {requested && actions.includes('request-financing') && (
          <Alert severity="info" sx={{ mt: 2 }} data-testid="bill-financing-requested" data-request-id={requested}>
            Financing requested. Offers appear below as financiers make them.
          </Alert>
        )}
      </CardContent>

      <AcceptDialog bill={bill} open={open === 'accept'} onClose={close} />
      <DialogForm<{ reason: string }>
        open={open === 'reject'}
        onClose={close}
        title={`Reject ${bill.invoiceNumber}`}
        submitLabel="Reject"
        submitColor="error"
        testId="bill-reject-dialog"
        defaultValues={{ reason: '' }}
        onSubmit={async ({ reason }) => {
          await dataProvider.rejectBill(bill.id, { reason: reason.trim() });
          notify('Rejection requested: settling on chain', { type: 'info' });
          refresh();
        }}
      >
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          A rejected bill is cancelled; the supplier sees your reason.
        </Typography>
        <TextInput
          source="reason"
          label="Reason"
          multiline
          minRows={2}
          validate={[required(), reasonLength]}
          slotProps={{ htmlInput: { 'data-testid': 'bill-reject-reason' } }}
        />
      </DialogForm>
      <DialogForm<{ reason: string }>
        open={open === 'cancel'}
        onClose={close}
        title={`Cancel ${bill.invoiceNumber}`}
        submitLabel="Cancel bill"
        submitColor="error"
        testId="bill-cancel-dialog"
        defaultValues={{ reason: '' }}
        onSubmit={async ({ reason }) => {
          await dataProvider.cancelBill(bill.id, { reason: reason.trim() });
          notify('Cancellation requested: settling on chain', { type: 'info' });
          refresh();
        }}
      >
        <TextInput
          source="reason"
          label="Reason"
          multiline
          minRows={2}
          validate={[required(), reasonLength]}
          slotProps={{ htmlInput: { 'data-testid': 'bill-cancel-reason' } }}
        />
      </DialogForm>
      <TransferDialog bill={bill} directory={directory} open={open === 'transfer'} onClose={close} />
      <SplitDialog bill={bill} open={open === 'split'} onClose={close} />
      <CommandDialog
        open={open === 'pay'}
        onClose={close}
        title={payTiming.early ? `Pay ${bill.invoiceNumber} early` : `Pay ${bill.invoiceNumber}`}
        submitLabel={payTiming.early ? `Pay ${formatMoney(bill.faceAmountMinor, bill.currency)} now` : `Pay ${formatMoney(bill.faceAmountMinor, bill.currency)}`}
        testId="bill-pay-dialog"
        onSubmit={async () => {
          await dataProvider.payBill(bill.id);
          notify('Payment requested: settling on chain', { type: 'success' });
          refresh();
        }}
      >
        {payTiming.early && (
          <Alert severity="info" sx={{ mb: 2 }} data-testid="bill-pay-early-notice">
            The bill is due on {formatDate(bill.dueDate)}, {describeDue(payTiming.daysToDue)}. Paying now pays the full face
            amount early; with auto-debit on, the platform pays on the due date without you.
          </Alert>
        )}
        <Typography variant="body2">
          {formatMoney(bill.faceAmountMinor, bill.currency)} move from your settlement account to the holder,{' '}
          <OrganizationName id={bill.holderOrganizationId} name={bill.holderName} directory={directory} />, and the bill becomes PAID, in one transaction.
        </Typography>
      </CommandDialog>
    </Card>
  );
};

/** The buyer's acceptance: its custodial wallet signs the EIP-712 acceptance; auto-debit is optional. */
const AcceptDialog = ({ bill, open, onClose }: { bill: Bill; open: boolean; onClose: () => void }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [autoDebit, setAutoDebit] = useState(false);
  return (
    <CommandDialog
      open={open}
      onClose={onClose}
      title={`Accept ${bill.invoiceNumber}`}
      submitLabel="Accept"
      submitColor="success"
      testId="bill-accept-dialog"
      onSubmit={async () => {
        await dataProvider.acceptBill(bill.id, { autoDebit });
        notify('Acceptance requested: settling on chain', { type: 'success' });
        refresh();
      }}
    >
      <Typography variant="body2" sx={{ mb: 1 }}>
        You acknowledge owing {formatMoney(bill.faceAmountMinor, bill.currency)} on {bill.dueDate} to whoever holds the bill then. Your
        organization&apos;s wallet signs the acceptance, and the registry checks the signature on chain.
      </Typography>
      <Box>
        <FormControlLabel
          control={
            <Checkbox
              checked={autoDebit}
              onChange={(event) => setAutoDebit(event.target.checked)}
              slotProps={{ input: { 'data-testid': 'bill-accept-auto-debit' } as object }}
            />
          }
          label="Pay automatically from our settlement account on the due date"
        />
      </Box>
    </CommandDialog>
  );
};
