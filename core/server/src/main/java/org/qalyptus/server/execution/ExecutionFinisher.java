package org.qalyptus.server.execution;

import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The start and end of a run on this node: its logs opened, then its final status written (with the output
 * version when it produced files) and the steps that follow an ending (notifications) run.
 */
@Component
class ExecutionFinisher {

    private final ExecutionStore store;
    private final FileProducer producer;
    private final List<AfterRun> after;

    ExecutionFinisher(ExecutionStore store, FileProducer producer, List<AfterRun> after) {
        this.store = store;
        this.producer = producer;
        this.after = after;
    }

    /** Something done once a run has its final status (notifications). */
    interface AfterRun {
        void ended(Run run, ExecutionStatus status);
    }

    Run begin(ExecutionDocument execution, String node) {
        ExecutionLog log = new ExecutionLog(store.mongo(), store.clock(), execution.id(), LogChunk.LOG, node);
        ExecutionLog smtp = new ExecutionLog(store.mongo(), store.clock(), execution.id(), LogChunk.SMTP, node);
        return new Run(execution, node, log, smtp, store);
    }

    /**
     * Writes the ending to the log, runs the steps that follow an ending (the notification gets the log so far
     * attached), then the final status. The status and the counts of the summary are those of the run itself:
     * what happens after (a notification that cannot be sent) is in the log only.
     */
    void finish(Run run, ExecutionStatus status) {
        int errors = run.log.errors();
        int warnings = run.log.warnings();
        run.log.info("Ended: " + status + (errors > 0 ? ", " + errors + " error(s)" : "")
                + (warnings > 0 ? ", " + warnings + " warning(s)" : ""));
        run.log.flush();
        run.smtpLog.flush();
        for (AfterRun step : after) {
            try {
                step.ended(run, status);
            } catch (RuntimeException e) {
                run.log.warn("After the run: " + e.getMessage());
            }
        }
        Boolean known = run.filesRecorded();
        boolean files = known != null ? known : !producer.recorded(run.id()).isEmpty();
        Long version = files ? store.nextOutputVersion(run.execution) : null;
        run.log.flush();
        run.smtpLog.flush();
        String summary = status + ": " + errors + " error(s), " + warnings + " warning(s)";
        store.finish(run.id(), run.node, status, summary, warnings, errors, version);
    }

    /** The text of an execution's log (or SMTP log) as written so far. */
    static String text(MongoTemplate mongo, String executionId, String kind) {
        Query query = new Query(Criteria.where("executionId").is(executionId).and("kind").is(kind))
                .with(Sort.by(Sort.Order.asc("at"), Sort.Order.asc("seq")));
        StringBuilder text = new StringBuilder();
        for (LogChunk chunk : mongo.find(query, LogChunk.class)) {
            chunk.lines().forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }
}
