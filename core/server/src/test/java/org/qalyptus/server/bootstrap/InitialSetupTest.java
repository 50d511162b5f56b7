package org.qalyptus.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.apikey.ApiKeyRepository;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.group.GroupRepository;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.InitialCredentialsFile;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.tenant.TenantRepository;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;

class InitialSetupTest {

    @TempDir
    Path dataDir;

    private record Counts(long organizations, long groups, long users, long apiKeys, long tenants) {
        static Counts of(RunningServer server) {
            return new Counts(server.bean(OrganizationRepository.class).count(), server.bean(GroupRepository.class).count(),
                    server.bean(UserRepository.class).count(), server.bean(ApiKeyRepository.class).count(),
                    server.bean(TenantRepository.class).count());
        }
    }

    @Test
    void firstStartCreatesTheTenantAndWritesOwnerOnlyCredentials() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS)) {
            Path file = dataDir.resolve("initial-credentials.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            InitialCredentialsFile credentials = server.credentials();
            assertThat(credentials.email()).isEqualTo("owner@qalyptus.local");
            assertThat(credentials.password()).hasSizeGreaterThanOrEqualTo(16);
            assertThat(credentials.apiKey()).startsWith("qak_");

            OrganizationDocument organization = server.bean(OrganizationRepository.class).findByName("default").orElseThrow();
            assertThat(organization.displayName()).isEqualTo("Qalyptus");
            assertThat(organization.isDefault()).isTrue();
            GroupDocument allUsers = server.bean(GroupRepository.class)
                    .findByOrganizationIdAndIsDefaultTrue(organization.id()).orElseThrow();
            assertThat(allUsers.name()).isEqualTo("All users");
            UserDocument owner = server.bean(UserRepository.class).findByEmail(credentials.email()).orElseThrow();
            assertThat(owner.tenantOwner()).isTrue();
            assertThat(owner.passwordHash()).startsWith("$2").doesNotContain(credentials.password());
            assertThat(owner.memberships()).singleElement().satisfies(m -> {
                assertThat(m.organizationId()).isEqualTo(organization.id());
                assertThat(m.groupIds()).containsExactly(allUsers.id());
            });
            assertThat(Counts.of(server)).isEqualTo(new Counts(1, 1, 1, 1, 1));
            assertThat(server.http().get("/api/v1/plugins", credentials.apiKey()).status()).isEqualTo(200);
        }
    }

    @Test
    void restartOnTheSameDataFolderKeepsEverythingAndCreatesNothingTwice() throws Exception {
        InitialCredentialsFile first;
        Counts before;
        try (RunningServer server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS)) {
            first = server.credentials();
            before = Counts.of(server);
        }
        long writtenAt = Files.getLastModifiedTime(dataDir.resolve("initial-credentials.json")).toMillis();

        try (RunningServer again = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS)) {
            assertThat(Counts.of(again)).isEqualTo(before);
            assertThat(again.credentials()).isEqualTo(first);
            assertThat(Files.getLastModifiedTime(dataDir.resolve("initial-credentials.json")).toMillis()).isEqualTo(writtenAt);
            assertThat(again.http().get("/api/v1/plugins", first.apiKey()).status()).isEqualTo(200);
            Http.Answer login = again.http().postJson("/api/v1/login", null,
                    Http.json(Map.of("email", first.email(), "password", first.password())));
            assertThat(login.status()).isEqualTo(200);
        }
    }

    @Test
    void ownerCredentialsComeFromConfigurationWhenGiven() {
        try (RunningServer server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS,
                "--qalyptus.admin.email=Boss@Example.com", "--qalyptus.admin.password=correct horse battery")) {
            InitialCredentialsFile credentials = server.credentials();
            assertThat(credentials.email()).isEqualTo("boss@example.com");
            assertThat(credentials.password()).isEqualTo("correct horse battery");
            Http.Answer login = server.http().postJson("/api/v1/login", null,
                    Http.json(Map.of("email", "boss@example.com", "password", "correct horse battery")));
            assertThat(login.status()).isEqualTo(200);
        }
    }
}
