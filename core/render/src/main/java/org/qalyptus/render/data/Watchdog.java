package org.qalyptus.render.data;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interrupts a thread that is still inside a guarded step when its time is up. FreeMarker templates get
 * interruption checks in every loop, so an endless template loop ends within the budget. The guarded
 * thread's interrupted flag is always cleared when the step ends, so no interrupt leaks to later work.
 * While the guarded thread waits for the app's connector ({@link #unguarded}), the clock stops: the budget
 * bounds the template's own work, the connector has its own timeouts.
 */
public final class Watchdog {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "qalyptus-render-watchdog");
        t.setDaemon(true);
        return t;
    });

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;
    private static final int PAUSED = 4;
    private static final ThreadLocal<Guard> CURRENT = new ThreadLocal<>();

    /** One guarded step; close it when the step ends (normally or not). */
    public static final class Guard implements AutoCloseable {
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private final Thread thread;
        private final Guard outer;
        private volatile ScheduledFuture<?> timer;
        private volatile long endNanos;
        private long remainingNanos;

        private Guard(Thread thread, Guard outer) {
            this.thread = thread;
            this.outer = outer;
        }

        private void schedule(long nanos) {
            endNanos = System.nanoTime() + nanos;
            timer = TIMER.schedule(this::fire, Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)), TimeUnit.MILLISECONDS);
        }

        /** Stops the clock; false when the budget already ran out (or the clock is stopped). */
        private boolean pause() {
            if (!state.compareAndSet(RUNNING, PAUSED)) {
                return false;
            }
            timer.cancel(false);
            remainingNanos = endNanos - System.nanoTime();
            return true;
        }

        private void resume() {
            schedule(Math.max(0, remainingNanos));
            state.compareAndSet(PAUSED, RUNNING);
        }

        private void fire() {
            if (state.compareAndSet(RUNNING, INTERRUPTING)) {
                thread.interrupt();
                state.set(INTERRUPTED);
            }
        }

        /** Whether the budget ran out while the step was running. */
        public boolean fired() {
            int s = state.get();
            return s == INTERRUPTING || s == INTERRUPTED;
        }

        @Override
        public void close() {
            CURRENT.set(outer);
            if (outer == null) {
                CURRENT.remove();
            }
            timer.cancel(false);
            state.compareAndSet(PAUSED, DONE);
            if (!state.compareAndSet(RUNNING, DONE)) {
                while (state.get() == INTERRUPTING) {
                    Thread.onSpinWait();
                }
                Thread.interrupted();
            }
        }
    }

    private Watchdog() {}

    /** Starts guarding the current thread for {@code budget}. */
    public static Guard guard(Duration budget) {
        Guard guard = new Guard(Thread.currentThread(), CURRENT.get());
        guard.schedule(budget.toNanos());
        CURRENT.set(guard);
        return guard;
    }

    /**
     * Runs {@code step} (a read from the app's connector) with the current thread's guard stopped, so that the
     * time it takes does not count against the budget and the wait is not interrupted.
     */
    public static <T> T unguarded(java.util.function.Supplier<T> step) {
        Guard guard = CURRENT.get();
        if (guard == null || !guard.pause()) {
            return step.get();
        }
        try {
            return step.get();
        } finally {
            guard.resume();
        }
    }
}
