package org.qalyptus.server.execution;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This node's workers: claim queued executions (or executions whose lease expired) up to the node's
 * concurrency, keep their leases alive with heartbeats, and run them. A heartbeat that finds the lease lost
 * (another node took over) or a stop request tells the run, which ends at its next checkpoint.
 */
@Component
class Workers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Workers.class);

    private final ExecutionStore store;
    private final ExecutionProperties properties;
    private final NodeId node;
    private final TaskRunner tasks;
    private final OnDemandRunner onDemand;
    private final ExecutionFinisher finisher;
    private final Semaphore slots;
    private final Map<String, Run> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private ExecutorService pool;
    private volatile boolean started;

    Workers(ExecutionStore store, ExecutionProperties properties, NodeId node, TaskRunner tasks, OnDemandRunner onDemand,
            ExecutionFinisher finisher) {
        this.store = store;
        this.properties = properties;
        this.node = node;
        this.tasks = tasks;
        this.onDemand = onDemand;
        this.finisher = finisher;
        this.slots = new Semaphore(properties.concurrency());
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        timer = Executors.newScheduledThreadPool(1, r -> daemon(r, "execution-poll"));
        pool = Executors.newFixedThreadPool(properties.concurrency(), r -> daemon(r, "execution-" + threads.incrementAndGet()));
        started = true;
        timer.scheduleWithFixedDelay(this::poll, 0, properties.poll().toMillis(), TimeUnit.MILLISECONDS);
        long beat = Math.max(100, properties.lease().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::heartbeats, beat, beat, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Looks for work now (after an execution was queued on this node). */
    void wake() {
        ScheduledExecutorService current = timer;
        if (started && current != null) {
            try {
                current.execute(this::poll);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // shutting down
            }
        }
    }

    /** Tells a run of this node that a stop was requested (the heartbeat would tell it too, a little later). */
    void stop(String executionId) {
        Run run = running.get(executionId);
        if (run != null) {
            run.requestStop();
        }
    }

    private void poll() {
        try {
            while (started) {
                // every free slot at once: one claim (one store write) for them all
                int free = slots.availablePermits();
                if (free <= 0 || !slots.tryAcquire(free)) {
                    return;
                }
                List<ExecutionDocument> claimed;
                try {
                    claimed = store.claim(node.value(), free);
                } catch (RuntimeException e) {
                    slots.release(free);
                    throw e;
                }
                slots.release(free - claimed.size());
                for (int i = 0; i < claimed.size(); i++) {
                    ExecutionDocument execution = claimed.get(i);
                    try {
                        pool.execute(() -> {
                            try {
                                execute(execution);
                            } finally {
                                slots.release();
                                wake();
                            }
                        });
                    } catch (java.util.concurrent.RejectedExecutionException stopping) {
                        slots.release(claimed.size() - i);
                        return;
                    }
                }
                if (claimed.size() < free) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Looking for queued executions failed: {}", e.toString());
        }
    }

    private void heartbeats() {
        for (Run run : running.values()) {
            try {
                if (!store.heartbeat(run.id(), node.value())) {
                    run.leaseLost();
                } else {
                    run.log.flush();
                    if (store.stopRequested(run.id())) {
                        run.requestStop();
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Heartbeat of execution {} failed: {}", run.id(), e.toString());
            }
        }
    }

    private void execute(ExecutionDocument execution) {
        Run run = finisher.begin(execution, node.value());
        running.put(run.id(), run);
        try {
            ExecutionStatus status;
            try {
                status = execution.isTask() ? tasks.run(run) : onDemand.run(run);
            } catch (Run.Stopped stopped) {
                if (stopped.leaseLost) {
                    run.log.warn("This node lost the execution's lease; another node carries on");
                    run.log.flush();
                    return;
                }
                run.log.warn("Stopped on request");
                status = ExecutionStatus.Aborted;
            } catch (RuntimeException e) {
                log.warn("Execution {} failed", execution.id(), e);
                run.log.error("Unexpected failure: " + e);
                status = ExecutionStatus.Failed;
            }
            finisher.finish(run, status);
        } finally {
            running.remove(run.id());
        }
    }

    int runningCount() {
        return running.size();
    }

    @Override
    public void stop() {
        started = false;
        if (timer != null) {
            timer.shutdownNow();
        }
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        // after the web server and the store are up, stopped before them
        return Integer.MAX_VALUE - 100;
    }
}
