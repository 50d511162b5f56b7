package org.qalyptus.plugins.storage.sftp;

import static org.qalyptus.plugins.storage.sftp.Failures.refused;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.qalyptus.spi.UserText;

/**
 * Reads the configured private key before connecting, so that a key that cannot be used is reported as
 * a settings problem (not retryable) and not as a refused login. Messages never quote the key or the
 * passphrase.
 */
final class PrivateKeys {

    private PrivateKeys() {}

    static Optional<KeyPair> read(SftpSettings settings) {
        if (settings.privateKey().isEmpty()) {
            return Optional.empty();
        }
        String pem = settings.privateKey().get().strip().replace("\r\n", "\n") + "\n";
        if (!pem.startsWith("-----BEGIN ") || !pem.contains("PRIVATE KEY-----")) {
            throw refused("The private key is not a PEM private key: it must start with a line such as "
                    + "'-----BEGIN OPENSSH PRIVATE KEY-----' (PuTTY .ppk keys must be exported to OpenSSH format first).");
        }
        boolean encrypted = looksEncrypted(pem);
        FilePasswordProvider passphrase = settings.privateKeyPassphrase()
                .map(FilePasswordProvider::of)
                .orElse(FilePasswordProvider.EMPTY);
        Iterable<KeyPair> pairs;
        try {
            pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("private key"),
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)), passphrase);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw unreadable(settings, encrypted, e);
        }
        Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
        if (it == null || !it.hasNext()) {
            throw unreadable(settings, encrypted, null);
        }
        return Optional.of(it.next());
    }

    private static RuntimeException unreadable(SftpSettings settings, boolean encrypted, Exception cause) {
        if (settings.privateKeyPassphrase().isEmpty() && (encrypted || isPassphraseProblem(cause))) {
            return refused("The private key is encrypted: set its passphrase.");
        }
        if (settings.privateKeyPassphrase().isPresent() && (encrypted || isPassphraseProblem(cause))) {
            return refused("The private key could not be decrypted: the passphrase is wrong.", cause);
        }
        String reason = cause == null || cause.getMessage() == null ? "" : " (" + UserText.printable(cause.getMessage()) + ")";
        return refused("The private key could not be read: it must be an RSA, ECDSA or Ed25519 key in OpenSSH, "
                + "PKCS#8 or PKCS#1 PEM format" + reason + ".", cause);
    }

    /** PKCS#8 and PKCS#1 say so in the text; an OpenSSH key says so in its (base64) header. */
    private static boolean looksEncrypted(String pem) {
        if (pem.contains("ENCRYPTED")) {
            return true;
        }
        if (!pem.contains("BEGIN OPENSSH PRIVATE KEY")) {
            return false;
        }
        String base64 = pem.replaceAll("-----[^-]+-----", "").replaceAll("\\s", "");
        try {
            byte[] bytes = java.util.Base64.getDecoder().decode(base64.substring(0, Math.min(base64.length(), 64)));
            // "openssh-key-v1\0", then the length-prefixed cipher name: "none" when the key is not encrypted.
            String header = new String(bytes, StandardCharsets.ISO_8859_1);
            return header.startsWith("openssh-key-v1") && !header.contains("none");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isPassphraseProblem(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("password") || message.contains("passphrase") || message.contains("decrypt")
                    || message.contains("bad padding") || t instanceof javax.crypto.BadPaddingException) {
                return true;
            }
        }
        return false;
    }
}
