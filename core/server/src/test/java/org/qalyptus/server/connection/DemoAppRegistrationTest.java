package org.qalyptus.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.support.RunningServer;

class DemoAppRegistrationTest {

    @TempDir
    Path dataDir;

    @Test
    void theDemoConnectionIsCreatedOnceAndSurvivesARestart() {
        String organization;
        String connectionId;
        try (RunningServer server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS)) {
            organization = server.bean(OrganizationRepository.class).findByName("default").orElseThrow().id();
            assertThat(server.bean(ConnectionRepository.class).count()).isEqualTo(1);
            connectionId = server.bean(ConnectionRepository.class).findAll().get(0).id();
            assertThat(dataDir.resolve("demo-apps/sales-demo/sales.csv")).isRegularFile();
        }
        try (RunningServer again = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS)) {
            assertThat(again.bean(ConnectionRepository.class).findAll()).singleElement()
                    .satisfies(c -> assertThat(c.id()).isEqualTo(connectionId));
            var apps = again.http().get("/api/v1/organizations/" + organization + "/qlik-apps", again.credentials().apiKey());
            assertThat(apps.status()).isEqualTo(200);
            assertThat(apps.data().findValuesAsString("name")).containsExactly("Sales demo");
        }
    }
}
