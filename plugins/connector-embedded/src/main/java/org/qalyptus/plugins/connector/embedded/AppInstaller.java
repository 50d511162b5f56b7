package org.qalyptus.plugins.connector.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.qalyptus.plugins.connector.embedded.engine.LoadedApp;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest;
import org.qalyptus.plugins.connector.embedded.manifest.ManifestException;
import org.qalyptus.plugins.connector.embedded.manifest.ManifestReader;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppAlreadyExistsException;

/**
 * Installs uploaded apps into an apps folder and removes them. An uploaded app reads only the CSV and
 * Parquet files of its own archive: a JDBC source would let whoever uploads it reach any database the
 * server can, with the connection's password. The app is checked by loading it before it is installed;
 * it is copied beside the apps under a hidden name, which {@link AppFolders} skips, then renamed into place.
 */
final class AppInstaller {

    /** Folders the apps folder holds while an app is being installed or removed; never listed as apps. */
    static final String HIDDEN_PREFIX = ".";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final AppFolders folders;
    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    AppInstaller(AppFolders folders) {
        this.folders = folders;
    }

    AppFolders.Found install(Path root, Path unpacked, boolean replace) {
        if (ManifestReader.manifestFile(root).isPresent()) {
            throw new ExtensionException("The connection's apps folder is a single app; uploads need a folder of apps", false);
        }
        AppManifest manifest = readManifest(unpacked);
        for (AppManifest.TableDef table : manifest.tables()) {
            if (table.source().jdbc() != null) {
                throw new ExtensionException("Table " + table.name() + " reads from a JDBC source: uploaded apps read only "
                        + "the CSV and Parquet files of their archive", false);
            }
        }
        // Loading is the check that every data file is there, inside the app, and of the declared types.
        LoadedApp.load(manifest, unpacked).close();
        synchronized (locks.computeIfAbsent(root, k -> new Object())) {
            AppFolders.Found existing = folders.apps(root).stream()
                    .filter(found -> found.manifest().id().equals(manifest.id())).findFirst().orElse(null);
            if (existing != null && !replace) {
                throw new AppAlreadyExistsException(manifest.id(), "App " + manifest.id() + " ('" + existing.manifest().name()
                        + "') already exists in this connection; replace it or change the id in the manifest");
            }
            Path staging = root.resolve(HIDDEN_PREFIX + "upload-" + UUID.randomUUID());
            try {
                copyTree(unpacked, staging);
                if (existing != null) {
                    Path trash = root.resolve(HIDDEN_PREFIX + "trash-" + UUID.randomUUID());
                    Files.move(existing.folder(), trash, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(staging, existing.folder(), StandardCopyOption.ATOMIC_MOVE);
                    deleteTree(trash);
                } else {
                    Files.move(staging, freeFolder(root, manifest.id()), StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException | UncheckedIOException e) {
                deleteQuietly(staging);
                throw new ExtensionException("The app could not be written to the apps folder: " + e.getMessage(), true, e);
            }
            return folders.find(root, manifest.id());
        }
    }

    void remove(Path root, String appId) {
        synchronized (locks.computeIfAbsent(root, k -> new Object())) {
            AppFolders.Found found = folders.find(root, appId);
            if (found.folder().equals(root)) {
                throw new ExtensionException("The connection's apps folder is this single app; it cannot be removed", false);
            }
            Path trash = root.resolve(HIDDEN_PREFIX + "trash-" + UUID.randomUUID());
            try {
                Files.move(found.folder(), trash, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(trash);
            } catch (IOException | UncheckedIOException e) {
                throw new ExtensionException("The app could not be removed: " + e.getMessage(), true, e);
            }
        }
    }

    private static AppManifest readManifest(Path unpacked) {
        Path file = ManifestReader.manifestFile(unpacked).orElseThrow(() -> new ExtensionException(
                "The archive holds no app.yaml, app.yml or app.json at its top (or in its single top folder)", false));
        try {
            return ManifestReader.read(file);
        } catch (ManifestException e) {
            throw new ExtensionException(e.getMessage(), false, e);
        }
    }

    /** The app's id as its folder name when it is a plain name that is free, otherwise a fresh one. */
    private static Path freeFolder(Path root, String appId) {
        if (PLAIN_NAME.matcher(appId).matches() && !Files.exists(root.resolve(appId))) {
            return root.resolve(appId);
        }
        return root.resolve("app-" + UUID.randomUUID());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteQuietly(Path folder) {
        try {
            deleteTree(folder);
        } catch (IOException e) {
            // a hidden leftover is skipped by listings
        }
    }
}
