package org.qalyptus.spi.storage;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A file to deliver.
 *
 * @param fileName the file name, without any folder; the host has already replaced characters that
 *     are unsafe in file names, but a target must still refuse names that would leave its folder
 * @param folder a relative folder below the target's configured location, with {@code /} separators,
 *     or an empty string; it comes from task settings and must be checked like user input
 * @param mediaType the file's media type, such as {@code application/pdf}
 * @param size the number of bytes {@link #content()} yields
 * @param content opens the bytes; may be called more than once, each call returning a new stream the
 *     caller closes
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DeliveryFile(String fileName, String folder, String mediaType, long size, Content content) {

    public DeliveryFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        folder = folder == null ? "" : folder;
        mediaType = mediaType == null ? "application/octet-stream" : mediaType;
    }

    /** Opens the bytes of a file to deliver. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }
}
