package org.qalyptus.server.condition;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.condition.RuleValue.CompareWith;
import org.qalyptus.server.condition.RuleValue.RuleValueType;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.project.ProjectDocument;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The sample condition of the demo project: "Margin on target", two rules on the bundled Sales demo app
 * (the revenue-by-month chart has data; {@code vMargin >= vTargetMargin}). Written once: a condition of
 * that name in the project means it is there already.
 *
 * <p>Written from what the bundled app is known to hold, without opening it: loading the app takes seconds
 * the first start should not spend. A test checks the rules against the app through the rule route.
 */
@Component
public class DemoCondition {

    public static final String NAME = "Margin on target";
    static final String CHART = "chart-revenue-by-month";

    private final MongoTemplate mongo;
    private final PermissionService permissions;
    private final Clock clock;

    DemoCondition(MongoTemplate mongo, PermissionService permissions, Clock clock) {
        this.mongo = mongo;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** Adds the demo condition on the demo app to the project unless the project has a condition of that name. */
    public void ensure(ProjectDocument project, String appId) {
        Query existing = new Query(Criteria.where("projectId").is(project.id()).and("nameKey").is(AssetNames.key(NAME)));
        if (mongo.exists(existing, ConditionDocument.class)) {
            return;
        }
        RuleValue chartHasData = new RuleValue(RuleValueType.ChartData, AppElementIds.object(appId, CHART), CHART, null,
                null, null, null, null, null, null, null, true);
        RuleValue marginOnTarget = new RuleValue(RuleValueType.Variable, AppElementIds.variable(appId, "vMargin"), "vMargin",
                null, null, Operator.GREATER_OR_EQUAL.symbol(), CompareWith.Variable, null,
                AppElementIds.variable(appId, "vTargetMargin"), "vTargetMargin", null, null);
        List<ConditionRule> rules = List.of(
                new ConditionRule(UUID.randomUUID().toString(), "Sales in the period", appId, List.of(chartHasData)),
                new ConditionRule(UUID.randomUUID().toString(), "Margin at or above target", appId, List.of(marginOnTarget)));
        Instant now = clock.instant();
        ConditionDocument condition = new ConditionDocument(UUID.randomUUID().toString(), project.id(),
                project.organizationId(), NAME, AssetNames.key(NAME),
                "Send the report only when there are sales and the margin meets its target", project.ownerId(), rules, now,
                now, null);
        try {
            ConditionDocument created = mongo.insert(condition);
            permissions.assetCreated(project.ref(), created.ref());
        } catch (DuplicateKeyException createdMeanwhile) {
            // another node wrote it first
        }
    }
}
