package org.qalyptus.plugins.storage.sftp;

import static org.qalyptus.plugins.storage.sftp.Failures.refused;
import static org.qalyptus.spi.UserText.quoted;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.pf4j.Extension;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.storage.DeliveryFile;
import org.qalyptus.spi.storage.DeliveryReceipt;
import org.qalyptus.spi.storage.StoragePath;
import org.qalyptus.spi.storage.StorageTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers files to an SFTP server whose host key is pinned (or, if allowed, trusted on first use).
 * Each file is written under a hidden temporary name in its folder and renamed once complete, so that
 * readers never see half a file. Holds no state: one SSH connection per call.
 *
 * <p>Pinning: plugins cannot change their settings, so this plugin reports the key it saw (the test
 * result's message contains {@code SHA256:...}) and the host persists it as {@code hostKeyFingerprint}.
 */
@Extension
public class SftpStorageTarget implements StorageTarget {

    private static final Logger log = LoggerFactory.getLogger(SftpStorageTarget.class);

    static final String TEMP_PREFIX = ".qalyptus-";
    static final String TEMP_SUFFIX = ".part";

    @Override
    public String typeId() {
        return "Sftp";
    }

    @Override
    public String displayName() {
        return "SFTP";
    }

    @Override
    public List<ConfigField> configFields() {
        return SftpSettings.FIELDS;
    }

    @Override
    public DeliveryReceipt deliver(Config config, DeliveryFile file) {
        // Everything that can be checked without the server is, before connecting.
        SftpSettings settings = SftpSettings.from(config);
        StoragePath below = StoragePath.relative("folder", file.folder(), "the remote folder");
        String name = StoragePath.fileName(file.fileName());
        return withPluginClassLoader(() -> {
            Optional<KeyPair> key = PrivateKeys.read(settings);
            try (SftpConnection sftp = SftpConnection.open(settings, key)) {
                warnIfTrustedOnFirstUse(settings, sftp);
                String base = sftp.resolve(settings.remoteFolder());
                sftp.requireFolder(base, settings.remoteFolder(), "remote folder");
                String shownFolder = shown(settings.remoteFolder().then(below));
                String folder = sftp.createFolders(base, below, shownFolder);
                String target = (folder.endsWith("/") ? folder : folder + "/") + name;
                long bytes = upload(sftp, settings, file, folder, target, name, shownFolder);
                return new DeliveryReceipt("sftp://" + settings.server() + (target.startsWith("/") ? "" : "/") + target, bytes);
            }
        });
    }

    private static long upload(SftpConnection sftp, SftpSettings settings, DeliveryFile file, String folder, String target,
            String name, String shownFolder) {
        checkTarget(sftp, settings, target, name, shownFolder);
        // The name does not derive from the file's own, so a long file name cannot overflow it.
        String temp = (folder.endsWith("/") ? folder : folder + "/") + TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX;
        boolean published = false;
        try {
            long bytes;
            try (InputStream in = file.content().open()) {
                bytes = sftp.store(temp, in, quoted(name) + " into " + shownFolder);
            } catch (IOException e) {
                throw Failures.retryable("The file to deliver could not be read: " + e.getMessage(), e);
            }
            publish(sftp, settings, temp, target, name, shownFolder);
            published = true;
            return bytes;
        } finally {
            if (!published) {
                sftp.removeQuietly(temp);
            }
        }
    }

    private static void checkTarget(SftpConnection sftp, SftpSettings settings, String target, String name, String shownFolder) {
        Optional<Attributes> existing = sftp.stat(target, quoted(name));
        if (existing.isPresent() && existing.get().isDirectory()) {
            throw refused("A folder named " + quoted(name) + " already exists in " + shownFolder + " on " + settings.server() + ".");
        }
        if (existing.isPresent() && !settings.overwrite()) {
            throw alreadyExists(settings, name, shownFolder);
        }
    }

    /**
     * Renames the complete upload into place. Without 'overwrite' an SFTP version 3 rename refuses an
     * existing target, so a file created meanwhile is never replaced; with it, OpenSSH's posix-rename
     * replaces in one step.
     */
    private static void publish(SftpConnection sftp, SftpSettings settings, String temp, String target, String name,
            String shownFolder) {
        try {
            if (settings.overwrite()) {
                sftp.renameReplacing(temp, target);
            } else {
                sftp.renameNew(temp, target);
            }
        } catch (IOException e) {
            if (!settings.overwrite() && sftp.stat(target, quoted(name)).isPresent()) {
                throw alreadyExists(settings, name, shownFolder);
            }
            throw sftp.failure("Could not rename the upload to " + quoted(name) + " in " + shownFolder + " on " + settings.server(), e);
        }
    }

    /** Checks the remote folder, then writes and removes a probe file in the test folder. */
    @Override
    public ConnectionTestResult test(Config config) {
        SftpSettings settings;
        try {
            settings = SftpSettings.from(config);
        } catch (ExtensionException e) {
            return ConnectionTestResult.failed(e.getMessage());
        }
        try {
            return withPluginClassLoader(() -> {
                Optional<KeyPair> key = PrivateKeys.read(settings);
                try (SftpConnection sftp = SftpConnection.open(settings, key)) {
                    String base = sftp.resolve(settings.remoteFolder());
                    sftp.requireFolder(base, settings.remoteFolder(), "remote folder");
                    boolean ownTestFolder = !settings.testDirectory().isStart();
                    StoragePath probeFolder = ownTestFolder ? settings.testDirectory() : settings.remoteFolder();
                    String probePath = ownTestFolder ? sftp.resolve(probeFolder) : base;
                    if (ownTestFolder) {
                        sftp.requireFolder(probePath, probeFolder, "test folder");
                    }
                    probe(sftp, probePath);
                    return ConnectionTestResult.ok("Connected to " + settings.server() + " as " + quoted(settings.username())
                            + " with the " + loggedInWith(settings, key) + "; a file was written to and removed from "
                            + quoted(probePath) + ". " + hostKeyReport(settings, sftp.hostKeys()));
                }
            });
        } catch (ExtensionException e) {
            return ConnectionTestResult.failed(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return ConnectionTestResult.failed("The SFTP server at " + settings.server() + " could not be checked: "
                    + e.getClass().getSimpleName() + ".");
        }
    }

    private static void probe(SftpConnection sftp, String folder) {
        String probe = (folder.endsWith("/") ? folder : folder + "/") + TEMP_PREFIX + "probe-" + UUID.randomUUID() + TEMP_SUFFIX;
        boolean removed = false;
        try {
            sftp.store(probe, new ByteArrayInputStream("Qalyptus connection test\n".getBytes(StandardCharsets.US_ASCII)),
                    "a probe file into " + quoted(folder));
            try {
                sftp.remove(probe);
            } catch (IOException e) {
                throw sftp.failure("A probe file was written to " + quoted(folder) + " but could not be removed; remove "
                        + quoted(probe) + " by hand and allow deleting files", e);
            }
            removed = true;
        } finally {
            if (!removed) {
                sftp.removeQuietly(probe);
            }
        }
    }

    private static String loggedInWith(SftpSettings settings, Optional<KeyPair> key) {
        return key.isPresent() ? (settings.password().isPresent() ? "private key or password" : "private key") : "password";
    }

    /**
     * Says how the host key was checked and always gives its fingerprint in the form the host extracts
     * ({@link HostKeyFingerprint#IN_TEXT}) to pin it when it was trusted on first use.
     */
    private static String hostKeyReport(SftpSettings settings, HostKeyCheck hostKeys) {
        String key = hostKeys.presentedKey();
        if (hostKeys.outcome() == HostKeyCheck.Outcome.TRUSTED_ON_FIRST_USE) {
            return "The host key was trusted on first use: " + key + ". Save this fingerprint as the host key "
                    + "fingerprint to pin it; until then any key is accepted.";
        }
        return "The host key matches the pinned fingerprint (" + key + ").";
    }

    private static void warnIfTrustedOnFirstUse(SftpSettings settings, SftpConnection sftp) {
        if (sftp.hostKeys().outcome() == HostKeyCheck.Outcome.TRUSTED_ON_FIRST_USE) {
            log.warn("SFTP server {} trusted on first use, its host key is not pinned: {}", settings.server(),
                    sftp.hostKeys().presentedKey());
        }
    }

    private static String shown(StoragePath folder) {
        return folder.isStart() ? "the login folder" : quoted(folder.toString());
    }

    private static ExtensionException alreadyExists(SftpSettings settings, String name, String shownFolder) {
        return refused("A file named " + quoted(name) + " already exists in " + shownFolder + " on " + settings.server()
                + "; turn on 'overwrite' to replace it.");
    }

    /**
     * Runs SSHD with this plugin's class loader as the thread's context loader, and its Ed25519 provider
     * isolated ({@link IsolatedSecurityProviders}). SSHD creates some of its classes (security registrars,
     * service factories) through the context class loader first: on a host thread that loader is the
     * host's, which either does not see this plugin's libraries or, worse, has its own copy of SSHD whose
     * classes would not match this plugin's. Threads SSHD starts inherit the plugin's loader.
     */
    private static <T> T withPluginClassLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SftpStorageTarget.class.getClassLoader());
        try {
            IsolatedSecurityProviders.apply();
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
