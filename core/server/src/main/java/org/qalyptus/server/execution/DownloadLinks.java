package org.qalyptus.server.execution;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.qalyptus.server.secret.SecretCipher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring download links: HMAC-SHA256 over (execution, version, expiry) under a key shared by every
 * node, generated once and stored encrypted with the master key ({@link SecretCipher}) in
 * {@code executionSettings}. A link works without a credential until it expires; changing any part of it
 * breaks the signature.
 */
@Component
class DownloadLinks {

    static final Duration VALIDITY = Duration.ofMinutes(15);
    private static final String KEY_ID = "download-signing-key";

    private final MongoTemplate mongo;
    private final SecretCipher cipher;
    private volatile byte[] key;

    DownloadLinks(MongoTemplate mongo, SecretCipher cipher) {
        this.mongo = mongo;
        this.cipher = cipher;
    }

    String sign(String executionId, long version, Instant expires) {
        return hmac(executionId + "\n" + version + "\n" + expires.getEpochSecond());
    }

    boolean valid(String executionId, long version, long expiresEpochSecond, String signature, Instant now) {
        if (signature == null || now.getEpochSecond() > expiresEpochSecond) {
            return false;
        }
        byte[] expected = hmac(executionId + "\n" + version + "\n" + expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] current = key;
        if (current != null) {
            return current;
        }
        Document stored = mongo.findById(KEY_ID, Document.class, "executionSettings");
        if (stored == null) {
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            try {
                mongo.insert(new Document("_id", KEY_ID).append("value",
                        cipher.encrypt(Base64.getEncoder().encodeToString(generated))), "executionSettings");
            } catch (DuplicateKeyException anotherNodeWon) {
                // read the other node's key below
            }
            stored = mongo.findById(KEY_ID, Document.class, "executionSettings");
        }
        current = Base64.getDecoder().decode(cipher.decrypt(stored.getString("value")));
        key = current;
        return current;
    }
}
