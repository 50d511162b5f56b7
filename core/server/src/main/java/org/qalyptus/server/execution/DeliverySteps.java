package org.qalyptus.server.execution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.qalyptus.server.plugin.PluginHost;
import org.qalyptus.server.storageservice.StorageServiceDocument;
import org.qalyptus.server.storageservice.StorageServiceService;
import org.qalyptus.server.store.DataDirectory;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.storage.DeliveryFile;
import org.qalyptus.spi.storage.DeliveryReceipt;
import org.qalyptus.spi.storage.StorageTarget;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Delivering one stored file (or zip) to a storage service or the file storage folder, through the
 * delivery ledger: a delivery already done is not repeated; a retryable failure is retried with backoff
 * from the stored file, never rendering again.
 */
@Component
class DeliverySteps {

    /** Where the file storage folder of task reports lies: {@code <data>/deliveries/files/<organization>/...}. */
    static final String FILES_FOLDER = "deliveries/files";

    private final Deliveries deliveries;
    private final PluginHost plugins;
    private final StorageServiceService storageServices;
    private final MongoTemplate mongo;
    private final DataDirectory dataDirectory;
    private final ExecutionProperties properties;

    DeliverySteps(Deliveries deliveries, PluginHost plugins, StorageServiceService storageServices, MongoTemplate mongo,
            DataDirectory dataDirectory, ExecutionProperties properties) {
        this.deliveries = deliveries;
        this.plugins = plugins;
        this.storageServices = storageServices;
        this.mongo = mongo;
        this.dataDirectory = dataDirectory;
        this.properties = properties;
    }

    /** A file ready to deliver: its name, type, size and how to read it again. */
    record Payload(String fileKey, String fileName, String mediaType, long size, DeliveryFile.Content content) {}

    /** @return whether the delivery is done (now or before) */
    boolean toStorage(Run run, String serviceId, String folder, Payload payload) {
        String target = "storage:" + serviceId;
        Optional<DeliveryDocument> begun = deliveries.begin(run.id(), payload.fileKey(), target, "-", run.node);
        if (begun.isEmpty()) {
            run.log.info("'" + payload.fileName() + "' was already delivered to storage service " + serviceId);
            return true;
        }
        StorageServiceDocument service = mongo.findById(serviceId, StorageServiceDocument.class);
        if (service == null || !service.organizationId().equals(run.execution.organizationId())) {
            fail(run, payload, target, "storage service " + serviceId + " no longer exists");
            return false;
        }
        Optional<StorageTarget> plugin = plugins.extension(StorageTarget.class, service.type());
        if (plugin.isEmpty()) {
            fail(run, payload, target, "storage service '" + service.name() + "': no storage plugin of type " + service.type()
                    + " is installed");
            return false;
        }
        DeliveryFile file = new DeliveryFile(payload.fileName(), folder == null ? "" : folder, payload.mediaType(),
                payload.size(), payload.content());
        Duration backoff = Duration.ofMillis(500);
        for (int attempt = 1; ; attempt++) {
            run.checkpoint();
            try {
                DeliveryReceipt receipt = plugin.get().deliver(storageServices.config(plugin.get(), service), file);
                deliveries.end(run.id(), payload.fileKey(), target, "-", DeliveryDocument.DONE, null, receipt.location());
                run.log.info("'" + payload.fileName() + "' delivered to storage service '" + service.name() + "' at "
                        + receipt.location());
                return true;
            } catch (ExtensionException e) {
                if (e.isRetryable() && attempt < properties.storageRetries()) {
                    run.log.warn("Storage service '" + service.name() + "' failed for '" + payload.fileName() + "' (attempt "
                            + attempt + "), retrying in " + backoff.toMillis() + " ms: " + e.getMessage());
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2);
                    continue;
                }
                fail(run, payload, target, "storage service '" + service.name() + "' refused '" + payload.fileName() + "': "
                        + e.getMessage());
                return false;
            } catch (RuntimeException e) {
                fail(run, payload, target, "storage service '" + service.name() + "' failed for '" + payload.fileName()
                        + "': " + e.getMessage());
                return false;
            }
        }
    }

    /** Copies the file below the organization's file storage folder. */
    boolean toFolder(Run run, String folder, Payload payload) {
        Optional<DeliveryDocument> begun = deliveries.begin(run.id(), payload.fileKey(), "folder", "-", run.node);
        if (begun.isEmpty()) {
            return true;
        }
        Path root = dataDirectory.path().resolve(FILES_FOLDER).resolve(run.execution.organizationId()).normalize();
        Path directory = root.resolve(folder == null ? "" : folder.replace('\\', '/').replaceAll("^/+", "")).normalize();
        Path destination = directory.resolve(payload.fileName()).normalize();
        if (!directory.startsWith(root) || !destination.getParent().equals(directory)) {
            fail(run, payload, "folder", "the folder '" + folder + "' leaves the file storage folder");
            return false;
        }
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve(temporaryName(run.id(), payload.fileKey()));
            try (InputStream in = payload.content().open()) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            deliveries.end(run.id(), payload.fileKey(), "folder", "-", DeliveryDocument.DONE, null, destination.toString());
            run.log.info("'" + payload.fileName() + "' stored in the file storage folder " + root.relativize(destination));
            return true;
        } catch (IOException | RuntimeException e) {
            fail(run, payload, "folder", "'" + payload.fileName() + "' could not be stored in the file storage folder: "
                    + e.getMessage());
            return false;
        }
    }

    /**
     * The hidden name a file is written under before it is renamed into place. Fixed per (execution, file), so that
     * the attempt after a SIGKILL during the write overwrites what the dead node left and renames it; the
     * execution id leads, so that {@link #removeTemporaryFiles} finds what a dead node left of this execution.
     */
    static String temporaryName(String executionId, String fileKey) {
        return TEMPORARY_PREFIX + executionId + "-" + java.util.UUID.nameUUIDFromBytes(
                fileKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".tmp";
    }

    static final String TEMPORARY_PREFIX = ".delivery-";

    /**
     * Removes the temporary files an earlier attempt of this execution left in the organization's file storage folder
     * (a node killed while writing one): called when a node takes an execution over. @return how many were removed
     */
    int removeTemporaryFiles(Run run) {
        Path root = dataDirectory.path().resolve(FILES_FOLDER).resolve(run.execution.organizationId()).normalize();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        String prefix = TEMPORARY_PREFIX + run.id() + "-";
        int removed = 0;
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String name = path.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp") && Files.isRegularFile(path)) {
                    Files.deleteIfExists(path);
                    removed++;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            run.log.warn("Temporary files left by an earlier attempt could not all be removed from the file storage folder: "
                    + e.getMessage());
        }
        return removed;
    }

    private void fail(Run run, Payload payload, String target, String message) {
        deliveries.end(run.id(), payload.fileKey(), target, "-", DeliveryDocument.FAILED, message, null);
        run.log.error(message);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Run.Stopped(false);
        }
    }
}
