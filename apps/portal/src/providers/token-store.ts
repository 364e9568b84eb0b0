import type { TokenResponse } from '../api/types';

/** The tokens of the signed-in user, as kept in localStorage. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which `accessToken` expires. */
  accessTokenExpiresAtMs: number;
}

// One key holding one JSON value, so another tab never reads a new access token paired with
// an old refresh token.
const STORAGE_KEY = 'tally.session';

export const tokenStore = {
  read(): StoredSession | null {
    const raw = safeStorage()?.getItem(STORAGE_KEY);
    if (!raw) return null;
    try {
      const value: unknown = JSON.parse(raw);
      return isStoredSession(value) ? value : null;
    } catch {
      return null;
    }
  },

  save(tokens: TokenResponse): StoredSession {
    const session: StoredSession = {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      accessTokenExpiresAtMs: Date.now() + tokens.expiresIn * 1000,
    };
    safeStorage()?.setItem(STORAGE_KEY, JSON.stringify(session));
    return session;
  },

  clear(): void {
    safeStorage()?.removeItem(STORAGE_KEY);
  },
};

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
    typeof v.accessTokenExpiresAtMs === 'number'
  );
}

// localStorage throws in some privacy modes; the portal then simply has no stored session.
function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
