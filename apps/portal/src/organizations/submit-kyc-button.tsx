import { useState } from 'react';
import { Button } from '@mui/material';
import SendIcon from '@mui/icons-material/Send';
import { Confirm, useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { Organization } from '../api/identity-types';
import { errorMessage } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';

/** DRAFT → SUBMITTED: hands the organization to the KYC officers (and runs the screening). */
export const SubmitKycButton = ({ organization }: { organization: Organization }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      await dataProvider.submitKyc(organization.id);
      notify('Submitted for KYC review', { type: 'success' });
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
      <Button variant="contained" startIcon={<SendIcon />} onClick={() => setOpen(true)} data-testid="org-submit-kyc">
        Submit for KYC review
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="Submit for KYC review"
        content={`${organization.legalName} goes to the KYC officers' review queue; it is screened against the sanctions list now.`}
        confirm="Submit"
        onConfirm={submit}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
