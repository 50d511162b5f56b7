package org.qalyptus.server.filter;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.asset.InProject;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.asset.ProjectSummary;
import org.qalyptus.server.asset.Versions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.filter.FilterRequests.CreateFilter;
import org.qalyptus.server.filter.FilterRequests.DuplicateFilter;
import org.qalyptus.server.filter.FilterRequests.UpdateFilter;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.permission.AssetRef;
import org.qalyptus.server.permission.AssetType;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.permission.Subject;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Filters as project assets: create, read, list, rename, duplicate, delete, and the filters a report can
 * use. The rules every asset shares (404 outside the caller's organizations, 403 without the flag,
 * unique names per project, versions) come from {@link ProjectAssets}; the items are
 * {@link FilterItemService}'s.
 */
@Service
public class FilterService {

    private static final AssetKind<FilterDocument> KIND = FilterDocument.KIND;

    private final MongoTemplate mongo;
    private final ProjectAssets assets;
    private final AppElements apps;
    private final OrganizationAccess access;
    private final PermissionService permissions;
    private final Clock clock;

    FilterService(MongoTemplate mongo, ProjectAssets assets, AppElements apps, OrganizationAccess access,
            PermissionService permissions, Clock clock) {
        this.mongo = mongo;
        this.assets = assets;
        this.apps = apps;
        this.access = access;
        this.permissions = permissions;
        this.clock = clock;
    }

    public FilterView create(Caller caller, CreateFilter request) {
        RequestChecks.body(request);
        List<FieldError> errors = new ArrayList<>();
        String name = AssetNames.valid(request.name(), false, errors);
        String description = AssetNames.validDescription(request.description(), errors);
        String projectId = RequestChecks.uuid(request.projectID(), "projectID", true, errors);
        String appId = RequestChecks.uuid(request.qlikAppID(), "qlikAppID", false, errors);
        RequestChecks.throwIfAny(errors);
        InProject target = assets.projectForNew(caller, KIND, "projectID", projectId);
        if (appId != null) {
            apps.requireApp(target.project().organizationId(), appId, "qlikAppID");
        }
        if (assets.nameTaken(KIND, projectId, name, null)) {
            throw duplicateName(name);
        }
        Instant now = clock.instant();
        FilterDocument filter = new FilterDocument(UUID.randomUUID().toString(), projectId,
                target.project().organizationId(), name, AssetNames.key(name), description, target.user().id(), appId,
                List.of(), now, now, null);
        FilterDocument created = insert(filter);
        assets.created(target, created);
        return view(new Located<>(created, target.project(), target.user(), target.subject()), target.user().displayName(),
                true);
    }

    public List<FilterView> list(Caller caller, String projectIdOrNull) {
        return views(assets.visible(caller, KIND, projectIdOrNull), false);
    }

    /** As {@link #list} with each filter's items (they are stored with the filter: no further query). */
    public List<FilterView> listWithItems(Caller caller, String projectIdOrNull) {
        return views(assets.visible(caller, KIND, projectIdOrNull), true);
    }

    /** The filters, with their items, the caller may see in several projects at once. */
    public List<FilterView> listInProjects(Caller caller, java.util.Collection<String> projectIds) {
        return views(assets.visibleInProjects(caller, KIND, projectIds), true);
    }

    public FilterView get(Caller caller, String id) {
        Located<FilterDocument> located = assets.require(caller, KIND, id, KIND.view());
        return view(located, assets.ownerName(located), true);
    }

    public FilterView update(Caller caller, String id, UpdateFilter request, String ifMatch) {
        RequestChecks.body(request);
        List<FieldError> errors = new ArrayList<>();
        String name = AssetNames.valid(request.name(), false, errors);
        String description = AssetNames.validDescription(request.description(), errors);
        String projectId = RequestChecks.uuid(request.projectID(), "projectID", false, errors);
        String appId = RequestChecks.uuid(request.qlikAppID(), "qlikAppID", false, errors);
        Long expected = Versions.expected(request.version(), ifMatch);
        RequestChecks.throwIfAny(errors);
        Located<FilterDocument> located = assets.require(caller, KIND, id, KIND.edit());
        FilterDocument current = located.asset();
        Versions.check(KIND, current.version(), expected);
        if (projectId != null && !projectId.equals(current.projectId())) {
            throw ApiException.invalid("projectID", "is the filter's project and cannot change; duplicate the filter into "
                    + "the other project instead");
        }
        String newAppId = current.appId();
        if (appId != null && !appId.equals(current.appId())) {
            if (!current.items().isEmpty()) {
                throw ApiException.conflict("The filter's items belong to app " + current.appId()
                        + "; delete them before choosing another app");
            }
            apps.requireApp(current.organizationId(), appId, "qlikAppID");
            newAppId = appId;
        }
        if (!AssetNames.key(name).equals(current.nameKey()) && assets.nameTaken(KIND, current.projectId(), name, id)) {
            throw duplicateName(name);
        }
        FilterDocument changed = new FilterDocument(current.id(), current.projectId(), current.organizationId(), name,
                AssetNames.key(name), description, current.ownerId(), newAppId, current.items(), current.createdAt(),
                clock.instant(), current.version());
        FilterDocument saved = save(changed);
        return view(new Located<>(saved, located.project(), located.user(), located.subject()), assets.ownerName(located),
                true);
    }

