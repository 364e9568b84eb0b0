import { httpClient } from '../providers/http-client';

/** A new user sets a password with the token of the invite link (no session: the user has none yet). */
export async function acceptInvite(token: string, password: string): Promise<void> {
  await httpClient('/api/v1/auth/invites/accept', { method: 'POST', body: { token, password }, authenticated: false });
}
