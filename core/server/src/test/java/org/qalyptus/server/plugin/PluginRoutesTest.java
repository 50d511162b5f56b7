package org.qalyptus.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/plugins on a server started from the source tree, as a user sees the bundled storage plugins. */
class PluginRoutesTest {

    private final Http http = SharedServer.get().http();
    private final String key = SharedServer.ownerKey();

    private static JsonNode plugin(JsonNode plugins, String id) {
        for (JsonNode plugin : plugins) {
            if (id.equals(plugin.path("id").asString(null))) {
                return plugin;
            }
        }
        throw new AssertionError(id + " not in " + plugins);
    }

    private static List<String> secretFields(JsonNode extension) {
        List<String> secrets = new ArrayList<>();
        for (JsonNode field : extension.get("configFields")) {
            if (field.get("secret").asBoolean()) {
                secrets.add(field.get("name").asString());
            }
        }
        return secrets;
    }

    @Test
    void theFtpAndSftpStoragePluginsAreStartedWithTheirSettingsAndSecrets() {
        Answer answer = http.get("/api/v1/plugins", key);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);

        JsonNode ftp = plugin(answer.data(), "storage-ftp");
        assertThat(ftp.get("state").asString()).isEqualTo("STARTED");
        JsonNode ftpTarget = ftp.get("extensions").get("StorageTarget").get(0);
        assertThat(ftpTarget.get("typeId").asString()).isEqualTo("Ftp");
        assertThat(ftpTarget.get("configFields").findValuesAsString("name"))
                .contains("host", "port", "security", "username", "password", "passiveMode", "ftpTestDirectoryPath");
        assertThat(secretFields(ftpTarget)).containsExactly("password");

        JsonNode sftp = plugin(answer.data(), "storage-sftp");
        assertThat(sftp.get("state").asString()).isEqualTo("STARTED");
        JsonNode sftpTarget = sftp.get("extensions").get("StorageTarget").get(0);
        assertThat(sftpTarget.get("typeId").asString()).isEqualTo("Sftp");
        assertThat(sftpTarget.get("configFields").findValuesAsString("name"))
                .contains("host", "port", "username", "privateKey", "hostKeyFingerprint", "trustOnFirstUse", "testDirectory");
        assertThat(secretFields(sftpTarget)).containsExactly("password", "privateKey", "privateKeyPassphrase");
    }
}
