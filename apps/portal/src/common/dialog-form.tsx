import { useState, type ReactNode } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { Form, useNotify, type HttpError } from 'react-admin';
import { errorMessage } from './formatting';

type FieldValues = Record<string, unknown>;

export interface DialogFormProps<Values extends FieldValues> {
  open: boolean;
  title: ReactNode;
  submitLabel: string;
  submitColor?: 'primary' | 'success' | 'error' | 'warning';
  /** `data-testid` of the dialog; the submit button gets `<testId>-confirm`. */
  testId: string;
  defaultValues: Values;
  onClose: () => void;
  /** Sends the command; resolves when done (the dialog then closes), rejects with the API's error. */
  onSubmit: (values: Values) => Promise<unknown>;
  children: ReactNode;
}

/**
 * A react-admin form in a dialog, for commands that are not record edits (approve, reject,
 * record a false positive). Field errors from the API (400 with `details`) appear under their
 * inputs; any other refusal (409 KYC_SCREENING_HIT, 403, ...) becomes an error notification with
 * the API's message, and the dialog stays open.
 */
export function DialogForm<Values extends FieldValues>({
  open,
  title,
  submitLabel,
  submitColor = 'primary',
  testId,
  defaultValues,
  onClose,
  onSubmit,
  children,
}: DialogFormProps<Values>) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  const submit = async (values: FieldValues) => {
    if (busy) return undefined;
    setBusy(true);
    try {
      await onSubmit(values as Values);
      onClose();
    } catch (error) {
      const fieldErrors = (error as HttpError | undefined)?.body?.errors as FieldValues | undefined;
      if (fieldErrors) return fieldErrors;
      const message = errorMessage(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
    }
    return undefined;
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid={testId}>
      {/* Mounted only while open, so every opening starts from the defaults. */}
      {open && (
        <StableDefaultsForm defaultValues={defaultValues} onSubmit={submit}>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="contained" color={submitColor} disabled={busy} data-testid={`${testId}-confirm`}>
              {submitLabel}
            </Button>
          </DialogActions>
        </StableDefaultsForm>
      )}
    </Dialog>
  );
}

/**
 * react-admin's Form resets to its defaults whenever they change (compared as JSON), and a
 * default computed at render time (an expiry "in two days") changes on every render: after a
 * refusal the form went back to its defaults and lost what the user typed (issue 14). The
 * defaults are fixed when the form mounts, so only the user changes the values.
 */
export function StableDefaultsForm({
  defaultValues,
  onSubmit,
  children,
}: {
  defaultValues: FieldValues;
  onSubmit: (values: FieldValues) => Promise<FieldValues | undefined> | FieldValues | undefined;
  children: ReactNode;
}) {
  const [initial] = useState(defaultValues);
  return (
    <Form defaultValues={initial} onSubmit={onSubmit} noValidate>
      {children}
    </Form>
  );
}
