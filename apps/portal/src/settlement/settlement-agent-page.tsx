import { useState } from 'react';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  MenuItem,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
} from '@mui/material';
import { Title, useDataProvider, useNotify } from 'react-admin';
import { formatMoney, parseMajor } from '../bills/money';
import { useOrganizationDirectory, type DirectoryEntry } from '../bills/organization-directory';
import { errorMessage } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { newIdempotencyKey } from '../providers/idempotency-key';
import { AccountStatement } from './account-statement';
import { SETTLEMENT_CURRENCIES, type MovementKind } from './settlement-types';

/**
 * The settlement agent (a platform admin) records a fiat deposit (minting tokenized deposits to
 * the organization's settlement account) or a withdrawal (burning them). The form keeps what was
 * typed after a refusal; one idempotency key per filled form, so a retry records it once.
 *
 * Test ids: `agent-form`, `agent-kind-DEPOSIT|WITHDRAWAL`, `agent-organization` (input),
 * `agent-currency`, `agent-amount`, `agent-reference`, `agent-submit`, `agent-error`; below, the
 * picked organization's `statement`.
 */
export const SettlementAgentPage = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const directory = useOrganizationDirectory();
  const choices = directory.entries.filter((entry) => !entry.roles.includes('PLATFORM'));
  const [kind, setKind] = useState<MovementKind>('DEPOSIT');
  const [organization, setOrganization] = useState<DirectoryEntry | null>(null);
  const [currency, setCurrency] = useState<string>('EUR');
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const parsed = amount.trim() === '' ? null : parseMajor(amount, currency);
  const amountError = parsed && !parsed.ok ? parsed.error : parsed?.ok && parsed.value === 0n ? 'More than zero' : undefined;
  const canSubmit = !busy && organization !== null && parsed?.ok === true && parsed.value > 0n && reference.trim() !== '';

  const submit = async () => {
    if (!canSubmit || !parsed?.ok || !organization) return;
    setBusy(true);
    setFailure(null);
    try {
      await dataProvider.recordMovement(
        kind,
        { organizationId: organization.id, currency, amountMinor: parsed.value.toString(), reference: reference.trim() },
        { idempotencyKey: key },
      );
      notify(`${kind === 'DEPOSIT' ? 'Deposit' : 'Withdrawal'} of ${formatMoney(parsed.value, currency)} recorded: settling on chain`, { type: 'success' });
      setAmount('');
      setReference('');
      setKey(newIdempotencyKey());
    } catch (error) {
      // what was typed stays; the next attempt is a new command only if the user changes it
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const edited = (set: (value: string) => void) => (value: string) => {
    set(value);
    setKey(newIdempotencyKey());
  };

  return (
    <Box sx={{ py: 2 }}>
      <Title title="Settlement agent" />
      <Card variant="outlined" data-testid="agent-form">
        <CardHeader title="Deposits and withdrawals" subheader="Fiat received or paid out, as tokenized deposits on chain" slotProps={{ title: { variant: 'h6', component: 'h1' } }} />
        <CardContent sx={{ pt: 0 }}>
          <Box
            component="form"
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
            sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, maxWidth: 720 }}
          >
            <ToggleButtonGroup
              exclusive
              value={kind}
              onChange={(_, value: MovementKind | null) => value && (setKind(value), setKey(newIdempotencyKey()))}
              size="small"
              sx={{ gridColumn: '1 / -1' }}
            >
              <ToggleButton value="DEPOSIT" data-testid="agent-kind-DEPOSIT">
                Deposit
              </ToggleButton>
              <ToggleButton value="WITHDRAWAL" data-testid="agent-kind-WITHDRAWAL">
                Withdrawal
              </ToggleButton>
            </ToggleButtonGroup>
            <Autocomplete
              options={choices}
              value={organization}
              onChange={(_, entry) => {
                setOrganization(entry);
                setKey(newIdempotencyKey());
              }}
              getOptionLabel={(entry) => entry.legalName}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              sx={{ gridColumn: '1 / -1' }}
              renderInput={(params) => (
                <TextField
                  {...params}
                  label="Organization"
                  size="small"
                  slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'agent-organization' } }}
                />
              )}
            />
            <TextField
              select
              label="Currency"
              size="small"
              value={currency}
              onChange={(event) => edited(setCurrency)(event.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'agent-currency' } }}
            >
              {SETTLEMENT_CURRENCIES.map((code) => (
                <MenuItem key={code} value={code}>
                  {code}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label={`Amount (${currency})`}
              size="small"
              value={amount}
              onChange={(event) => edited(setAmount)(event.target.value)}
              error={amountError !== undefined}
              helperText={amountError ?? (parsed?.ok ? formatMoney(parsed.value, currency) : 'e.g. 10,000.00')}
              slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'agent-amount' } }}
            />
            <TextField
              label="Bank reference"
              size="small"
              value={reference}
              onChange={(event) => edited(setReference)(event.target.value)}
              helperText="The payment's reference at the bank; recorded once"
              sx={{ gridColumn: '1 / -1' }}
              slotProps={{ htmlInput: { maxLength: 140, 'data-testid': 'agent-reference' } }}
            />
            {failure && (
              <Alert severity="error" sx={{ gridColumn: '1 / -1' }} data-testid="agent-error">
                {failure}
              </Alert>
            )}
            <Box sx={{ gridColumn: '1 / -1' }}>
              <Button type="submit" variant="contained" disabled={!canSubmit} data-testid="agent-submit">
                {kind === 'DEPOSIT' ? 'Record deposit' : 'Record withdrawal'}
                {parsed?.ok && parsed.value > 0n ? ` of ${formatMoney(parsed.value, currency)}` : ''}
              </Button>
            </Box>
          </Box>
        </CardContent>
      </Card>
      {organization && <AccountStatement organizationId={organization.id} organizationName={organization.legalName} />}
    </Box>
  );
};
