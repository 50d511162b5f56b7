package org.qalyptus.server.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.store.DataDirectory;

class SecretCipherTest {

    @TempDir
    Path dataDir;

    private SecretCipher cipher(String masterKey) {
        return new SecretCipher(new SecretProperties(masterKey), new DataDirectory(dataDir));
    }

    @Test
    void decryptsWhatItEncryptedAndNeverStoresThePlaintext() {
        SecretCipher cipher = cipher(null);

        String stored = cipher.encrypt("ftp-password");

        assertThat(stored).startsWith("v1:").doesNotContain("ftp-password");
        assertThat(cipher.encrypt("ftp-password")).as("a fresh IV each time").isNotEqualTo(stored);
        assertThat(cipher.decrypt(stored)).isEqualTo("ftp-password");
    }

    @Test
    void generatesAnOwnerOnlyKeyFileOnceAndReusesIt() throws Exception {
        String stored = cipher(null).encrypt("secret");
        Path keyFile = dataDir.resolve("master.key");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(cipher(null).decrypt(stored)).isEqualTo("secret");
    }

    @Test
    void refusesValuesAlteredOrEncryptedUnderAnotherKey() {
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        String stored = cipher(null).encrypt("hunter2-value");
        String altered = stored.substring(0, stored.length() - 3) + (stored.endsWith("AAA") ? "BBB" : "AAA");

        assertThatThrownBy(() -> cipher(otherKey).decrypt(stored)).hasMessageNotContaining("hunter2")
                .hasMessageContaining("master key");
        assertThatThrownBy(() -> cipher(null).decrypt(altered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher(null).decrypt("plain")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAConfiguredKeyOfTheWrongSize() {
        assertThatThrownBy(() -> cipher(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }
}
