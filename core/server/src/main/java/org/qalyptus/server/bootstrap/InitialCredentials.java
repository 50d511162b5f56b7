package org.qalyptus.server.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The owner's first credentials, written once to {@code initial-credentials.json} in the data folder,
 * readable by the server's user only.
 */
record InitialCredentials(String email, String password, String apiKey) {

    static final String FILE_NAME = "initial-credentials.json";

    void writeTo(Path dataDir, JsonMapper json) {
        Path file = dataDir.resolve(FILE_NAME);
        Map<String, String> content = new LinkedHashMap<>();
        content.put("email", email);
        content.put("password", password);
        content.put("apiKey", apiKey);
        byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(content);
        try {
            Files.deleteIfExists(file);
            // Created with owner-only permissions, so the secrets are never readable by others, not even briefly.
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Another process is writing " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    String banner(Path dataDir) {
        String line = "=".repeat(78);
        return "\n" + line
                + "\n  First start: the tenant owner was created."
                + "\n    Email:    " + email
                + "\n    Password: " + password
                + "\n    API key:  " + apiKey
                + "\n  Also saved to " + dataDir.resolve(FILE_NAME) + " (readable by this user only)."
                + "\n  This is shown once; change the password after signing in."
                + "\n" + line;
    }
}
