package org.qalyptus.server.execution;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The log (or SMTP log) of one execution as it is written: lines buffered and inserted as
 * {@link LogChunk}s every {@value #CHUNK} lines and at every {@link #flush()}. Thread-safe. Counts warnings and
 * errors, which decide the final status.
 */
final class ExecutionLog {

    static final int CHUNK = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    private static final AtomicLong SEQ = new AtomicLong();

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String executionId;
    private final String kind;
    private final String node;
    private final List<String> buffer = new ArrayList<>();
    private final AtomicInteger warnings = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();

    ExecutionLog(MongoTemplate mongo, Clock clock, String executionId, String kind, String node) {
        this.mongo = mongo;
        this.clock = clock;
        this.executionId = executionId;
        this.kind = kind;
        this.node = node;
    }

    void info(String message) {
        line("INFO ", message);
    }

    void warn(String message) {
        warnings.incrementAndGet();
        line("WARN ", message);
    }

    void error(String message) {
        errors.incrementAndGet();
        line("ERROR", message);
    }

    /** A raw line (the SMTP conversation). */
    void raw(String text) {
        line("", text);
    }

    int warnings() {
        return warnings.get();
    }

    int errors() {
        return errors.get();
    }

    private void line(String level, String message) {
        String text = TIME.format(clock.instant()) + (level.isEmpty() ? " " : " " + level + " ") + message;
        List<String> full = null;
        synchronized (buffer) {
            buffer.add(text);
            if (buffer.size() >= CHUNK) {
                full = new ArrayList<>(buffer);
                buffer.clear();
            }
        }
        if (full != null) {
            write(full);
        }
    }

    void flush() {
        List<String> lines;
        synchronized (buffer) {
            if (buffer.isEmpty()) {
                return;
            }
            lines = new ArrayList<>(buffer);
            buffer.clear();
        }
        write(lines);
    }

    private void write(List<String> lines) {
        Instant now = clock.instant();
        mongo.insert(new LogChunk(UUID.randomUUID().toString(), executionId, kind, now, SEQ.incrementAndGet(), node, lines));
    }
}
