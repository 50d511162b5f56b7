package org.qalyptus.server.graphql;

import java.util.List;
import java.util.Map;
import org.qalyptus.server.asset.AssetPermissions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.condition.ConditionDocument;
import org.qalyptus.server.condition.ConditionRequests;
import org.qalyptus.server.condition.ConditionRuleService;
import org.qalyptus.server.condition.ConditionService;
import org.qalyptus.server.condition.ConditionView;
import org.qalyptus.server.condition.RuleView;
import org.qalyptus.server.permission.MemberPermissionView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The condition mutations and rule reads; the REST routes' service calls. */
@Controller
class ConditionMutations {

    private final ConditionService conditions;
    private final ConditionRuleService rules;
    private final AssetPermissions permissions;

    ConditionMutations(ConditionService conditions, ConditionRuleService rules, AssetPermissions permissions) {
        this.conditions = conditions;
        this.rules = rules;
        this.permissions = permissions;
    }

    @QueryMapping
    RuleView conditionRule(@ContextValue Caller caller, @Argument String id) {
        return rules.rule(caller, id);
    }

    @SchemaMapping(typeName = "Condition", field = "permissions")
    java.util.concurrent.CompletableFuture<List<MemberPermissionView>> conditionPermissions(ConditionView condition,
            graphql.schema.DataFetchingEnvironment env) {
        return TaskLoaders.permissions(env, ConditionDocument.KIND, condition.id());
    }

    @MutationMapping
    Map<String, Object> createCondition(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("condition", () -> conditions.create(caller, new ConditionRequests.CreateCondition(
                Inputs.string(input, "name"), Inputs.string(input, "description"), Inputs.id(input, "projectId", "Project"))));
    }

    @MutationMapping
    Map<String, Object> updateCondition(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("condition", () -> conditions.update(caller, Inputs.uuid(input, "id", "Condition"),
                new ConditionRequests.UpdateCondition(Inputs.string(input, "name"), Inputs.string(input, "description"),
                        Inputs.version(input)), null));
    }

    @MutationMapping
    Map<String, Object> duplicateCondition(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("condition", () -> conditions.duplicate(caller, Inputs.uuid(input, "id", "Condition"),
                new ConditionRequests.DuplicateCondition(Inputs.id(input, "projectId", "Project"),
                        Inputs.id(input, "organizationId", "Organization"))));
    }

    @MutationMapping
    Map<String, Object> deleteConditions(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> {
            var ids = Inputs.uuids(input, "ids", "Condition");
            if (ids.size() == 1) {
                conditions.delete(caller, ids.get(0).toString());
                return List.of(ids.get(0).toString());
            }
            return conditions.deleteMany(caller, ids);
        });
    }

    @MutationMapping
    Map<String, Object> changeConditionOwner(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("condition", () -> {
            String id = Inputs.uuid(input, "id", "Condition");
            permissions.changeOwner(caller, ConditionDocument.KIND, id, Inputs.uuid(input, "ownerId", "User"));
            return conditions.get(caller, id);
        });
    }

    @SuppressWarnings("unchecked")
    @MutationMapping
    Map<String, Object> putConditionRule(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        Map<String, Object> payload = UserErrors.payload("rule", () -> {
            List<Map<String, Object>> values = (List<Map<String, Object>>) input.get("values");
            List<ConditionRequests.RuleValueRequest> checks = values == null ? null : values.stream()
                    .map(v -> new ConditionRequests.RuleValueRequest(Inputs.string(v, "type"),
                            Inputs.string(v, "qlikVariableId"), null, Inputs.string(v, "qlikObjectId"), null,
                            Inputs.string(v, "measureId"), Inputs.string(v, "expression"), Inputs.string(v, "operator"),
                            Inputs.string(v, "compareWith"), Inputs.string(v, "value"),
                            Inputs.string(v, "compareQlikVariableId"), null, Inputs.string(v, "compareExpression"),
                            (Boolean) v.get("hasData")))
                    .toList();
            return rules.put(caller, Inputs.uuid(input, "id", "Condition"), new ConditionRequests.RuleRequest(
                    Inputs.string(input, "ruleId"), Inputs.string(input, "name"), Inputs.string(input, "qlikAppId"), checks,
                    Inputs.version(input)), null);
        });
        payload.put("condition", payload.get("rule") instanceof RuleView rule ? conditions.get(caller, rule.conditionID()) : null);
        return payload;
    }

    @MutationMapping
    Map<String, Object> deleteConditionRules(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> rules.delete(caller, Inputs.uuid(input, "id", "Condition"),
                Inputs.uuids(input, "ruleIds", "ConditionRule"), null));
    }
}
