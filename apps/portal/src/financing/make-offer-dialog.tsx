import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import { DateTimeInput, SelectInput, TextInput, required, useDataProvider, useNotify, type HttpError } from 'react-admin';
import { DAY_COUNTS, type Bill, type DayCount, type MakeOfferRequest, type Offer } from '../bills/bill-types';
import { formatBps, formatMoney, parseMajor, parsePercentToBps } from '../bills/money';
import { StableDefaultsForm } from '../common/dialog-form';
import { errorMessage, formatDate, formatDateTime } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';

interface OfferValues {
  advanceRate: string;
  discountRate: string;
  fees: string;
  dayCount: DayCount;
  expiresAt: string;
}

/** Offers stay open two days unless the financier says otherwise. */
const DEFAULT_VALIDITY_MS = 2 * 86_400_000;

const percentage = (max: number) => (value: unknown) => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = parsePercentToBps(value);
  if (!parsed.ok) return parsed.error;
  return parsed.value > max ? `At most ${formatBps(max)}` : undefined;
};
const positive = (value: unknown) => {
  const parsed = typeof value === 'string' ? parsePercentToBps(value) : undefined;
  return parsed?.ok && parsed.value === 0 ? 'More than 0 %' : undefined;
};
const inTheFuture = (value: unknown) => {
  if (typeof value !== 'string' || value === '') return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) || at <= Date.now() ? 'The offer must expire in the future' : undefined;
};

/**
 * "Make offer" on an open financing request: advance rate and annual discount rate in percent,
 * fees in the bill's currency, the day count and the expiry. The server computes the quote
 * exactly (ACT/360 or ACT/365, half-even to the minor unit); the dialog then shows it.
 *
 * Test ids: `offer-dialog`, inputs `offer-advance-rate`, `offer-discount-rate`, `offer-fees`,
 * `offer-expires`, `offer-dialog-confirm`; after it: `offer-quote` with `offer-quote-net`
 * (`data-minor`), `offer-quote-advance`, `offer-quote-discount`, `offer-quote-tenor`, and
 * `offer-dialog-done`.
 */
export const MakeOfferDialog = ({ requestId, bill, onClose }: { requestId: string; bill: Bill; onClose: () => void }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [quote, setQuote] = useState<Offer | null>(null);
  const feesValid = (value: unknown) => {
    if (typeof value !== 'string') return undefined;
    const parsed = parseMajor(value, bill.currency);
    return parsed.ok ? undefined : parsed.error;
  };

  const submit = async (values: Record<string, unknown>) => {
    if (busy) return undefined;
    const v = values as unknown as OfferValues;
    const advance = parsePercentToBps(v.advanceRate);
    const discount = parsePercentToBps(v.discountRate);
    const fees = parseMajor(v.fees, bill.currency);
    // validated by the inputs already; this narrows the types
    if (!advance.ok || !discount.ok || !fees.ok) return undefined;
    const body: MakeOfferRequest = {
      advanceRateBps: advance.value,
      annualDiscountRateBps: discount.value,
      feesMinor: fees.value.toString(),
      dayCount: v.dayCount,
      expiresAt: new Date(v.expiresAt).toISOString(),
    };
    setBusy(true);
    try {
      setQuote(await dataProvider.makeOffer(requestId, body));
      notify('Offer made', { type: 'success' });
    } catch (error) {
      const fieldErrors = (error as HttpError | undefined)?.body?.errors as Record<string, unknown> | undefined;
      if (fieldErrors) return fieldErrors;
      const message = errorMessage(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
    }
    return undefined;
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" data-testid="offer-dialog">
      <DialogTitle>
        Offer on {bill.invoiceNumber}: {formatMoney(bill.faceAmountMinor, bill.currency)}, due {formatDate(bill.dueDate)}
      </DialogTitle>
      {quote ? (
        <>
          <DialogContent>
            <OfferQuote offer={quote} currency={bill.currency} />
          </DialogContent>
          <DialogActions>
            <Button variant="contained" onClick={onClose} data-testid="offer-dialog-done">
              Done
            </Button>
          </DialogActions>
        </>
      ) : (
        <StableDefaultsForm
          defaultValues={{
            advanceRate: '90',
            discountRate: '5',
            fees: '0',
            dayCount: 'ACT/360',
            expiresAt: new Date(Date.now() + DEFAULT_VALIDITY_MS).toISOString(),
          }}
          onSubmit={submit}
        >
          <DialogContent>
            <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
              <TextInput
                source="advanceRate"
                label="Advance rate (%)"
                validate={[required(), percentage(10_000), positive]}
                helperText="Share of the face amount advanced"
                slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'offer-advance-rate' } }}
              />
              <TextInput
                source="discountRate"
                label="Annual discount rate (%)"
                validate={[required(), percentage(100_000)]}
                slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'offer-discount-rate' } }}
              />
              <TextInput
                source="fees"
                label={`Fees (${bill.currency})`}
                validate={[required(), feesValid]}
                slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'offer-fees' } }}
              />
              <SelectInput
                source="dayCount"
                label="Day count"
                choices={DAY_COUNTS.map((dayCount) => ({ id: dayCount, name: dayCount }))}
                validate={required()}
                slotProps={{ htmlInput: { 'data-testid': 'offer-day-count' } } as object}
              />
              <DateTimeInput
                source="expiresAt"
                label="Offer expires"
                validate={[required(), inTheFuture]}
                slotProps={{ htmlInput: { 'data-testid': 'offer-expires' } }}
              />
            </Box>
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
              The server computes the advance, the discount to the due date and the net proceeds exactly, and shows them here.
            </Typography>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" variant="contained" disabled={busy} data-testid="offer-dialog-confirm">
              Make offer
            </Button>
          </DialogActions>
        </StableDefaultsForm>
      )}
    </Dialog>
  );
};

