package org.qalyptus.plugins.storage.ftp;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides whether the FTPS server's certificate is trusted, for one connection, and remembers what the
 * server presented and why it was refused so that the error can tell the user (with the fingerprint to
 * pin if they trust it).
 *
 * <p>Without a pin: the JDK's trust store and, on the control connection, the host name (the client sets
 * the HTTPS endpoint identification on that socket). With a pin: the server's certificate must have that
 * SHA-256 fingerprint, on the control and the data connections; chain and name are not checked, since the
 * pin names the one certificate that is accepted.
 */
final class ServerCertificateCheck extends X509ExtendedTrustManager {

    private final Optional<CertificatePin> pin;
    private final X509ExtendedTrustManager authorities;
    private volatile X509Certificate presented;
    private volatile String refusal;

    ServerCertificateCheck(Optional<CertificatePin> pin) {
        this.pin = pin;
        this.authorities = pin.isPresent() ? null : systemTrustManager();
    }

    boolean pinned() {
        return pin.isPresent();
    }

    /** The certificate the server presented, if it got that far. */
    Optional<X509Certificate> presented() {
        return Optional.ofNullable(presented);
    }

    /** Why the certificate was refused, in the user's terms; empty if it was not. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, () -> authorities.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, () -> authorities.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, () -> authorities.checkServerTrusted(chain, authType));
    }

    private void check(X509Certificate[] chain, AuthorityCheck byAuthorities) throws CertificateException {
        if (chain == null || chain.length == 0) {
            refusal = "the server presented no certificate";
            throw new CertificateException(refusal);
        }
        presented = chain[0];
        if (pin.isPresent()) {
            if (!pin.get().matches(chain[0])) {
                refusal = "its SHA-256 fingerprint is not the pinned one (" + pin.get() + ")";
                throw new CertificateException(refusal);
            }
            return;
        }
        try {
            byAuthorities.check();
        } catch (CertificateException e) {
            refusal = explain(e);
            throw e;
        }
    }

    /** The JDK's messages name PKIX internals; users need to know which of the two checks failed. */
    private static String explain(CertificateException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "it was not issued for this host name";
        }
        if (message.contains("expired") || message.contains("NotAfter") || message.contains("not yet valid")) {
            return "it has expired or is not valid yet";
        }
        return "it is not signed by an authority this server trusts (self-signed?)";
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("this client does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("this client does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this client does not accept client connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities == null ? new X509Certificate[0] : authorities.getAcceptedIssuers();
    }

    private static X509ExtendedTrustManager systemTrustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("the JDK has no X509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's trust store cannot be read", e);
        }
    }

    @FunctionalInterface
    private interface AuthorityCheck {
        void check() throws CertificateException;
    }
}
