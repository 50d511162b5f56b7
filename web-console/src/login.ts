/**
 * The login page: built-in sign-in and the organization's identity provider buttons, and the return from an
 * identity provider (`/login#code=<one-time code>` to exchange, or `/login?error=<code>` to explain).
 */

/** Text for the error codes the server's identity provider sign-in ends with. */
export const SSO_ERRORS: Readonly<Record<string, string>> = {
  organization_not_found: 'This organization does not exist.',
  sso_not_allowed: 'This organization does not allow signing in through an identity provider.',
  provider_unavailable: 'The identity provider could not be reached. Try again in a moment.',
  provider_misconfigured: "The identity provider's settings are incomplete. Ask your administrator.",
  provider_refused: 'The identity provider did not sign you in.',
  invalid_state: 'This sign-in link is not valid. Start signing in again.',
  replayed_state: 'This sign-in link was already used. Start signing in again.',
  expired_state: 'This sign-in took too long. Start signing in again.',
  code_rejected: "The identity provider's sign-in code expired or was already used. Start signing in again.",
  unknown_signing_key: "The identity provider's answer is signed with an unknown key.",
  wrong_audience: "The identity provider's answer was meant for another application.",
  token_expired: "The identity provider's answer has expired. Check the server's clock and try again.",
  invalid_token: "The identity provider's answer could not be verified.",
  email_not_verified: 'The identity provider has not verified your email address.',
  no_account: 'No account of this organization matches your email, and accounts are not created on sign-in.',
  account_disabled: 'Your account cannot sign in. Ask your administrator.',
};

export function describeSsoError(code: string): string {
  return SSO_ERRORS[code] ?? 'Signing in did not work. Start again.';
}

/** What the login page's URL says: the organization, an error code, or a one-time code (in the fragment). */
export interface LoginReturn {
  readonly organization: string | null;
  readonly error: string | null;
  readonly code: string | null;
}

export function parseLoginReturn(search: string, hash: string): LoginReturn {
  const query = new URLSearchParams(search);
  const fragment = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  return { organization: query.get('organization'), error: query.get('error'), code: fragment.get('code') };
}

export interface ProviderOption {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly loginUrl: string;
}

export interface LoginOptions {
  readonly organizationID: string;
  readonly organizationName: string;
  readonly qalyptusAuth: boolean;
  readonly identityProviders: readonly ProviderOption[];
}

/** The session token is kept for this tab only. */
export const TOKEN_KEY = 'qalyptus.token';