    public void delete(Caller caller, String id) {
        remove(assets.require(caller, KIND, id, KIND.delete()));
    }

    /** Deletes several filters, all or none. @return the deleted ids */
    public List<String> deleteMany(Caller caller, List<UUID> ids) {
        List<Located<FilterDocument>> found = assets.requireAll(caller, KIND, ids, "ids", KIND.delete());
        found.forEach(this::remove);
        return found.stream().map(l -> l.asset().id()).toList();
    }

    /**
     * Copies a filter, items included (under new ids), named "Name - Copy" (then "(2)" ...), owned by the
     * caller: into its own project, or into another project of its organization where the caller may create
     * filters.
     */
    public FilterView duplicate(Caller caller, String id, DuplicateFilter request) {
        List<FieldError> errors = new ArrayList<>();
        String projectId = request == null ? null : RequestChecks.uuid(request.projectID(), "projectID", false, errors);
        String organizationId = request == null ? null
                : RequestChecks.uuid(request.organizationID(), "organizationID", false, errors);
        RequestChecks.throwIfAny(errors);
        Located<FilterDocument> source = assets.require(caller, KIND, id, KIND.duplicate());
        InProject target = CopyTarget.of(assets, caller, KIND, source, projectId, organizationId);
        FilterDocument original = source.asset();
        Instant now = clock.instant();
        String name = assets.copyName(KIND, target.project().id(), original.name());
        FilterDocument copy = new FilterDocument(UUID.randomUUID().toString(), target.project().id(),
                target.project().organizationId(), name, AssetNames.key(name), original.description(), target.user().id(),
                original.appId(), original.items().stream().map(i -> i.withId(UUID.randomUUID().toString())).toList(), now,
                now, null);
        FilterDocument created = insert(copy);
        assets.created(target, created);
        return view(new Located<>(created, target.project(), target.user(), target.subject()), target.user().displayName(),
                true);
    }

    /**
     * The filters a report can use: those of the report's project that draw from one of the report's apps,
     * with their items, among the filters the caller may see.
     *
     * @throws ApiException 404 when the report does not exist or is outside the caller's organizations, 403
     *     without {@code viewReport} on it
     */
    public List<FilterView> forReport(Caller caller, String reportId) {
        Query byId = new Query(Criteria.where("_id").is(reportId));
        byId.fields().include("projectId", "organizationId", "ownerId", "appIds");
        Document report = mongo.findOne(byId, Document.class, AssetType.Report.collection());
        String organizationId = report == null ? null : report.get("organizationId") instanceof String s ? s : null;
        if (organizationId == null || !access.canSee(caller, organizationId)) {
            throw ApiException.notFound("Report " + reportId);
        }
        ProjectDocument project = report.get("projectId") instanceof String p ? mongo.findById(p, ProjectDocument.class) : null;
        if (project == null) {
            throw ApiException.notFound("Report " + reportId);
        }
        UserDocument user = access.user(caller);
        Subject subject = Subject.of(user, project.organizationId());
        String ownerId = report.get("ownerId") instanceof String o ? o : null;
        permissions.require(subject, project.ref(), new AssetRef(AssetType.Report, reportId, ownerId),
                Permission.VIEW_REPORT);
        List<String> appIds = report.get("appIds") instanceof List<?> list
                ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList()
                : List.of();
        if (appIds.isEmpty()) {
            return List.of();
        }
        // wrapped in $and: visibleMatching adds its own criterion on projectId, which would replace a top-level one
        Criteria sameProjectAndApp = new Criteria().andOperator(Criteria.where("projectId").is(project.id()),
                Criteria.where("appId").in(appIds));
        return views(assets.visibleMatching(caller, KIND, sameProjectAndApp), true);
    }

