package org.qalyptus.spi.storage;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.QalyptusExtension;
import org.qalyptus.spi.config.Config;

/**
 * A place generated files are delivered to: a folder, an FTP or SFTP server, a cloud drive.
 *
 * <p>The host calls {@link #deliver} once per file and records each delivery, so an implementation
 * delivers exactly the file it is given and does nothing else; it must not retry on its own for long
 * (the host retries deliveries that failed with a {@linkplain ExtensionException#isRetryable()
 * retryable} error without rendering again).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface StorageTarget extends QalyptusExtension {

    /**
     * Checks that the target is reachable and writable with this configuration, leaving nothing behind.
     * Never throws for a failed check: the result says what went wrong.
     */
    ConnectionTestResult test(Config config);

    /**
     * Writes one file into the target.
     *
     * @return where the file landed, in the target's own terms
     * @throws ExtensionException when the file could not be written; the message names the cause and
     *     the exception says whether retrying may help
     */
    DeliveryReceipt deliver(Config config, DeliveryFile file);
}
