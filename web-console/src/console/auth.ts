/**
 * The session: the bearer token from the built-in login (or an identity provider's one-time code), kept in this
 * tab's sessionStorage only, and what to do when the server stops accepting it.
 */
import { TOKEN_KEY } from '../login.ts';

export { TOKEN_KEY };

export function currentToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The Authorization header for the current session, or none. */
export function authHeaders(): Record<string, string> {
  const token = currentToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * The session ended (401): forget the token and go to the login page, remembering where the user was so they come
 * back there after signing in again. A full page load also drops every cached query of the old session.
 */
export function sessionExpired(): void {
  clearToken();
  if (window.location.pathname !== '/login') {
    const back = window.location.pathname + window.location.search;
    window.location.assign(`/login?next=${encodeURIComponent(back)}`);
  }
}
