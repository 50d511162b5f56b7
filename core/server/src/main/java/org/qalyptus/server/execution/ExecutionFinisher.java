package org.qalyptus.server.execution;

import java.util.List;
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

    void finish(Run run, ExecutionStatus status) {
        for (AfterRun step : after) {
            try {
                step.ended(run, status);
            } catch (RuntimeException e) {
                run.log.warn("After the run: " + e.getMessage());
            }
        }
        Long version = producer.recorded(run.id()).isEmpty() ? null : store.nextOutputVersion(run.execution);
        run.log.info("Ended: " + status + (run.log.errors() > 0 ? ", " + run.log.errors() + " error(s)" : "")
                + (run.log.warnings() > 0 ? ", " + run.log.warnings() + " warning(s)" : ""));
        run.log.flush();
        run.smtpLog.flush();
        String summary = status + ": " + run.log.errors() + " error(s), " + run.log.warnings() + " warning(s)";
        store.finish(run.id(), run.node, status, summary, run.log.warnings(), run.log.errors(), version);
    }
}
