package org.qalyptus.server.sso;

import org.qalyptus.spi.identity.LoginFailedException;

/**
 * The error codes the login page receives ({@code /login?error=<code>}) and maps to text; the text here is the
 * same meaning, for the audit log and API clients.
 */
enum SsoError {
    organization_not_found("This organization does not exist."),
    sso_not_allowed("This organization does not allow signing in through an identity provider."),
    provider_unavailable("The identity provider could not be reached. Try again in a moment."),
    provider_misconfigured("The identity provider's settings are incomplete. Ask your administrator."),
    provider_refused("The identity provider did not sign you in."),
    invalid_state("This sign-in link is not valid. Start signing in again."),
    replayed_state("This sign-in link was already used. Start signing in again."),
    expired_state("This sign-in took too long. Start signing in again."),
    code_rejected("The identity provider's sign-in code expired or was already used. Start signing in again."),
    unknown_signing_key("The identity provider's answer is signed with an unknown key."),
    wrong_audience("The identity provider's answer was meant for another application."),
    token_expired("The identity provider's answer has expired. Check the server's clock and try again."),
    invalid_token("The identity provider's answer could not be verified."),
    email_not_verified("The identity provider has not verified your email address."),
    no_account("No account of this organization matches your email, and accounts are not created on sign-in."),
    account_disabled("Your account cannot sign in. Ask your administrator.");

    private final String text;

    SsoError(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    static SsoError of(LoginFailedException.Reason reason) {
        return switch (reason) {
            case PROVIDER_UNAVAILABLE -> provider_unavailable;
            case PROVIDER_MISCONFIGURED -> provider_misconfigured;
            case PROVIDER_REFUSED -> provider_refused;
            case CODE_REJECTED -> code_rejected;
            case UNKNOWN_SIGNING_KEY -> unknown_signing_key;
            case WRONG_AUDIENCE -> wrong_audience;
            case TOKEN_EXPIRED -> token_expired;
            case INVALID_TOKEN -> invalid_token;
        };
    }
}
