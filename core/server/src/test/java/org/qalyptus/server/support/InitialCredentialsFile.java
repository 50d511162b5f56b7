package org.qalyptus.server.support;

import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code initial-credentials.json} the first start writes into the data folder. */
public record InitialCredentialsFile(String email, String password, String apiKey) {

    public static InitialCredentialsFile read(Path dataDir) {
        JsonNode json = JsonMapper.builder().build().readTree(dataDir.resolve("initial-credentials.json").toFile());
        return new InitialCredentialsFile(json.get("email").asString(), json.get("password").asString(),
                json.get("apiKey").asString());
    }
}
