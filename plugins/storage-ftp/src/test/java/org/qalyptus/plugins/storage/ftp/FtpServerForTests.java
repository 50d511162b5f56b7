package org.qalyptus.plugins.storage.ftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The public entry to the in-process FTP server ({@link FtpTestServer}) for other modules' tests: the server's
 * task delivery tests use it through this module's test-jar. It uses no class of the plugin itself (the plugin
 * is loaded by the server under test, in its own class loader; its classes are not on the test class path).
 */
public final class FtpServerForTests implements AutoCloseable {

    private final Path dir;
    private final FtpTestServer.TlsKeys tls;
    private final int port;
    private volatile FtpTestServer server;

    private FtpServerForTests(Path dir, FtpTestServer.TlsKeys tls) throws Exception {
        this.dir = dir;
        this.tls = tls;
        this.server = tls == null ? FtpTestServer.plain(dir) : FtpTestServer.explicitTls(dir, tls);
        this.port = server.port;
    }

    /** Plain FTP on a free loopback port; files land in {@code dir/home}. */
    public static FtpServerForTests plain(Path dir) throws Exception {
        return new FtpServerForTests(dir, null);
    }

    /** Explicit FTPS (AUTH TLS) with a self-signed certificate made in {@code dir}; files land in {@code dir/home}. */
    public static FtpServerForTests explicitTls(Path dir) throws Exception {
        return new FtpServerForTests(dir, FtpTestServer.TlsKeys.generate(dir));
    }

    /**
     * The settings of an {@code Ftp} storage service for this server, logged in as the writer, with
     * {@code remoteFolder}; for FTPS with explicit TLS and the certificate pinned by its fingerprint.
     */
    public Map<String, Object> storageSettings(String remoteFolder) {
        Map<String, Object> settings = server.settings();
        settings.put("remoteFolder", remoteFolder);
        if (tls != null) {
            settings.put("security", "Explicit TLS");
            settings.put("tlsCertificateFingerprint", certificateFingerprint());
        }
        return settings;
    }

    /** The folder the writer's files land in (its FTP home). */
    public Path home() {
        return server.home;
    }

    public int port() {
        return port;
    }

    /** The certificate's SHA-256 fingerprint as OpenSSL prints it ({@code AB:CD:...}). */
    public String certificateFingerprint() {
        if (tls == null) {
            throw new IllegalStateException("a plain FTP server has no certificate");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tls.certificate().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every command the running server received since it (re)started, as {@code STOR name}, in order. */
    public List<String> commands() {
        synchronized (server.commands) {
            return List.copyOf(server.commands);
        }
    }

    /** Whether the session was encrypted when each upload started, since the server (re)started. */
    public List<Boolean> secureUploads() {
        synchronized (server.secureUploads) {
            return List.copyOf(server.secureUploads);
        }
    }

    /** Connections accepted since the server (re)started. */
    public int connections() {
        return server.connections.get();
    }

    /**
     * The next time a client sends {@code command}, the server stops before running it: every session is closed
     * and the port refuses connections until {@link #restart()}.
     */
    public void stopOnNextCommand(String command) {
        FtpTestServer current = server;
        current.beforeCommand((session, request) -> {
            if (!command.equalsIgnoreCase(request.getCommand()) || current.isStopped()) {
                return;
            }
            // Stopped from another thread: stopping waits for the server's threads, this one included. This one
            // waits until the port is closed (the sessions are closed with it), then lets the stop complete.
            new Thread(current::close, "ftp-test-server-stop").start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && accepts(port)) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new IOException("the FTP test server was stopped before running " + command);
        });
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public void stop() {
        server.close();
    }

    public boolean isRunning() {
        return !server.isStopped();
    }

    /** Starts the server again on the same port with the same home folder and users (stopping it first if needed). */
    public void restart() throws Exception {
        server.close();
        server = tls == null ? FtpTestServer.plain(dir, port) : FtpTestServer.explicitTls(dir, tls, port);
    }

    @Override
    public void close() {
        server.close();
    }
}
