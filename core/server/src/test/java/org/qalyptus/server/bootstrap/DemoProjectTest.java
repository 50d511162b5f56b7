package org.qalyptus.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.project.ProjectRepository;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.user.UserRepository;
import tools.jackson.databind.JsonNode;

class DemoProjectTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartGivesTheDefaultOrganizationADemoProjectOwnedByTheTenantOwnerOnce() {
        String demoId;
        try (RunningServer server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS)) {
            String ownerKey = server.credentials().apiKey();
            Http.Answer listed = server.http().get("/api/v1/projects", ownerKey);
            assertThat(listed.status()).isEqualTo(200);
            JsonNode demo = listed.data().get(0);
            assertThat(listed.data().size()).isEqualTo(1);
            assertThat(demo.get("name").asString()).isEqualTo("Demo");
            assertThat(demo.get("isMine").asBoolean()).isTrue();
            assertThat(demo.get("ownerName").asString()).isEqualTo("Tenant Owner");
            String ownerId = server.bean(UserRepository.class).findByEmail(server.credentials().email()).orElseThrow().id();
            assertThat(demo.get("owner").asString()).isEqualTo(ownerId);
            String defaultOrganization = server.bean(OrganizationRepository.class).findByName("default").orElseThrow().id();
            assertThat(demo.get("organizationID").asString()).isEqualTo(defaultOrganization);
            demoId = demo.get("id").asString();
        }
        try (RunningServer again = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS)) {
            assertThat(again.bean(ProjectRepository.class).findAll()).extracting(ProjectDocument::id).containsExactly(demoId);
        }
    }

    @Test
    void anInterruptedSetupRunAgainFindsTheDemoProjectInsteadOfAddingAnother() {
        try (RunningServer server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS)) {
            ProjectDocument demo = server.bean(ProjectRepository.class).findAll().get(0);
            server.bean(DemoProject.class).ensure(demo.organizationId(), demo.ownerId());
            assertThat(server.bean(ProjectRepository.class).count()).isEqualTo(1);
        }
    }
}
