import { useState } from 'react';
import { Autocomplete, TextField, Typography } from '@mui/material';
import { useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { TallyDataProvider } from '../providers/data-provider';
import type { Bill } from './bill-types';
import { CommandDialog } from './command-dialog';
import type { DirectoryEntry, OrganizationDirectory } from './organization-directory';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Endorses the bill to another verified organization, picked by name from the approved
 * counterparties (`GET /counterparties`); an organization id can still be pasted (the API checks
 * that it is an approved participant with a registered wallet, 409 otherwise).
 *
 * Test ids: `bill-transfer-dialog` (+ `-confirm`), `bill-transfer-organization` (the input).
 */
export const TransferDialog = ({
  bill,
  directory,
  open,
  onClose,
}: {
  bill: Bill;
  directory: OrganizationDirectory;
  open: boolean;
  onClose: () => void;
}) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [value, setValue] = useState<DirectoryEntry | string | null>(null);
  const [typed, setTyped] = useState('');
  // approved counterparties (searchable by name), plus what a platform user reads
  const known = new Map([...directory.counterparties, ...directory.entries].map((entry) => [entry.id, entry]));
  const options = [...known.values()]
    .filter((entry) => entry.id !== bill.holderOrganizationId && !entry.roles.includes('PLATFORM'))
    .sort((a, b) => a.legalName.localeCompare(b.legalName));
  const toOrganizationId = (typeof value === 'string' ? value : (value?.id ?? typed)).trim();
  const valid = UUID.test(toOrganizationId) && toOrganizationId !== bill.holderOrganizationId;

  const close = () => {
    setValue(null);
    setTyped('');
    onClose();
  };

  return (
    <CommandDialog
      open={open}
      onClose={close}
      title={`Transfer ${bill.invoiceNumber}`}
      submitLabel="Transfer"
      testId="bill-transfer-dialog"
      canSubmit={valid}
      onSubmit={async () => {
        await dataProvider.transferBill(bill.id, { toOrganizationId });
        notify('Transfer requested: settling on chain', { type: 'success' });
        setValue(null);
        setTyped('');
        refresh();
      }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        The endorsee becomes the holder: it may finance, split or transfer the bill and is paid at maturity.
      </Typography>
      <Autocomplete<DirectoryEntry, false, false, true>
        freeSolo
        options={options}
        value={value}
        onChange={(_, next) => setValue(next)}
        inputValue={typed}
        onInputChange={(_, next) => setTyped(next)}
        getOptionLabel={(option) => (typeof option === 'string' ? option : option.legalName)}
        renderInput={(params) => (
          <TextField
            {...params}
            label="Organization"
            helperText={options.length ? 'Type to search the approved participants by name' : "Paste the endorsee's organization id"}
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'bill-transfer-organization' } }}
          />
        )}
      />
    </CommandDialog>
  );
};
