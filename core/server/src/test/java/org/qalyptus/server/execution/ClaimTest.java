package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.RunningServer;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Claiming queued executions on the store (the server's own workers off): never more than asked (the node's free slots),
 * highest priority first, oldest first within one, and each execution claimed once when several nodes claim at once,
 * whether they claim one or two at a time (one findAndModify each) or more (one update for the batch).
 */
class ClaimTest {

    @TempDir
    static Path dataDir;

    static RunningServer server;
    static MongoTemplate mongo;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS, "--qalyptus.execution.enabled=false");
        mongo = server.bean(MongoTemplate.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void empty() {
        mongo.remove(new Query(), ExecutionDocument.class);
    }

    static ExecutionStore store() {
        return new ExecutionStore(mongo, Clock.systemUTC(), new ExecutionProperties(2, Duration.ofSeconds(30),
                Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(60), 4, 10_000, false));
    }

    static ExecutionDocument queued(int priority, Instant createdAt) {
        return new ExecutionDocument(UUID.randomUUID().toString(), ExecutionDocument.TASK, "org", "project",
                UUID.randomUUID().toString(), null, "Claim", new ExecutionDocument.Trigger("Manual", null, null, null),
                ExecutionStatus.Queued.name(), priority, createdAt, null, null, 0, "Queued", null, null, null, false, 0, null, null,
                null, null, null, 0, 0);
    }

    @Test
    void highestPriorityFirstThenOldestAndNeverMoreThanAsked() {
        Instant t = Instant.now().minusSeconds(60);
        ExecutionDocument lowOld = queued(0, t);
        ExecutionDocument highNew = queued(10, t.plusSeconds(3));
        ExecutionDocument highOld = queued(10, t.plusSeconds(1));
        ExecutionDocument middle = queued(5, t.plusSeconds(2));
        mongo.insertAll(List.of(lowOld, highNew, highOld, middle));
        ExecutionStore store = store();
        List<ExecutionDocument> first = store.claim("node-a", 1);
        assertThat(first).extracting(ExecutionDocument::id).containsExactly(highOld.id());
        assertThat(first.get(0).status()).isEqualTo("Running");
        assertThat(first.get(0).leaseOwner()).isEqualTo("node-a");
        assertThat(first.get(0).startedAt()).isNotNull();
        assertThat(first.get(0).claims()).isEqualTo(1);
        assertThat(store.claim("node-a", 2)).extracting(ExecutionDocument::id).containsExactly(highNew.id(), middle.id());
        assertThat(store.claim("node-a", 2)).extracting(ExecutionDocument::id).containsExactly(lowOld.id());
        assertThat(store.claim("node-a", 2)).isEmpty();
    }

    @Test
    void nodesClaimingAtOnceClaimEachExecutionOnce() throws Exception {
        Instant t = Instant.now().minusSeconds(60);
        List<ExecutionDocument> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.add(queued(i % 3, t.plusMillis(i)));
        }
        mongo.insertAll(all);
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        List<String> doubles = Collections.synchronizedList(new ArrayList<>());
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                String node = "node-" + n;
                int max = n < 2 ? 1 + n : 7; // one or two at a time (findAndModify each), or a batch
                ExecutionStore store = store();
                running.add(nodes.submit(() -> {
                    while (true) {
                        List<ExecutionDocument> claimed = store.claim(node, max);
                        assertThat(claimed.size()).isLessThanOrEqualTo(max);
                        if (claimed.isEmpty() && claimedBy.size() >= 300) {
                            return null;
                        }
                        for (ExecutionDocument e : claimed) {
                            assertThat(e.leaseOwner()).isEqualTo(node);
                            if (claimedBy.putIfAbsent(e.id(), node) != null) {
                                doubles.add(e.id());
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(doubles).isEmpty();
        assertThat(claimedBy).hasSize(300);
        assertThat(mongo.findAll(ExecutionDocument.class)).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo("Running");
            assertThat(e.claims()).isEqualTo(1);
            assertThat(e.leaseOwner()).isEqualTo(claimedBy.get(e.id()));
        });
        assertThat(new java.util.HashSet<>(claimedBy.values())).as("nodes that claimed some").hasSizeGreaterThan(1);
    }
}
