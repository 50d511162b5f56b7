package org.qalyptus.server.asset;

import org.qalyptus.server.web.Uuids;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.permission.LicenseLevel;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.permission.Subject;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.project.ProjectService;
import org.qalyptus.server.user.DisplayNames;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.web.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The rules every project asset shares, written once: an asset outside the caller's organizations does
 * not exist for them (404); inside, each action needs its permission flag (403), decided by
 * {@link PermissionService} (owners and administrators short-circuit, global or customizable mode);
 * new assets need the type's create flag on the project; lists start from the visible projects and
 * query the store once, then keep the assets whose view flag the caller holds (decided in memory).
 */
@Service
public class ProjectAssets {

    private final MongoTemplate mongo;
    private final OrganizationAccess access;
    private final PermissionService permissions;
    private final ProjectService projects;
    private final DisplayNames displayNames;
    private final ApplicationEventPublisher events;

    ProjectAssets(MongoTemplate mongo, OrganizationAccess access, PermissionService permissions,
            ProjectService projects, DisplayNames displayNames, ApplicationEventPublisher events) {
        this.events = events;
        this.mongo = mongo;
        this.access = access;
        this.permissions = permissions;
        this.projects = projects;
        this.displayNames = displayNames;
    }

    // ---- one asset ----

    /**
     * The asset, if the caller may see that it exists, without checking any flag.
     *
     * @throws ApiException 404 when it does not exist or is outside the caller's organizations
     */
    public <T extends ProjectAsset> Located<T> find(Caller caller, AssetKind<T> kind, String id) {
        T asset = id == null ? null : mongo.findById(id, kind.documentClass());
        if (asset == null || !access.canSee(caller, asset.organizationId())) {
            throw ApiException.notFound(kind.label() + " " + id);
        }
        ProjectDocument project = mongo.findById(asset.projectId(), ProjectDocument.class);
        if (project == null) {
            throw ApiException.notFound(kind.label() + " " + id);
        }
        UserDocument user = access.user(caller);
        return new Located<>(asset, project, user, Subject.of(user, project.organizationId()));
    }

    /**
     * The asset, if the caller holds {@code action} on it.
     *
     * @throws ApiException 404 as {@link #find}, 403 without the flag
     */
    public <T extends ProjectAsset> Located<T> require(Caller caller, AssetKind<T> kind, String id, Permission action) {
        Located<T> located = find(caller, kind, id);
        permissions.require(located.subject(), located.projectRef(), located.asset().ref(), action);
        return located;
    }

    /** Whether the caller, as found, holds {@code action} on the asset. */
    public boolean allows(Located<?> located, Permission action) {
        return action != null
                && permissions.allows(located.subject(), located.projectRef(), located.asset().ref(), action);
    }

