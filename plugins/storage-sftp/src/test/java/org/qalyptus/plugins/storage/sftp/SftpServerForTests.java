package org.qalyptus.plugins.storage.sftp;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

/**
 * The public entry to the in-process SFTP server ({@link SftpTestServer}) for other modules' tests: the server's
 * task delivery tests use it through this module's test-jar. It uses no class of the plugin itself (the plugin
 * is loaded by the server under test, in its own class loader; its classes are not on the test class path).
 * Every user is chrooted to the same home folder.
 */
public final class SftpServerForTests implements AutoCloseable {

    private final SftpTestServer server;

    private SftpServerForTests(SftpTestServer server) {
        this.server = server;
    }

    /** An SSHD server with SFTP on a free loopback port, an Ed25519 host key; files land in {@code dir/home}. */
    public static SftpServerForTests start(Path dir) throws Exception {
        return new SftpServerForTests(SftpTestServer.start(dir));
    }

    /** The settings of an {@code Sftp} storage service logging in with a password, host key pinned. */
    public Map<String, Object> passwordSettings(String remoteFolder) {
        Map<String, Object> settings = server.settings();
        settings.put("remoteFolder", remoteFolder);
        return settings;
    }

    /**
     * The settings of an {@code Sftp} storage service logging in with a new Ed25519 private key (OpenSSH format, no
     * passphrase) that the server now accepts for its key user; no password; host key pinned.
     */
    public Map<String, Object> privateKeySettings(String remoteFolder) throws Exception {
        KeyPair pair = SftpTestServer.Keys.ed25519();
        server.authorize(pair.getPublic());
        Map<String, Object> settings = server.settings();
        settings.remove("password");
        settings.put("username", SftpTestServer.KEY_USER);
        settings.put("privateKey", SftpTestServer.Keys.openSsh(pair, null));
        settings.put("remoteFolder", remoteFolder);
        return settings;
    }

    /** The folder every user's files land in (the SFTP root). */
    public Path home() {
        return server.home;
    }

    public int port() {
        return server.port;
    }

    /** The host key's fingerprint as OpenSSH prints it ({@code SHA256:...}). */
    public String hostKeyFingerprint() {
        return server.fingerprint();
    }

    /** Every file opened for writing, relative to the home folder, in order. */
    public List<String> written() {
        synchronized (server.written) {
            return List.copyOf(server.written);
        }
    }

    /** Every rename, as {@code from -> to} relative to the home folder, in order. */
    public List<String> renames() {
        synchronized (server.renames) {
            return List.copyOf(server.renames);
        }
    }

    /** SSH sessions opened. */
    public int sessions() {
        return server.sessions.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
