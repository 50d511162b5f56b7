package org.qalyptus.server.project;

import org.qalyptus.server.web.Uuids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.permission.AssetType;
import org.qalyptus.server.permission.LicenseLevel;
import org.qalyptus.server.permission.Member;
import org.qalyptus.server.permission.MemberPermissionView;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.permission.SetPermissionsRequest;
import org.qalyptus.server.permission.Subject;
import org.qalyptus.server.permission.Visibility;
import org.qalyptus.server.project.ProjectRequests.CreateProject;
import org.qalyptus.server.project.ProjectRequests.UpdateProject;
import org.qalyptus.server.user.DisplayNames;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Projects and their permissions, with the rules: projects are seen within the caller's organizations
 * only (404 elsewhere); seeing one needs {@code viewProject}, changing it (name, owner, mode, members,
 * deletion) needs to be its owner or an administrator of its organization (403 otherwise); creating one
 * needs a Creator license in the organization, and the creator becomes the owner.
 */
@Service
public class ProjectService {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;
    /** The collections of project content, deleted with their project. */
    static final List<String> CONTENT_COLLECTIONS = List.of(AssetType.Report.collection(),
            AssetType.Filter.collection(), AssetType.Condition.collection(), AssetType.Task.collection());

    private final ProjectRepository projects;
    private final MongoTemplate mongo;
    private final OrganizationAccess access;
    private final PermissionService permissions;
    private final Clock clock;
    private final DisplayNames displayNames;

