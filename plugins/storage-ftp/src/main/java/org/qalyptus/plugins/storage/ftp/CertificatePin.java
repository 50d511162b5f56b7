package org.qalyptus.plugins.storage.ftp;

import static org.qalyptus.plugins.storage.ftp.Failures.refused;
import static org.qalyptus.spi.UserText.quoted;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of the one certificate a server is trusted with. Written as OpenSSL and
 * browsers print it ({@code AB:CD:...}); a prefix such as {@code SHA256:} or {@code sha256 Fingerprint=},
 * spaces and lower case are accepted so that a pasted value works.
 *
 * @param sha256 the 32 bytes of the digest
 */
record CertificatePin(byte[] sha256) {

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":").withUpperCase();

    static CertificatePin parse(String field, String value) {
        String hex = value.strip();
        int prefix = hex.lastIndexOf('=');
        if (prefix >= 0) {
            hex = hex.substring(prefix + 1);
        }
        if (hex.regionMatches(true, 0, "SHA256:", 0, 7) || hex.regionMatches(true, 0, "SHA-256:", 0, 8)) {
            hex = hex.substring(hex.indexOf(':') + 1);
        }
        hex = hex.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw refused("The setting '" + field + "' " + quoted(value) + " is not a SHA-256 fingerprint: "
                    + "expected 32 bytes in hexadecimal such as AB:CD:..., as "
                    + "'openssl x509 -noout -fingerprint -sha256' prints it.");
        }
        return new CertificatePin(HexFormat.of().parseHex(hex));
    }

    static CertificatePin of(X509Certificate certificate) {
        try {
            return new CertificatePin(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    boolean matches(X509Certificate certificate) {
        return MessageDigest.isEqual(sha256, of(certificate).sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificatePin pin && MessageDigest.isEqual(sha256, pin.sha256);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sha256);
    }

    /** {@code AB:CD:...}, the form users paste back into the setting. */
    @Override
    public String toString() {
        return COLONS.formatHex(sha256);
    }
}
