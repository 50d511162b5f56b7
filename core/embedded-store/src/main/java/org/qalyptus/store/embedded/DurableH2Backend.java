package org.qalyptus.store.embedded;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * The H2 backend, committing the store after every data-changing command and before its reply is sent.
 * <p>
 * Every command reaches {@link #handleCommand}, whether it came as OP_MSG (through
 * {@code handleMessage}) or as a legacy OP_QUERY on {@code $cmd}, and the wire handler writes the
 * reply only after it returns: so returning only once the commit is done means no write is
 * acknowledged before it is in the store file.
 * <p>
 * A command changes several maps one after the other (documents, then each index, then the size),
 * so a commit taken in the middle would save a half-done command, which a crash before its own
 * commit would leave in the file. Commits therefore wait for the data-changing commands in progress,
 * and H2's own automatic commits are turned off (see {@link #configure}).
 * <p>
 * A commit per write writes a chunk per write, and H2 by default reuses the space of a dead chunk
 * only 45 seconds later: 20,000 single inserts grew the file to 735 MB, where stock settings need 12 MB. The
 * retention is therefore zero, and {@link StoreCommit} compacts. The retention guards two things.
 * Flushing order: not needed for a process crash, where the OS keeps every completed write, nor
 * with fsync, where every commit is forced before the next one may reuse space. Readers of an older
 * version: every command pins the version it reads, and cursors never outlive a command since
 * mongo-java-server keeps their remaining documents in memory.
 */
final class DurableH2Backend extends ConsistentH2Backend {

    private final MVStore store;
    private final GroupCommit groupCommit;
    private final Lock changingData;

    /**
     * @param store opened from a builder passed through {@link #configure}
     */
    DurableH2Backend(MVStore store, boolean fsync) {
        super(store);
        this.store = store;
        store.setRetentionTime(0);
        ReadWriteLock changesVersusCommit = new ReentrantReadWriteLock();
        this.changingData = changesVersusCommit.readLock();
        this.groupCommit = new GroupCommit(new StoreCommit(store, changesVersusCommit.writeLock(), fsync));
    }

    /** Leaves all commits to this backend: no background commits, none when unsaved changes pile up. */
    static MVStore.Builder configure(MVStore.Builder builder) {
        return builder.autoCommitDisabled().autoCommitBufferSize(0);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!WriteCommands.changesData(command, query)) {
            return pinningReadVersion(() -> super.handleCommand(channel, databaseName, command, query));
        }
        changingData.lock();
        try {
            return pinningReadVersion(() -> super.handleCommand(channel, databaseName, command, query));
        } finally {
            changingData.unlock();
            // Also after a failure: an ordered batch that failed half-way has still written its first half.
            groupCommit.awaitCommitOfCompletedWrite();
        }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return pinningReadVersion(() -> super.handleQuery(query));
    }

    private <T> T pinningReadVersion(Supplier<T> operation) {
        MVStore.TxCounter pin = store.registerVersionUsage();
        try {
            return operation.get();
        } finally {
            store.deregisterVersionUsage(pin);
        }
    }
}
