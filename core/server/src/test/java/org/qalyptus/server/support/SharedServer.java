package org.qalyptus.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One server for the test classes that only read or add independent data, started on first use and
 * stopped when the test JVM exits, so the suite pays for one start instead of one per class.
 */
public final class SharedServer {

    private static RunningServer server;

    private SharedServer() {}

    public static synchronized RunningServer get() {
        if (server == null) {
            try {
                Path dataDir = Files.createTempDirectory("qalyptus-shared-");
                server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    public static String ownerKey() {
        return get().credentials().apiKey();
    }
}
