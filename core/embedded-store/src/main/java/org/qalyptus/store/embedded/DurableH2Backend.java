package org.qalyptus.store.embedded;

import java.util.function.Supplier;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
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
 * A commit per write writes a chunk per write. With H2's default retention of 45 seconds before the
 * space of a dead chunk may be reused, a burst of writes grew the file to gigabytes for megabytes of
 * data, so the retention is set to zero. The retention guards two things. Flushing order: not needed
 * for a process crash, where the OS keeps every completed write, nor with fsync, where every commit
 * is forced before the next one may reuse space. Readers of an older version: each command pins the
 * version it reads instead, and cursors never outlive a command since mongo-java-server keeps their
 * remaining documents in memory.
 */
final class DurableH2Backend extends H2Backend {

    private final MVStore store;
    private final GroupCommit groupCommit;

    DurableH2Backend(MVStore store, boolean fsync) {
        super(store);
        this.store = store;
        store.setRetentionTime(0);
        this.groupCommit = new GroupCommit(() -> {
            store.commit();
            if (fsync) {
                store.sync();
            }
        });
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        boolean changesData = WriteCommands.changesData(command, query);
        try {
            return pinningReadVersion(() -> super.handleCommand(channel, databaseName, command, query));
        } finally {
            if (changesData) {
                // Also after a failure: an ordered batch that failed half-way has still written its first half.
                groupCommit.awaitCommitOfCompletedWrite();
            }
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
