import { DateInput, TextInput, required, useDataProvider, useNotify, useRefresh } from 'react-admin';
import { Typography } from '@mui/material';
import type { Organization, ScreeningHit } from '../api/identity-types';
import { DialogForm } from '../common/dialog-form';
import type { TallyDataProvider } from '../providers/data-provider';

type ApproveValues = { note: string; expiresAt: string };
type ReasonValues = { reason: string };

const noteLength = (min: number) => (value: unknown) =>
  typeof value === 'string' && value.trim().length < min ? `At least ${min} characters` : undefined;

/** `YYYY-MM-DD` of today plus `years`, in the user's calendar. */
function isoDateInYears(years: number): string {
  const date = new Date();
  date.setFullYear(date.getFullYear() + years);
  return toIsoDate(date);
}

function toIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const inTheFuture = (value: unknown) =>
  typeof value === 'string' && value !== '' && value <= toIsoDate(new Date()) ? 'The approval must expire after today' : undefined;

interface DecisionDialogProps {
  organization: Pick<Organization, 'id' | 'legalName'>;
  open: boolean;
  onClose: () => void;
}

/** SUBMITTED → APPROVED with a note and an expiry (default: one year from today). */
export const ApproveKycDialog = ({ organization, open, onClose }: DecisionDialogProps) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  return (
    <DialogForm<ApproveValues>
      open={open}
      onClose={onClose}
      title={`Approve ${organization.legalName}`}
      submitLabel="Approve"
      submitColor="success"
      testId="kyc-approve-dialog"
      defaultValues={{ note: '', expiresAt: isoDateInYears(1) }}
      onSubmit={async ({ note, expiresAt }) => {
        await dataProvider.approveKyc(organization.id, {
          note: note.trim(),
          // The approval lapses at the start of the chosen day, in the officer's time zone.
          expiresAt: new Date(`${expiresAt}T00:00:00`).toISOString(),
        });
        notify(`${organization.legalName} approved`, { type: 'success', messageArgs: { _: `${organization.legalName} approved` } });
        refresh();
      }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Approval registers the organization&apos;s wallets in the on-chain identity registry.
      </Typography>
      <TextInput
        source="note"
        label="Note"
        multiline
        minRows={2}
        validate={[required(), noteLength(3)]}
        slotProps={{ htmlInput: { 'data-testid': 'kyc-approve-note' } }}
      />
      <DateInput
        source="expiresAt"
        label="Approval expires on"
        validate={[required(), inTheFuture]}
        slotProps={{ htmlInput: { 'data-testid': 'kyc-approve-expires' } }}
      />
    </DialogForm>
  );
};

/** SUBMITTED → REJECTED with a reason. */
export const RejectKycDialog = ({ organization, open, onClose }: DecisionDialogProps) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  return (
    <DialogForm<ReasonValues>
      open={open}
      onClose={onClose}
      title={`Reject ${organization.legalName}`}
      submitLabel="Reject"
      submitColor="error"
      testId="kyc-reject-dialog"
      defaultValues={{ reason: '' }}
      onSubmit={async ({ reason }) => {
        await dataProvider.rejectKyc(organization.id, { reason: reason.trim() });
        notify(`${organization.legalName} rejected`, { type: 'info', messageArgs: { _: `${organization.legalName} rejected` } });
        refresh();
      }}
    >
      <TextInput
        source="reason"
        label="Reason"
        multiline
        minRows={2}
        validate={[required(), noteLength(3)]}
        slotProps={{ htmlInput: { 'data-testid': 'kyc-reject-reason' } }}
      />
    </DialogForm>
  );
};

/** Records that a screening hit is not this organization; approval needs every hit cleared. */
export const FalsePositiveDialog = ({ organization, hit, open, onClose }: DecisionDialogProps & { hit: ScreeningHit }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  return (
    <DialogForm<ReasonValues>
      open={open}
      onClose={onClose}
      title="Record a false positive"
      submitLabel="Record false positive"
      submitColor="warning"
      testId="kyc-false-positive-dialog"
      defaultValues={{ reason: '' }}
      onSubmit={async ({ reason }) => {
        await dataProvider.recordFalsePositive(organization.id, { hitId: hit.hitId, reason: reason.trim() });
        notify('False positive recorded', { type: 'success' });
        refresh();
      }}
    >
      <Typography variant="body2" sx={{ mb: 2 }}>
        {organization.legalName} matched <strong>{hit.matchedName}</strong> on {hit.listName} (score {formatScore(hit.score)}). Explain why
        this is a different party.
      </Typography>
      <TextInput
        source="reason"
        label="Reason"
        multiline
        minRows={2}
        validate={[required(), noteLength(10)]}
        slotProps={{ htmlInput: { 'data-testid': 'kyc-false-positive-reason' } }}
      />
    </DialogForm>
  );
};

export function formatScore(score: number): string {
  return `${Math.round(score * 100)} %`;
}
