package org.qalyptus.server.storageservice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qalyptus.server.store.DataDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which server folders storage services may write into. A storage service's folder settings are given
 * by organization users, who must not be able to make the server write anywhere its process can: a
 * path setting must lie below one of the allowed roots ({@code qalyptus.storage.allowed-roots}, comma
 * separated; by default the {@code deliveries} folder of the data folder), after resolving links.
 */
@Component
class ServerPathPolicy {

    private final List<Path> roots;

    ServerPathPolicy(@Value("${qalyptus.storage.allowed-roots:}") List<String> configured, DataDirectory dataDirectory) {
        List<Path> allowed = new ArrayList<>();
        if (configured == null || configured.stream().allMatch(String::isBlank)) {
            Path deliveries = dataDirectory.path().resolve("deliveries");
            try {
                Files.createDirectories(deliveries);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot create " + deliveries, e);
            }
            allowed.add(deliveries);
        } else {
            configured.stream().filter(s -> !s.isBlank()).map(s -> Path.of(s.trim())).forEach(allowed::add);
        }
        this.roots = allowed.stream().map(ServerPathPolicy::real).toList();
    }

    List<Path> roots() {
        return roots;
    }

    /** Why {@code value} may not be used as a server folder, or empty when it may. */
    Optional<String> refusal(String value) {
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            return Optional.of("is not a valid path");
        }
        if (!path.isAbsolute()) {
            return Optional.of("must be an absolute path");
        }
        Path resolved = real(path);
        if (roots.stream().noneMatch(resolved::startsWith)) {
            return Optional.of("must be inside one of the folders the server allows for deliveries: " + roots);
        }
        return Optional.empty();
    }

    /** The path with links resolved as far as it exists, normalized. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
