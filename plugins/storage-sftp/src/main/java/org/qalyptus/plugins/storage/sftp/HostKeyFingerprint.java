package org.qalyptus.plugins.storage.sftp;

import static org.qalyptus.plugins.storage.sftp.Failures.refused;
import static org.qalyptus.spi.UserText.quoted;

import java.security.PublicKey;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * A host key fingerprint as OpenSSH prints it: {@code SHA256:} and the unpadded base64 of the SHA-256
 * digest of the key's wire encoding (43 characters). A value without the prefix, or with base64 padding,
 * is accepted so that a pasted value works; MD5 fingerprints are refused (they no longer identify a key).
 *
 * @param value the canonical form, {@code SHA256:...}
 */
record HostKeyFingerprint(String value) {

    /** The fingerprint inside any text, such as the message of a connection test. */
    static final Pattern IN_TEXT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private static final Pattern BASE64_DIGEST = Pattern.compile("[A-Za-z0-9+/]{43}");

    static HostKeyFingerprint parse(String configured) {
        String text = configured.strip();
        if (text.regionMatches(true, 0, "SHA256:", 0, 7)) {
            text = text.substring(7);
        }
        if (text.endsWith("=")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!BASE64_DIGEST.matcher(text).matches()) {
            String hint = text.regionMatches(true, 0, "MD5:", 0, 4) || text.matches("(?i)([0-9a-f]{2}:){15}[0-9a-f]{2}")
                    ? " MD5 fingerprints are not accepted: use the SHA256 one."
                    : "";
            throw refused("The host key fingerprint " + quoted(configured) + " is not a SHA256 fingerprint as OpenSSH "
                    + "prints it (SHA256: followed by 43 characters; 'ssh-keygen -lf' on the server's public key "
                    + "shows it)." + hint);
        }
        return new HostKeyFingerprint("SHA256:" + text);
    }

    static HostKeyFingerprint of(PublicKey key) {
        return new HostKeyFingerprint(KeyUtils.getFingerPrint(BuiltinDigests.sha256, key));
    }

    @Override
    public String toString() {
        return value;
    }
}
