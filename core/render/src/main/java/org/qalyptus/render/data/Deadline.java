package org.qalyptus.render.data;

import java.time.Duration;
import org.qalyptus.render.RenderException;

/** When a step must be done by; {@link #check()} between units of work ends a step that runs over. */
public final class Deadline {

    private volatile long endNanos;
    private final Duration budget;
    private final String what;

    private Deadline(Duration budget, String what) {
        this.budget = budget;
        this.what = what;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    public static Deadline in(Duration budget, String what) {
        return new Deadline(budget, what);
    }

    public boolean passed() {
        return System.nanoTime() - endNanos > 0;
    }

    public long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
    }

    /** Moves the end later by {@code nanos}: the time spent waiting for the app's connector does not count. */
    public void extend(long nanos) {
        if (nanos > 0) {
            endNanos += nanos;
        }
    }

    public Duration budget() {
        return budget;
    }

    /** @throws RenderException when the budget is spent */
    public void check() {
        if (passed()) {
            throw exceeded();
        }
    }

    public RenderException exceeded() {
        return new RenderException(what + " took longer than its budget of " + budget.toMillis() / 1000.0 + " s");
    }
}