    ProjectService(ProjectRepository projects, MongoTemplate mongo, OrganizationAccess access,
            PermissionService permissions, Clock clock, DisplayNames displayNames) {
        this.displayNames = displayNames;
        this.projects = projects;
        this.mongo = mongo;
        this.access = access;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** A project with the caller's standing in its organization. */
    record Visible(ProjectDocument project, UserDocument user, Subject subject) {}

    // ---- projects ----

    public ProjectView create(Caller caller, CreateProject request) {
        List<FieldError> errors = new ArrayList<>();
        String name = validName(request.name(), errors);
        validDescription(request.description(), errors);
        if (request.organizationID() != null && !Uuids.isUuid(request.organizationID())) {
            errors.add(new FieldError("organizationID", "must be a UUID"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        UserDocument user = access.user(caller);
        String organizationId = organizationForNewProject(caller, user, request.organizationID());
        Subject subject = Subject.of(user, organizationId);
        if (!subject.license().allows(LicenseLevel.Creator)) {
            throw ApiException.forbidden("Creating a project needs a Creator license in the organization");
        }
        Instant now = clock.instant();
        ProjectDocument project = new ProjectDocument(UUID.randomUUID().toString(), organizationId, name,
                ProjectDocument.nameKey(name), blankToNull(request.description()), user.id(), true, now, now);
        requireUniqueName(project);
        try {
            projects.insert(project);
        } catch (DuplicateKeyException raced) {
            throw duplicateName(name);
        }
        permissions.ownershipTaken(project.id(), project.ownerId());
        return view(project, user.id(), Map.of(user.id(), user.displayName()));
    }

    /** Every project the caller may see, in every organization the caller can see. */
    public List<ProjectView> list(Caller caller) {
        UserDocument user = access.user(caller);
        return listIn(caller, user, visibleOrganizations(caller, user));
    }

    /** The projects the caller may see in one organization. @throws ApiException 404 when the organization is not visible */
    public List<ProjectView> listInOrganization(Caller caller, String organizationId) {
        if (mongo.findById(organizationId, OrganizationDocument.class) == null) {
            throw ApiException.notFound("Organization " + organizationId);
        }
        access.requireMember(caller, organizationId);
        return listIn(caller, access.user(caller), List.of(organizationId));
    }

    public ProjectView get(Caller caller, String id) {
        Visible visible = viewable(caller, id);
        return view(visible.project(), visible.user().id(), null);
    }

    public ProjectView update(Caller caller, String id, UpdateProject request) {
        List<FieldError> errors = new ArrayList<>();
        String name = validName(request.name(), errors);
        validDescription(request.description(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Visible visible = managed(caller, id);
        ProjectDocument current = visible.project();
        ProjectDocument renamed = new ProjectDocument(current.id(), current.organizationId(), name,
                ProjectDocument.nameKey(name), blankToNull(request.description()), current.ownerId(),
                current.globalPermissions(), current.createdAt(), clock.instant());
        if (!renamed.nameKey().equals(current.nameKey())) {
            requireUniqueName(renamed);
        }
        try {
            projects.save(renamed);
        } catch (DuplicateKeyException raced) {
            throw duplicateName(name);
        }
        return view(renamed, visible.user().id(), null);
    }

    public void delete(Caller caller, String id) {
        deleteAll(List.of(managed(caller, id).project()));
    }

    /**
     * Deletes several projects, all or none: every id must be a project the caller manages.
     *
     * @return the deleted ids
     */
    public List<String> deleteMany(Caller caller, List<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            throw ApiException.invalid("ids", "must list at least one project id");
        }
        if (ids.contains(null)) {
            throw ApiException.invalid("ids[" + ids.indexOf(null) + "]", "must be a project id");
        }
        List<ProjectDocument> toDelete = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(ids)) {
            toDelete.add(managed(caller, id.toString()).project());
        }
        deleteAll(toDelete);
        return toDelete.stream().map(ProjectDocument::id).toList();
    }

    public ProjectView setPermissionMode(Caller caller, String id, boolean global) {
        Visible visible = managed(caller, id);
        ProjectDocument current = visible.project();
        if (current.globalPermissions() == global) {
            return view(current, visible.user().id(), null);
        }
        ProjectDocument changed = new ProjectDocument(current.id(), current.organizationId(), current.name(),
                current.nameKey(), current.description(), current.ownerId(), global, current.createdAt(), clock.instant());
        projects.save(changed);
        permissions.modeChanged(changed.ref());
        return view(changed, visible.user().id(), null);
    }

    public ProjectView changeOwner(Caller caller, String id, String ownerId) {
        Visible visible = managed(caller, id);
        ProjectDocument current = visible.project();
        UserDocument owner = Optional.ofNullable(mongo.findById(ownerId, UserDocument.class))
                .filter(u -> !"Recipient".equals(u.type()))
                .filter(u -> u.memberships().stream().anyMatch(m -> m.organizationId().equals(current.organizationId())))
                .orElseThrow(() -> ApiException.invalid("ownerId", "is not a user of the project's organization"));
        if (!Subject.of(owner, current.organizationId()).license().allows(LicenseLevel.Creator)) {
            throw ApiException.invalid("ownerId", "needs a Creator license in the organization to own a project");
        }
        ProjectDocument changed = new ProjectDocument(current.id(), current.organizationId(), current.name(),
                current.nameKey(), current.description(), owner.id(), current.globalPermissions(), current.createdAt(),
                clock.instant());
        permissions.ownershipReleased(current.id(), current.ownerId());
        projects.save(changed);
        permissions.ownershipTaken(changed.id(), changed.ownerId());
        return view(changed, visible.user().id(), null);
    }

    /**
     * The projects among {@code ids} the caller may see, in the same store queries whatever their number
     * (for batched readers); the others are left out.
     */
    public List<ProjectView> visibleByIds(Caller caller, Collection<String> ids) {
        UserDocument user = access.user(caller);
        Set<String> wanted = new java.util.HashSet<>(ids);
        List<ProjectDocument> found = visibleIn(user, visibleOrganizations(caller, user)).stream()
                .filter(p -> wanted.contains(p.id())).toList();
        Map<String, String> ownerNames = owners(found);
        return found.stream().map(p -> view(p, user.id(), ownerNames)).toList();
    }

    // ---- for the content features ----

    /**
     * The projects the caller may see ({@code viewProject}), in every organization the caller can see;
     * content lists start from these.
     */
    public List<ProjectDocument> visibleProjects(Caller caller) {
        UserDocument user = access.user(caller);
        return visibleIn(user, visibleOrganizations(caller, user));
    }

    /**
     * The project, for content routes that name it. @throws ApiException 404 when it does not exist or is
     * outside the caller's organizations, 403 without {@code viewProject}
     */
    public ProjectDocument viewableProject(Caller caller, String id) {
        return viewable(caller, id).project();
    }

    // ---- permissions ----

    public List<MemberPermissionView> permissions(Caller caller, String id) {
        Visible visible = managed(caller, id);
        return permissions.describe(permissions.members(visible.project().ref(), null));
    }

    /**
     * The members of several projects, by project id, in a fixed number of reads: those the caller may see and
     * manages; the others are left out (the single read refuses them).
     */
    public Map<String, List<MemberPermissionView>> permissions(Caller caller, Collection<String> ids) {
        UserDocument user = access.user(caller);
        Set<String> wanted = new java.util.HashSet<>(ids);
        List<ProjectDocument> managed = visibleIn(user, visibleOrganizations(caller, user)).stream()
                .filter(p -> wanted.contains(p.id()))
                .filter(p -> permissions.manages(Subject.of(user, p.organizationId()), p.ref())).toList();
        List<List<org.qalyptus.server.permission.PermissionDocument>> memberships = managed.stream()
                .map(p -> permissions.members(p.ref(), null)).toList();
        List<MemberPermissionView> described = permissions.describe(memberships.stream().flatMap(List::stream).toList());
        Map<String, List<MemberPermissionView>> byProject = new java.util.HashMap<>();
        int next = 0;
        for (int i = 0; i < managed.size(); i++) {
            int size = memberships.get(i).size();
            byProject.put(managed.get(i).id(), described.subList(next, next + size));
            next += size;
        }
        return byProject;
    }

    public MemberPermissionView memberPermissions(Caller caller, String id, String memberPermissionId) {
        Visible visible = managed(caller, id);
        return permissions.describe(List.of(permissions.member(visible.project().ref(), null, memberPermissionId))).get(0);
    }

    public List<MemberPermissionView> setPermissions(Caller caller, String id, SetPermissionsRequest request) {
        List<Member> members = request.validMembers();
        Visible visible = managed(caller, id);
        return permissions.describe(permissions.setMembers(visible.project().ref(), null, members,
                request.permissions().toSet()));
    }

    public MemberPermissionView setMemberPermissions(Caller caller, String id, String memberPermissionId,
            Set<Permission> flags) {
        Visible visible = managed(caller, id);
        return permissions.describe(List.of(permissions.setMember(visible.project().ref(), null, memberPermissionId, flags)))
                .get(0);
    }

    public void deleteMemberPermissions(Caller caller, String id, Collection<String> memberPermissionIds) {
        Visible visible = managed(caller, id);
        permissions.deleteMembers(visible.project().ref(), null, memberPermissionIds);
    }

    // ---- internals ----

    /**
     * The project, if the caller may see it exists. @throws ApiException 404 when it does not exist or is
     * outside the organizations the caller can see
     */
    private Visible visible(Caller caller, String id) {
        ProjectDocument project = projects.findById(id).orElseThrow(() -> ApiException.notFound("Project " + id));
        if (!access.canSee(caller, project.organizationId())) {
            throw ApiException.notFound("Project " + id);
        }
        UserDocument user = access.user(caller);
        return new Visible(project, user, Subject.of(user, project.organizationId()));
    }

    /** @throws ApiException 404 as {@link #visible}, 403 without {@code viewProject} */
    private Visible viewable(Caller caller, String id) {
        Visible visible = visible(caller, id);
        permissions.require(visible.subject(), visible.project().ref(), null, Permission.VIEW_PROJECT);
        return visible;
    }

    /** @throws ApiException 404 as {@link #visible}, 403 unless the caller owns or administers the project */
    private Visible managed(Caller caller, String id) {
        Visible visible = visible(caller, id);
        permissions.requireManager(visible.subject(), visible.project().ref());
        return visible;
    }

    /**
     * The visible projects: those granted or owned read by primary key, plus every project of the
     * organizations the user administers.
     */
    private List<ProjectView> listIn(Caller caller, UserDocument user, Collection<String> organizationIds) {
        List<ProjectDocument> found = visibleIn(user, organizationIds);
        Map<String, String> ownerNames = owners(found);
        return found.stream().map(p -> view(p, user.id(), ownerNames)).toList();
    }

    private List<ProjectDocument> visibleIn(UserDocument user, Collection<String> organizationIds) {
        Visibility visibility = permissions.visibleProjects(user, organizationIds);
        Map<String, ProjectDocument> byId = new HashMap<>();
        if (!visibility.projectIds().isEmpty()) {
            mongo.find(new Query(Criteria.where("_id").in(visibility.projectIds())), ProjectDocument.class)
                    .forEach(p -> byId.put(p.id(), p));
        }
        if (!visibility.administeredOrganizations().isEmpty()) {
            mongo.find(new Query(Criteria.where("organizationId").in(visibility.administeredOrganizations())),
                    ProjectDocument.class).forEach(p -> byId.put(p.id(), p));
        }
        return byId.values().stream()
                .filter(p -> organizationIds.contains(p.organizationId()) && visibility.admits(p.id(), p.organizationId()))
                .sorted(java.util.Comparator.comparing((ProjectDocument p) -> p.nameKey()).thenComparing(ProjectDocument::id))
                .toList();
    }

    /** The organizations the caller can see: the one an API key is limited to, or all the user's (all for tenant administrators). */
    private List<String> visibleOrganizations(Caller caller, UserDocument user) {
        if (caller.limitedToOrganization().isPresent()) {
            String organizationId = caller.limitedToOrganization().get();
            boolean member = user.tenantOwner() || user.tenantAdmin()
                    || user.memberships().stream().anyMatch(m -> m.organizationId().equals(organizationId));
            return member ? List.of(organizationId) : List.of();
        }
        if (user.tenantOwner() || user.tenantAdmin()) {
            // Only the ids are read, so they are read as raw documents: an OrganizationDocument cannot be built from
            // an id alone (its flags are primitives), which failed every project list of a tenant owner's session.
            Query all = new Query();
            all.fields().include("_id");
            return mongo.find(all, org.bson.Document.class, mongo.getCollectionName(OrganizationDocument.class)).stream()
                    .map(document -> String.valueOf(document.get("_id"))).toList();
        }
        return user.memberships().stream().map(UserDocument.Membership::organizationId).distinct().toList();
    }

    private String organizationForNewProject(Caller caller, UserDocument user, String requested) {
        if (requested != null) {
            if (mongo.findById(requested, OrganizationDocument.class) == null) {
                throw ApiException.notFound("Organization " + requested);
            }
            access.requireMember(caller, requested);
            return requested;
        }
        if (caller.limitedToOrganization().isPresent()) {
            return caller.limitedToOrganization().get();
        }
        List<String> own = user.memberships().stream().map(UserDocument.Membership::organizationId).distinct().toList();
        if (own.size() == 1) {
            return own.get(0);
        }
        throw ApiException.invalid("organizationID", "is required: you belong to " + own.size() + " organizations");
    }

    private void requireUniqueName(ProjectDocument project) {
        if (projects.existsByOrganizationIdAndNameKey(project.organizationId(), project.nameKey())) {
            throw duplicateName(project.name());
        }
    }

    private static ApiException duplicateName(String name) {
        return ApiException.conflict("A project named '" + name + "' already exists in the organization");
    }

    /**
     * Deletes the projects and everything in them. Content first and the project last, so a deletion cut
     * short leaves the project in place, visible and deletable again, rather than orphaned content.
     */
    private void deleteAll(List<ProjectDocument> toDelete) {
        for (ProjectDocument project : toDelete) {
            for (String collection : CONTENT_COLLECTIONS) {
                mongo.remove(new Query(Criteria.where("projectId").is(project.id())), collection);
            }
            permissions.projectDeleted(project.id());
            permissions.ownershipReleased(project.id(), project.ownerId());
            projects.deleteById(project.id());
        }
    }

    /** Display names of the projects' owners, read with a projection (one query for the whole list). */
    private Map<String, String> owners(List<ProjectDocument> found) {
        return displayNames.of(found.stream().map(ProjectDocument::ownerId).toList());
    }

    private ProjectView view(ProjectDocument project, String callerId, Map<String, String> ownerNames) {
        String ownerName;
        if (ownerNames != null) {
            ownerName = ownerNames.get(project.ownerId());
        } else {
            UserDocument owner = mongo.findById(project.ownerId(), UserDocument.class);
            ownerName = owner == null ? null : owner.displayName();
        }
        return new ProjectView(project.id(), project.name(), project.description(), project.ownerId(), ownerName,
                project.ownerId().equals(callerId), project.globalPermissions(), project.organizationId(),
                project.createdAt(), project.updatedAt());
    }

    private static String validName(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
            return null;
        }
        String trimmed = name.trim();
        if (trimmed.length() > MAX_NAME) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME + " characters"));
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "must not contain control characters"));
        }
        return trimmed;
    }

    private static void validDescription(String description, List<FieldError> errors) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
