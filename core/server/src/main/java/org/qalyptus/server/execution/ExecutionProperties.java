package org.qalyptus.server.execution;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The execution engine's settings ({@code qalyptus.execution.*}).
 *
 * @param concurrency executions one node runs at once
 * @param lease how long a claim lasts without a heartbeat; another node takes the execution over after it
 * @param poll how often an idle node looks for queued executions
 * @param scheduleScan how often a node looks for schedules that are due
 * @param appPoll how often connections are asked for app reload times (0 or negative: never)
 * @param storageRetries attempts of a storage delivery that fails with a retryable error
 * @param maxIterations the most files one iterated report may produce
 * @param enabled whether this node runs workers and the scheduler at all
 */
@ConfigurationProperties("qalyptus.execution")
public record ExecutionProperties(
        @DefaultValue("2") int concurrency,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("500ms") Duration poll,
        @DefaultValue("5s") Duration scheduleScan,
        @DefaultValue("60s") Duration appPoll,
        @DefaultValue("4") int storageRetries,
        @DefaultValue("10000") int maxIterations,
        @DefaultValue("true") boolean enabled) {

    public ExecutionProperties {
        concurrency = Math.max(1, concurrency);
        storageRetries = Math.max(1, storageRetries);
    }
}
