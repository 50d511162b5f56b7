package org.qalyptus.server.store;

import java.nio.file.Path;
import org.qalyptus.store.embedded.Durability;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where data lives.
 *
 * @param dataDir the data folder (embedded store, generated secrets, initial credentials)
 * @param embedded settings of the embedded store, used when {@code spring.mongodb.uri} is not set
 */
@ConfigurationProperties("qalyptus")
public record StoreProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Embedded embedded) {

    /**
     * @param port the embedded store's port on 127.0.0.1; 0 picks a free one
     * @param durability when a write is safe: {@code SYNC_ON_ACK} (before it is acknowledged) or
     *     {@code BACKGROUND} (within about a second; loses writes when the process is killed)
     * @param fsync whether commits are also forced to the disk, to survive power loss
     */
    public record Embedded(
            @DefaultValue("0") int port,
            @DefaultValue("SYNC_ON_ACK") Durability durability,
            @DefaultValue("false") boolean fsync) {}
}
