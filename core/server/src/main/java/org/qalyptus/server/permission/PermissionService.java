package org.qalyptus.server.permission;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Decides content rights and keeps the memberships that grant them. Every content feature (projects
 * today; reports, filters, conditions and tasks later) asks this service, through REST or GraphQL.
 *
 * <p>The rules, in order: a right needs the license its kind calls for (view Viewer, edit Explorer,
 * create Creator) in the project's organization; within that cap, administrators of the organization
 * (and tenant administrators) and the project's owner have every right, and an asset's owner every
 * right on that asset; everyone else has what their own memberships and their groups' grant, decided
 * by the domain's jCasbin enforcer. In global mode an asset's rights are its project's; in customizable
 * mode each asset has its own memberships, seeded from the project's when it is created.
 *
 * <p>Domains are projects: each has its own enforcer ({@link DomainCache}). Lists never check items one
 * by one: {@link #visibleProjects} works out the allowed ids from the members' grants and the caller
 * filters in MongoDB. Every read here is by primary key or unique index, so the embedded store (which
 * has no secondary indexes) answers as fast as MongoDB.
 */
@Service
public class PermissionService {

    private final MongoTemplate mongo;
    private final DomainCache domains;
    private final Clock clock;

    @Autowired
    PermissionService(MongoTemplate mongo, PermissionProperties properties, Clock clock) {
        this(mongo, properties, clock, System::nanoTime);
    }

    PermissionService(MongoTemplate mongo, PermissionProperties properties, Clock clock, LongSupplier nanoTime) {
        this.mongo = mongo;
        this.domains = new DomainCache(mongo, properties, nanoTime);
        this.clock = clock;
    }

    // ---- decisions ----

    /** Whether the subject has {@code action} on the project itself. */
    public boolean allows(Subject subject, ProjectRef project, Permission action) {
        return allows(subject, project, null, action);
    }

    /**
     * Whether the subject has {@code action} on the asset of the project ({@code asset} null: on the
     * project). The subject must be taken in the project's organization.
     */
    public boolean allows(Subject subject, ProjectRef project, AssetRef asset, Permission action) {
        if (!subject.organizationId().equals(project.organizationId())) {
            return false;
        }
        if (!subject.license().allows(action.need().minimum())) {
            return false;
        }
        if (subject.administrator() || subject.userId().equals(project.ownerId())) {
            return true;
        }
        boolean onProject = asset == null || project.globalPermissions() || action.decidedOnProject();
        if (!onProject && subject.userId().equals(asset.ownerId())) {
            return true;
        }
        String object = onProject ? DomainPolicies.PROJECT_OBJECT : DomainPolicies.objectOf(asset.type(), asset.id());
        return domains.get(project.id()).grants(subject.userId(), subject.groupIds(), object, action);
    }

    /** @throws ApiException 403 when the subject lacks {@code action} */
    public void require(Subject subject, ProjectRef project, AssetRef asset, Permission action) {
        if (!allows(subject, project, asset, action)) {
            throw ApiException.forbidden("You do not have the '" + action.flag() + "' permission here");
        }
    }

    /**
     * Whether the subject administers the project: its owner or an administrator of its organization,
     * with at least the Explorer license that changing content needs. Only they change the project, its
     * owner, its mode and its memberships.
     */
    public boolean manages(Subject subject, ProjectRef project) {
        return subject.organizationId().equals(project.organizationId())
                && subject.license().allows(Permission.Need.EDIT.minimum())
                && (subject.administrator() || subject.userId().equals(project.ownerId()));
    }

    /** @throws ApiException 403 when the subject does not manage the project */
    public void requireManager(Subject subject, ProjectRef project) {
        if (!manages(subject, project)) {
            throw ApiException.forbidden("Only the project's owner or an administrator of its organization may do this");
        }
    }

    /**
     * The projects the user may see among {@code organizationIds} (the organizations the caller can
     * see): one read by primary key of the grants of the user and their groups ({@link MemberGrants});
     * no project is checked individually.
     */
    public Visibility visibleProjects(UserDocument user, Collection<String> organizationIds) {
        Set<String> administered = new HashSet<>();
        Set<String> licensed = new HashSet<>();
        Set<String> members = new LinkedHashSet<>();
        members.add(user.id());
        for (String organizationId : organizationIds) {
            Subject subject = Subject.of(user, organizationId);
            if (!subject.license().allows(Permission.VIEW_PROJECT.need().minimum())) {
                continue;
            }
            licensed.add(organizationId);
            if (subject.administrator()) {
                administered.add(organizationId);
            }
            members.addAll(subject.groupIds());
        }
        if (licensed.isEmpty()) {
            return new Visibility(user.id(), Set.of(), Set.of(), Set.of());
        }
        Set<String> granted = new HashSet<>();
        for (MemberGrants grants : mongo.find(new Query(Criteria.where("_id").in(members)), MemberGrants.class)) {
            granted.addAll(grants.viewProjectIds());
            if (grants.id().equals(user.id())) {
                granted.addAll(grants.ownedProjectIds());
            }
        }
        return new Visibility(user.id(), Set.copyOf(administered), Set.copyOf(licensed), Set.copyOf(granted));
    }

    // ---- memberships ----

    /**
     * The memberships of the project ({@code asset} null) or of one asset. In global mode an asset's
     * memberships are the project's (read-only through the asset).
     */
    public List<PermissionDocument> members(ProjectRef project, AssetRef asset) {
        String assetId = asset == null || project.globalPermissions() ? project.id() : asset.id();
        return domains.memberships(domains.head(project.id())).stream()
                .filter(m -> m.assetId().equals(assetId)).toList();
    }

    /**
     * The members of several assets of one project, by asset id: as {@link #members} gives them for each, from
     * one read of the project's memberships (GraphQL's batched links).
     */
    public Map<String, List<PermissionDocument>> membersOfAssets(ProjectRef project, Collection<AssetRef> assets) {
        List<PermissionDocument> all = domains.memberships(domains.head(project.id()));
        Map<String, List<PermissionDocument>> byAsset = new HashMap<>();
        for (AssetRef asset : assets) {
            String assetId = project.globalPermissions() ? project.id() : asset.id();
            byAsset.put(asset.id(), all.stream().filter(m -> m.assetId().equals(assetId)).toList());
        }
        return byAsset;
    }

    /** @throws ApiException 404 when the membership is not one of the project's (or the asset's) */
    public PermissionDocument member(ProjectRef project, AssetRef asset, String memberPermissionId) {
        return members(project, asset).stream().filter(m -> m.id().equals(memberPermissionId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Member permission " + memberPermissionId));
    }

    /**
     * Grants {@code flags} to each member, replacing what they had on the project or asset, adding the
     * members that had nothing. Members must be users or groups of the project's organization.
     *
     * @return the memberships of the project or asset after the change
     */
    public List<PermissionDocument> setMembers(ProjectRef project, AssetRef asset, List<Member> members,
            Set<Permission> flags) {
        requireChangeable(project, asset);
        validateMembers(project.organizationId(), members);
        AssetType type = asset == null ? AssetType.Project : asset.type();
        String assetId = asset == null ? project.id() : asset.id();
        boolean grantsView = type == AssetType.Project && flags.contains(Permission.VIEW_PROJECT);
        List<String> granted = flagNames(flags);
        List<String> ids = new ArrayList<>();
        Set<Member> distinct = new LinkedHashSet<>(members);
        for (Member member : distinct) {
            if (type == AssetType.Project && !grantsView) {
                revokeView(member.id(), project.id());
            }
            Query key = new Query(Criteria.where("assetId").is(assetId).and("memberId").is(member.id()));
            Update update = new Update().set("granted", granted).set("updatedAt", clock.instant())
                    .set("memberType", member.type())
                    .setOnInsert("_id", UUID.randomUUID().toString())
                    .setOnInsert("organizationId", project.organizationId())
                    .setOnInsert("projectId", project.id())
                    .setOnInsert("assetType", type);
            ids.add(mongo.findAndModify(key, update, FindAndModifyOptions.options().upsert(true).returnNew(true),
                    PermissionDocument.class).id());
        }
        PermissionDomain head = domains.commit(project.id(), new Update().addToSet("membershipIds").each(ids.toArray()));
        if (grantsView) {
            distinct.forEach(member -> grantView(member.id(), project.id()));
        }
        domains.objectChanged(project.id(), type, assetId, head);
        return members(project, asset);
    }

    /** Replaces one membership's flags. @throws ApiException 404 when it is not the project's (or asset's) */
    public PermissionDocument setMember(ProjectRef project, AssetRef asset, String memberPermissionId,
            Set<Permission> flags) {
        requireChangeable(project, asset);
        PermissionDocument existing = member(project, asset, memberPermissionId);
        boolean projectLevel = existing.assetType() == AssetType.Project;
        boolean grantsView = flags.contains(Permission.VIEW_PROJECT);
        if (projectLevel && !grantsView) {
            revokeView(existing.memberId(), project.id());
        }
        mongo.updateFirst(new Query(Criteria.where("_id").is(existing.id())),
                new Update().set("granted", flagNames(flags)).set("updatedAt", clock.instant()), PermissionDocument.class);
        PermissionDomain head = domains.commit(project.id(), new Update());
        if (projectLevel && grantsView) {
            grantView(existing.memberId(), project.id());
        }
        domains.objectChanged(project.id(), existing.assetType(), existing.assetId(), head);
        return member(project, asset, memberPermissionId);
    }

    /**
     * Removes memberships; all of them must be the project's (or the asset's), else nothing is removed.
     *
     * @throws ApiException 404 naming the first id that is not
     */
    public void deleteMembers(ProjectRef project, AssetRef asset, Collection<String> memberPermissionIds) {
        requireChangeable(project, asset);
        Map<String, PermissionDocument> known = members(project, asset).stream()
                .collect(Collectors.toMap(PermissionDocument::id, m -> m));
        for (String id : memberPermissionIds) {
            if (!known.containsKey(id)) {
                throw ApiException.notFound("Member permission " + id);
            }
        }
        if (memberPermissionIds.isEmpty()) {
            return;
        }
        for (String id : memberPermissionIds) {
            PermissionDocument membership = known.get(id);
            if (membership.assetType() == AssetType.Project) {
                revokeView(membership.memberId(), project.id());
            }
        }
        PermissionDomain head = domains.commit(project.id(),
                new Update().pullAll("membershipIds", memberPermissionIds.toArray()));
        mongo.remove(new Query(Criteria.where("_id").in(memberPermissionIds)), PermissionDocument.class);
        AssetType type = asset == null ? AssetType.Project : asset.type();
        domains.objectChanged(project.id(), type, asset == null ? project.id() : asset.id(), head);
    }

    /** Seeds a new asset's memberships from the project's in customizable mode; nothing in global mode. */
    public void assetCreated(ProjectRef project, AssetRef asset) {
        if (project.globalPermissions()) {
            return;
        }
        List<String> ids = copyProjectMembersTo(project, members(project, null), asset.type(), asset.id());
        PermissionDomain head = domains.commit(project.id(), new Update().addToSet("membershipIds").each(ids.toArray()));
        domains.objectChanged(project.id(), asset.type(), asset.id(), head);
    }

    /** Removes a deleted asset's memberships. */
    public void assetDeleted(ProjectRef project, AssetRef asset) {
        List<String> ids = domains.memberships(domains.head(project.id())).stream()
                .filter(m -> m.assetId().equals(asset.id())).map(PermissionDocument::id).toList();
        PermissionDomain head = domains.commit(project.id(), new Update().pullAll("membershipIds", ids.toArray()));
        mongo.remove(new Query(Criteria.where("_id").in(ids)), PermissionDocument.class);
        domains.objectChanged(project.id(), asset.type(), asset.id(), head);
    }

    /**
     * Follows a change of the project's permission mode ({@code project} as it now is). Turning
     * customizable seeds every existing asset with the project's members; turning global drops the
     * asset-level memberships, which no longer apply.
     */
    public void modeChanged(ProjectRef project) {
        List<PermissionDocument> all = domains.memberships(domains.head(project.id()));
        List<PermissionDocument> projectLevel = all.stream().filter(m -> m.assetType() == AssetType.Project).toList();
        List<String> kept = new ArrayList<>(projectLevel.stream().map(PermissionDocument::id).toList());
        if (!project.globalPermissions()) {
            for (AssetType type : EnumSet.complementOf(EnumSet.of(AssetType.Project))) {
                Query assets = new Query(Criteria.where("projectId").is(project.id()));
                assets.fields().include("_id");
                for (Map<?, ?> row : mongo.find(assets, Map.class, type.collection())) {
                    kept.addAll(copyProjectMembersTo(project, projectLevel, type, String.valueOf(row.get("_id"))));
                }
            }
        }
        domains.commit(project.id(), new Update().set("membershipIds", kept));
        List<String> dropped = all.stream().filter(m -> m.assetType() != AssetType.Project).map(PermissionDocument::id).toList();
        if (!dropped.isEmpty()) {
            mongo.remove(new Query(Criteria.where("_id").in(dropped)), PermissionDocument.class);
        }
        domains.forget(project.id());
    }

    /**
     * Records that {@code ownerId} owns the project (for list queries), after the project was written with
     * that owner; {@code previousOwnerId}, if any, must have been released with {@link #ownershipReleased}
     * before the write.
     */
    public void ownershipTaken(String projectId, String ownerId) {
        mongo.upsert(new Query(Criteria.where("_id").is(ownerId)), new Update().addToSet("ownedProjectIds", projectId),
                MemberGrants.class);
    }

    /** Records, before the project is written with another owner or deleted, that {@code ownerId} no longer owns it. */
    public void ownershipReleased(String projectId, String ownerId) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(ownerId)), new Update().pull("ownedProjectIds", projectId),
                MemberGrants.class);
    }

    /** Removes every membership of the project and of its assets, and the domain's head. */
    public void projectDeleted(String projectId) {
        List<PermissionDocument> all = domains.memberships(domains.head(projectId));
        all.stream().filter(m -> m.assetType() == AssetType.Project).forEach(m -> revokeView(m.memberId(), projectId));
        domains.deleteHead(projectId);
        if (!all.isEmpty()) {
            mongo.remove(new Query(Criteria.where("_id").in(all.stream().map(PermissionDocument::id).toList())),
                    PermissionDocument.class);
        }
        // memberships a write cut short left unlisted
        mongo.remove(new Query(Criteria.where("projectId").is(projectId)), PermissionDocument.class);
    }

    /**
     * Removes every membership of a deleted user or group, in every project, and what they were granted
     * to see. Called after the member is deleted, so a removal cut short leaves only memberships of a
     * member nobody can act as any more.
     */
    public void memberDeleted(String memberId) {
        List<PermissionDocument> memberships = mongo.find(new Query(Criteria.where("memberId").is(memberId)),
                PermissionDocument.class);
        Map<String, List<PermissionDocument>> byProject = memberships.stream()
                .collect(java.util.stream.Collectors.groupingBy(PermissionDocument::projectId));
        byProject.forEach((projectId, doomed) -> {
            List<String> ids = doomed.stream().map(PermissionDocument::id).toList();
            PermissionDomain head = domains.commit(projectId, new Update().pullAll("membershipIds", ids.toArray()));
            mongo.remove(new Query(Criteria.where("_id").in(ids)), PermissionDocument.class);
            doomed.forEach(m -> domains.objectChanged(projectId, m.assetType(), m.assetId(), head));
        });
        mongo.remove(new Query(Criteria.where("_id").is(memberId)), MemberGrants.class);
    }

    /** The memberships with their members' names, as the API shows them. */
    public List<MemberPermissionView> describe(List<PermissionDocument> memberships) {
        Set<String> userIds = memberships.stream().filter(m -> m.memberType() == MemberType.User)
                .map(PermissionDocument::memberId).collect(Collectors.toSet());
        Set<String> groupIds = memberships.stream().filter(m -> m.memberType() == MemberType.Group)
                .map(PermissionDocument::memberId).collect(Collectors.toSet());
        Map<String, UserDocument> users = new HashMap<>();
        if (!userIds.isEmpty()) {
            mongo.find(new Query(Criteria.where("_id").in(userIds)), UserDocument.class).forEach(u -> users.put(u.id(), u));
        }
        Map<String, GroupDocument> groups = new HashMap<>();
        if (!groupIds.isEmpty()) {
            mongo.find(new Query(Criteria.where("_id").in(groupIds)), GroupDocument.class).forEach(g -> groups.put(g.id(), g));
        }
        List<MemberPermissionView> views = new ArrayList<>();
        for (PermissionDocument m : memberships) {
            String name;
            String email = null;
            if (m.memberType() == MemberType.User) {
                UserDocument user = users.get(m.memberId());
                name = user == null ? null : user.displayName();
                email = user == null ? null : user.email();
            } else {
                GroupDocument group = groups.get(m.memberId());
                name = group == null ? null : group.name();
            }
            views.add(new MemberPermissionView(m.id(), m.memberId(), m.memberType(), name, email,
                    PermissionDto.of(toPermissions(m.granted()))));
        }
        return views;
    }

    public static EnumSet<Permission> toPermissions(Collection<String> flags) {
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        flags.forEach(flag -> Permission.ofFlag(flag).ifPresent(permissions::add));
        return permissions;
    }

    // ---- internals ----

    private void requireChangeable(ProjectRef project, AssetRef asset) {
        if (asset != null && project.globalPermissions()) {
            throw ApiException.conflict("The project uses global permissions: its assets have the project's members, "
                    + "read-only here. Change the project's permissions, or switch the project to customizable permissions.");
        }
    }

    private void validateMembers(String organizationId, List<Member> members) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> userIds = members.stream().filter(m -> m.type() == MemberType.User).map(Member::id).collect(Collectors.toSet());
        Set<String> groupIds = members.stream().filter(m -> m.type() == MemberType.Group).map(Member::id).collect(Collectors.toSet());
        Set<String> knownUsers = mongo.find(new Query(Criteria.where("_id").in(userIds)
                        .and("memberships.organizationId").is(organizationId)), UserDocument.class).stream()
                .filter(u -> !"Recipient".equals(u.type()))
                .filter(u -> u.memberships().stream().anyMatch(ms -> organizationId.equals(ms.organizationId())))
                .map(UserDocument::id).collect(Collectors.toSet());
        Set<String> knownGroups = mongo.find(new Query(Criteria.where("_id").in(groupIds)
                        .and("organizationId").is(organizationId)), GroupDocument.class).stream()
                .map(GroupDocument::id).collect(Collectors.toSet());
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            boolean known = member.type() == MemberType.User ? knownUsers.contains(member.id()) : knownGroups.contains(member.id());
            if (!known) {
                errors.add(new FieldError("members[" + i + "].id", "is not a " + (member.type() == MemberType.User
                        ? "user" : "group") + " of the project's organization"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    /** Inserts copies of the project's memberships for the asset; returns their ids (to list in the head). */
    private List<String> copyProjectMembersTo(ProjectRef project, List<PermissionDocument> projectMembers,
            AssetType type, String assetId) {
        List<PermissionDocument> seeded = new ArrayList<>();
        for (PermissionDocument m : projectMembers) {
            seeded.add(new PermissionDocument(UUID.randomUUID().toString(), project.organizationId(), project.id(),
                    type, assetId, m.memberType(), m.memberId(), m.granted(), clock.instant()));
        }
        if (!seeded.isEmpty()) {
            mongo.insertAll(seeded);
        }
        return seeded.stream().map(PermissionDocument::id).toList();
    }

    private void grantView(String memberId, String projectId) {
        mongo.upsert(new Query(Criteria.where("_id").is(memberId)), new Update().addToSet("viewProjectIds", projectId),
                MemberGrants.class);
    }

    private void revokeView(String memberId, String projectId) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(memberId)), new Update().pull("viewProjectIds", projectId),
                MemberGrants.class);
    }

    private static List<String> flagNames(Set<Permission> flags) {
        return java.util.Arrays.stream(Permission.values()).filter(flags::contains).map(Permission::flag).toList();
    }

    /** For tests and the benchmark: how many domains this node holds enforcers for. */
    int cachedDomains() {
        return domains.size();
    }
}
