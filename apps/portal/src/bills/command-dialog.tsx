import { useState, type ReactNode } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useNotify } from 'react-admin';
import { errorMessage } from '../common/formatting';

export interface CommandDialogProps {
  open: boolean;
  title: ReactNode;
  submitLabel: string;
  submitColor?: 'primary' | 'success' | 'error' | 'warning';
  /** `data-testid` of the dialog; the submit button gets `<testId>-confirm`. */
  testId: string;
  /** False keeps the submit button disabled (an incomplete amount editor, say). */
  canSubmit?: boolean;
  onClose: () => void;
  /** Sends the command; resolves when done (the dialog then closes), rejects with the API's error. */
  onSubmit: () => Promise<unknown>;
  children: ReactNode;
}

/**
 * A confirmation for a bill command whose inputs are not a react-admin form (the split editor,
 * the organization picker) or that has none. Like `DialogForm`: a refusal of the API becomes an
 * error notification with its message, and the dialog stays open.
 */
export const CommandDialog = ({
  open,
  title,
  submitLabel,
  submitColor = 'primary',
  testId,
  canSubmit = true,
  onClose,
  onSubmit,
  children,
}: CommandDialogProps) => {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await onSubmit();
      onClose();
    } catch (error) {
      const message = errorMessage(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" data-testid={testId}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>{children}</DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color={submitColor}
          disabled={busy || !canSubmit}
          onClick={() => void submit()}
          data-testid={`${testId}-confirm`}
        >
          {submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