    /**
     * Several assets for one action, all or none: every id must be an asset on which the caller holds
     * {@code action}, else the first that is not decides the error and nothing is done.
     *
     * @param field the request field the ids came from, for validation errors
     */
    public <T extends ProjectAsset> List<Located<T>> requireAll(Caller caller, AssetKind<T> kind, List<UUID> ids,
            String field, Permission action) {
        if (ids == null || ids.isEmpty()) {
            throw ApiException.invalid(field, "must list at least one " + kind.label().toLowerCase() + " id");
        }
        if (ids.contains(null)) {
            throw ApiException.invalid(field + "[" + ids.indexOf(null) + "]", "must be a " + kind.label().toLowerCase() + " id");
        }
        List<Located<T>> found = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(ids)) {
            found.add(require(caller, kind, id.toString(), action));
        }
        return found;
    }

    // ---- new assets ----

    /**
     * The project a new asset goes into, if the caller may create this kind of asset there.
     *
     * @param field the request field naming the project ({@code projectID})
     * @throws ApiException 400 when the id is missing or not a UUID, 404 when the project is not visible,
     *     403 without the type's create flag
     */
    public InProject projectForNew(Caller caller, AssetKind<?> kind, String field, String projectId) {
        InProject target = project(caller, field, projectId);
        if (!permissions.allows(target.subject(), target.project().ref(), kind.create())) {
            throw ApiException.forbidden("You do not have the '" + kind.create().flag() + "' permission in project '"
                    + target.project().name() + "'");
        }
        return target;
    }

    /**
     * A project named by a request, for any use (404 unless the caller may see it and holds
     * {@code viewProject}).
     */
    public InProject project(Caller caller, String field, String projectId) {
        if (projectId == null || projectId.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        if (!Uuids.isUuid(projectId)) {
            throw ApiException.invalid(field, "must be a UUID");
        }
        ProjectDocument project = mongo.findById(projectId, ProjectDocument.class);
        if (project == null || !access.canSee(caller, project.organizationId())) {
            throw ApiException.notFound("Project " + projectId);
        }
        UserDocument user = access.user(caller);
        Subject subject = Subject.of(user, project.organizationId());
        if (!permissions.allows(subject, project.ref(), Permission.VIEW_PROJECT)) {
            throw ApiException.notFound("Project " + projectId);
        }
        return new InProject(project, user, subject);
    }

    /** Records a new asset with the permission model (customizable mode seeds its memberships). */
    public void created(InProject target, ProjectAsset asset) {
        permissions.assetCreated(target.project().ref(), asset.ref());
    }

    /**
     * Forgets a deleted asset's memberships and tells the features referring to it ({@link AssetDeleted});
     * call after the asset document is removed.
     */
    public void deleted(Located<?> located) {
        permissions.assetDeleted(located.projectRef(), located.asset().ref());
        events.publishEvent(new AssetDeleted(located.asset().kind(), located.asset().id(), located.project().id()));
    }

    // ---- lists ----

    /**
     * The assets the caller may see: in one project ({@code projectId} not null; 404/403 as for the
     * project itself) or in every visible project. One store query; flags decided in memory. Sorted by
     * name, then id.
     */
    public <T extends ProjectAsset> List<Located<T>> visible(Caller caller, AssetKind<T> kind, String projectId) {
        List<ProjectDocument> scope = projectId != null
                ? List.of(projects.viewableProject(caller, projectId))
                : projects.visibleProjects(caller);
        return visibleIn(caller, kind, scope, null);
    }

    /**
     * As {@link #visible} within several projects at once (those of {@code projectIds} the caller may
     * see; others are left out silently): the same store queries whatever the number of projects, for
     * batched readers such as GraphQL.
     */
    public <T extends ProjectAsset> List<Located<T>> visibleInProjects(Caller caller, AssetKind<T> kind,
            Collection<String> projectIds) {
        java.util.Set<String> wanted = new java.util.HashSet<>(projectIds);
        return visibleIn(caller, kind,
                projects.visibleProjects(caller).stream().filter(p -> wanted.contains(p.id())).toList(), null);
    }

    /**
     * As {@link #visible} restricted further by {@code criteria} (for instance the filters used by one
     * report), within every visible project.
     */
    public <T extends ProjectAsset> List<Located<T>> visibleMatching(Caller caller, AssetKind<T> kind, Criteria criteria) {
        return visibleIn(caller, kind, projects.visibleProjects(caller), criteria);
    }

    private <T extends ProjectAsset> List<Located<T>> visibleIn(Caller caller, AssetKind<T> kind,
            List<ProjectDocument> scope, Criteria criteria) {
        if (scope.isEmpty()) {
            return List.of();
        }
        UserDocument user = access.user(caller);
        Map<String, ProjectDocument> byId = scope.stream()
                .collect(Collectors.toMap(ProjectDocument::id, Function.identity()));
        Map<String, Subject> subjects = new HashMap<>();
        Criteria inScope = Criteria.where("projectId").in(byId.keySet());
        // and-ed rather than merged: the caller's criteria may name projectId too
        Query query = new Query(criteria == null ? inScope : new Criteria().andOperator(criteria, inScope));
        List<Located<T>> visible = new ArrayList<>();
        for (T asset : mongo.find(query, kind.documentClass())) {
            ProjectDocument project = byId.get(asset.projectId());
            Subject subject = subjects.computeIfAbsent(project.organizationId(), org -> Subject.of(user, org));
            if (permissions.allows(subject, project.ref(), asset.ref(), kind.view())) {
                visible.add(new Located<>(asset, project, user, subject));
            }
        }
        visible.sort(Comparator.comparing((Located<T> l) -> l.asset().name(), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(l -> l.asset().id()));
        return visible;
    }

    /** Display names of the owners of the assets, in one query, for {@code ownerName}. */
    public Map<String, String> ownerNames(Collection<? extends Located<?>> located) {
        return displayNames.of(located.stream().map(l -> l.asset().ownerId()).toList());
    }

    /** The display name of one asset's owner, or null when the owner no longer exists. */
    public String ownerName(Located<?> located) {
        return displayNames.of(List.of(located.asset().ownerId())).get(located.asset().ownerId());
    }

    // ---- names ----

    /**
     * Whether another asset of the kind in the project has this name (compared trimmed and ignoring case).
     *
     * @param exceptId the asset being renamed, or null
     */
    public boolean nameTaken(AssetKind<?> kind, String projectId, String name, String exceptId) {
        Criteria criteria = Criteria.where("projectId").is(projectId).and("nameKey").is(AssetNames.key(name));
        if (exceptId != null) {
            criteria = criteria.and("_id").ne(exceptId);
        }
        return mongo.exists(new Query(criteria), kind.collection());
    }

    /** A free name for a copy: "Name - Copy", then "Name - Copy (2)" and so on, within the target project. */
    public String copyName(AssetKind<?> kind, String projectId, String name) {
        String base = name + " - Copy";
        String candidate = base;
        for (int n = 2; nameTaken(kind, projectId, candidate, null); n++) {
            candidate = base + " (" + n + ")";
        }
        return candidate;
    }

    // ---- ownership ----

    /**
     * Gives the asset to another user of its organization who has at least a Creator license there,
     * moving the version so that concurrent writers notice.
     *
     * @throws ApiException 400 when the new owner is not such a user, 409 when the asset changed meanwhile
     */
    public void changeOwner(Located<?> located, String ownerId) {
        ProjectAsset asset = located.asset();
        UserDocument owner = ownerId == null ? null : mongo.findById(ownerId, UserDocument.class);
        String organizationId = located.project().organizationId();
        if (owner == null || "Recipient".equals(owner.type())
                || (owner.memberships().stream().noneMatch(m -> m.organizationId().equals(organizationId))
                        && !owner.tenantOwner() && !owner.tenantAdmin())) {
            throw ApiException.invalid("ownerId", "is not a user of the organization");
        }
        if (!Subject.of(owner, organizationId).license().allows(LicenseLevel.Creator)) {
            throw ApiException.invalid("ownerId", "needs a Creator license in the organization to own content");
        }
        long changed = mongo.updateFirst(
                new Query(Criteria.where("_id").is(asset.id()).and("version").is(asset.version())),
                new Update().set("ownerId", owner.id()).inc("version", 1), located.asset().kind().collection())
                .getModifiedCount();
        if (changed == 0) {
            throw Versions.stale(located.asset().kind());
        }
    }
}
