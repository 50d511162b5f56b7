package org.qalyptus.server.execution;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.qalyptus.server.app.AppService;
import org.qalyptus.server.app.OrganizationApp;
import org.qalyptus.server.task.TaskDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Polls the connections of organizations whose tasks wait for app reloads: an app whose
 * {@code lastReloadTime} moved on since the last poll (kept per organization and app in {@code appReloads},
 * advanced by one conditional update so one node reacts) runs the matching tasks. The first sight of an app
 * only records its reload time.
 */
@Component
class AppReloadPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AppReloadPoller.class);

    private final MongoTemplate mongo;
    private final AppService apps;
    private final AppEvents events;
    private final ExecutionProperties properties;
    private ScheduledExecutorService timer;
    private volatile boolean running;

    AppReloadPoller(MongoTemplate mongo, AppService apps, AppEvents events, ExecutionProperties properties) {
        this.mongo = mongo;
        this.apps = apps;
        this.events = events;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!properties.enabled() || properties.appPoll().isZero() || properties.appPoll().isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "app-reload-poll");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        timer.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                log.warn("Polling app reloads failed: {}", e.toString());
            }
        }, properties.appPoll().toMillis(), properties.appPoll().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass. @return the executions queued */
    int poll() {
        Set<String> organizations = new HashSet<>();
        Set<String> watched = new HashSet<>();
        for (TaskDocument task : TaskReads.readable(mongo, new Query(Criteria.where("externalEvents.appId").exists(true)))) {
            if (task.isActive()) {
                task.externalEvents().stream().filter(e -> e.isActive()).forEach(e -> {
                    organizations.add(task.organizationId());
                    watched.add(task.organizationId() + ":" + e.appId());
                });
            }
        }
        int queued = 0;
        for (String organizationId : organizations) {
            for (OrganizationApp app : apps.apps(organizationId)) {
                String key = organizationId + ":" + app.id();
                if (!watched.contains(key) || app.lastReloadTime() == null) {
                    continue;
                }
                queued += seen(organizationId, key, app.id(), app.lastReloadTime());
            }
        }
        return queued;
    }

    private int seen(String organizationId, String key, String appId, Instant reloadTime) {
        Document known = mongo.findById(key, Document.class, "appReloads");
        if (known == null) {
            try {
                mongo.insert(new Document("_id", key).append("lastReloadTime", reloadTime), "appReloads");
            } catch (DuplicateKeyException anotherNode) {
                // recorded by another node
            }
            return 0;
        }
        Instant previous = known.getDate("lastReloadTime").toInstant();
        if (!reloadTime.isAfter(previous)) {
            return 0;
        }
        boolean claimed = mongo.updateFirst(new Query(Criteria.where("_id").is(key).and("lastReloadTime").is(previous)),
                new Update().set("lastReloadTime", reloadTime), "appReloads").getModifiedCount() > 0;
        return claimed ? events.reloaded(List.of(organizationId), appId, reloadTime).size() : 0;
    }

    @Override
    public void stop() {
        running = false;
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