/** The server's quote of an offer. */
export const OfferQuote = ({ offer, currency }: { offer: Offer; currency: string }) => (
  <Box data-testid="offer-quote" data-offer-id={offer.id}>
    <Alert severity="success" sx={{ mb: 2 }}>
      Offer made. The holder sees it on the bill and may accept it until {formatDateTime(offer.expiresAt)}.
    </Alert>
    <Table size="small">
      <TableBody>
        <QuoteRow
          label={`Advance (${formatBps(offer.advanceRateBps)} of the face amount)`}
          testId="offer-quote-advance"
          minor={offer.advanceAmountMinor}
          currency={currency}
        />
        <QuoteRow
          label={`Discount (${formatBps(offer.annualDiscountRateBps)} a year, ${offer.dayCount}, ${offer.tenorDays} days from ${offer.valueDate})`}
          testId="offer-quote-discount"
          minor={offer.discountMinor}
          currency={currency}
          negative
        />
        <QuoteRow label="Fees" testId="offer-quote-fees" minor={offer.feesMinor} currency={currency} negative />
        <TableRow>
          <TableCell sx={{ fontWeight: 600 }}>Net proceeds paid to the holder</TableCell>
          <TableCell
            align="right"
            sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}
            data-testid="offer-quote-net"
            data-minor={offer.netProceedsMinor}
          >
            {formatMoney(offer.netProceedsMinor, currency)}
          </TableCell>
        </TableRow>
        <TableRow>
          <TableCell>Tenor</TableCell>
          <TableCell align="right" data-testid="offer-quote-tenor">
            {offer.tenorDays} days
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  </Box>
);

const QuoteRow = ({
  label,
  testId,
  minor,
  currency,
  negative = false,
}: {
  label: string;
  testId: string;
  minor: string;
  currency: string;
  negative?: boolean;
}) => (
  <TableRow>
    <TableCell>{label}</TableCell>
    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }} data-testid={testId} data-minor={minor}>
      {negative && minor !== '0' ? '− ' : ''}
      {formatMoney(minor, currency)}
    </TableCell>
  </TableRow>
);
