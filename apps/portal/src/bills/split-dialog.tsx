import { useState } from 'react';
import { Alert, Box, Button, IconButton, InputAdornment, Stack, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { TallyDataProvider } from '../providers/data-provider';
import type { Bill } from './bill-types';
import { CommandDialog } from './command-dialog';
import { formatMinor, formatMoney, parseMajor } from './money';

/** The API's limits on the number of parts. */
const MIN_PARTS = 2;
const MAX_PARTS = 10;

interface SplitPlan {
  /** Parsed parts; undefined where the input is not a positive amount. */
  parts: (bigint | undefined)[];
  errors: (string | undefined)[];
  totalMinor: bigint;
  remainingMinor: bigint;
  valid: boolean;
}

/** Parses the editor's rows against the face amount. Exact: bigint minor units throughout. */
export function planSplit(inputs: string[], faceAmountMinor: string, currency: string): SplitPlan {
  const face = BigInt(faceAmountMinor);
  const parts: (bigint | undefined)[] = [];
  const errors: (string | undefined)[] = [];
  for (const input of inputs) {
    if (input.trim() === '') {
      parts.push(undefined);
      errors.push(undefined);
      continue;
    }
    const parsed = parseMajor(input, currency);
    if (!parsed.ok) {
      parts.push(undefined);
      errors.push(parsed.error);
    } else if (parsed.value === 0n) {
      parts.push(undefined);
      errors.push('A part must be more than zero');
    } else {
      parts.push(parsed.value);
      errors.push(undefined);
    }
  }
  const totalMinor = parts.reduce<bigint>((sum, part) => sum + (part ?? 0n), 0n);
  const remainingMinor = face - totalMinor;
  const valid = inputs.length >= MIN_PARTS && parts.every((part) => part !== undefined) && remainingMinor === 0n;
  return { parts, errors, totalMinor, remainingMinor, valid };
}

/**
 * The split editor: two to ten parts in major units ("1,250.50"), the amount still to allocate
 * shown as the user types, and the split refused unless the parts add up to the face amount
 * exactly. "Fill" puts the remainder into the last part.
 *
 * Test ids: `bill-split-dialog` (+ `-confirm`), `split-part-<i>` (inputs), `split-remaining`
 * (`data-minor` holds the remainder in minor units), `split-add-part`, `split-fill-last`.
 */
export const SplitDialog = ({ bill, open, onClose }: { bill: Bill; open: boolean; onClose: () => void }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [inputs, setInputs] = useState<string[]>(['', '']);
  const plan = planSplit(inputs, bill.faceAmountMinor, bill.currency);
  const setInput = (index: number, value: string) => setInputs((rows) => rows.map((row, i) => (i === index ? value : row)));

  const fillLast = () => {
    const last = inputs.length - 1;
    const othersMinor = plan.parts.slice(0, last).reduce<bigint>((sum, part) => sum + (part ?? 0n), 0n);
    const rest = BigInt(bill.faceAmountMinor) - othersMinor;
    if (rest > 0n) setInput(last, formatMinor(rest, bill.currency));
  };

  const close = () => {
    setInputs(['', '']);
    onClose();
  };

  return (
    <CommandDialog
      open={open}
      onClose={close}
      title={`Split ${bill.invoiceNumber}`}
      submitLabel={`Split into ${inputs.length} parts`}
      testId="bill-split-dialog"
      canSubmit={plan.valid}
      onSubmit={async () => {
        const parts = await dataProvider.splitBill(bill.id, { amountsMinor: plan.parts.map((part) => String(part)) });
        notify(`Split into ${parts.length} parts: settling on chain`, {
          type: 'success',
          messageArgs: { _: `Split into ${parts.length} parts: settling on chain` },
        });
        setInputs(['', '']);
        refresh();
      }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        The bill is replaced by parts with the same obligor and due date. The parts must add up to{' '}
        {formatMoney(bill.faceAmountMinor, bill.currency)} exactly.
      </Typography>
      <Stack spacing={1.5}>
        {inputs.map((value, index) => (
          <Stack key={index} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <TextField
              label={`Part ${index + 1}`}
              value={value}
              onChange={(event) => setInput(index, event.target.value)}
              error={!!plan.errors[index]}
              helperText={plan.errors[index] ?? ' '}
              size="small"
              fullWidth
              autoFocus={index === 0}
              slotProps={{
                input: { endAdornment: <InputAdornment position="end">{bill.currency}</InputAdornment> },
                htmlInput: { inputMode: 'decimal', 'data-testid': `split-part-${index}` },
              }}
            />
            <IconButton
              aria-label={`Remove part ${index + 1}`}
              disabled={inputs.length <= MIN_PARTS}
              onClick={() => setInputs((rows) => rows.filter((_, i) => i !== index))}
            >
              <DeleteIcon />
            </IconButton>
          </Stack>
        ))}
      </Stack>
      <Box sx={{ display: 'flex', gap: 1, mb: 2 }}>
        <Button
          size="small"
          startIcon={<AddIcon />}
          disabled={inputs.length >= MAX_PARTS}
          onClick={() => setInputs((rows) => [...rows, ''])}
          data-testid="split-add-part"
        >
          Add part
        </Button>
        <Button size="small" onClick={fillLast} disabled={plan.remainingMinor <= 0n} data-testid="split-fill-last">
          Put the remainder in the last part
        </Button>
      </Box>
      <Alert
        severity={plan.remainingMinor === 0n ? 'success' : 'warning'}
        data-testid="split-remaining"
        data-minor={plan.remainingMinor.toString()}
      >
        {plan.remainingMinor === 0n
          ? `The parts add up to ${formatMoney(plan.totalMinor, bill.currency)}.`
          : plan.remainingMinor > 0n
            ? `Remaining to allocate: ${formatMoney(plan.remainingMinor, bill.currency)}`
            : `The parts exceed the face amount by ${formatMoney(-plan.remainingMinor, bill.currency)}`}
      </Alert>
    </CommandDialog>
  );
};
