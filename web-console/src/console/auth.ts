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

/** Set while signing out, so refused queries of the ending session do not navigate elsewhere. */
let signingOut = false;

/**
 * The session ended (401): forget the token and go to the login page, remembering where the user was so they come
 * back there after signing in again. A full page load also drops every cached query of the old session.
 */
export function sessionExpired(): void {
  if (signingOut) {
    return; // signOut decides where to go
  }
  clearToken();
  if (window.location.pathname !== '/login') {
    const back = window.location.pathname + window.location.search;
    window.location.assign(`/login?next=${encodeURIComponent(back)}`);
  }
}

/**
 * Where the browser goes after signing out: the URL the server's logout answered (the identity provider's end-session
 * endpoint for a session opened through it, else the login page) when it is an http(s) URL or a path of this origin;
 * otherwise the login page.
 */
export function signOutTarget(answer: unknown): string {
  const url = (answer as { data?: { redirectUrl?: unknown } } | null)?.data?.redirectUrl;
  if (typeof url !== 'string' || url === '') {
    return '/login';
  }
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) {
    return url;
  }
  return /^https?:\/\//i.test(url) ? url : '/login';
}

/**
 * Signs out: ends the session on the server (which also answers where to end the identity provider's session), then
 * forgets the token and leaves. When the server cannot be reached the token is still forgotten.
 */
export async function signOut(): Promise<void> {
  signingOut = true;
  const headers = authHeaders();
  let target = '/login';
  if (headers.Authorization) {
    try {
      const response = await fetch('/api/v1/auth/logout', { method: 'POST', headers });
      if (response.ok) {
        target = signOutTarget(await response.json());
      }
    } catch {
      // offline or the server is down: the local session ends anyway
    }
  }
  clearToken();
  window.location.assign(target);
}
