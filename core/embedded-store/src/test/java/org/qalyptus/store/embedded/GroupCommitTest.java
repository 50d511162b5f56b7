package org.qalyptus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class GroupCommitTest {

    private static final int WRITERS = 8;
    private static final int WRITES_PER_WRITER = 200;

    /** Stands for the store: writes done in memory, and how many of them the last finished commit saw. */
    private final AtomicLong writesInMemory = new AtomicLong();
    private final AtomicLong writesCommitted = new AtomicLong();
    private final AtomicInteger commits = new AtomicInteger();

    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void everyWriteIsCoveredByAFinishedCommitWhenItsWaitEnds() throws Exception {
        GroupCommit groupCommit = new GroupCommit(this::slowCommit);

        List<Long> uncoveredWrites = runConcurrentWriters(() -> {
            List<Long> uncovered = new ArrayList<>();
            for (int i = 0; i < WRITES_PER_WRITER; i++) {
                long write = writesInMemory.incrementAndGet();
                groupCommit.awaitCommitOfCompletedWrite();
                if (writesCommitted.get() < write) {
                    uncovered.add(write);
                }
            }
            return uncovered;
        });

        assertThat(uncoveredWrites).isEmpty();
    }

    @Test
    void concurrentWritersShareCommits() throws Exception {
        GroupCommit groupCommit = new GroupCommit(this::slowCommit);

        runConcurrentWriters(() -> {
            for (int i = 0; i < WRITES_PER_WRITER; i++) {
                writesInMemory.incrementAndGet();
                groupCommit.awaitCommitOfCompletedWrite();
            }
            return List.of();
        });

        assertThat(commits.get()).isLessThan(WRITERS * WRITES_PER_WRITER / 2);
    }

    @Test
    void aWriteWhoseCommitFailedGetsTheFailureAndTheNextWriteCommitsAgain() {
        AtomicInteger attempts = new AtomicInteger();
        GroupCommit groupCommit = new GroupCommit(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        });

        assertThatThrownBy(groupCommit::awaitCommitOfCompletedWrite).hasMessage("disk full");
        groupCommit.awaitCommitOfCompletedWrite();

        assertThat(attempts).hasValue(2);
    }

    private void slowCommit() {
        long seen = writesInMemory.get();
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        commits.incrementAndGet();
        writesCommitted.set(seen);
    }

    private List<Long> runConcurrentWriters(Callable<List<Long>> writer) throws Exception {
        List<Callable<List<Long>>> tasks = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            tasks.add(writer);
        }
        List<Long> results = new ArrayList<>();
        for (Future<List<Long>> result : writers.invokeAll(tasks)) {
            results.addAll(result.get());
        }
        return results;
    }
}
