package org.qalyptus.store.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run the embedded store.
 *
 * @param dataDirectory the server's data folder; the store file lives in its {@code store} sub-folder
 * @param port          the TCP port on 127.0.0.1, or 0 for any free port
 * @param durability    when writes become durable relative to their acknowledgement
 * @param fsync         with {@link Durability#SYNC_ON_ACK}, also force each commit to the disk so that
 *                      acknowledged writes survive a power loss, not only a process crash
 */
public record EmbeddedStoreOptions(Path dataDirectory, int port, Durability durability, boolean fsync) {

    private static final String STORE_FOLDER = "store";
    private static final String STORE_FILE = "qalyptus.mv.db";

    public EmbeddedStoreOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(durability, "durability");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (fsync && durability != Durability.SYNC_ON_ACK) {
            // Forcing a file nobody commits to on acknowledgement would only give a false sense of safety.
            throw new IllegalArgumentException("fsync requires durability " + Durability.SYNC_ON_ACK);
        }
    }

    /** A free port, {@link Durability#SYNC_ON_ACK}, no fsync. */
    public static EmbeddedStoreOptions inDataDirectory(Path dataDirectory) {
        return new EmbeddedStoreOptions(dataDirectory, 0, Durability.SYNC_ON_ACK, false);
    }

    public EmbeddedStoreOptions withPort(int port) {
        return new EmbeddedStoreOptions(dataDirectory, port, durability, fsync);
    }

    public EmbeddedStoreOptions withDurability(Durability durability) {
        return new EmbeddedStoreOptions(dataDirectory, port, durability, fsync);
    }

    public EmbeddedStoreOptions withFsync(boolean fsync) {
        return new EmbeddedStoreOptions(dataDirectory, port, durability, fsync);
    }

    /** The MVStore file holding all databases. */
    public Path dataFile() {
        return dataDirectory.resolve(STORE_FOLDER).resolve(STORE_FILE);
    }
}
