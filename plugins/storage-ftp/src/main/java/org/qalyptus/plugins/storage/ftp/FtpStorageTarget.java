package org.qalyptus.plugins.storage.ftp;

import static org.qalyptus.plugins.storage.ftp.Failures.refused;
import static org.qalyptus.spi.UserText.quoted;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.pf4j.Extension;
import org.qalyptus.plugins.storage.ftp.FtpConnection.Entry;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.UserText;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.storage.DeliveryFile;
import org.qalyptus.spi.storage.DeliveryReceipt;
import org.qalyptus.spi.storage.StoragePath;
import org.qalyptus.spi.storage.StorageTarget;

/**
 * Delivers files to an FTP server, plain or with explicit TLS. Each file is uploaded in binary mode
 * under a hidden temporary name in its folder and renamed once complete, so that readers of the folder
 * never see half a file. Holds no state: one connection per call.
 */
@Extension
public class FtpStorageTarget implements StorageTarget {

    static final String TEMP_PREFIX = ".qalyptus-";
    static final String TEMP_SUFFIX = ".part";

    @Override
    public String typeId() {
        return "Ftp";
    }

    @Override
    public String displayName() {
        return "FTP / FTPS";
    }

    @Override
    public List<ConfigField> configFields() {
        return FtpSettings.FIELDS;
    }

    @Override
    public DeliveryReceipt deliver(Config config, DeliveryFile file) {
        // Everything that can be checked as text is, before connecting.
        FtpSettings settings = FtpSettings.from(config);
        StoragePath below = StoragePath.relative("folder", file.folder(), "the remote folder");
        String name = StoragePath.fileName(file.fileName());
        StoragePath shownFolder = settings.remoteFolder().then(below);
        try (FtpConnection ftp = FtpConnection.open(settings)) {
            ftp.enter(settings.remoteFolder(), "remote folder");
            ftp.enterCreating(below, shownFolder);
            long bytes = upload(ftp, settings, file, name, shown(shownFolder));
            String folder = ftp.workingFolder().orElse(shownFolder.toString());
            return new DeliveryReceipt("ftp://" + settings.server() + (folder.startsWith("/") ? "" : "/")
                    + (folder.endsWith("/") ? folder : folder + "/") + name, bytes);
        }
    }

    private static long upload(FtpConnection ftp, FtpSettings settings, DeliveryFile file, String name, String shownFolder) {
        checkTarget(ftp, settings, name, shownFolder);
        // The name does not derive from the file's own, so a long file name cannot overflow it.
        String temp = TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX;
        boolean published = false;
        try {
            long bytes;
            try (InputStream in = file.content().open()) {
                bytes = ftp.store(temp, in, quoted(name) + " into " + shownFolder);
            } catch (IOException e) {
                throw Failures.retryable("The file to deliver could not be read: " + e.getMessage(), e);
            }
            publish(ftp, settings, temp, name, shownFolder);
            published = true;
            return bytes;
        } finally {
            if (!published) {
                ftp.deleteQuietly(temp);
            }
        }
    }

    private static void checkTarget(FtpConnection ftp, FtpSettings settings, String name, String shownFolder) {
        Entry existing = ftp.entry(name);
        if (existing == Entry.FOLDER) {
            throw refused("A folder named " + quoted(name) + " already exists in " + shownFolder + " on " + settings.server() + ".");
        }
        if (existing == Entry.FILE && !settings.overwrite()) {
            throw alreadyExists(settings, name, shownFolder);
        }
    }

    /**
     * Renames the complete upload into place. FTP has no rename that refuses an existing target (most
     * servers replace it), so without 'overwrite' the name is checked again just before: the window
     * between the two is the one thing this cannot close.
     */
    private static void publish(FtpConnection ftp, FtpSettings settings, String temp, String name, String shownFolder) {
        if (!settings.overwrite() && ftp.entry(name) != Entry.NONE) {
            throw alreadyExists(settings, name, shownFolder);
        }
        if (ftp.rename(temp, name)) {
            return;
        }
        ExtensionException refusal = ftp.replyFailure("The server at " + settings.server() + " refused to rename the upload to "
                + quoted(name) + " in " + shownFolder);
        // Some servers (Windows ones) refuse to rename over an existing file: replace it in two steps.
        if (settings.overwrite() && !refusal.isRetryable() && ftp.entry(name) == Entry.FILE
                && ftp.delete(name) && ftp.rename(temp, name)) {
            return;
        }
        throw refusal;
    }

    /** Writes and removes a probe file in the test folder, after checking the remote folder exists. */
    @Override
    public ConnectionTestResult test(Config config) {
        FtpSettings settings;
        try {
            settings = FtpSettings.from(config);
        } catch (ExtensionException e) {
            return ConnectionTestResult.failed(e.getMessage());
        }
        try (FtpConnection ftp = FtpConnection.open(settings)) {
            ftp.enter(settings.remoteFolder(), "remote folder");
            StoragePath probeFolder = settings.testDirectory().isStart() ? settings.remoteFolder() : settings.testDirectory();
            String label = settings.testDirectory().isStart() ? "remote folder" : "test folder";
            ftp.enter(probeFolder, label);
            String shownProbeFolder = ftp.workingFolder().map(UserText::quoted).orElse(shown(probeFolder));
            probe(ftp, settings, shownProbeFolder);
            return ConnectionTestResult.ok("Connected to " + settings.server() + " as " + quoted(settings.username())
                    + security(settings) + "; a file was written to and removed from " + shownProbeFolder + ".");
        } catch (ExtensionException e) {
            return ConnectionTestResult.failed(e.getMessage());
        } catch (RuntimeException e) {
            return ConnectionTestResult.failed("The FTP server at " + settings.server() + " could not be checked: "
                    + e.getClass().getSimpleName() + ".");
        }
    }

    private static void probe(FtpConnection ftp, FtpSettings settings, String shownFolder) {
        String probe = TEMP_PREFIX + "probe-" + UUID.randomUUID() + TEMP_SUFFIX;
        boolean removed = false;
        try {
            ftp.store(probe, new ByteArrayInputStream("Qalyptus connection test\n".getBytes(StandardCharsets.US_ASCII)),
                    "a probe file into " + shownFolder);
            if (!ftp.delete(probe)) {
                throw ftp.replyFailure("A probe file was written to " + shownFolder + " but could not be removed; remove "
                        + quoted(probe) + " by hand and allow deleting files");
            }
            removed = true;
        } finally {
            if (!removed) {
                ftp.deleteQuietly(probe);
            }
        }
    }

    private static String security(FtpSettings settings) {
        if (!settings.tls()) {
            return " over plain FTP (not encrypted)";
        }
        return settings.certificatePin().isPresent()
                ? " over explicit TLS (pinned certificate)" : " over explicit TLS (certificate verified)";
    }

    private static String shown(StoragePath folder) {
        return folder.isStart() ? "the login folder" : quoted(folder.toString());
    }

    private static ExtensionException alreadyExists(FtpSettings settings, String name, String shownFolder) {
        return refused("A file named " + quoted(name) + " already exists in " + shownFolder + " on " + settings.server()
                + "; turn on 'overwrite' to replace it.");
    }
}
