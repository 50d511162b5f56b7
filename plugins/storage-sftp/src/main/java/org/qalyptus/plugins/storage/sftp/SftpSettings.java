package org.qalyptus.plugins.storage.sftp;

import static org.qalyptus.plugins.storage.sftp.Failures.refused;
import static org.qalyptus.spi.UserText.quoted;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.config.ConfigFieldType;
import org.qalyptus.spi.storage.StoragePath;

/**
 * The settings of one SFTP storage service, read from a bound {@link Config} and checked beyond what
 * {@code Config.bind} checks (ranges, host name, fingerprint format, folder names, a credential), so
 * that a refused setting never reaches the network.
 */
record SftpSettings(
        String host,
        int port,
        String username,
        Optional<String> password,
        Optional<String> privateKey,
        Optional<String> privateKeyPassphrase,
        Optional<HostKeyFingerprint> hostKeyFingerprint,
        boolean trustOnFirstUse,
        StoragePath remoteFolder,
        StoragePath testDirectory,
        boolean overwrite,
        Duration connectTimeout,
        Duration readTimeout) {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String PRIVATE_KEY = "privateKey";
    static final String PRIVATE_KEY_PASSPHRASE = "privateKeyPassphrase";
    static final String HOST_KEY_FINGERPRINT = "hostKeyFingerprint";
    static final String TRUST_ON_FIRST_USE = "trustOnFirstUse";
    static final String REMOTE_FOLDER = "remoteFolder";
    static final String TEST_DIRECTORY = "testDirectory";
    static final String OVERWRITE = "overwrite";
    static final String CONNECT_TIMEOUT = "connectTimeoutSeconds";
    static final String READ_TIMEOUT = "readTimeoutSeconds";

    private static final int MAX_TIMEOUT_SECONDS = 3600;

    static final List<ConfigField> FIELDS = List.of(
            ConfigField.of(HOST, "Host", ConfigFieldType.STRING)
                    .asRequired()
                    .withDescription("Name or IP address of the SFTP (SSH) server."),
            ConfigField.of(PORT, "Port", ConfigFieldType.INTEGER)
                    .withDefault(22L)
                    .withDescription("The server's SSH port, 22 unless told otherwise."),
            ConfigField.of(USERNAME, "User name", ConfigFieldType.STRING)
                    .asRequired()
                    .withDescription("The SSH login."),
            ConfigField.of(PASSWORD, "Password", ConfigFieldType.STRING)
                    .asSecret()
                    .withDescription("The SSH password; stored encrypted and never shown again. Set it, a private "
                            + "key, or both."),
            ConfigField.of(PRIVATE_KEY, "Private key", ConfigFieldType.TEXT)
                    .asSecret()
                    .withDescription("A private key in PEM text: OpenSSH (-----BEGIN OPENSSH PRIVATE KEY-----), PKCS#8 "
                            + "or PKCS#1; RSA, ECDSA or Ed25519. Stored encrypted and never shown again."),
            ConfigField.of(PRIVATE_KEY_PASSPHRASE, "Private key passphrase", ConfigFieldType.STRING)
                    .asSecret()
                    .withDescription("The passphrase of an encrypted private key."),
            ConfigField.of(HOST_KEY_FINGERPRINT, "Host key fingerprint", ConfigFieldType.STRING)
                    .withDescription("The server's host key fingerprint as OpenSSH prints it (SHA256:..., from "
                            + "'ssh-keygen -lf' on the server's public key). Connections to a server with another "
                            + "key are refused. 'Test' shows the fingerprint the server presents."),
            ConfigField.of(TRUST_ON_FIRST_USE, "Trust on first use", ConfigFieldType.BOOLEAN)
                    .withDefault(false)
                    .withDescription("While no fingerprint is set, accept the key the server presents (and report "
                            + "it so that it can be pinned). Off: nothing is sent to a server whose key is not pinned."),
            ConfigField.of(REMOTE_FOLDER, "Remote folder", ConfigFieldType.STRING)
                    .withDescription("Folder on the server that files are delivered below: absolute (/data/reports) "
                            + "or relative to the login folder; empty for the login folder. It must exist; the "
                            + "folders of a task below it are created when missing."),
            ConfigField.of(TEST_DIRECTORY, "Test folder", ConfigFieldType.STRING)
                    .withDescription("Where 'Test' writes and removes a probe file: absolute or relative to the "
                            + "login folder; empty for the remote folder. It must exist."),
            ConfigField.of(OVERWRITE, "Overwrite", ConfigFieldType.BOOLEAN)
                    .withDefault(false)
                    .withDescription("Replace a file of the same name; otherwise the delivery fails."),
            ConfigField.of(CONNECT_TIMEOUT, "Connect timeout (seconds)", ConfigFieldType.INTEGER)
                    .withDefault(15L)
                    .withDescription("How long to wait for the server to accept a connection."),
            ConfigField.of(READ_TIMEOUT, "Read timeout (seconds)", ConfigFieldType.INTEGER)
                    .withDefault(60L)
                    .withDescription("How long to wait for any answer from the server."));

    static SftpSettings from(Config config) {
        String host = config.string(HOST).map(String::strip).orElse("");
        checkHost(host);
        String username = config.string(USERNAME).orElse("");
        if (username.isBlank() || username.chars().anyMatch(Character::isISOControl)) {
            throw refused("The user name must be set and must not contain control characters.");
        }
        Optional<String> password = config.string(PASSWORD);
        Optional<String> privateKey = config.string(PRIVATE_KEY).filter(key -> !key.isBlank());
        if (password.isEmpty() && privateKey.isEmpty()) {
            throw refused("Set a password or a private key to log in with.");
        }
        return new SftpSettings(
                host,
                (int) range(config, PORT, 22, 1, 65535),
                username,
                password,
                privateKey,
                config.string(PRIVATE_KEY_PASSPHRASE),
                config.string(HOST_KEY_FINGERPRINT).map(HostKeyFingerprint::parse),
                config.bool(TRUST_ON_FIRST_USE),
                StoragePath.configured("remote folder", config.string(REMOTE_FOLDER).orElse("")),
                StoragePath.configured("test folder", config.string(TEST_DIRECTORY).orElse("")),
                config.bool(OVERWRITE),
                Duration.ofSeconds(range(config, CONNECT_TIMEOUT, 15, 1, MAX_TIMEOUT_SECONDS)),
                Duration.ofSeconds(range(config, READ_TIMEOUT, 60, 1, MAX_TIMEOUT_SECONDS)));
    }

    /** How messages name the server: {@code host:port}. */
    String server() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** How the login was attempted, for messages: never the secrets themselves. */
    String credentials() {
        return password.isPresent() && privateKey.isPresent() ? "private key or password"
                : privateKey.isPresent() ? "private key" : "password";
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "SftpSettings[" + server() + ", user=" + username + ", " + credentials() + "]";
    }

    private static void checkHost(String host) {
        if (host.isEmpty()) {
            throw refused("The host is not set.");
        }
        if (host.length() > 253 || !host.chars().allMatch(c -> c > ' ' && c < 127 && c != '/' && c != '@')) {
            throw refused("The host " + quoted(host) + " is not a host name or an IP address.");
        }
    }

    private static long range(Config config, String field, long fallback, long min, long max) {
        long value = config.integer(field).orElse(fallback);
        if (value < min || value > max) {
            throw refused("The setting '" + field + "' must be between " + min + " and " + max + ", not " + value + ".");
        }
        return value;
    }
}
