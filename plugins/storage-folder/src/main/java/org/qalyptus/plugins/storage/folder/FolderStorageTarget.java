package org.qalyptus.plugins.storage.folder;

import static org.qalyptus.plugins.storage.folder.DeliveryFailures.reason;
import static org.qalyptus.plugins.storage.folder.DeliveryFailures.retryable;
import static org.qalyptus.spi.UserText.quoted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.pf4j.Extension;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.config.ConfigFieldType;
import org.qalyptus.spi.storage.DeliveryFile;
import org.qalyptus.spi.storage.DeliveryReceipt;
import org.qalyptus.spi.storage.StorageTarget;

/**
 * Delivers files into a folder on the server, below a configured root that nothing written may leave:
 * sub folders, task folders and file names are checked as text, and every existing folder on the way is
 * resolved through its links and must still be inside the root. Holds no state.
 */
@Extension
public class FolderStorageTarget implements StorageTarget {

    static final String ROOT_FOLDER = "rootFolder";
    static final String SUB_FOLDER = "subFolder";
    static final String OVERWRITE = "overwrite";

    private static final List<ConfigField> FIELDS = List.of(
            ConfigField.of(ROOT_FOLDER, "Root folder", ConfigFieldType.PATH)
                    .asRequired()
                    .withDescription("Absolute folder on the server that files are written below. It must exist."),
            ConfigField.of(SUB_FOLDER, "Sub folder", ConfigFieldType.STRING)
                    .withDescription("Relative folder below the root, with '/' between folders; created when missing."),
            ConfigField.of(OVERWRITE, "Overwrite", ConfigFieldType.BOOLEAN)
                    .withDefault(false)
                    .withDescription("Replace a file of the same name; otherwise the delivery fails."));

    @Override
    public String typeId() {
        return "Folder";
    }

    @Override
    public String displayName() {
        return "Folder";
    }

    @Override
    public List<ConfigField> configFields() {
        return FIELDS;
    }

    @Override
    public DeliveryReceipt deliver(Config config, DeliveryFile file) {
        // Everything is checked before the first folder is created, so a refused delivery changes nothing.
        Path realRoot = RootFolder.realPath(config.string(ROOT_FOLDER).orElse(null));
        RelativePath folder = RelativePath.folder("sub folder", config.string(SUB_FOLDER).orElse(""))
                .then(RelativePath.folder("folder", file.folder()));
        RelativePath name = RelativePath.fileName(file.fileName());
        String fileName = name.segments().get(0);
        try {
            Path target = ContainedFolder.createBelow(realRoot, folder);
            long bytes = AtomicFileWriter.write(target, fileName, folder, file, config.bool(OVERWRITE));
            return new DeliveryReceipt(folder.then(name).toString(), bytes);
        } catch (IOException e) {
            throw retryable("Could not write " + quoted(fileName) + " into " + folder.shown(), e);
        }
    }

    /** Writes and removes a probe file where deliveries would go first, creating no folders. */
    @Override
    public ConnectionTestResult test(Config config) {
        String configuredRoot = config.string(ROOT_FOLDER).orElse(null);
        try {
            Path realRoot = RootFolder.realPath(configuredRoot);
            RelativePath subFolder = RelativePath.folder("sub folder", config.string(SUB_FOLDER).orElse(""));
            Path probeFolder = ContainedFolder.deepestExisting(realRoot, subFolder);
            probe(probeFolder);
            return ConnectionTestResult.ok("Files can be written to the root folder " + quoted(configuredRoot) + ".");
        } catch (ExtensionException e) {
            return ConnectionTestResult.failed(e.getMessage());
        } catch (IOException e) {
            return ConnectionTestResult.failed("Files cannot be written to the root folder "
                    + quoted(configuredRoot) + ": " + reason(e) + ".");
        } catch (RuntimeException e) {
            return ConnectionTestResult.failed("The folder could not be checked: " + e.getClass().getSimpleName() + ".");
        }
    }

    private static void probe(Path folder) throws IOException {
        Path probe = folder.resolve(AtomicFileWriter.TEMP_PREFIX + "probe-" + UUID.randomUUID() + AtomicFileWriter.TEMP_SUFFIX);
        try {
            Files.createFile(probe);
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
