package org.qalyptus.plugins.storage.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * A real Apache FtpServer on a free loopback port, with a writer and a read-only user whose home folders
 * are test folders, plain or with explicit TLS, and a hook that sees every command before it runs.
 */
final class FtpTestServer implements AutoCloseable {

    static final String USER = "alice";
    static final String PASSWORD = "Open-Sesame-42";
    static final String READ_ONLY_USER = "reader";

    final Path home;
    final int port;
    /** Every command the server received, as {@code STOR name}, in order. */
    final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger connections = new AtomicInteger();
    /** Whether the session was encrypted when each upload started. */
    final List<Boolean> secureUploads = Collections.synchronizedList(new ArrayList<>());

    private final FtpServer server;
    private volatile CommandHook beforeCommand = (session, request) -> {};
    private volatile Map<String, Integer> refusals = Map.of();

    private FtpTestServer(Path home, Path users, TlsKeys tls, int requestedPort) throws Exception {
        this.home = Files.createDirectories(home);
        Files.createDirectories(home.resolve("readonly"));
        FtpServerFactory factory = new FtpServerFactory();

        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(requestedPort);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassiveAddress("127.0.0.1");
        data.setActiveEnabled(true);
        if (tls != null) {
            SslConfiguration ssl = tls.serverConfiguration();
            listener.setSslConfiguration(ssl);
            listener.setImplicitSsl(false);
            data.setSslConfiguration(ssl);
            data.setImplicitSsl(false);
        }
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        factory.addListener("default", listener.createListener());

        PropertiesUserManagerFactory userFactory = new PropertiesUserManagerFactory();
        if (!Files.exists(users)) {
            Files.createFile(users);
        }
        userFactory.setFile(users.toFile());
        UserManager userManager = userFactory.createUserManager();
        userManager.save(user(USER, home, List.of(new WritePermission())));
        userManager.save(user(READ_ONLY_USER, home.resolve("readonly"), List.of()));
        factory.setUserManager(userManager);

        factory.setFtplets(new HashMap<>(Map.of("observer", new DefaultFtplet() {
            @Override
            public FtpletResult onConnect(FtpSession session) {
                connections.incrementAndGet();
                return FtpletResult.DEFAULT;
            }

            @Override
            public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
                commands.add(request.getCommand() + (request.hasArgument() ? " " + request.getArgument() : ""));
                beforeCommand.accept(session, request);
                Integer refusal = refusals.get(request.getCommand());
                if (refusal != null) {
                    session.write(new org.apache.ftpserver.ftplet.DefaultFtpReply(refusal, "Refused by the test"));
                    return FtpletResult.SKIP;
                }
                return super.beforeCommand(session, request);
            }

            @Override
            public FtpletResult onUploadStart(FtpSession session, FtpRequest request) {
                secureUploads.add(session.isSecure());
                return FtpletResult.DEFAULT;
            }
        })));

        server = factory.createServer();
        server.start();
        port = ((DefaultFtpServer) server).getListener("default").getPort();
    }

    static FtpTestServer plain(Path dir) throws Exception {
        return plain(dir, 0);
    }

    /** On {@code port} (0: a free one): the same port again simulates a server that was down and came back. */
    static FtpTestServer plain(Path dir, int port) throws Exception {
        return new FtpTestServer(dir.resolve("home"), dir.resolve("users.properties"), null, port);
    }

    static FtpTestServer explicitTls(Path dir, TlsKeys keys) throws Exception {
        return explicitTls(dir, keys, 0);
    }

    static FtpTestServer explicitTls(Path dir, TlsKeys keys, int port) throws Exception {
        return new FtpTestServer(dir.resolve("home"), dir.resolve("users.properties"), keys, port);
    }

    private static BaseUser user(String name, Path home, List<Authority> authorities) {
        BaseUser user = new BaseUser();
        user.setName(name);
        user.setPassword(PASSWORD);
        user.setHomeDirectory(home.toString());
        user.setAuthorities(authorities);
        return user;
    }

    /** Runs {@code hook} in the server before each command (on the server's thread). */
    void beforeCommand(CommandHook hook) {
        this.beforeCommand = hook;
    }

    /** Makes the server answer {@code command} with {@code code} instead of running it. */
    void refuse(String command, int code) {
        Map<String, Integer> copy = new HashMap<>(refusals);
        copy.put(command, code);
        refusals = copy;
    }

    /** The settings of a storage service for this server, logged in as the writer. */
    Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", port);
        settings.put("username", USER);
        settings.put("password", PASSWORD);
        settings.put("connectTimeoutSeconds", 5);
        settings.put("readTimeoutSeconds", 10);
        return settings;
    }

    boolean isStopped() {
        return server.isStopped();
    }

    @Override
    public void close() {
        if (!server.isStopped()) {
            server.stop();
        }
    }

    @FunctionalInterface
    interface CommandHook {
        void accept(FtpSession session, FtpRequest request) throws IOException;
    }

    /** A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with the JDK's keytool. */
    record TlsKeys(Path keystore, String password, X509Certificate certificate) {

        static TlsKeys generate(Path dir) throws Exception {
            Path keystore = dir.resolve("ftp-server.p12");
            String password = "keystore-secret";
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "ftp", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-keystore", keystore.toString(), "-storetype", "PKCS12",
                    "-storepass", password, "-keypass", password)
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password.toCharArray());
            }
            return new TlsKeys(keystore, password, (X509Certificate) store.getCertificate("ftp"));
        }

        SslConfiguration serverConfiguration() {
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(keystore.toFile());
            ssl.setKeystoreType("PKCS12");
            ssl.setKeystorePassword(password);
            ssl.setKeyPassword(password);
            return ssl.createSslConfiguration();
        }

        /** The fingerprint as OpenSSL prints it. */
        String fingerprint() {
            return CertificatePin.of(certificate).toString();
        }
    }
}
