package org.qalyptus.server.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qalyptus.server.store.DataDirectory;

/**
 * Which server folders plugin settings of type PATH may name. Such settings are given by organization
 * users, who must not be able to make the server read or write anywhere its process can: a path must lie
 * below one of the policy's roots after resolving links. Storage services write below
 * {@code qalyptus.storage.allowed-roots} (default: the data folder's {@code deliveries}); connections
 * read apps below {@code qalyptus.connections.allowed-roots} (default: the data folder's {@code apps} and
 * {@code demo-apps}). Lists are comma separated.
 */
public final class ServerPathPolicy {

    private final List<Path> roots;

    /**
     * @param configured the configured roots; when none, {@code defaults} (folders of the data folder,
     *     created when missing)
     */
    public ServerPathPolicy(List<String> configured, DataDirectory dataDirectory, String... defaults) {
        List<Path> allowed = new ArrayList<>();
        if (configured == null || configured.stream().allMatch(String::isBlank)) {
            for (String name : defaults) {
                Path folder = dataDirectory.path().resolve(name);
                try {
                    Files.createDirectories(folder);
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot create " + folder, e);
                }
                allowed.add(folder);
            }
        } else {
            configured.stream().filter(s -> !s.isBlank()).map(s -> Path.of(s.trim())).forEach(allowed::add);
        }
        this.roots = allowed.stream().map(ServerPathPolicy::real).toList();
    }

    public List<Path> roots() {
        return roots;
    }

    /** Why {@code value} may not be used as a server folder, or empty when it may. */
    public Optional<String> refusal(String value) {
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
            return Optional.of("must be inside one of the folders the server allows here: " + roots);
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
