package org.qalyptus.plugins.connector.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.qalyptus.plugins.connector.embedded.engine.LoadedApp;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest;
import org.qalyptus.plugins.connector.embedded.manifest.ManifestException;
import org.qalyptus.plugins.connector.embedded.manifest.ManifestReader;
import org.qalyptus.spi.ExtensionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the apps of an apps folder (the folder itself when it holds a manifest, otherwise each of its
 * subfolders that does) and keeps each loaded app in memory until its manifest or data files change.
 * Thread-safe: loads of the same folder are serialized, different folders load in parallel.
 */
final class AppFolders {

    private static final Logger log = LoggerFactory.getLogger(AppFolders.class);

    /** An app found in a folder, with its parsed manifest, or the reason it cannot be used. */
    record Found(Path folder, AppManifest manifest, String problem, Instant lastChange) {}

    private record Loaded(String stamp, LoadedApp app) {}

    private final Map<Path, Loaded> cache = new ConcurrentHashMap<>();
    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    static Path root(String appsFolder) {
        Path root = Path.of(appsFolder);
        if (!root.isAbsolute()) {
            throw new ExtensionException("The apps folder must be an absolute path", false);
        }
        if (!Files.isDirectory(root)) {
            throw new ExtensionException("The apps folder " + appsFolder + " does not exist or is not a folder", false);
        }
        return root.normalize();
    }

    /** Every app folder under the root, sorted by folder name, valid or not. */
    List<Found> scan(Path root) {
        List<Path> folders = new ArrayList<>();
        if (ManifestReader.manifestFile(root).isPresent()) {
            folders.add(root);
        } else {
            try (Stream<Path> children = Files.list(root)) {
                children.filter(Files::isDirectory)
                        .filter(p -> !p.getFileName().toString().startsWith(AppInstaller.HIDDEN_PREFIX))
                        .filter(p -> ManifestReader.manifestFile(p).isPresent())
                        .sorted(Comparator.comparing(p -> p.getFileName().toString())).forEach(folders::add);
            } catch (IOException e) {
                throw new ExtensionException("The apps folder cannot be listed: " + e.getMessage(), true, e);
            }
        }
        List<Found> found = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path folder : folders) {
            try {
                AppManifest manifest = ManifestReader.read(ManifestReader.manifestFile(folder).orElseThrow());
                if (!ids.add(manifest.id())) {
                    found.add(new Found(folder, null, "app id " + manifest.id() + " is already used by another folder", null));
                    continue;
                }
                found.add(new Found(folder, manifest, null, lastChange(folder, manifest)));
            } catch (ManifestException e) {
                found.add(new Found(folder, null, e.getMessage(), null));
            }
        }
        return found;
    }

    List<Found> apps(Path root) {
        List<Found> all = scan(root);
        all.stream().filter(f -> f.problem() != null)
                .forEach(f -> log.warn("App folder {} skipped: {}", f.folder().getFileName(), f.problem()));
        return all.stream().filter(f -> f.problem() == null).toList();
    }

    /**
     * The app with this id. When it is not found and some app folders could not be read, the message names
     * their problems: the app may be one of them.
     */
    Found find(Path root, String appId) {
        List<Found> all = scan(root);
        return all.stream().filter(f -> f.problem() == null && f.manifest().id().equals(appId)).findFirst()
                .orElseThrow(() -> {
                    List<String> problems = all.stream().filter(f -> f.problem() != null)
                            .map(f -> f.folder().getFileName() + ": " + f.problem()).toList();
                    return new ExtensionException("App " + shorten(appId) + " was not found in the apps folder"
                            + (problems.isEmpty() ? "" : "; these app folders could not be read: " + String.join("; ", problems)),
                            false);
                });
    }

    /** The app loaded in memory, reloaded when its files changed since. */
    LoadedApp load(Found found, String jdbcPassword) {
        String stamp = stamp(found) + "|" + Objects.hashCode(jdbcPassword);
        Loaded current = cache.get(found.folder());
        if (current != null && current.stamp().equals(stamp)) {
            return current.app();
        }
        synchronized (locks.computeIfAbsent(found.folder(), k -> new Object())) {
            current = cache.get(found.folder());
            if (current != null && current.stamp().equals(stamp)) {
                return current.app();
            }
            LoadedApp app = LoadedApp.load(found.manifest(), found.folder(), jdbcPassword);
            Loaded previous = cache.put(found.folder(), new Loaded(stamp, app));
            if (previous != null) {
                // Open sessions keep their own connections, which keep the old database alive until they close.
                previous.app().close();
            }
            return app;
        }
    }

    private static String stamp(Found found) {
        StringBuilder stamp = new StringBuilder(found.manifest().toString().hashCode() + ":");
        for (Path file : files(found.folder(), found.manifest())) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamp.append(file.getFileName()).append('@').append(attributes.lastModifiedTime().toMillis()).append('/')
                        .append(attributes.size()).append(';');
            } catch (IOException e) {
                stamp.append(file.getFileName()).append("@missing;");
            }
        }
        return stamp.toString();
    }

    private static List<Path> files(Path folder, AppManifest manifest) {
        List<Path> files = new ArrayList<>();
        ManifestReader.manifestFile(folder).ifPresent(files::add);
        manifest.tables().stream().map(t -> t.source().csv() != null ? t.source().csv() : t.source().parquet())
                .filter(Objects::nonNull).forEach(f -> files.add(folder.resolve(f)));
        return files;
    }

    private static Instant lastChange(Path folder, AppManifest manifest) {
        Instant last = null;
        for (Path file : files(folder, manifest)) {
            try {
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                if (last == null || modified.isAfter(last)) {
                    last = modified;
                }
            } catch (IOException e) {
                // a missing data file shows when the app is opened
            }
        }
        return last;
    }

    static String shorten(String s) {
        return s == null ? "null" : s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    void closeAll() {
        cache.values().forEach(l -> l.app().close());
        cache.clear();
    }
}
