import type { AuthProvider, UserIdentity } from 'react-admin';
import type { LoginRequest, MeResponse, RefreshTokenRequest, TokenResponse } from '../api/types';
import { fetchStatus } from './data-provider';
import { httpClient, refreshSession } from './http-client';
import { tokenStore } from './token-store';

const AUTH_PATH = '/api/v1/auth';
const ANONYMOUS: UserIdentity = { id: 'anonymous', fullName: 'anonymous' };

// Whether the API enforces authentication, asked once per page load. Reset when the API
// answers 401 (it may have gained auth since) and after a failed lookup.
let authRequired: Promise<boolean> | null = null;
// GET /auth/me, shared by getIdentity and getPermissions; reset on login and logout.
let me: Promise<MeResponse> | null = null;

function isAuthRequired(): Promise<boolean> {
  authRequired ??= fetchStatus().then(
    (status) => status.features.auth,
    () => {
      // API unreachable: fail closed, and ask again next time.
      authRequired = null;
      return true;
    },
  );
  return authRequired;
}

function getMe(): Promise<MeResponse> {
  // react-admin may ask for the identity on the login page too; no session, no request.
  if (!tokenStore.read()) return Promise.reject(new Error('Not signed in'));
  me ??= httpClient<MeResponse>(`${AUTH_PATH}/me`).then(
    ({ body }) => body,
    (error: unknown) => {
      me = null;
      throw error;
    },
  );
  return me;
}

/**
 * Email/password login against `/api/v1/auth`, tokens in localStorage (see token-store), the
 * access token renewed by the http client shortly before expiry or once after a 401.
 *
 * While the API reports `features.auth: false` (auth not built yet) the portal runs anonymously.
 */
export const authProvider: AuthProvider = {
  async login({ email, password }: LoginRequest) {
    const credentials: LoginRequest = { email, password };
    const { body } = await httpClient<TokenResponse>(`${AUTH_PATH}/login`, {
      method: 'POST',
      body: credentials,
      authenticated: false,
    });
    tokenStore.save(body);
    me = null;
  },

  async logout() {
    const session = tokenStore.read();
    tokenStore.clear();
    me = null;
    if (session) {
      const body: RefreshTokenRequest = { refreshToken: session.refreshToken };
      // Best effort: the local tokens are already gone, whatever the server answers.
      await httpClient(`${AUTH_PATH}/logout`, { method: 'POST', body, authenticated: false }).catch(
        () => undefined,
      );
    }
  },

  async checkAuth() {
    if (!(await isAuthRequired())) return;
    const session = tokenStore.read();
    // No stored session: straight to the login page, without an error toast.
    if (!session) return Promise.reject({ message: false });
    if (session.accessTokenExpiresAtMs > Date.now()) return;
    // An unreachable API is not a lost session: keep the tokens (a rejection here would log out).
    const renewed = await refreshSession(session.accessToken).catch(() => session);
    if (!renewed) throw new Error('ra.auth.auth_check_error');
  },

  async checkError(error: { status?: number }) {
    // The http client has already tried to renew the token once, so a 401 here is final.
    // A 403 is a refused action, not a lost session: the user stays signed in.
    if (error?.status === 401) {
      authRequired = null;
      tokenStore.clear();
      me = null;
      throw new Error('ra.auth.auth_check_error');
    }
  },

  async getIdentity() {
    if (!(await isAuthRequired())) return ANONYMOUS;
    const user = await getMe();
    return {
      id: user.id,
      fullName: user.name,
      email: user.email,
      organizationId: user.organizationId,
      organizationName: user.organizationName,
    };
  },

  async getPermissions() {
    if (!(await isAuthRequired())) return [];
    return (await getMe()).roles;
  },
};
