package org.qalyptus.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

/**
 * A MongoDB-wire-protocol server on 127.0.0.1, keeping its data in one H2 MVStore file in the data folder.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private static final String LOOPBACK = "127.0.0.1";

    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path dataFile;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMongoServer(MongoServer server, Path dataFile) {
        this.server = server;
        this.address = server.getLocalAddress();
        this.dataFile = dataFile;
    }

    /**
     * Opens (or creates) the store file and starts listening.
     *
     * @throws DataFolderInUseException if another embedded store, in this process or another, has the data folder open
     * @throws UncheckedIOException     if the store folder cannot be created
     */
    public static EmbeddedMongoServer start(EmbeddedStoreOptions options) {
        Path dataFile = createStoreFolder(options.dataFile());
        DataFilesOpenInThisProcess.claim(dataFile, options.dataDirectory());
        try {
            MongoServer server = serve(openStore(options, dataFile), options);
            log.info("Embedded MongoDB store {} listening on {}:{}, durability {}{}", dataFile, LOOPBACK,
                server.getLocalAddress().getPort(), options.durability(), options.fsync() ? " with fsync" : "");
            return new EmbeddedMongoServer(server, dataFile);
        } catch (RuntimeException e) {
            DataFilesOpenInThisProcess.release(dataFile);
            throw e;
        }
    }

    /** @return the real path of the store file */
    private static Path createStoreFolder(Path dataFile) {
        try {
            Path folder = Files.createDirectories(dataFile.getParent());
            return folder.toRealPath().resolve(dataFile.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store folder " + dataFile.getParent(), e);
        }
    }

    private static MVStore openStore(EmbeddedStoreOptions options, Path dataFile) {
        MVStore.Builder builder = new MVStore.Builder().fileName(dataFile.toString());
        if (options.durability() == Durability.SYNC_ON_ACK) {
            DurableH2Backend.configure(builder);
        }
        try {
            return builder.open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw DataFolderInUseException.byAnotherProcess(options.dataDirectory(), e);
            }
            throw e;
        }
    }

    private static MongoServer serve(MVStore store, EmbeddedStoreOptions options) {
        MongoServer server;
        try {
            server = new MongoServer(backend(store, options));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        // On failure bind shuts the server down, which closes the backend and so the store.
        server.bind(new InetSocketAddress(LOOPBACK, options.port()));
        return server;
    }

    private static MongoBackend backend(MVStore store, EmbeddedStoreOptions options) {
        return switch (options.durability()) {
            case SYNC_ON_ACK -> new DurableH2Backend(store, options.fsync());
            case BACKGROUND -> new ConsistentH2Backend(store);
        };
    }

    /** Where clients connect, e.g. {@code mongodb://127.0.0.1:41235}. */
    public String connectionString() {
        return "mongodb://" + LOOPBACK + ":" + address.getPort();
    }

    public InetSocketAddress address() {
        return address;
    }

    /** The real path of the store file. */
    public Path dataFile() {
        return dataFile;
    }

    /**
     * Stops accepting connections, closes the open ones, commits whatever is left and closes the store
     * file, releasing the data folder. Does nothing when already closed.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdownNow();
            DataFilesOpenInThisProcess.release(dataFile);
            log.info("Embedded MongoDB store {} closed", dataFile);
        }
    }
}
