package org.qalyptus.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The folder that holds everything a node keeps locally: the embedded store, keys, plugin state. */
public record DataDirectory(Path path) {

    public DataDirectory {
        path = path.toAbsolutePath().normalize();
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + path, e);
        }
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }
}
