import { useState } from 'react';
import { Button } from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import SendIcon from '@mui/icons-material/Send';
import { Confirm, TextInput, useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { Organization } from '../api/identity-types';
import { DialogForm } from '../common/dialog-form';
import { errorMessage } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';

const PEPPOL_ID = /^[0-9]{4}:[A-Za-z0-9._-]{1,50}$/;

/** "0088:7300010000001, 0002:FR23342" or one per line → the ids, trimmed, without duplicates. */
export function parsePeppolIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((id) => id !== ''))];
}

const peppolIdsValid = (value: unknown) => {
  if (typeof value !== 'string') return undefined;
  const bad = parsePeppolIds(value).filter((id) => !PEPPOL_ID.test(id));
  return bad.length ? `Not a Peppol participant id (scheme:id, e.g. 0088:7300010000001): ${bad.join(', ')}` : undefined;
};

type ProfileValues = {
  peppolIds: string;
  vatId: string;
};

/**
 * The organization's own data it maintains itself: its Peppol participant ids (how imported
 * e-invoices find it) and its VAT id. `PATCH /organizations/:id` sends the changed fields only.
 *
 * Test ids: `org-edit-profile`, dialog `org-profile-dialog` (+ `-confirm`), inputs
 * `org-profile-peppol-ids`, `org-profile-vat-id`.
 */
export const EditProfileButton = ({ organization }: { organization: Organization }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setOpen(true)} data-testid="org-edit-profile">
        Edit profile
      </Button>
      <DialogForm<ProfileValues>
        open={open}
        title={`Profile of ${organization.legalName}`}
        submitLabel="Save"
        testId="org-profile-dialog"
        defaultValues={{ peppolIds: organization.peppolIds.join('\n'), vatId: organization.vatId ?? '' }}
        onClose={() => setOpen(false)}
        onSubmit={async (values) => {
          const data: Partial<Organization> = { peppolIds: parsePeppolIds(values.peppolIds) };
          if (values.vatId.trim() !== '') data.vatId = values.vatId.trim();
          await dataProvider.update<Organization>('organizations', { id: organization.id, data, previousData: organization });
          notify('Profile saved', { type: 'success' });
          refresh();
        }}
      >
        <TextInput
          source="peppolIds"
          label="Peppol participant ids"
          multiline
          minRows={2}
          validate={peppolIdsValid}
          helperText="One per line, scheme:id (e.g. 0088:7300010000001); imported e-invoices are matched by these"
          slotProps={{ htmlInput: { 'data-testid': 'org-profile-peppol-ids' } }}
        />
        <TextInput
          source="vatId"
          label="VAT id"
          helperText="Country prefix and number, e.g. DE123456789"
          slotProps={{ htmlInput: { 'data-testid': 'org-profile-vat-id' } }}
        />
      </DialogForm>
    </>
  );
};

/** REJECTED → SUBMITTED once the file is corrected: back to the KYC officers, screened again. */
export const ResubmitKycButton = ({ organization }: { organization: Organization }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await dataProvider.resubmitKyc(organization.id);
      notify('Submitted again for KYC review', { type: 'success' });
      setOpen(false);
      refresh();
    } catch (error) {
      const message = errorMessage(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="contained" startIcon={<SendIcon />} onClick={() => setOpen(true)} data-testid="org-resubmit-kyc">
        Resubmit for KYC review
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="Resubmit for KYC review"
        content={`The corrected file of ${organization.legalName} goes back to the KYC officers and is screened again.`}
        confirm="Resubmit"
        onConfirm={submit}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