    /**
     * {@link #forReport} for several reports at once, in a fixed number of store queries: each report's
     * filters (with items) by report id. Reports that do not exist or that the caller may not view map to
     * nothing.
     */
    public Map<String, List<FilterView>> forReports(Caller caller, java.util.Collection<String> reportIds) {
        Query byIds = new Query(Criteria.where("_id").in(reportIds));
        byIds.fields().include("projectId", "organizationId", "ownerId", "appIds");
        List<Document> reports = mongo.find(byIds, Document.class, AssetType.Report.collection());
        Map<String, ProjectDocument> projects = new java.util.HashMap<>();
        java.util.Set<String> projectIds = new java.util.HashSet<>();
        reports.forEach(r -> { if (r.get("projectId") instanceof String p) { projectIds.add(p); } });
        if (!projectIds.isEmpty()) {
            mongo.find(new Query(Criteria.where("_id").in(projectIds)), ProjectDocument.class)
                    .forEach(p -> projects.put(p.id(), p));
        }
        UserDocument user = access.user(caller);
        Map<String, Subject> subjects = new java.util.HashMap<>();
        Map<String, Boolean> visibleOrganizations = new java.util.HashMap<>();
        Map<String, List<String>> appsByReport = new java.util.HashMap<>();
        Map<String, String> projectByReport = new java.util.HashMap<>();
        java.util.Set<String> allApps = new java.util.HashSet<>();
        for (Document report : reports) {
            String reportId = report.getString("_id");
            ProjectDocument project = report.get("projectId") instanceof String p ? projects.get(p) : null;
            if (project == null || !visibleOrganizations.computeIfAbsent(project.organizationId(),
                    org -> access.canSee(caller, org))) {
                continue;
            }
            Subject subject = subjects.computeIfAbsent(project.organizationId(), org -> Subject.of(user, org));
            String ownerId = report.get("ownerId") instanceof String o ? o : null;
            if (!permissions.allows(subject, project.ref(), new AssetRef(AssetType.Report, reportId, ownerId),
                    Permission.VIEW_REPORT)) {
                continue;
            }
            List<String> appIds = report.get("appIds") instanceof List<?> list
                    ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList()
                    : List.of();
            appsByReport.put(reportId, appIds);
            projectByReport.put(reportId, project.id());
            allApps.addAll(appIds);
        }
        Map<String, List<FilterView>> byReport = new java.util.HashMap<>();
        if (allApps.isEmpty()) {
            return byReport;
        }
        Criteria candidates = new Criteria().andOperator(
                Criteria.where("projectId").in(new java.util.HashSet<>(projectByReport.values())),
                Criteria.where("appId").in(allApps));
        List<FilterView> found = views(assets.visibleMatching(caller, KIND, candidates), true);
        appsByReport.forEach((reportId, appIds) -> byReport.put(reportId, found.stream()
                .filter(f -> f.project().id().equals(projectByReport.get(reportId)) && appIds.contains(f.appId()))
                .toList()));
        return byReport;
    }

    // ---- for the item routes and the demo ----

    FilterDocument save(FilterDocument filter) {
        try {
            return mongo.save(filter);
        } catch (DuplicateKeyException raced) {
            throw duplicateName(filter.name());
        }
    }

    FilterDocument insert(FilterDocument filter) {
        try {
            return mongo.insert(filter);
        } catch (DuplicateKeyException raced) {
            throw duplicateName(filter.name());
        }
    }

    FilterView view(Located<FilterDocument> located, String ownerName, boolean withItems) {
        FilterDocument filter = located.asset();
        return new FilterView(filter.id(), filter.name(), filter.description(), filter.ownerId(), ownerName,
                located.isMine(), ProjectSummary.of(located.project()), filter.organizationId(), filter.appId(),
                filter.version(), filter.createdAt(), filter.updatedAt(), withItems ? FilterItemView.all(filter) : null);
    }

    // ---- internals ----

    private List<FilterView> views(List<Located<FilterDocument>> found, boolean withItems) {
        Map<String, String> ownerNames = assets.ownerNames(found);
        return found.stream().map(l -> view(l, ownerNames.get(l.asset().ownerId()), withItems)).toList();
    }

    private void remove(Located<FilterDocument> located) {
        mongo.remove(new Query(Criteria.where("_id").is(located.asset().id())), FilterDocument.class);
        assets.deleted(located);
    }

    private static ApiException duplicateName(String name) {
        return ApiException.conflict("A filter named '" + name + "' already exists in the project");
    }
}
