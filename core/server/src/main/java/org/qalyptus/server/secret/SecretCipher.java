package org.qalyptus.server.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.qalyptus.server.store.DataDirectory;
import org.springframework.stereotype.Component;

/**
 * Encrypts the secrets the server must be able to read back (storage passwords, client secrets,
 * connection credentials) with AES-256-GCM under the master key. Stored form:
 * {@code v1:<base64(iv || ciphertext+tag)>}. Passwords and API keys are never stored this way: they
 * are hashed.
 */
@Component
public class SecretCipher {

    static final String KEY_FILE = "master.key";
    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(SecretProperties properties, DataDirectory dataDirectory) {
        this.key = new SecretKeySpec(masterKey(properties, dataDirectory.path()), "AES");
    }

    public String encrypt(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /**
     * @throws IllegalStateException when the value was not encrypted with this master key or was
     *     altered; the message never contains the value
     */
    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new IllegalStateException("The stored secret is not in a known encrypted form");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(stored.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            return new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The stored secret cannot be decrypted with this server's master key");
        }
    }

    private static byte[] masterKey(SecretProperties properties, Path dataDir) {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return decodeKey(properties.masterKey().trim(), "qalyptus.secrets.master-key");
        }
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] generated = new byte[32];
                new SecureRandom().nextBytes(generated);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(generated));
                    return generated;
                } catch (FileAlreadyExistsException anotherProcessWon) {
                    // fall through and read the key the other process wrote
                }
            }
            return decodeKey(Files.readString(file).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key " + file, e);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The master key in " + source + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("The master key in " + source + " must be 32 bytes, base64-encoded");
        }
        return key;
    }
}
