package org.qalyptus.plugins.storage.ftp;

import static org.qalyptus.plugins.storage.ftp.Failures.refused;
import static org.qalyptus.plugins.storage.ftp.Failures.retryable;
import static org.qalyptus.spi.UserText.printable;
import static org.qalyptus.spi.UserText.quoted;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.io.CopyStreamException;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.storage.StoragePath;

/**
 * One logged-in FTP or FTPS control connection, and the few commands deliveries need, each checked
 * and turned into an {@link ExtensionException} that says what failed, on which server, with the
 * server's reply: 4xx replies and network failures are retryable, 5xx replies are not.
 */
final class FtpConnection implements AutoCloseable {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final FtpSettings settings;
    private final FTPClient client;
    private final ServerCertificateCheck certificates;
    private String loginFolder;

    private FtpConnection(FtpSettings settings, FTPClient client, ServerCertificateCheck certificates) {
        this.settings = settings;
        this.client = client;
        this.certificates = certificates;
    }

    /** Connects, negotiates TLS if asked, logs in and sets binary, passive or active transfers. */
    static FtpConnection open(FtpSettings settings) {
        ServerCertificateCheck certificates = settings.tls() ? new ServerCertificateCheck(settings.certificatePin()) : null;
        FTPClient client = settings.tls() ? tlsClient(certificates) : new FTPClient();
        FtpConnection connection = new FtpConnection(settings, client, certificates);
        try {
            connection.connectAndLogIn();
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static FTPSClient tlsClient(ServerCertificateCheck certificates) {
        // Explicit TLS ("AUTH TLS" on the plain port), never implicit FTPS.
        FTPSClient client = new FTPSClient(false, tlsContext(certificates));
        // The pin names the one certificate accepted, so the host name is only checked without one.
        client.setEndpointCheckingEnabled(!certificates.pinned());
        return client;
    }

    private static SSLContext tlsContext(ServerCertificateCheck certificates) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {certificates}, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    private void connectAndLogIn() {
        int readMillis = millis(settings.readTimeout());
        client.setConnectTimeout(millis(settings.connectTimeout()));
        client.setDefaultTimeout(readMillis);
        client.setDataTimeout(settings.readTimeout());
        client.setBufferSize(BUFFER_SIZE);
        client.setControlEncoding("UTF-8");
        try {
            client.connect(settings.host(), settings.port());
            client.setSoTimeout(readMillis);
            if (!FTPReply.isPositiveCompletion(client.getReplyCode())) {
                throw replyFailure("The server at " + settings.server() + " refused the connection");
            }
            if (!client.login(settings.username(), settings.password())) {
                throw replyFailure("The server at " + settings.server() + " refused the login of user "
                        + quoted(settings.username()) + " (wrong user name or password?)");
            }
            if (client instanceof FTPSClient tls) {
                // Protect the data connections too, not only the control connection.
                tls.execPBSZ(0);
                tls.execPROT("P");
            }
            if (!client.setFileType(FTP.BINARY_FILE_TYPE)) {
                throw replyFailure("The server at " + settings.server() + " refused binary transfers");
            }
            if (settings.passiveMode()) {
                client.enterLocalPassiveMode();
            } else {
                client.enterLocalActiveMode();
            }
            loginFolder = client.printWorkingDirectory();
        } catch (IOException e) {
            throw connectFailure(e);
        }
    }

    /** Changes to a configured folder: absolute, or relative to the login folder. Creates nothing. */
    void enter(StoragePath folder, String label) {
        String path = folder.absolute() ? folder.toString() : resolveFromLogin(folder);
        try {
            if (!path.isEmpty() && !client.changeWorkingDirectory(path)) {
                throw replyFailure("The " + label + " " + quoted(folder.toString()) + " cannot be opened on "
                        + settings.server() + " (it must exist)");
            }
        } catch (IOException e) {
            throw ioFailure("Could not open the " + label + " " + quoted(folder.toString()) + " on " + settings.server(), e);
        }
    }

    private String resolveFromLogin(StoragePath folder) {
        if (loginFolder == null) {
            // The server does not say where the login landed (no PWD): relative paths then start from
            // wherever the connection is, which is the login folder as long as nothing changed it.
            return folder.toString();
        }
        String base = loginFolder.endsWith("/") ? loginFolder : loginFolder + "/";
        return folder.isStart() ? loginFolder : base + folder;
    }

    /** Changes into each folder of {@code below}, creating those that are missing. */
    void enterCreating(StoragePath below, StoragePath shownFolder) {
        try {
            for (String name : below.segments()) {
                if (client.changeWorkingDirectory(name)) {
                    continue;
                }
                boolean made = client.makeDirectory(name);
                // Another delivery may have created it in between: entering it is what counts.
                if (!client.changeWorkingDirectory(name)) {
                    if (!made) {
                        client.makeDirectory(name);
                    }
                    throw replyFailure("Could not create the folder " + quoted(name) + " of "
                            + quoted(shownFolder.toString()) + " on " + settings.server());
                }
            }
        } catch (IOException e) {
            throw ioFailure("Could not create the folder " + quoted(shownFolder.toString()) + " on " + settings.server(), e);
        }
    }

    /** What is at {@code name} in the current folder: a file, a folder, or nothing. */
    Entry entry(String name) {
        try {
            FTPFile found = client.mlistFile(name);
            if (found != null) {
                return found.isDirectory() ? Entry.FOLDER : Entry.FILE;
            }
            int code = client.getReplyCode();
            if (code == FTPReply.FILE_UNAVAILABLE || !isUnsupported(code)) {
                return Entry.NONE;
            }
            // No MLST (RFC 3659): the names in the current folder say whether it is taken, not what it is.
            String[] names = client.listNames();
            return names != null && Arrays.stream(names).anyMatch(n -> n.equals(name) || n.endsWith("/" + name))
                    ? Entry.FILE : Entry.NONE;
        } catch (IOException e) {
            throw ioFailure("Could not list the folder on " + settings.server(), e);
        }
    }

    enum Entry { NONE, FILE, FOLDER }

    /**
     * Stores the bytes of {@code source} as {@code name} in the current folder.
     *
     * @return the number of bytes sent
     */
    long store(String name, InputStream source, String shown) {
        CountingSource counted = new CountingSource(source);
        boolean stored;
        try {
            stored = client.storeFile(name, counted);
        } catch (IOException e) {
            finishAbortedTransfer();
            if (counted.failure != null) {
                throw retryable("The file to deliver could not be read: " + printable(String.valueOf(counted.failure.getMessage())),
                        counted.failure);
            }
            throw ioFailure("The upload of " + shown + " to " + settings.server() + " failed", e);
        }
        if (!stored) {
            throw replyFailure("The server at " + settings.server() + " refused the upload of " + shown);
        }
        return counted.bytes;
    }

    /** After a transfer we broke off, reads the server's reply to it so the next command gets its own. */
    private void finishAbortedTransfer() {
        try {
            client.completePendingCommand();
        } catch (IOException ignored) {
            // The connection may be gone; removing the temporary file is then up to the server's cleanup.
        }
    }

    /** Renames in the current folder; false with the reply kept when the server refused. */
    boolean rename(String from, String to) {
        try {
            return client.rename(from, to);
        } catch (IOException e) {
            throw ioFailure("Could not rename the uploaded file on " + settings.server(), e);
        }
    }

    boolean delete(String name) {
        try {
            return client.deleteFile(name);
        } catch (IOException e) {
            throw ioFailure("Could not delete " + quoted(name) + " on " + settings.server(), e);
        }
    }

    /** Deletes a file of ours, ignoring any failure: the outcome of the delivery matters more. */
    void deleteQuietly(String name) {
        try {
            if (client.isConnected()) {
                client.deleteFile(name);
            }
        } catch (IOException | RuntimeException ignored) {
            // A hidden leftover whose name marks it as ours.
        }
    }

    /** The absolute path of the current folder as the server names it, if it says. */
    Optional<String> workingFolder() {
        try {
            return Optional.ofNullable(client.printWorkingDirectory());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The server's last reply, printable, such as {@code 550 Permission denied}. */
    String lastReply() {
        return printable(client.getReplyString());
    }

    /** An error built from the last reply: 4xx (and a closed connection) may pass, 5xx will not. */
    ExtensionException replyFailure(String whatFailed) {
        int code = client.getReplyCode();
        String message = whatFailed + ": the server replied " + quoted(lastReply()) + ".";
        return FTPReply.isNegativeTransient(code) ? retryable(message, null) : refused(message);
    }

    private ExtensionException connectFailure(IOException e) {
        if (e instanceof SSLHandshakeException && certificates != null && certificates.refusal().isPresent()) {
            return refused(untrustedCertificate(), e);
        }
        if (e instanceof SSLException && !(e instanceof SSLHandshakeException) && client.getReplyCode() > 0
                && client.getReplyCode() != FTPReply.SECURITY_MECHANISM_IS_OK) {
            // FTPSClient reports a refused AUTH TLS as an SSLException carrying the reply. Even a 4xx
            // (FtpServer answers 431) means no TLS is set up there, which waiting will not change.
            return refused("The server at " + settings.server() + " does not accept explicit TLS (AUTH TLS): it replied "
                    + quoted(lastReply()) + ". Check the security setting.", e);
        }
        if (e instanceof SSLException) {
            return refused("The TLS negotiation with " + settings.server() + " failed: "
                    + printable(String.valueOf(e.getMessage())) + ".", e);
        }
        return ioFailure("Could not connect to the FTP server at " + settings.server(), e);
    }

    private String untrustedCertificate() {
        String reason = certificates.refusal().orElse("it is not trusted");
        String presented = certificates.presented()
                .map(c -> " The certificate it presented has the SHA-256 fingerprint " + CertificatePin.of(c)
                        + (certificates.pinned() ? "."
                                : "; if you trust it (ask the server's administrator), set it as the TLS certificate fingerprint."))
                .orElse("");
        return "The TLS certificate of " + settings.server() + " was refused: " + reason + "." + presented;
    }

    /** Network failures may pass; the message says which. */
    ExtensionException ioFailure(String whatFailed, IOException e) {
        if (e instanceof CopyStreamException copy && copy.getIOException() != null) {
            e = copy.getIOException();
        }
        String why;
        if (e instanceof UnknownHostException) {
            why = "the host name " + quoted(settings.host()) + " could not be resolved";
        } else if (e instanceof ConnectException) {
            why = "the connection was refused (is the server running on port " + settings.port() + "?)";
        } else if (e instanceof SocketTimeoutException || e.getCause() instanceof SocketTimeoutException) {
            why = "the server did not answer in time";
        } else if (e instanceof NoRouteToHostException) {
            why = "the host cannot be reached";
        } else if (e instanceof FTPConnectionClosedException) {
            why = "the server closed the connection" + (lastReply().isBlank() ? "" : " (" + lastReply() + ")");
        } else if (e instanceof SSLHandshakeException && certificates != null && certificates.refusal().isPresent()) {
            return refused(untrustedCertificate(), e);
        } else {
            why = "the connection failed (" + printable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
        }
        return retryable(whatFailed + ": " + why + ".", e);
    }

    private static boolean isUnsupported(int code) {
        return code == FTPReply.UNRECOGNIZED_COMMAND || code == FTPReply.SYNTAX_ERROR_IN_ARGUMENTS
                || code == FTPReply.COMMAND_NOT_IMPLEMENTED || code == FTPReply.COMMAND_NOT_IMPLEMENTED_FOR_PARAMETER;
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    @Override
    public void close() {
        if (!client.isConnected()) {
            return;
        }
        try {
            client.logout();
        } catch (IOException | RuntimeException ignored) {
            // Closing anyway.
        }
        try {
            client.disconnect();
        } catch (IOException ignored) {
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
            int b = guarded(() -> super.read());
            if (b >= 0) {
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = guarded(() -> super.read(buffer, offset, length));
            if (n > 0) {
                bytes += n;
            }
            return n;
        }

        private int guarded(Read read) throws IOException {
            try {
                return read.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @FunctionalInterface
        private interface Read {
            int read() throws IOException;
        }
    }
}
