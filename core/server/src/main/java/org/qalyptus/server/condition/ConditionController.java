package org.qalyptus.server.condition;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.AssetPermissionRoutes;
import org.qalyptus.server.asset.AssetPermissions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.condition.ConditionRequests.CreateCondition;
import org.qalyptus.server.condition.ConditionRequests.DuplicateCondition;
import org.qalyptus.server.condition.ConditionRequests.RuleRequest;
import org.qalyptus.server.condition.ConditionRequests.UpdateCondition;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Conditions routes of the Qalyptus Cloud API (the permission and owner routes are inherited); the
 * rules live in {@link ConditionService} and {@link ConditionRuleService}.
 */
@RestController
@RequestMapping("/api/v1/conditions")
@Tag(name = "Conditions")
class ConditionController extends AssetPermissionRoutes<ConditionView> {

    private final ConditionService conditions;
    private final ConditionRuleService rules;

    ConditionController(AssetPermissions permissions, ConditionService conditions, ConditionRuleService rules) {
        super(permissions);
        this.conditions = conditions;
        this.rules = rules;
    }

    @Override
    protected AssetKind<?> kind() {
        return ConditionDocument.KIND;
    }

    @Override
    protected ConditionView view(Caller caller, String id) {
        return conditions.get(caller, id);
    }

    @Operation(summary = "Create condition")
    @PostMapping
    ApiResponse<ConditionView> create(Caller caller, @RequestBody CreateCondition request) {
        return ApiResponse.ok(conditions.create(caller, request));
    }

    @Operation(summary = "Get conditions: every condition the caller may see")
    @GetMapping
    ApiResponse<List<ConditionView>> list(Caller caller) {
        return ApiResponse.ok(conditions.list(caller, null));
    }

    @Operation(summary = "Duplicate condition: a copy with its rules, in the condition's project or another of its organization")
    @PostMapping("/{id}/duplicate")
    ApiResponse<ConditionView> duplicate(Caller caller, @PathVariable UUID id,
            @RequestBody(required = false) DuplicateCondition request) {
        return ApiResponse.ok(conditions.duplicate(caller, id.toString(), request));
    }

    @Operation(summary = "Update condition")
    @PutMapping("/{id}")
    ApiResponse<ConditionView> update(Caller caller, @PathVariable UUID id, @RequestBody UpdateCondition request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ApiResponse.ok(conditions.update(caller, id.toString(), request, ifMatch));
    }

    @Operation(summary = "Get condition, with its rules")
    @GetMapping("/{id}")
    ApiResponse<ConditionView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(conditions.get(caller, id.toString()));
    }

    @Operation(summary = "Delete condition")
    @DeleteMapping("/{id}")
    ApiResponse<String> delete(Caller caller, @PathVariable UUID id) {
        conditions.delete(caller, id.toString());
        return ApiResponse.ok(id.toString());
    }

    @Operation(summary = "Create or update rule: a new rule (no id) or the rule with this id, checked against its app")
    @PutMapping("/{id}/rules")
    ApiResponse<RuleView> putRule(Caller caller, @PathVariable UUID id, @RequestBody RuleRequest request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ApiResponse.ok(rules.put(caller, id.toString(), request, ifMatch));
    }

    @Operation(summary = "Get project conditions")
    @GetMapping("/project/{id}")
    ApiResponse<List<ConditionView>> byProject(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(conditions.list(caller, id.toString()));
    }

    @Operation(summary = "Get rules")
    @GetMapping("/{id}/rules")
    ApiResponse<List<RuleView>> rules(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(rules.rules(caller, id.toString()));
    }

    @Operation(summary = "Get rule")
    @GetMapping("/rules/{id}")
    ApiResponse<RuleView> rule(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(rules.rule(caller, id.toString()));
    }

    @Operation(summary = "Delete conditions, all or none")
    @DeleteMapping
    ApiResponse<List<String>> deleteMany(Caller caller, @RequestBody List<UUID> ids) {
        return ApiResponse.ok(conditions.deleteMany(caller, ids));
    }

    @Operation(summary = "Delete condition rules, all or none")
    @DeleteMapping("/{id}/rules")
    ApiResponse<List<String>> deleteRules(Caller caller, @PathVariable UUID id, @RequestBody List<UUID> ruleIds,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ApiResponse.ok(rules.delete(caller, id.toString(), ruleIds, ifMatch));
    }
}
