package org.qalyptus.qlik.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made for one test run with the JDK's {@code keytool} (EC P-256, valid two days): a server
 * certificate for {@code 127.0.0.1} and {@code localhost}, and a client certificate as Qlik's QMC exports them
 * ({@code client.pfx}, PKCS#12), each also as a PEM file (what the QMC gives as {@code root.pem}/{@code client.pem}).
 */
public final class TestCertificates {

    public static final String PASSWORD = "simulator-secret";

    public final Path serverKeyStore;
    public final Path serverPem;
    public final Path clientKeyStore;
    public final Path clientPem;

    private TestCertificates(Path folder) {
        serverKeyStore = folder.resolve("server.p12");
        serverPem = folder.resolve("server.pem");
        clientKeyStore = folder.resolve("client.pfx");
        clientPem = folder.resolve("client.pem");
    }

    /** Generates both key pairs and certificates into {@code folder}. */
    public static TestCertificates generate(Path folder) {
        TestCertificates certificates = new TestCertificates(folder);
        certificates.pair(certificates.serverKeyStore, certificates.serverPem, "CN=Simulated Qlik Sense", "SAN=ip:127.0.0.1,dns:localhost");
        certificates.pair(certificates.clientKeyStore, certificates.clientPem, "CN=QlikClient", null);
        return certificates;
    }

    private void pair(Path store, Path pem, String subject, String extension) {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> generate = new java.util.ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "key", "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", subject, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (extension != null) {
            generate.addAll(List.of("-ext", extension));
        }
        run(generate);
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "key", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", pem.toString()));
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The simulator's TLS context: the server certificate, trusting the client certificate (for client authentication). */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(serverKeyStore); InputStream client = Files.newInputStream(clientPem)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD.toCharArray());
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            Certificate clientCertificate = CertificateFactory.getInstance("X.509").generateCertificate(client);
            trusted.setCertificateEntry("client", clientCertificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
