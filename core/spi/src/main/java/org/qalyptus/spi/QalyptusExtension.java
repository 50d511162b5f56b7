package org.qalyptus.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.pf4j.ExtensionPoint;
import org.qalyptus.spi.config.ConfigField;

/**
 * What every extension point has in common: a stable type id, a display name and the description of
 * its settings.
 *
 * <p>Lifecycle: the host creates one instance per extension when the plugin starts and calls it from
 * many threads at once, so implementations must be thread-safe and keep per-call state in locals.
 * Settings are passed to every call; an extension must not cache anything that depends on them
 * without keying it by them.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface QalyptusExtension extends ExtensionPoint {

    /**
     * The stable id stored in documents that use this extension (for example {@code Folder} or
     * {@code Pdf}). It must never change between plugin versions, and must be unique per extension point.
     */
    String typeId();

    /** A short human name shown in the console. Defaults to the type id. */
    default String displayName() {
        return typeId();
    }

    /**
     * The settings this extension takes, in display order. The host validates every configuration
     * against them before it reaches the extension, applies defaults, and stores secret fields
     * encrypted and never returns them.
     */
    default List<ConfigField> configFields() {
        return List.of();
    }
}
