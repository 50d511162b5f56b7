package org.qalyptus.server.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A bearer credential in the form {@code <prefix><base64url(id, secret)>}: the id finds the stored
 * record in one indexed read, the secret proves possession and is stored only as its SHA-256 hash.
 * A fast hash is right here because the secret is 256 random bits, not a password.
 *
 * @param prefix says what kind of credential it is, e.g. {@code qak_} for API keys
 */
public record OpaqueToken(String prefix, UUID id, byte[] secret) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;
    private static final int ENCODED_BYTES = 16 + SECRET_BYTES;

    public static OpaqueToken generate(String prefix) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new OpaqueToken(prefix, UUID.randomUUID(), secret);
    }

    /** Parses a presented token; empty for anything that is not a well-formed token of this kind. */
    public static Optional<OpaqueToken> parse(String prefix, String presented) {
        if (presented == null || !presented.startsWith(prefix) || presented.length() > prefix.length() + 100) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(presented.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != ENCODED_BYTES) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        byte[] secret = new byte[SECRET_BYTES];
        buffer.get(secret);
        return Optional.of(new OpaqueToken(prefix, id, secret));
    }

    public String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(ENCODED_BYTES)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .put(secret);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** The form that is stored: the hex SHA-256 of the secret. */
    public String secretHash() {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Compares in constant time, so response times reveal nothing about the stored hash. */
    public boolean matches(String storedHash) {
        return storedHash != null && MessageDigest.isEqual(
                secretHash().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                storedHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "OpaqueToken[" + prefix + id + "]";
    }
}
