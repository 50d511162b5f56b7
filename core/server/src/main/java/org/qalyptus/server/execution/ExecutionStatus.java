package org.qalyptus.server.execution;

/** Where an execution is: queued, then running, then one of the final states. */
public enum ExecutionStatus {
    Queued, Running, Completed, Warning, Failed, Aborted;

    public boolean isFinal() {
        return this != Queued && this != Running;
    }
}
