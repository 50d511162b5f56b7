package org.qalyptus.server.task;

import java.time.Clock;
import java.time.Instant;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.asset.Versions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reading a task for a route (404 unless visible, 403 without the route's flag) and writing it back:
 * every write is one save conditional on the version read (a lost race is a 409), after a stale
 * {@code version}/{@code If-Match} was refused up front.
 */
@Component
class TaskStore {

    private final ProjectAssets assets;
    private final MongoTemplate mongo;
    private final Clock clock;

    TaskStore(ProjectAssets assets, MongoTemplate mongo, Clock clock) {
        this.assets = assets;
        this.mongo = mongo;
        this.clock = clock;
    }

    Located<TaskDocument> require(Caller caller, String id, Permission flag) {
        return assets.require(caller, TaskDocument.KIND, id, flag);
    }

    Located<TaskDocument> viewable(Caller caller, String id) {
        return require(caller, id, TaskDocument.KIND.view());
    }

    /**
     * The tasks among {@code ids} the caller may view, in one read (GraphQL's batched links); those that do not
     * exist or are not visible are left out, as the single reads would refuse them.
     */
    java.util.List<TaskDocument> viewable(Caller caller, java.util.Collection<String> ids) {
        return assets.visibleMatching(caller, TaskDocument.KIND,
                org.springframework.data.mongodb.core.query.Criteria.where("_id").in(ids)).stream()
                .filter(located -> assets.allows(located, TaskDocument.KIND.view())).map(Located::asset).toList();
    }

    /** The task, if the caller may edit it and {@code expectedVersion} (when given) is its version. */
    Located<TaskDocument> editable(Caller caller, String id, Long expectedVersion) {
        Located<TaskDocument> located = require(caller, id, TaskDocument.KIND.edit());
        Versions.check(TaskDocument.KIND, located.asset().version(), expectedVersion);
        return located;
    }

    /** Saves a changed task. @throws ApiException 409 when its name is taken in the project */
    TaskDocument save(TaskDocument task) {
        try {
            return mongo.save(task);
        } catch (DuplicateKeyException raced) {
            throw duplicateName(task.name());
        }
    }

    TaskDocument insert(TaskDocument task) {
        try {
            return mongo.insert(task);
        } catch (DuplicateKeyException raced) {
            throw duplicateName(task.name());
        }
    }

    Instant now() {
        return clock.instant();
    }

    Clock clock() {
        return clock;
    }

    static ApiException duplicateName(String name) {
        return ApiException.conflict("A task named '" + name + "' already exists in the project");
    }
}
