package org.qalyptus.store.embedded;

/**
 * When a write becomes durable relative to the moment the client is told it succeeded.
 */
public enum Durability {

    /**
     * Every command that changes data is committed to the store file before its reply leaves the
     * server, so an acknowledged write survives the process being killed. Concurrent writers share
     * commits. This is the default.
     */
    SYNC_ON_ACK,

    /**
     * mongo-java-server's stock behaviour: the store commits in the background about once a second.
     * UNSAFE: writes acknowledged in the last second or so are lost when the process is killed.
     * Kept as the baseline for the durability benchmark.
     */
    BACKGROUND
}
