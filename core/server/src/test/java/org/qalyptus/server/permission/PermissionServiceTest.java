package org.qalyptus.server.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserDocument.Membership;
import org.qalyptus.server.user.UserStatus;
import org.qalyptus.server.web.ApiException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;

/** The permission rules, on a real store, without the web server. */
class PermissionServiceTest {

    private static final String ORG = "org-1";
    private static final String OTHER_ORG = "org-2";
    private static final Set<Permission> ALL = EnumSet.allOf(Permission.class);

    @TempDir
    Path folder;

    private StoreForTests store;
    private MongoTemplate mongo;
    private PermissionService permissions;
    private ProjectRef project;

    @BeforeEach
    void setUp() {
        store = new StoreForTests(folder);
        mongo = store.mongo();
        permissions = node(Duration.ZERO, System::nanoTime);
        project = new ProjectRef(UUID.randomUUID().toString(), ORG, "project-owner", true);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private PermissionService node(Duration versionCheckInterval, java.util.function.LongSupplier nanoTime) {
        return new PermissionService(mongo, new PermissionProperties(versionCheckInterval, Duration.ofSeconds(30), 100), Clock.systemUTC(), nanoTime);
    }

    private String user(String license, String role, String... groupIds) {
        String id = UUID.randomUUID().toString();
        mongo.insert(new UserDocument(id, id + "@example.com", "First", "Last", null, UserStatus.Active, "User",
                false, false, List.of(new Membership(ORG, role, license, List.of(groupIds))), "en", "UTC", Instant.now()));
        return id;
    }

    private String group(String organizationId) {
        String id = UUID.randomUUID().toString();
        mongo.insert(new GroupDocument(id, organizationId, "group " + id, null, false, Instant.now()));
        return id;
    }

    private Subject subject(String userId) {
        return Subject.of(mongo.findById(userId, UserDocument.class), ORG);
    }

    private Subject member(String userId, LicenseLevel license, String... groupIds) {
        return new Subject(userId, ORG, Set.of(groupIds), license, false);
    }

    private void grant(ProjectRef on, MemberType type, String memberId, Set<Permission> flags) {
        permissions.setMembers(on, null, List.of(new Member(memberId, type)), flags);
    }

    @Test
    void theLicenseCapsWhatAMembershipGrants() {
        String viewer = user("Viewer", "Member");
        String explorer = user("Explorer", "Member");
        String creator = user("Creator", "Member");
        String unlicensed = user("Unlicensed", "Member");
        for (String id : List.of(viewer, explorer, creator, unlicensed)) {
            grant(project, MemberType.User, id, ALL);
        }

        assertThat(rights(subject(viewer))).containsExactly(true, false, false);
        assertThat(rights(subject(explorer))).containsExactly(true, true, false);
        assertThat(rights(subject(creator))).containsExactly(true, true, true);
        assertThat(rights(subject(unlicensed))).containsExactly(false, false, false);
    }

    /** view, edit, create on reports of the project. */
    private List<Boolean> rights(Subject subject) {
        return List.of(permissions.allows(subject, project, Permission.VIEW_REPORT),
                permissions.allows(subject, project, Permission.EDIT_REPORT),
                permissions.allows(subject, project, Permission.CREATE_REPORT));
    }

    @Test
    void withinTheLicenseOnlyGrantedFlagsApply() {
        String creator = user("Creator", "Member");
        grant(project, MemberType.User, creator, EnumSet.of(Permission.VIEW_PROJECT, Permission.VIEW_REPORT));

        assertThat(rights(subject(creator))).containsExactly(true, false, false);
        assertThat(permissions.allows(subject(creator), project, Permission.VIEW_TASK)).isFalse();
        assertThat(permissions.allows(member("stranger", LicenseLevel.Creator), project, Permission.VIEW_PROJECT)).isFalse();
    }

    @Test
    void ownersAndAdministratorsHaveEveryRightUpToTheirLicense() {
        Subject owner = member(project.ownerId(), LicenseLevel.Creator);
        assertThat(EnumSet.allOf(Permission.class)).allMatch(p -> permissions.allows(owner, project, p));

        Subject viewerAdministrator = new Subject("admin", ORG, Set.of(), LicenseLevel.Viewer, true);
        assertThat(rights(viewerAdministrator)).containsExactly(true, false, false);
        Subject explorerOwner = member(project.ownerId(), LicenseLevel.Explorer);
        assertThat(rights(explorerOwner)).containsExactly(true, true, false);
        Subject unlicensedAdministrator = new Subject("admin", ORG, Set.of(), LicenseLevel.Unlicensed, true);
        assertThat(rights(unlicensedAdministrator)).containsExactly(false, false, false);

        assertThat(permissions.manages(owner, project)).isTrue();
        assertThat(permissions.manages(viewerAdministrator, project)).isFalse();
        assertThat(permissions.manages(member("someone", LicenseLevel.Creator), project)).isFalse();
    }

    @Test
    void aTenantAdministratorAdministersEveryOrganizationWithACreatorLicense() {
        String id = UUID.randomUUID().toString();
        UserDocument tenantAdmin = new UserDocument(id, "ta@example.com", "T", "A", null, UserStatus.Active, "User",
                false, true, List.of(), "en", "UTC", Instant.now());
        Subject subject = Subject.of(tenantAdmin, ORG);
        assertThat(subject.administrator()).isTrue();
        assertThat(subject.license()).isEqualTo(LicenseLevel.Creator);
    }

    @Test
    void rightsInOneOrganizationAreNothingInAnother() {
        String creator = user("Creator", "Administrator");
        grant(project, MemberType.User, creator, ALL);
        Subject elsewhere = Subject.of(mongo.findById(creator, UserDocument.class), OTHER_ORG);

        assertThat(permissions.allows(elsewhere, project, Permission.VIEW_PROJECT)).isFalse();
        assertThat(permissions.manages(elsewhere, project)).isFalse();
    }

    @Test
    void aGroupsMembershipGrantsItsUsersAndStopsWhenTheyLeaveIt() {
        String groupId = group(ORG);
        String inGroup = user("Explorer", "Member", groupId);
        grant(project, MemberType.Group, groupId, EnumSet.of(Permission.VIEW_PROJECT, Permission.EDIT_REPORT));

        assertThat(permissions.allows(subject(inGroup), project, Permission.EDIT_REPORT)).isTrue();
        assertThat(permissions.allows(subject(inGroup), project, Permission.DELETE_REPORT)).isFalse();
        Subject afterLeaving = member(inGroup, LicenseLevel.Explorer);
        assertThat(permissions.allows(afterLeaving, project, Permission.EDIT_REPORT)).isFalse();
        Subject afterRejoining = member(inGroup, LicenseLevel.Explorer, groupId);
        assertThat(permissions.allows(afterRejoining, project, Permission.EDIT_REPORT)).isTrue();
    }

    @Test
    void membersMustBeUsersOrGroupsOfTheProjectsOrganization() {
        String foreignGroup = group(OTHER_ORG);
        String localUser = user("Viewer", "Member");

        assertThatThrownBy(() -> permissions.setMembers(project, null, List.of(new Member(localUser, MemberType.User),
                new Member(foreignGroup, MemberType.Group), new Member(localUser, MemberType.Group)), ALL))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.details().toString()).contains("members[1].id").contains("members[2].id")
                            .doesNotContain("members[0]");
                });
        assertThat(permissions.members(project, null)).isEmpty();
    }

    @Test
    void settingAMemberAgainReplacesTheirFlagsAndDeletingRemovesThem() {
        String creator = user("Creator", "Member");
        grant(project, MemberType.User, creator, ALL);
        grant(project, MemberType.User, creator, EnumSet.of(Permission.VIEW_PROJECT));

        List<PermissionDocument> members = permissions.members(project, null);
        assertThat(members).singleElement().satisfies(m -> assertThat(m.granted()).containsExactly("viewProject"));
        assertThat(permissions.allows(subject(creator), project, Permission.VIEW_REPORT)).isFalse();

        permissions.setMember(project, null, members.get(0).id(), EnumSet.of(Permission.VIEW_REPORT));
        assertThat(permissions.allows(subject(creator), project, Permission.VIEW_REPORT)).isTrue();

        assertThatThrownBy(() -> permissions.deleteMembers(project, null, List.of(members.get(0).id(), "unknown")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(permissions.members(project, null)).hasSize(1);
        permissions.deleteMembers(project, null, List.of(members.get(0).id()));
        assertThat(permissions.members(project, null)).isEmpty();
        assertThat(permissions.allows(subject(creator), project, Permission.VIEW_REPORT)).isFalse();
    }

    @Test
    void decisionsTakenWhileMembershipsChangeNeverOutliveTheChange() throws Exception {
        String creator = user("Creator", "Member");
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                permissions.allows(subject(creator), project, Permission.VIEW_REPORT);
            }
        });
        reader.start();
        for (int round = 0; round < 50; round++) {
            grant(project, MemberType.User, creator, round % 2 == 0 ? ALL : EnumSet.of(Permission.VIEW_PROJECT));
            assertThat(permissions.allows(subject(creator), project, Permission.VIEW_REPORT)).as("round " + round)
                    .isEqualTo(round % 2 == 0);
        }
        writing.set(false);
        reader.join();
        assertThat(permissions.allows(subject(creator), project, Permission.VIEW_REPORT)).isFalse();
    }

    @Test
    void inGlobalModeAssetsFollowTheProjectAndTheirPermissionsAreReadOnly() {
        String explorer = user("Explorer", "Member");
        grant(project, MemberType.User, explorer, EnumSet.of(Permission.VIEW_REPORT, Permission.EDIT_REPORT));
        AssetRef report = new AssetRef(AssetType.Report, UUID.randomUUID().toString(), "someone");
        permissions.assetCreated(project, report);

        assertThat(permissions.allows(subject(explorer), project, report, Permission.EDIT_REPORT)).isTrue();
        assertThat(permissions.members(project, report)).extracting(PermissionDocument::assetType)
                .containsExactly(AssetType.Project);
        assertThatThrownBy(() -> permissions.setMembers(project, report, List.of(new Member(explorer, MemberType.User)),
                Set.of())).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.getMessage()).contains("global permissions");
                });
        String id = permissions.members(project, report).get(0).id();
        assertThatThrownBy(() -> permissions.setMember(project, report, id, Set.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThatThrownBy(() -> permissions.deleteMembers(project, report, List.of(id)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
    }

    @Test
    void inCustomizableModeTheProjectSeedsNewAssetsAndOwnersChangeThemPerAsset() {
        ProjectRef customizable = new ProjectRef(project.id(), ORG, project.ownerId(), false);
        String explorer = user("Explorer", "Member");
        grant(customizable, MemberType.User, explorer, EnumSet.of(Permission.VIEW_REPORT, Permission.EDIT_REPORT));
        AssetRef first = new AssetRef(AssetType.Report, UUID.randomUUID().toString(), "report-owner");
        AssetRef second = new AssetRef(AssetType.Report, UUID.randomUUID().toString(), "report-owner");
        permissions.assetCreated(customizable, first);
        permissions.assetCreated(customizable, second);

        assertThat(permissions.members(customizable, first)).singleElement()
                .satisfies(m -> assertThat(m.granted()).containsExactly("viewReport", "editReport"));
        permissions.setMembers(customizable, first, List.of(new Member(explorer, MemberType.User)),
                EnumSet.of(Permission.VIEW_REPORT));

        assertThat(permissions.allows(subject(explorer), customizable, first, Permission.EDIT_REPORT)).isFalse();
        assertThat(permissions.allows(subject(explorer), customizable, first, Permission.VIEW_REPORT)).isTrue();
        assertThat(permissions.allows(subject(explorer), customizable, second, Permission.EDIT_REPORT)).isTrue();
        Subject reportOwner = member("report-owner", LicenseLevel.Explorer);
        assertThat(permissions.allows(reportOwner, customizable, first, Permission.DELETE_REPORT)).isTrue();
        assertThat(permissions.allows(reportOwner, customizable, second, Permission.CREATE_REPORT))
                .as("creating is decided on the project, and the license caps it").isFalse();

        permissions.assetDeleted(customizable, first);
        assertThat(permissions.allows(subject(explorer), customizable, first, Permission.VIEW_REPORT)).isFalse();
    }

    @Test
    void switchingModesSeedsExistingAssetsOrDropsTheirOwnPermissions() {
        String explorer = user("Explorer", "Member");
        grant(project, MemberType.User, explorer, EnumSet.of(Permission.VIEW_TASK));
        String taskId = UUID.randomUUID().toString();
        mongo.getCollection("tasks").insertOne(new Document("_id", taskId).append("projectId", project.id()));
        mongo.getCollection("tasks").insertOne(new Document("_id", "elsewhere").append("projectId", "other"));
        AssetRef task = new AssetRef(AssetType.Task, taskId, "task-owner");

        ProjectRef customizable = new ProjectRef(project.id(), ORG, project.ownerId(), false);
        permissions.modeChanged(customizable);
        assertThat(permissions.members(customizable, task)).singleElement()
                .satisfies(m -> assertThat(m.assetType()).isEqualTo(AssetType.Task));
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), PermissionDocument.class)).isEqualTo(2);
        permissions.setMembers(customizable, task, List.of(new Member(explorer, MemberType.User)), Set.of());
        assertThat(permissions.allows(subject(explorer), customizable, task, Permission.VIEW_TASK)).isFalse();

        permissions.modeChanged(project);
        assertThat(permissions.allows(subject(explorer), project, task, Permission.VIEW_TASK)).isTrue();
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), PermissionDocument.class)).isEqualTo(1);
    }

    @Test
    void aChangeOnOneNodeReachesAnotherThroughTheVersionCounter() {
        String creator = user("Creator", "Member");
        PermissionService otherNode = node(Duration.ZERO, System::nanoTime);
        assertThat(otherNode.allows(subject(creator), project, Permission.VIEW_PROJECT)).isFalse();

        grant(project, MemberType.User, creator, EnumSet.of(Permission.VIEW_PROJECT));
        assertThat(otherNode.allows(subject(creator), project, Permission.VIEW_PROJECT)).isTrue();

        List<PermissionDocument> members = permissions.members(project, null);
        otherNode.deleteMembers(project, null, List.of(members.get(0).id()));
        assertThat(permissions.allows(subject(creator), project, Permission.VIEW_PROJECT)).isFalse();
    }

    @Test
    void aNodeTrustsItsCacheForTheCheckIntervalThenReloads() {
        String creator = user("Creator", "Member");
        AtomicLong now = new AtomicLong(1_000_000_000L);
        PermissionService otherNode = node(Duration.ofSeconds(1), now::get);
        assertThat(otherNode.allows(subject(creator), project, Permission.VIEW_PROJECT)).isFalse();

        grant(project, MemberType.User, creator, EnumSet.of(Permission.VIEW_PROJECT));
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(otherNode.allows(subject(creator), project, Permission.VIEW_PROJECT)).as("within the interval").isFalse();
        now.addAndGet(Duration.ofMillis(600).toNanos());
        assertThat(otherNode.allows(subject(creator), project, Permission.VIEW_PROJECT)).as("after it").isTrue();
    }

    @Test
    void theChangingNodeAppliesItsOwnChangeInPlaceAtOnce() {
        String creator = user("Creator", "Member");
        AtomicLong frozen = new AtomicLong(1_000_000_000L);
        PermissionService node = node(Duration.ofHours(1), frozen::get);
        assertThat(node.allows(subject(creator), project, Permission.VIEW_PROJECT)).isFalse();

        node.setMembers(project, null, List.of(new Member(creator, MemberType.User)), EnumSet.of(Permission.VIEW_PROJECT));
        assertThat(node.allows(subject(creator), project, Permission.VIEW_PROJECT)).isTrue();
        assertThat(mongo.findById(project.id(), PermissionDomain.class).version()).isEqualTo(1);
    }

    @Test
    void aDeletedProjectLeavesNoMembershipsNorCounter() {
        String creator = user("Creator", "Member");
        grant(project, MemberType.User, creator, ALL);
        assertThat(permissions.allows(subject(creator), project, Permission.VIEW_PROJECT)).isTrue();

        permissions.projectDeleted(project.id());
        assertThat(mongo.findAll(PermissionDocument.class)).isEmpty();
        assertThat(mongo.findById(project.id(), PermissionDomain.class)).isNull();
        assertThat(permissions.allows(subject(creator), project, Permission.VIEW_PROJECT)).isFalse();
    }

    @Test
    void visibleProjectsComeFromTheUsersAndGroupsMembershipsWithoutCheckingProjects() {
        String groupId = group(ORG);
        String viewer = user("Viewer", "Member", groupId);
        ProjectRef direct = new ProjectRef("p-direct", ORG, "x", true);
        ProjectRef viaGroup = new ProjectRef("p-group", ORG, "x", true);
        ProjectRef withoutView = new ProjectRef("p-noview", ORG, "x", true);
        grant(direct, MemberType.User, viewer, EnumSet.of(Permission.VIEW_PROJECT));
        grant(viaGroup, MemberType.Group, groupId, EnumSet.of(Permission.VIEW_PROJECT, Permission.VIEW_REPORT));
        grant(withoutView, MemberType.User, viewer, EnumSet.of(Permission.VIEW_REPORT));

        Visibility visibility = permissions.visibleProjects(mongo.findById(viewer, UserDocument.class), List.of(ORG));
        assertThat(visibility.projectIds()).containsExactlyInAnyOrder("p-direct", "p-group");
        assertThat(visibility.administeredOrganizations()).isEmpty();
        assertThat(visibility.licensedOrganizations()).containsExactly(ORG);
        assertThat(permissions.visibleProjects(mongo.findById(viewer, UserDocument.class), List.of(OTHER_ORG))
                .projectIds()).isEmpty();

        String unlicensed = user("Unlicensed", "Administrator");
        grant(direct, MemberType.User, unlicensed, EnumSet.of(Permission.VIEW_PROJECT));
        Visibility none = permissions.visibleProjects(mongo.findById(unlicensed, UserDocument.class), List.of(ORG));
        assertThat(none).isEqualTo(new Visibility(unlicensed, Set.of(), Set.of(), Set.of()));

        String administrator = user("Viewer", "Administrator");
        assertThat(permissions.visibleProjects(mongo.findById(administrator, UserDocument.class), List.of(ORG))
                .administeredOrganizations()).containsExactly(ORG);
    }

    @Test
    void revokingViewOrDeletingTheProjectTakesItOutOfTheMembersGrants() {
        String creator = user("Creator", "Member");
        grant(project, MemberType.User, creator, EnumSet.of(Permission.VIEW_PROJECT));
        UserDocument user = mongo.findById(creator, UserDocument.class);
        assertThat(permissions.visibleProjects(user, List.of(ORG)).projectIds()).containsExactly(project.id());

        String id = permissions.members(project, null).get(0).id();
        permissions.setMember(project, null, id, EnumSet.of(Permission.VIEW_REPORT));
        assertThat(permissions.visibleProjects(user, List.of(ORG)).projectIds()).isEmpty();
        permissions.setMember(project, null, id, EnumSet.of(Permission.VIEW_PROJECT));
        assertThat(permissions.visibleProjects(user, List.of(ORG)).projectIds()).containsExactly(project.id());

        permissions.projectDeleted(project.id());
        assertThat(permissions.visibleProjects(user, List.of(ORG)).projectIds()).isEmpty();
    }

    @Test
    void aMembershipTheDomainDoesNotListCountsForNothing() {
        String creator = user("Creator", "Member");
        mongo.insert(new PermissionDocument(UUID.randomUUID().toString(), ORG, project.id(), AssetType.Project,
                project.id(), MemberType.User, creator, List.of("viewProject"), Instant.now()));

        assertThat(permissions.allows(subject(creator), project, Permission.VIEW_PROJECT)).isFalse();
        assertThat(permissions.members(project, null)).isEmpty();
        grant(project, MemberType.User, creator, EnumSet.of(Permission.VIEW_PROJECT));
        assertThat(permissions.members(project, null)).hasSize(1);
        assertThat(permissions.allows(subject(creator), project, Permission.VIEW_PROJECT)).isTrue();
    }

    @Test
    void aChangeWhoseGlobalIncrementWasLostIsSeenAfterTheRecheckInterval() {
        String creator = user("Creator", "Member");
        AtomicLong now = new AtomicLong(1_000_000_000L);
        PermissionService otherNode = new PermissionService(mongo,
                new PermissionProperties(Duration.ofSeconds(1), Duration.ofSeconds(30), 100), Clock.systemUTC(), now::get);
        assertThat(otherNode.allows(subject(creator), project, Permission.VIEW_PROJECT)).isFalse();
        grant(project, MemberType.User, creator, EnumSet.of(Permission.VIEW_PROJECT));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(otherNode.allows(subject(creator), project, Permission.VIEW_PROJECT)).isTrue();

        String id = permissions.members(project, null).get(0).id();
        // the membership changed and the domain's counter moved, but the global counter did not
        mongo.updateFirst(new org.springframework.data.mongodb.core.query.Query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id)),
                new org.springframework.data.mongodb.core.query.Update().set("granted", List.of()), PermissionDocument.class);
        mongo.updateFirst(new org.springframework.data.mongodb.core.query.Query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is(project.id())),
                new org.springframework.data.mongodb.core.query.Update().inc("version", 1), PermissionDomain.class);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(otherNode.allows(subject(creator), project, Permission.VIEW_PROJECT)).isTrue();
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(otherNode.allows(subject(creator), project, Permission.VIEW_PROJECT)).isFalse();
    }

    @Test
    void ownedProjectsAreVisibleToTheirOwnerOnly() {
        String owner = user("Creator", "Member");
        String other = user("Creator", "Member");
        permissions.ownershipTaken("p-owned", owner);
        assertThat(permissions.visibleProjects(mongo.findById(owner, UserDocument.class), List.of(ORG)).projectIds())
                .containsExactly("p-owned");
        assertThat(permissions.visibleProjects(mongo.findById(other, UserDocument.class), List.of(ORG)).projectIds()).isEmpty();
        permissions.ownershipReleased("p-owned", owner);
        assertThat(permissions.visibleProjects(mongo.findById(owner, UserDocument.class), List.of(ORG)).projectIds()).isEmpty();
    }

    @Test
    void theRequestSubjectLinksTheUserToTheirGroupsOnly() {
        String subject = DomainPolicies.requestSubject("u1", Set.of("g2", "g1"));
        assertThat(subject).startsWith("user:u1;").contains(";group:g1").contains(";group:g2").hasSize("user:u1;group:g1;group:g2".length());
        assertThat(SubjectRoleLinks.INSTANCE.hasLink(subject, "group:g2")).isTrue();
        assertThat(SubjectRoleLinks.INSTANCE.hasLink(subject, "user:u1")).isTrue();
        assertThat(SubjectRoleLinks.INSTANCE.hasLink(subject, "group:g")).isFalse();
        assertThat(SubjectRoleLinks.INSTANCE.hasLink(subject, "user:u")).isFalse();
        assertThat(SubjectRoleLinks.INSTANCE.hasLink("user:u1", "group:g1")).isFalse();
    }
}
