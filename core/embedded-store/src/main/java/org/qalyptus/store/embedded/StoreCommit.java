package org.qalyptus.store.embedded;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.h2.mvstore.MVStore;

/**
 * Commits the store between data-changing commands, never in the middle of one, and takes over the
 * chunk compaction that H2's background writer would do.
 * <p>
 * Committing one change at a time leaves many chunks holding a few live pages among dead ones; H2
 * only reuses a chunk's space once none of its pages is live, so without compaction the file keeps
 * growing. Once a second at most, the pages of the sparsest chunks are rewritten and committed.
 */
final class StoreCommit implements Runnable {

    private static final long COMPACTION_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** H2's background writer aims at 81% while the store is busy. */
    private static final int COMPACTION_TARGET_FILL_RATE = 81;
    private static final int COMPACTION_WRITE_LIMIT_BYTES = 4 * 1024 * 1024;

    private final MVStore store;
    private final Lock noCommandChangingData;
    private final boolean fsync;
    private long lastCompaction = System.nanoTime();

    /**
     * @param noCommandChangingData held while committing, so that a commit never includes half a command
     */
    StoreCommit(MVStore store, Lock noCommandChangingData, boolean fsync) {
        this.store = store;
        this.noCommandChangingData = noCommandChangingData;
        this.fsync = fsync;
    }

    /** Called by one thread at a time. */
    @Override
    public void run() {
        noCommandChangingData.lock();
        try {
            store.commit();
            compactWhenDue();
        } finally {
            noCommandChangingData.unlock();
        }
        if (fsync) {
            store.sync();
        }
    }

    private void compactWhenDue() {
        long now = System.nanoTime();
        if (now - lastCompaction >= COMPACTION_INTERVAL_NANOS) {
            lastCompaction = now;
            if (store.compact(COMPACTION_TARGET_FILL_RATE, COMPACTION_WRITE_LIMIT_BYTES)) {
                store.commit();
            }
        }
    }
}
