package org.qalyptus.plugins.storage.sftp;

import static org.qalyptus.plugins.storage.sftp.Failures.refused;
import static org.qalyptus.plugins.storage.sftp.Failures.retryable;
import static org.qalyptus.spi.UserText.printable;
import static org.qalyptus.spi.UserText.quoted;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.InterruptedByTimeoutException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.storage.StoragePath;

/**
 * One authenticated SFTP session (its own SSH client, started and stopped with it) and the few
 * operations deliveries need, each turned into an {@link ExtensionException} that names the server and
 * says what failed: network failures are retryable; a refused host key or login, a missing folder and a
 * permission denied are not.
 */
final class SftpConnection implements AutoCloseable {

    /**
     * Host key algorithms in OpenSSH's order of preference, so that the key the server presents is the
     * one {@code ssh} showed the user (usually Ed25519) and a fingerprint copied from there matches.
     */
    private static final List<BuiltinSignatures> HOST_KEY_PREFERENCE = List.of(
            BuiltinSignatures.ed25519, BuiltinSignatures.nistp256, BuiltinSignatures.nistp384, BuiltinSignatures.nistp521,
            BuiltinSignatures.rsaSHA512, BuiltinSignatures.rsaSHA256, BuiltinSignatures.rsa);

    private final SftpSettings settings;
    private final SshClient ssh;
    private final HostKeyCheck hostKeys;
    private ClientSession session;
    private SftpClient sftp;

    private SftpConnection(SftpSettings settings, SshClient ssh, HostKeyCheck hostKeys) {
        this.settings = settings;
        this.ssh = ssh;
        this.hostKeys = hostKeys;
    }

