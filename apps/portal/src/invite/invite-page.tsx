import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, CardContent, Container, Link as MuiLink, Stack, TextField, Typography } from '@mui/material';
import { useLocation } from 'react-admin';
import { acceptInvite } from './invite-api';

/**
 * The page of the one-time invite link (no login): the new user chooses a password, typed twice;
 * nobody else ever chooses it. The token stays in the link; the API says when it is unknown, used
 * or expired.
 *
 * Test ids: `invite-password`, `invite-confirm`, `invite-submit`, `invite-error`, `invite-done`.
 */
export const InvitePage = () => {
  const token = new URLSearchParams(useLocation().search).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== confirm) return setError('The two passwords differ');
    setBusy(true);
    setError(null);
    try {
      await acceptInvite(token, password);
      setDone(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container maxWidth="sm" sx={{ py: 4 }}>
      <Card>
        <CardContent>
          <Typography variant="h5" gutterBottom>
            Set your password
          </Typography>
          {!token && <Alert severity="error">This link has no invite token: open the link from your invitation e-mail.</Alert>}
          {done ? (
            <Alert severity="success" data-testid="invite-done">
              Your password is set. <MuiLink href="#/login">Sign in</MuiLink>
            </Alert>
          ) : (
            <Stack component="form" spacing={2} onSubmit={submit}>
              <TextField label="New password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'invite-password' } }} required />
              <TextField label="The same password again" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'invite-confirm' } }} required />
              {error && (
                <Alert severity="error" data-testid="invite-error">
                  {error}
                </Alert>
              )}
              <Button type="submit" variant="contained" disabled={busy || !token} data-testid="invite-submit">
                Set password
              </Button>
            </Stack>
          )}
        </CardContent>
      </Card>
    </Container>
  );
};
