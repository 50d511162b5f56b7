package org.qalyptus.server.condition;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.asset.InProject;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.asset.ProjectSummary;
import org.qalyptus.server.asset.Versions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.condition.ConditionRequests.CreateCondition;
import org.qalyptus.server.condition.ConditionRequests.DuplicateCondition;
import org.qalyptus.server.condition.ConditionRequests.UpdateCondition;
import org.qalyptus.server.filter.CopyTarget;
import org.qalyptus.server.filter.RequestChecks;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Conditions as project assets: create, read, list, rename, duplicate, delete. The rules every asset shares
 * (404 outside the caller's organizations, 403 without the flag, unique names per project, versions) come
 * from {@link ProjectAssets}; the rules of a condition are {@link ConditionRuleService}'s.
 */
@Service
public class ConditionService {

    private static final AssetKind<ConditionDocument> KIND = ConditionDocument.KIND;

    private final MongoTemplate mongo;
    private final ProjectAssets assets;
    private final Clock clock;

    ConditionService(MongoTemplate mongo, ProjectAssets assets, Clock clock) {
        this.mongo = mongo;
        this.assets = assets;
        this.clock = clock;
    }

    public ConditionView create(Caller caller, CreateCondition request) {
        RequestChecks.body(request);
        List<FieldError> errors = new ArrayList<>();
        String name = AssetNames.valid(request.name(), false, errors);
        String description = AssetNames.validDescription(request.description(), errors);
        String projectId = RequestChecks.uuid(request.projectID(), "projectID", true, errors);
        RequestChecks.throwIfAny(errors);
        InProject target = assets.projectForNew(caller, KIND, "projectID", projectId);
        if (assets.nameTaken(KIND, projectId, name, null)) {
            throw duplicateName(name);
        }
        Instant now = clock.instant();
        ConditionDocument created = insert(new ConditionDocument(UUID.randomUUID().toString(), projectId,
                target.project().organizationId(), name, AssetNames.key(name), description, target.user().id(), List.of(),
                now, now, null));
        assets.created(target, created);
        return view(new Located<>(created, target.project(), target.user(), target.subject()), target.user().displayName(),
                true);
    }

    public List<ConditionView> list(Caller caller, String projectIdOrNull) {
        List<Located<ConditionDocument>> found = assets.visible(caller, KIND, projectIdOrNull);
        Map<String, String> ownerNames = assets.ownerNames(found);
        return found.stream().map(l -> view(l, ownerNames.get(l.asset().ownerId()), false)).toList();
    }

    /** As {@link #list} with each condition's rules (stored with it: no further query). */
    public List<ConditionView> listWithRules(Caller caller, String projectIdOrNull) {
        return withRules(assets.visible(caller, KIND, projectIdOrNull));
    }

    /** The conditions, with their rules, the caller may see in several projects at once. */
    public List<ConditionView> listInProjects(Caller caller, java.util.Collection<String> projectIds) {
        return withRules(assets.visibleInProjects(caller, KIND, projectIds));
    }

    private List<ConditionView> withRules(List<Located<ConditionDocument>> found) {
        Map<String, String> ownerNames = assets.ownerNames(found);
        return found.stream().map(l -> view(l, ownerNames.get(l.asset().ownerId()), true)).toList();
    }

    public ConditionView get(Caller caller, String id) {
        Located<ConditionDocument> located = assets.require(caller, KIND, id, KIND.view());
        return view(located, assets.ownerName(located), true);
    }

    public ConditionView update(Caller caller, String id, UpdateCondition request, String ifMatch) {
        RequestChecks.body(request);
        List<FieldError> errors = new ArrayList<>();
        String name = AssetNames.valid(request.name(), false, errors);
        String description = AssetNames.validDescription(request.description(), errors);
        Long expected = Versions.expected(request.version(), ifMatch);
        RequestChecks.throwIfAny(errors);
        Located<ConditionDocument> located = assets.require(caller, KIND, id, KIND.edit());
        ConditionDocument current = located.asset();
        Versions.check(KIND, current.version(), expected);
        if (!AssetNames.key(name).equals(current.nameKey()) && assets.nameTaken(KIND, current.projectId(), name, id)) {
            throw duplicateName(name);
        }
        ConditionDocument saved = save(new ConditionDocument(current.id(), current.projectId(), current.organizationId(),
                name, AssetNames.key(name), description, current.ownerId(), current.rules(), current.createdAt(),
                clock.instant(), current.version()));
        return view(new Located<>(saved, located.project(), located.user(), located.subject()), assets.ownerName(located),
                true);
    }

    public void delete(Caller caller, String id) {
        remove(assets.require(caller, KIND, id, KIND.delete()));
    }

    /** Deletes several conditions, all or none. @return the deleted ids */
    public List<String> deleteMany(Caller caller, List<UUID> ids) {
        List<Located<ConditionDocument>> found = assets.requireAll(caller, KIND, ids, "ids", KIND.delete());
        found.forEach(this::remove);
        return found.stream().map(l -> l.asset().id()).toList();
    }

    /**
     * Copies a condition, rules included (under new ids), named "Name - Copy" (then "(2)" ...), owned by the
     * caller, into its own project or another project of its organization ({@link CopyTarget}).
     */
    public ConditionView duplicate(Caller caller, String id, DuplicateCondition request) {
        List<FieldError> errors = new ArrayList<>();
        String projectId = request == null ? null : RequestChecks.uuid(request.projectID(), "projectID", false, errors);
        String organizationId = request == null ? null
                : RequestChecks.uuid(request.organizationID(), "organizationID", false, errors);
        RequestChecks.throwIfAny(errors);
        Located<ConditionDocument> source = assets.require(caller, KIND, id, KIND.duplicate());
        InProject target = CopyTarget.of(assets, caller, KIND, source, projectId, organizationId);
        ConditionDocument original = source.asset();
        String name = assets.copyName(KIND, target.project().id(), original.name());
        Instant now = clock.instant();
        ConditionDocument created = insert(new ConditionDocument(UUID.randomUUID().toString(), target.project().id(),
                target.project().organizationId(), name, AssetNames.key(name), original.description(), target.user().id(),
                original.rules().stream().map(r -> r.withId(UUID.randomUUID().toString())).toList(), now, now, null));
        assets.created(target, created);
        return view(new Located<>(created, target.project(), target.user(), target.subject()), target.user().displayName(),
                true);
    }

    // ---- for the rule routes and the demo ----

    ConditionDocument save(ConditionDocument condition) {
        try {
            return mongo.save(condition);
        } catch (DuplicateKeyException raced) {
            throw duplicateName(condition.name());
        }
    }

    ConditionDocument insert(ConditionDocument condition) {
        try {
            return mongo.insert(condition);
        } catch (DuplicateKeyException raced) {
            throw duplicateName(condition.name());
        }
    }

    // ---- internals ----

    private ConditionView view(Located<ConditionDocument> located, String ownerName, boolean withRules) {
        ConditionDocument condition = located.asset();
        return new ConditionView(condition.id(), condition.name(), condition.description(), condition.ownerId(), ownerName,
                located.isMine(), ProjectSummary.of(located.project()), condition.organizationId(), condition.version(),
                condition.createdAt(), condition.updatedAt(), withRules ? RuleView.all(condition) : null);
    }

    private void remove(Located<ConditionDocument> located) {
        mongo.remove(new Query(Criteria.where("_id").is(located.asset().id())), ConditionDocument.class);
        assets.deleted(located);
    }

    private static ApiException duplicateName(String name) {
        return ApiException.conflict("A condition named '" + name + "' already exists in the project");
    }
}
