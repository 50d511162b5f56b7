package org.qalyptus.server.execution;

/**
 * One execution as a node runs it: its document as claimed, its logs, and the flags the heartbeat raises
 * (stop requested, lease lost). Steps call {@link #checkpoint()} between them: a stop is honoured there.
 */
final class Run {

    /** Thrown at a checkpoint when the run must end now. */
    static final class Stopped extends RuntimeException {
        final boolean leaseLost;

        Stopped(boolean leaseLost) {
            super(leaseLost ? "the lease was lost" : "stop requested", null, false, false);
            this.leaseLost = leaseLost;
        }
    }

    final ExecutionDocument execution;
    final String node;
    final ExecutionLog log;
    final ExecutionLog smtpLog;
    private final ExecutionStore store;
    private volatile boolean stopRequested;
    private volatile boolean leaseLost;
    private int lastPercent = -1;
    /** The task as the runner read it at the start, for the steps after the end (null: not read, or not a task). */
    private volatile org.qalyptus.server.task.TaskDocument task;
    /** Whether the execution has files recorded, when the runner knows it (null: ask the store). */
    private volatile Boolean filesRecorded;

    Run(ExecutionDocument execution, String node, ExecutionLog log, ExecutionLog smtpLog, ExecutionStore store) {
        this.execution = execution;
        this.node = node;
        this.log = log;
        this.smtpLog = smtpLog;
        this.store = store;
        this.stopRequested = execution.stopRequested();
    }

    String id() {
        return execution.id();
    }

    void requestStop() {
        stopRequested = true;
    }

    void leaseLost() {
        leaseLost = true;
    }

    boolean isLeaseLost() {
        return leaseLost;
    }

    org.qalyptus.server.task.TaskDocument task() {
        return task;
    }

    void task(org.qalyptus.server.task.TaskDocument read) {
        task = read;
    }

    Boolean filesRecorded() {
        return filesRecorded;
    }

    void filesRecorded(boolean recorded) {
        filesRecorded = recorded;
    }

    void checkpoint() {
        if (leaseLost) {
            throw new Stopped(true);
        }
        if (stopRequested) {
            throw new Stopped(false);
        }
    }

    void progress(int percent, String step) {
        if (percent != lastPercent || percent == 0) {
            lastPercent = percent;
            if (!store.progress(execution.id(), node, percent, step)) {
                leaseLost = true;
            }
        }
    }
}