    /** Connects, checks the host key, logs in and opens the SFTP channel (protocol version 3, as OpenSSH). */
    static SftpConnection open(SftpSettings settings, Optional<KeyPair> key) {
        HostKeyCheck hostKeys = new HostKeyCheck(settings.hostKeyFingerprint(), settings.trustOnFirstUse());
        SshClient ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(hostKeys);
        // Nothing from the server's own ~/.ssh (config, keys, known_hosts) may change what a setting says.
        ssh.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        ssh.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        // Named explicitly: the default looks for other transports through the thread's class loader.
        ssh.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
        ssh.setSignatureFactories(hostKeyPreference());
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(ssh, settings.connectTimeout());
        // Longer than the wait for the login below, so that a silent server ends as a timeout, not a closed session.
        CoreModuleProperties.AUTH_TIMEOUT.set(ssh, settings.readTimeout().multipliedBy(2));
        CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(ssh, settings.readTimeout());
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(ssh, settings.readTimeout());
        AbstractSftpClient.SFTP_CLIENT_CMD_TIMEOUT.set(ssh, settings.readTimeout());
        SftpConnection connection = new SftpConnection(settings, ssh, hostKeys);
        try {
            ssh.start();
            connection.connectAndLogIn(key);
            return connection;
        } catch (IOException e) {
            connection.close();
            throw connection.failure("Could not connect to the SFTP server at " + settings.server(), e);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static List<NamedFactory<Signature>> hostKeyPreference() {
        List<NamedFactory<Signature>> factories = new ArrayList<>();
        for (BuiltinSignatures signature : HOST_KEY_PREFERENCE) {
            if (signature.isSupported()) {
                factories.add(signature);
            }
        }
        return factories;
    }

    private void connectAndLogIn(Optional<KeyPair> key) throws IOException {
        session = ssh.connect(settings.username(), settings.host(), settings.port())
                .verify(settings.connectTimeout())
                .getSession();
        key.ifPresent(session::addPublicKeyIdentity);
        settings.password().ifPresent(session::addPasswordIdentity);
        try {
            session.auth().verify(settings.readTimeout());
        } catch (IOException e) {
            if (hostKeys.refused()) {
                throw refused(hostKeys.refusal(settings.server()), e);
            }
            if (isLoginRefusal(e)) {
                throw refused("The server at " + settings.server() + " refused the login of user "
                        + quoted(settings.username()) + " with the configured " + settings.credentials()
                        + " (wrong user name, password or key?).", e);
            }
            throw e;
        }
        sftp = SftpClientFactory.instance().createSftpClient(session, SftpVersionSelector.fixedVersionSelector(3));
    }

    /** How the host key was checked, for the test result. */
    HostKeyCheck hostKeys() {
        return hostKeys;
    }

    /** The absolute path of a configured folder: as given, or relative to the login folder. */
    String resolve(StoragePath folder) {
        if (folder.absolute()) {
            return folder.toString();
        }
        String home;
        try {
            home = sftp.canonicalPath(".");
        } catch (IOException e) {
            throw failure("Could not find the login folder on " + settings.server(), e);
        }
        if (folder.isStart()) {
            return home;
        }
        return (home.endsWith("/") ? home : home + "/") + folder;
    }

    /** Checks that a configured folder exists; creates nothing. */
    void requireFolder(String path, StoragePath configured, String label) {
        Optional<Attributes> attributes = stat(path, "the " + label + " " + quoted(configured.toString()));
        if (attributes.isEmpty()) {
            throw refused("The " + label + " " + quoted(configured.toString()) + " does not exist on " + settings.server() + ".");
        }
        if (!attributes.get().isDirectory()) {
            throw refused("The " + label + " " + quoted(configured.toString()) + " on " + settings.server() + " is not a folder.");
        }
    }

    /** Creates each missing folder of {@code below} under {@code base}; returns the deepest one's path. */
    String createFolders(String base, StoragePath below, String shownFolder) {
        String current = base;
        for (String name : below.segments()) {
            current = (current.endsWith("/") ? current : current + "/") + name;
            Optional<Attributes> existing = stat(current, shownFolder);
            if (existing.isEmpty()) {
                try {
                    sftp.mkdir(current);
                } catch (IOException e) {
                    // Another delivery may have created it in between: what counts is that it is there now.
                    existing = stat(current, shownFolder);
                    if (existing.isEmpty()) {
                        throw failure("Could not create the folder " + quoted(name) + " of " + shownFolder + " on " + settings.server(), e);
                    }
                }
            }
            if (existing.isPresent() && !existing.get().isDirectory()) {
                throw refused("The folder " + shownFolder + " cannot be created on " + settings.server() + ": "
                        + quoted(name) + " is a file, not a folder.");
            }
        }
        return current;
    }

    /** The attributes of {@code path} (following links), or empty when nothing is there. */
    Optional<Attributes> stat(String path, String shown) {
        try {
            return Optional.of(sftp.stat(path));
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                return Optional.empty();
            }
            throw failure("Could not read " + shown + " on " + settings.server(), e);
        } catch (IOException e) {
            throw failure("Could not read " + shown + " on " + settings.server(), e);
        }
    }

    /**
     * Writes the bytes of {@code source} to a new file at {@code path}, which must not exist.
     *
     * @return the number of bytes written
     */
    long store(String path, InputStream source, String shown) {
        CountingSource counted = new CountingSource(source);
        try (OutputStream out = sftp.write(path, OpenMode.Write, OpenMode.Create, OpenMode.Exclusive)) {
            counted.transferTo(out);
        } catch (IOException e) {
            if (counted.failure != null) {
                throw retryable("The file to deliver could not be read: " + printable(String.valueOf(counted.failure.getMessage())),
                        counted.failure);
            }
            throw failure("The upload of " + shown + " to " + settings.server() + " failed", e);
        }
        return counted.bytes;
    }

    /** Renames without replacing: SFTP version 3 rename fails when the target exists. */
    void renameNew(String from, String to) throws IOException {
        sftp.rename(from, to);
    }

    /** Renames over an existing file: atomically where the server has OpenSSH's posix-rename. */
    void renameReplacing(String from, String to) throws IOException {
        OpenSSHPosixRenameExtension posixRename = sftp.getExtension(OpenSSHPosixRenameExtension.class);
        if (posixRename != null && posixRename.isSupported()) {
            posixRename.posixRename(from, to);
            return;
        }
        // Without it a version 3 rename refuses an existing target: replace in two steps.
        if (stat(to, quoted(to)).isPresent()) {
            sftp.remove(to);
        }
        sftp.rename(from, to);
    }

    void remove(String path) throws IOException {
        sftp.remove(path);
    }

    /** Removes a file of ours, ignoring any failure: the outcome of the delivery matters more. */
    void removeQuietly(String path) {
        try {
            if (sftp != null && sftp.isOpen()) {
                sftp.remove(path);
            }
        } catch (IOException | RuntimeException ignored) {
            // A hidden leftover whose name marks it as ours.
        }
    }

    /**
     * The error for a failed operation: refused host keys and logins, missing files and denied
     * permissions will fail again; network trouble and server-side failures may pass.
     */
    ExtensionException failure(String whatFailed, IOException e) {
        if (hostKeys.refused()) {
            return refused(hostKeys.refusal(settings.server()), e);
        }
        if (e instanceof SftpException sftpError) {
            return statusFailure(whatFailed, sftpError);
        }
        String why = networkReason(e);
        return retryable(whatFailed + ": " + why + ".", e);
    }

    private ExtensionException statusFailure(String whatFailed, SftpException e) {
        String message = whatFailed + ": the server replied " + quoted(statusText(e)) + ".";
        return switch (e.getStatus()) {
            // The server is short of something (space, quota, a moment): may pass.
            case SftpConstants.SSH_FX_FAILURE, SftpConstants.SSH_FX_NO_CONNECTION, SftpConstants.SSH_FX_CONNECTION_LOST,
                    SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, SftpConstants.SSH_FX_QUOTA_EXCEEDED,
                    SftpConstants.SSH_FX_LOCK_CONFLICT -> retryable(message, e);
            default -> refused(message, e);
        };
    }

    private static String statusText(SftpException e) {
        String name = SftpConstants.getStatusName(e.getStatus());
        String text = e.getMessage() == null ? "" : e.getMessage();
        return text.isBlank() || text.equals(name) ? name : name + " " + text;
    }

    private String networkReason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "the host name " + quoted(settings.host()) + " could not be resolved";
            }
            if (t instanceof ConnectException) {
                return "the connection was refused (is the server running on port " + settings.port() + "?)";
            }
            if (t instanceof NoRouteToHostException) {
                return "the host cannot be reached";
            }
            if (t instanceof SocketTimeoutException || t instanceof InterruptedByTimeoutException || t instanceof TimeoutException) {
                return "the server did not answer in time";
            }
        }
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("timeout")) {
            return "the server did not answer in time";
        }
        // SSHD names its internal channels when a session closes under it; users need to know it was lost.
        if (e instanceof java.io.EOFException || lower.startsWith("closing") || lower.contains("closed")
                || lower.contains("reset by peer") || lower.contains("broken pipe")) {
            return "the connection was lost";
        }
        return "the connection failed (" + printable(message) + ")";
    }

    private static boolean isLoginRefusal(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No more authentication methods available") || message.contains("authentication failed");
    }

    @Override
    public void close() {
        try {
            if (sftp != null) {
                sftp.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // Closing anyway.
        }
        try {
            if (session != null) {
                session.close(true);
            }
        } catch (RuntimeException ignored) {
            // Closing anyway.
        }
        try {
            ssh.stop();
        } catch (RuntimeException ignored) {
            // Nothing left to do.
        }
    }

    /** Counts the bytes read and remembers a failure of the source, to tell it from a network failure. */
    private static final class CountingSource extends FilterInputStream {
        long bytes;
        IOException failure;

        CountingSource(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                if (b >= 0) {
                    bytes++;
                }
                return b;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytes += n;
                }
                return n;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
