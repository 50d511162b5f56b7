package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qalyptus.server.execution.ExecutionWorld.body;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.plugin.PluginHost;
import org.qalyptus.server.storageservice.StorageServiceDocument;
import org.qalyptus.server.storageservice.StorageServiceService;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.storage.DeliveryFile;
import org.qalyptus.spi.storage.StorageTarget;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * SFTP host keys learned on first use, against a real SFTP server (Apache SSHD, in process) through the real
 * storage-sftp plugin: the first delivery (or test) pins the key the server presented in the storage service's
 * settings with one conditional update; later deliveries are held to it, and a server that presents another key is
 * refused before anything is sent.
 */
class SftpHostKeyPinTest {

    static final String USER = "deliverer";
    static final String PASSWORD = "Pin-Me-Once-7";

    @TempDir
    static Path home;

    static ExecutionWorld w;
    static SshServer sftp;
    static final AtomicReference<KeyPair> hostKey = new AtomicReference<>();
    static final AtomicInteger logins = new AtomicInteger();
    static KeyPair keyA;
    static KeyPair keyB;

    @BeforeAll
    static void server() throws Exception {
        w = ExecutionWorld.get();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        keyA = generator.generateKeyPair();
        keyB = generator.generateKeyPair();
        hostKey.set(keyA);
        sftp = SshServer.setUpDefaultServer();
        sftp.setHost("127.0.0.1");
        sftp.setPort(0);
        sftp.setKeyPairProvider(new KeyPairProvider() {
            @Override
            public Iterable<KeyPair> loadKeys(SessionContext session) {
                return List.of(hostKey.get());
            }
        });
        sftp.setPasswordAuthenticator((user, password, session) -> {
            logins.incrementAndGet();
            return USER.equals(user) && PASSWORD.equals(password);
        });
        sftp.setKeyboardInteractiveAuthenticator(null);
        sftp.setFileSystemFactory(new VirtualFileSystemFactory(home));
        sftp.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sftp.start();
    }

    @AfterAll
    static void stop() throws Exception {
        sftp.stop(true);
    }

    static String fingerprint(KeyPair key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key.getPublic());
    }

    static String sftpService() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", sftp.getPort());
        settings.put("username", USER);
        settings.put("password", PASSWORD);
        settings.put("trustOnFirstUse", true);
        settings.put("overwrite", true);
        Answer created = w.http.postJson("/api/v1/storage-services", w.creator.key(), Http.json(Map.of("name",
                TenantFixture.unique("SFTP"), "type", "Sftp", "organizationID", w.orgA.id(), "settings", settings)));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.data().get("id").asString();
    }

    static Object pinOf(String serviceId) {
        return w.mongo().findById(serviceId, StorageServiceDocument.class).settings().get("hostKeyFingerprint");
    }

    @Test
    void theFirstDeliveryPinsTheHostKeyAndAChangedKeyIsRefusedAfter() throws Exception {
        hostKey.set(keyA);
        String service = sftpService();
        assertThat(pinOf(service)).isNull();
        String report = w.report(false);
        String task = w.task(TenantFixture.unique("To SFTP"));
        String folder = "pins-" + task.substring(0, 8);
        Files.createDirectories(home.resolve(folder));
        w.taskReport(task, body("reportID", report, "format", "Html", "emailEmbedment", true, "emailAttachment", false,
                "storageServices", List.of(Map.of("id", service, "folder", folder))));

        JsonNode first = w.runAndWait(task);

        assertThat(first.get("status").asString()).as(w.log(first.get("id").asString())).isEqualTo("Completed");
        assertThat(pinOf(service)).isEqualTo(fingerprint(keyA));
        assertThat(Files.list(home.resolve(folder)).filter(p -> !p.getFileName().toString().startsWith("."))).hasSize(1);
        JsonNode view = w.http.get("/api/v1/storage-services/" + service, w.creator.key()).data();
        assertThat(view.get("settings").get("hostKeyFingerprint").asString()).isEqualTo(fingerprint(keyA));

        // the server now presents another key: refused during the key exchange, before the password is sent
        hostKey.set(keyB);
        int loginsBefore = logins.get();
        JsonNode second = w.runAndWait(task);

        String log = w.log(second.get("id").asString());
        assertThat(second.get("status").asString()).as(log).isEqualTo("Failed");
        assertThat(log).contains("HOST KEY MISMATCH").contains(fingerprint(keyA)).contains(fingerprint(keyB));
        assertThat(logins.get()).isEqualTo(loginsBefore);
        assertThat(pinOf(service)).as("the pin is never replaced by a delivery").isEqualTo(fingerprint(keyA));
    }

    @Test
    void aSuccessfulTestPinsTheKeyAndSaysSo() {
        hostKey.set(keyB);
        String service = sftpService();

        Answer tested = w.http.postJson("/api/v1/storage-services/" + service + "/test", w.creator.key(), "");

        assertThat(tested.status()).as(tested.body()).isEqualTo(200);
        assertThat(tested.body()).contains("now pinned").contains(fingerprint(keyB));
        assertThat(pinOf(service)).isEqualTo(fingerprint(keyB));
        Answer again = w.http.postJson("/api/v1/storage-services/" + service + "/test", w.creator.key(), "");
        assertThat(again.body()).contains("matches the pinned fingerprint").doesNotContain("now pinned");
    }

    @Test
    void aKeyPinnedMeanwhileByAnotherNodeWinsOverTheKeyThisNodeSees() {
        hostKey.set(keyB);
        String service = sftpService();
        StorageServiceDocument seenEmpty = w.mongo().findById(service, StorageServiceDocument.class);
        // another node pinned the key it saw (A) after this node read the service without a pin
        w.mongo().updateFirst(new Query(Criteria.where("_id").is(service)),
                new Update().set("settings.hostKeyFingerprint", fingerprint(keyA)), StorageServiceDocument.class);
        StorageTarget plugin = w.server.bean(PluginHost.class).extension(StorageTarget.class, "Sftp").orElseThrow();

        var config = w.server.bean(StorageServiceService.class).config(plugin, seenEmpty);

        assertThat(pinOf(service)).isEqualTo(fingerprint(keyA));
        byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> plugin.deliver(config, new DeliveryFile("raced.txt", "", "text/plain", bytes.length,
                () -> new ByteArrayInputStream(bytes)))).isInstanceOf(ExtensionException.class).hasMessageContaining("HOST KEY MISMATCH");
    }
}
