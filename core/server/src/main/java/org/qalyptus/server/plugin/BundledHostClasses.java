package org.qalyptus.server.plugin;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds host classes (the SPI or PF4J) inside a plugin's own class path. A plugin that bundles them
 * loads its own copy of the extension point types, so its extensions never match the host's and
 * silently vanish; naming the offending entry turns that into a clear refusal.
 */
final class BundledHostClasses {

    static final String SPI_PACKAGE = "org/qalyptus/spi/";
    static final String PF4J_PACKAGE = "org/pf4j/";

    private BundledHostClasses() {}

    /** The first host class found in the class path of {@code loader}, e.g. {@code org/pf4j/Plugin.class}. */
    static Optional<String> find(ClassLoader loader) {
        if (!(loader instanceof URLClassLoader urls)) {
            return Optional.empty();
        }
        for (URL url : urls.getURLs()) {
            Optional<String> found = find(url);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> find(URL url) {
        Path path;
        try {
            path = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (Files.isDirectory(path)) {
            return findInFolder(path);
        }
        if (Files.isRegularFile(path)) {
            return findInJar(path);
        }
        return Optional.empty();
    }

    private static Optional<String> findInFolder(Path root) {
        for (String pkg : new String[] {SPI_PACKAGE, PF4J_PACKAGE}) {
            Path dir = root.resolve(pkg);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    Optional<String> clazz = files.filter(p -> p.toString().endsWith(".class"))
                            .map(p -> root.relativize(p).toString().replace('\\', '/'))
                            .findFirst();
                    if (clazz.isPresent()) {
                        return clazz;
                    }
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> findInJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.endsWith(".class"))
                    .filter(name -> name.startsWith(SPI_PACKAGE) || name.startsWith(PF4J_PACKAGE))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
