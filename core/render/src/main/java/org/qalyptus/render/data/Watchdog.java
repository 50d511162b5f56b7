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

    /** One guarded step; close it when the step ends (normally or not). */
    public static final class Guard implements AutoCloseable {
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private final Thread thread;
        private ScheduledFuture<?> timer;

        private Guard(Thread thread) {
            this.thread = thread;
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
            timer.cancel(false);
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
        Guard guard = new Guard(Thread.currentThread());
        guard.timer = TIMER.schedule(guard::fire, Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS);
        return guard;
    }
}
