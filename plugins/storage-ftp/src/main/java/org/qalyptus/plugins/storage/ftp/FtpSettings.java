package org.qalyptus.plugins.storage.ftp;

import static org.qalyptus.plugins.storage.ftp.Failures.refused;
import static org.qalyptus.spi.UserText.quoted;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.config.ConfigFieldType;
import org.qalyptus.spi.storage.StoragePath;

/**
 * The settings of one FTP storage service, read from a bound {@link Config} and checked beyond what
 * {@code Config.bind} checks (ranges, host name, fingerprint format, folder names), so that a refused
 * setting never reaches the network.
 */
record FtpSettings(
        String host,
        int port,
        boolean tls,
        Optional<CertificatePin> certificatePin,
        String username,
        String password,
        boolean passiveMode,
        StoragePath remoteFolder,
        StoragePath testDirectory,
        boolean overwrite,
        Duration connectTimeout,
        Duration readTimeout) {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String SECURITY = "security";
    static final String TLS_CERTIFICATE_FINGERPRINT = "tlsCertificateFingerprint";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String PASSIVE_MODE = "passiveMode";
    static final String REMOTE_FOLDER = "remoteFolder";
    static final String TEST_DIRECTORY = "ftpTestDirectoryPath";
    static final String OVERWRITE = "overwrite";
    static final String CONNECT_TIMEOUT = "connectTimeoutSeconds";
    static final String READ_TIMEOUT = "readTimeoutSeconds";

    static final String SECURITY_NONE = "None";
    static final String SECURITY_EXPLICIT_TLS = "Explicit TLS";

    private static final int MAX_TIMEOUT_SECONDS = 3600;

    static final List<ConfigField> FIELDS = List.of(
            ConfigField.of(HOST, "Host", ConfigFieldType.STRING)
                    .asRequired()
                    .withDescription("Name or IP address of the FTP server."),
            ConfigField.of(PORT, "Port", ConfigFieldType.INTEGER)
                    .withDefault(21L)
                    .withDescription("The server's control port, 21 unless told otherwise (explicit TLS uses it too)."),
            ConfigField.select(SECURITY, "Security", SECURITY_NONE, SECURITY_EXPLICIT_TLS)
                    .withDefault(SECURITY_NONE)
                    .withDescription("None: plain FTP, the password and the files cross the network unencrypted. "
                            + "Explicit TLS (FTPS, AUTH TLS): the connection is encrypted and the server's "
                            + "certificate is checked."),
            ConfigField.of(TLS_CERTIFICATE_FINGERPRINT, "TLS certificate fingerprint", ConfigFieldType.STRING)
                    .withDescription("Empty: the server's certificate must be signed by an authority this server "
                            + "trusts and match the host name. Set to the certificate's SHA-256 fingerprint "
                            + "(AB:CD:..., as 'openssl x509 -noout -fingerprint -sha256' prints it) to trust that "
                            + "certificate, self-signed or not, and no other."),
            ConfigField.of(USERNAME, "User name", ConfigFieldType.STRING)
                    .asRequired()
                    .withDescription("The FTP login ('anonymous' for anonymous FTP)."),
            ConfigField.of(PASSWORD, "Password", ConfigFieldType.STRING)
                    .asSecret()
                    .withDescription("The FTP password; stored encrypted and never shown again."),
            ConfigField.of(PASSIVE_MODE, "Passive mode", ConfigFieldType.BOOLEAN)
                    .withDefault(true)
                    .withDescription("The server opens the data port (works through firewalls and NAT). "
                            + "Turn off only for servers that support active mode alone."),
            ConfigField.of(REMOTE_FOLDER, "Remote folder", ConfigFieldType.STRING)
                    .withDescription("Folder on the server that files are delivered below: absolute (/reports) or "
                            + "relative to the login folder; empty for the login folder. It must exist; the "
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
                    .withDescription("How long to wait for any answer or data from the server."));

    static FtpSettings from(Config config) {
        String host = config.string(HOST).map(String::strip).orElse("");
        checkHost(host);
        boolean tls = SECURITY_EXPLICIT_TLS.equals(config.string(SECURITY).orElse(SECURITY_NONE));
        Optional<CertificatePin> pin = config.string(TLS_CERTIFICATE_FINGERPRINT)
                .map(value -> CertificatePin.parse(TLS_CERTIFICATE_FINGERPRINT, value));
        if (pin.isPresent() && !tls) {
            throw refused("A TLS certificate fingerprint is set but the security is '" + SECURITY_NONE
                    + "': choose '" + SECURITY_EXPLICIT_TLS + "' or clear the fingerprint.");
        }
        String username = config.string(USERNAME).orElse("");
        if (username.isBlank() || username.chars().anyMatch(Character::isISOControl)) {
            throw refused("The user name must be set and must not contain control characters.");
        }
        String password = config.string(PASSWORD).orElse("");
        if (password.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            // Said without the value: it is a secret.
            throw refused("The password must not contain line breaks.");
        }
        return new FtpSettings(
                host,
                (int) range(config, PORT, 21, 1, 65535),
                tls,
                pin,
                username,
                password,
                config.bool(PASSIVE_MODE),
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

    /** Never prints the password. */
    @Override
    public String toString() {
        return "FtpSettings[" + server() + ", tls=" + tls + ", user=" + username + "]";
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
