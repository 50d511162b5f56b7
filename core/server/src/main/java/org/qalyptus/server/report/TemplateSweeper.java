package org.qalyptus.server.report;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Removes template files no report points at, a minute after the start and then every hour: files left by
 * a replacement or deletion cut short, and the templates of deleted projects (whose reports go with the
 * project without passing through the report service). Files younger than an hour are left alone, as an
 * upload or a duplication may be about to use them. Several nodes sweeping at once is harmless.
 */
@Component
class TemplateSweeper implements DisposableBean {

    static final Duration GRACE = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(TemplateSweeper.class);

    private final TemplateStore store;
    private final Clock clock;
    private ScheduledExecutorService executor;

    TemplateSweeper(TemplateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "template-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sweepQuietly, 1, 60, TimeUnit.MINUTES);
    }

    private void sweepQuietly() {
        try {
            int removed = store.sweep(clock.instant().minus(GRACE));
            if (removed > 0) {
                log.info("Removed {} template file(s) no report uses", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Sweeping template files failed; trying again in an hour: {}", e.toString());
        }
    }

    @Override
    public synchronized void destroy() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
