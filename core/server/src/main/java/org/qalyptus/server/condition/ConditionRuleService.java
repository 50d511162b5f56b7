package org.qalyptus.server.condition;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.asset.Versions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.condition.ConditionRequests.RuleRequest;
import org.qalyptus.server.filter.AppElements;
import org.qalyptus.server.filter.OpenApp;
import org.qalyptus.server.filter.RequestChecks;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The rules of a condition: create or replace one by id, list them, read one, delete several. A rule is
 * bound to an app of the condition's organization and holds checks ({@link RuleChecks}) validated against
 * that app. Changes need {@code editCondition}, honour the version the client read ({@code version} or
 * {@code If-Match}, 409 when stale) and are one conditional write of the condition document.
 */
@Service
public class ConditionRuleService {

    static final int MAX_RULES = 100;
    static final int MAX_VALUES = 20;

    private final MongoTemplate mongo;
    private final ProjectAssets assets;
    private final AppElements apps;
    private final ConditionService conditions;
    private final Clock clock;

    ConditionRuleService(MongoTemplate mongo, ProjectAssets assets, AppElements apps, ConditionService conditions,
            Clock clock) {
        this.mongo = mongo;
        this.assets = assets;
        this.apps = apps;
        this.conditions = conditions;
        this.clock = clock;
    }

    public RuleView put(Caller caller, String conditionId, RuleRequest request, String ifMatch) {
        RequestChecks.body(request);
        List<FieldError> errors = new ArrayList<>();
        String ruleId = RequestChecks.uuid(request.id(), "id", false, errors);
        String name = AssetNames.valid(request.name(), false, errors);
        String appId = RequestChecks.uuid(request.qlikAppID(), "qlikAppID", true, errors);
        List<RuleChecks.Draft> drafts = new ArrayList<>();
        if (request.values() == null || request.values().isEmpty()) {
            errors.add(new FieldError("values", "must hold at least one check"));
        } else if (request.values().size() > MAX_VALUES) {
            errors.add(new FieldError("values", "must hold at most " + MAX_VALUES + " checks"));
        } else {
            for (int i = 0; i < request.values().size(); i++) {
                drafts.add(RuleChecks.shape(request.values().get(i), i, errors));
            }
        }
        Long expected = null;
        try {
            expected = Versions.expected(request.version(), ifMatch);
        } catch (ApiException e) {
            errors.add(new FieldError("If-Match", "must be the version of the object, as a number"));
        }
        RequestChecks.throwIfAny(errors);

        Located<ConditionDocument> located = assets.require(caller, ConditionDocument.KIND, conditionId,
                ConditionDocument.KIND.edit());
        ConditionDocument condition = located.asset();
        Versions.check(ConditionDocument.KIND, condition.version(), expected);
        int at = ruleId == null ? -1 : indexOf(condition, ruleId);
        if (ruleId != null && at < 0) {
            throw ApiException.notFound("Condition rule " + ruleId);
        }
        List<RuleValue> values = new ArrayList<>();
        try (OpenApp app = apps.open(condition.organizationId(), appId, "qlikAppID")) {
            for (RuleChecks.Draft draft : drafts) {
                values.add(RuleChecks.resolve(draft, app, errors));
            }
        }
        RequestChecks.throwIfAny(errors);
        ConditionRule rule = new ConditionRule(ruleId != null ? ruleId : UUID.randomUUID().toString(), name, appId, values);
        List<ConditionRule> rules = new ArrayList<>(condition.rules());
        if (at >= 0) {
            rules.set(at, rule);
        } else {
            if (rules.size() >= MAX_RULES) {
                throw ApiException.conflict("A condition holds at most " + MAX_RULES + " rules");
            }
            rules.add(rule);
        }
        ConditionDocument saved = conditions.save(condition.withRules(rules, clock.instant()));
        return RuleView.of(saved, rule, saved.version());
    }

    public List<RuleView> rules(Caller caller, String conditionId) {
        return RuleView.all(assets.require(caller, ConditionDocument.KIND, conditionId, ConditionDocument.KIND.view()).asset());
    }

    /** One rule by its id. @throws ApiException 404 unless it is a rule of a condition the caller may see exists, 403 without viewCondition */
    public RuleView rule(Caller caller, String ruleId) {
        Query holder = new Query(Criteria.where("rules.id").is(ruleId));
        holder.fields().include("_id");
        ConditionDocument found = mongo.findOne(holder, ConditionDocument.class);
        if (found == null) {
            throw ApiException.notFound("Condition rule " + ruleId);
        }
        Located<ConditionDocument> located;
        try {
            located = assets.require(caller, ConditionDocument.KIND, found.id(), ConditionDocument.KIND.view());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw ApiException.notFound("Condition rule " + ruleId);
            }
            throw e;
        }
        int at = indexOf(located.asset(), ruleId);
        if (at < 0) {
            throw ApiException.notFound("Condition rule " + ruleId);
        }
        return RuleView.of(located.asset(), located.asset().rules().get(at), null);
    }

    /** Removes rules, all or none. @return the removed ids */
    public List<String> delete(Caller caller, String conditionId, List<UUID> ruleIds, String ifMatch) {
        if (ruleIds == null || ruleIds.isEmpty()) {
            throw ApiException.invalid("ids", "must list at least one rule id");
        }
        if (ruleIds.contains(null)) {
            throw ApiException.invalid("ids[" + ruleIds.indexOf(null) + "]", "must be a rule id");
        }
        Long expected = Versions.expected(null, ifMatch);
        Located<ConditionDocument> located = assets.require(caller, ConditionDocument.KIND, conditionId,
                ConditionDocument.KIND.edit());
        ConditionDocument condition = located.asset();
        Versions.check(ConditionDocument.KIND, condition.version(), expected);
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(ruleIds.stream().map(UUID::toString).toList()));
        for (String id : ids) {
            if (indexOf(condition, id) < 0) {
                throw ApiException.notFound("Condition rule " + id);
            }
        }
        conditions.save(condition.withRules(condition.rules().stream().filter(r -> !ids.contains(r.id())).toList(),
                clock.instant()));
        return ids;
    }

    private static int indexOf(ConditionDocument condition, String ruleId) {
        for (int i = 0; i < condition.rules().size(); i++) {
            if (condition.rules().get(i).id().equals(ruleId)) {
                return i;
            }
        }
        return -1;
    }
}
