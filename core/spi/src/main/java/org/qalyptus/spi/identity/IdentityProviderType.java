package org.qalyptus.spi.identity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.QalyptusExtension;
import org.qalyptus.spi.config.Config;

/**
 * A way for users to sign in through an external identity provider (OpenID Connect ...).
 *
 * <p>Flow: the host calls {@link #startLogin} and redirects the browser to the returned URI, keeping
 * {@link LoginRedirect#state()} on the server under the login's state key. When the provider redirects
 * back, the host looks that state up (once: it is deleted as it is read) and calls
 * {@link #completeLogin} with the callback's query parameters. The host then matches the returned
 * identity to a user; the extension never creates users.
 *
 * <p>The {@link Config} passed to every call is bound against {@link #configFields()}; secret fields arrive
 * decrypted. Implementations may cache what they fetch from the provider (discovery documents, signing
 * keys) keyed by the settings it came from, as {@link QalyptusExtension} requires.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface IdentityProviderType extends QalyptusExtension {

    /**
     * Prepares a login: fresh, unguessable state (and whatever else the protocol needs, such as a nonce and a
     * PKCE verifier) for this one login.
     *
     * @param callbackUri where the provider must send the browser back to; the host passes the same URI to
     *     {@link #completeLogin} through {@link LoginRedirect#attributes()} if the extension keeps it there
     * @return never null
     * @throws LoginFailedException when the provider cannot be reached or its settings are unusable
     */
    LoginRedirect startLogin(Config config, URI callbackUri);

    /**
     * Finishes a login from the provider's callback.
     *
     * @param callbackParameters the query parameters of the callback request
     * @param savedState the state returned by {@link #startLogin} for this login
     * @return the identity the provider vouched for, after every check (signature, issuer, audience,
     *     expiry, nonce) passed
     * @throws LoginFailedException when the provider sent an error or any check fails; the reason says which
     * @throws ExtensionException for other failures (the host reports them as the provider being unavailable)
     */
    VerifiedIdentity completeLogin(Config config, Map<String, String> callbackParameters, LoginRedirect savedState);

    /**
     * Where to send the browser to end the provider's session, if the provider supports it.
     *
     * @param idTokenHint the ID token received at login, or null
     * @param postLogoutRedirect where the provider should send the browser afterwards, or null to let the
     *     extension use the one in its settings (or none)
     * @return the provider's end-session URI with its parameters, or empty when the provider has none; this call
     *     must not fail because the provider is down (the host has already ended its own session)
     */
    default Optional<URI> logoutUri(Config config, String idTokenHint, URI postLogoutRedirect) {
        return Optional.empty();
    }

    /**
     * A login in progress.
     *
     * @param authorizationUri where to send the browser
     * @param stateKey the value the provider echoes back (OAuth {@code state}), under which the host
     *     keeps this object
     * @param attributes whatever else the extension needs at callback time (nonce, PKCE verifier);
     *     kept on the server, never sent to the browser
     */
    record LoginRedirect(URI authorizationUri, String stateKey, Map<String, String> attributes) {
        public LoginRedirect {
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * An identity established by the provider.
     *
     * @param subject the provider's stable id of the user
     * @param email the user's email, or null when the provider gave none
     * @param emailVerified whether the provider says it verified the email
     * @param name the display name, or null
     * @param idToken the raw ID token for a later logout hint, or null
     */
    record VerifiedIdentity(String subject, String email, boolean emailVerified, String name, String idToken) {}
}
