import { useState } from 'react';
import { Button, Stack } from '@mui/material';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import type { Organization } from '../api/identity-types';
import { ApproveKycDialog, RejectKycDialog } from './kyc-dialogs';

/** Approve and Reject of a SUBMITTED organization, each opening its dialog. */
export const KycDecisionButtons = ({ organization }: { organization: Pick<Organization, 'id' | 'legalName'> }) => {
  const [open, setOpen] = useState<'approve' | 'reject' | null>(null);
  const close = () => setOpen(null);
  return (
    <Stack direction="row" spacing={1}>
      <Button
        variant="contained"
        color="success"
        startIcon={<CheckIcon />}
        onClick={() => setOpen('approve')}
        data-testid={`kyc-approve-${organization.id}`}
      >
        Approve
      </Button>
      <Button
        variant="outlined"
        color="error"
        startIcon={<CloseIcon />}
        onClick={() => setOpen('reject')}
        data-testid={`kyc-reject-${organization.id}`}
      >
        Reject
      </Button>
      <ApproveKycDialog organization={organization} open={open === 'approve'} onClose={close} />
      <RejectKycDialog organization={organization} open={open === 'reject'} onClose={close} />
    </Stack>
  );
};
