package org.qalyptus.server.filter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.project.ProjectDocument;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The sample filter of the demo project: "Europe only" selects {@code region = Europe} in the bundled Sales
 * demo app. Written once: a filter of that name in the project (unique name) means it is there already.
 *
 * <p>Written from what the bundled app is known to hold, without opening it: loading the app takes seconds
 * the first start should not spend. A test checks the filter against the app through the item routes.
 */
@Component
public class DemoFilter {

    public static final String NAME = "Europe only";
    static final String FIELD = "region";
    static final String VALUE = "Europe";

    private final MongoTemplate mongo;
    private final PermissionService permissions;
    private final Clock clock;

    DemoFilter(MongoTemplate mongo, PermissionService permissions, Clock clock) {
        this.mongo = mongo;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** Adds the demo filter on the demo app to the project unless the project has a filter of that name. */
    public void ensure(ProjectDocument project, String appId) {
        Query existing = new Query(Criteria.where("projectId").is(project.id()).and("nameKey").is(AssetNames.key(NAME)));
        if (mongo.exists(existing, FilterDocument.class)) {
            return;
        }
        FilterItem europe = new FilterItem(UUID.randomUUID().toString(), FilterItemType.Field,
                AppElementIds.field(appId, FIELD), FIELD, null, List.of(VALUE), null);
        Instant now = clock.instant();
        FilterDocument filter = new FilterDocument(UUID.randomUUID().toString(), project.id(), project.organizationId(),
                NAME, AssetNames.key(NAME), "Sales of European customers only", project.ownerId(), appId, List.of(europe),
                now, now, null);
        try {
            FilterDocument created = mongo.insert(filter);
            permissions.assetCreated(project.ref(), created.ref());
        } catch (DuplicateKeyException createdMeanwhile) {
            // another node wrote it first
        }
    }
}
