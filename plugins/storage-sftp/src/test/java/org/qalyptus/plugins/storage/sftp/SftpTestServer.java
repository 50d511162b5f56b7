package org.qalyptus.plugins.storage.sftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real Apache SSHD server with the SFTP subsystem on a free loopback port: a password user, a
 * public-key user and a read-only user, each chrooted to a test folder, and hooks that see every file
 * opened and every rename on the server side.
 */
final class SftpTestServer implements AutoCloseable {

    static final String USER = "alice";
    static final String PASSWORD = "Open-Sesame-42";
    static final String KEY_USER = "bob";
    static final String READ_ONLY_USER = "reader";

    final Path home;
    final int port;
    final KeyPair hostKey;
    final AtomicInteger sessions = new AtomicInteger();
    /** Every file the server opened for writing, relative to the home folder. */
    final List<String> written = Collections.synchronizedList(new ArrayList<>());
    final List<String> renames = Collections.synchronizedList(new ArrayList<>());
    final List<String> removals = Collections.synchronizedList(new ArrayList<>());
    /** Passwords and public keys the server was offered: a refused host key must keep both at zero. */
    final AtomicInteger loginAttempts = new AtomicInteger();

    private final SshServer server;
    private final List<PublicKey> authorizedKeys = new ArrayList<>();
    private volatile RenameHook beforeRename = (from, to) -> {};

    private SftpTestServer(Path home, KeyPairProvider hostKeys, KeyPair hostKey) throws IOException {
        this.home = Files.createDirectories(home);
        this.hostKey = hostKey;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(hostKeys);
        server.setPasswordAuthenticator((user, password, session) -> {
            loginAttempts.incrementAndGet();
            return (USER.equals(user) || READ_ONLY_USER.equals(user)) && PASSWORD.equals(password);
        });
        server.setPublickeyAuthenticator((user, key, session) -> {
            loginAttempts.incrementAndGet();
            return KEY_USER.equals(user) && authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
        });
        server.setKeyboardInteractiveAuthenticator(null);
        VirtualFileSystemFactory files = new VirtualFileSystemFactory(home);
        server.setFileSystemFactory(files);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
                if (localHandle instanceof FileHandle file && file.getOpenOptions().contains(StandardOpenOption.WRITE)) {
                    if (READ_ONLY_USER.equals(session.getUsername())) {
                        throw new AccessDeniedException(localHandle.getFile().toString());
                    }
                    written.add(relative(localHandle.getFile()));
                }
            }

            @Override
            public void creating(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
                if (READ_ONLY_USER.equals(session.getUsername())) {
                    throw new AccessDeniedException(path.toString());
                }
            }

            @Override
            public void moving(ServerSession session, Path from, Path to, Collection<CopyOption> options) throws IOException {
                renames.add(relative(from) + " -> " + relative(to));
                beforeRename.accept(from, to);
            }

            @Override
            public void removing(ServerSession session, Path path, boolean isDirectory) {
                removals.add(relative(path));
            }
        });
        server.setSubsystemFactories(List.of(sftp));
        server.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
            @Override
            public void sessionCreated(org.apache.sshd.common.session.Session session) {
                sessions.incrementAndGet();
            }
        });
        server.start();
        port = server.getPort();
    }

    /** A server with one Ed25519 host key. */
    static SftpTestServer start(Path dir) throws Exception {
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        return new SftpTestServer(dir.resolve("home"), KeyPairProvider.wrap(hostKey), hostKey);
    }

    /** A server with the given host key (to simulate a server whose key stayed the same across restarts). */
    static SftpTestServer start(Path dir, KeyPair hostKey, KeyPair... otherHostKeys) throws Exception {
        List<KeyPair> all = new ArrayList<>(List.of(otherHostKeys));
        all.add(hostKey);
        return new SftpTestServer(dir.resolve("home"), KeyPairProvider.wrap(all.toArray(KeyPair[]::new)), hostKey);
    }

    private String relative(Path path) {
        // The virtual file system's paths are rooted at the home folder: "/out/x" is home/out/x.
        return path.toString().replaceFirst("^/", "");
    }

    void authorize(PublicKey key) {
        authorizedKeys.add(key);
    }

    void beforeRename(RenameHook hook) {
        this.beforeRename = hook;
    }

    /** The local file behind a path of the virtual file system. */
    Path local(Path virtual) {
        return home.resolve(relative(virtual));
    }

    String fingerprint() {
        return KeyUtils.getFingerPrint(org.apache.sshd.common.digest.BuiltinDigests.sha256, hostKey.getPublic());
    }

    /** The settings of a storage service for this server, logged in as the password user, host key pinned. */
    Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", port);
        settings.put("username", USER);
        settings.put("password", PASSWORD);
        settings.put("hostKeyFingerprint", fingerprint());
        settings.put("connectTimeoutSeconds", 5);
        settings.put("readTimeoutSeconds", 10);
        return settings;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    @FunctionalInterface
    interface RenameHook {
        void accept(Path from, Path to) throws IOException;
    }

    /** PEM texts of client keys, as users paste them. */
    static final class Keys {

        private Keys() {}

        static KeyPair rsa() throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }

        static KeyPair ed25519() throws GeneralSecurityException {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        }

        /** PKCS#8, as {@code openssl genpkey} writes it. */
        static String pkcs8(KeyPair pair) {
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        }

        /** OpenSSH's own format, as {@code ssh-keygen} writes it, optionally encrypted with a passphrase. */
        static String openSsh(KeyPair pair, String passphrase) throws IOException, GeneralSecurityException {
            OpenSSHKeyEncryptionContext encryption = null;
            if (passphrase != null) {
                encryption = new OpenSSHKeyEncryptionContext();
                encryption.setPassword(passphrase);
                encryption.setCipherName("AES");
                encryption.setCipherType("256");
                encryption.setCipherMode("CTR");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test key", encryption, out);
            return out.toString(StandardCharsets.US_ASCII);
        }
    }
}
