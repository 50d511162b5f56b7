package org.qalyptus.store.embedded;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds back the acknowledgement of a completed write until a commit that includes it has finished,
 * letting concurrent writers share one commit.
 * <p>
 * A commit includes every write that completed before the commit started. Each completed write
 * therefore takes the next number of a sequence, and a commit covers all numbers taken before it
 * began. One writer at a time commits, as leader; the others wait, and return without committing
 * when the leader's commit covers their number. A failed commit covers nothing, so its waiters try
 * again themselves and get the failure rather than an acknowledgement.
 */
final class GroupCommit {

    private final Runnable commit;
    private final AtomicLong completedWrites = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition commitFinished = lock.newCondition();
    private long committedWrites;
    private boolean commitInProgress;

    /**
     * @param commit persists everything written so far; runs in one thread at a time
     */
    GroupCommit(Runnable commit) {
        this.commit = commit;
    }

    /**
     * Call after a write has completed in memory; returns once a commit that includes it has finished.
     * Waiting is uninterruptible because returning early would acknowledge a write that may be lost.
     */
    void awaitCommitOfCompletedWrite() {
        long write = completedWrites.incrementAndGet();
        lock.lock();
        try {
            while (committedWrites < write) {
                if (commitInProgress) {
                    commitFinished.awaitUninterruptibly();
                } else {
                    commitAsLeader();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void commitAsLeader() {
        commitInProgress = true;
        long coveredWrites = completedWrites.get();
        boolean committed = false;
        lock.unlock();
        try {
            commit.run();
            committed = true;
        } finally {
            lock.lock();
            commitInProgress = false;
            if (committed) {
                committedWrites = coveredWrites;
            }
            commitFinished.signalAll();
        }
    }
}
