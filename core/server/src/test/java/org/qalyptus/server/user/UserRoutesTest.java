package org.qalyptus.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.apikey.ApiKeyRepository;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.group.GroupRepository;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

class UserRoutesTest {

    private final RunningServer server = SharedServer.get();
    private final Http http = server.http();
    private final TenantFixture tenant = new TenantFixture(server);
    private final UserRepository users = server.bean(UserRepository.class);

    private static String body(Object value) {
        return Http.json(value);
    }

    private static List<String> ids(JsonNode list) {
        return list.valueStream().map(n -> n.get("id").asString()).toList();
    }

    private Answer update(String token, String userId, String type, Object value) {
        Map<String, Object> request = new HashMap<>();
        request.put("type", type);
        request.put("value", value);
        return http.putJson("/api/v1/users/" + userId, token, body(request));
    }

    @Test
    void addingARecipientPutsItInItsOrganizationsAndAllUsers() {
        Org org = tenant.organization("Add");
        Person admin = tenant.administrator(org);

        Answer added = http.postJson("/api/v1/users", admin.key(), body(Map.of("firstName", "Ada", "lastName", "Lovelace",
                "email", " Ada@Example.com ", "organizations", List.of(org.id()))));

        assertThat(added.status()).isEqualTo(200);
        JsonNode user = added.data();
        assertThat(user.get("email").asString()).isEqualTo("ada@example.com");
        assertThat(user.get("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(user.get("type").asString()).isEqualTo("Recipient");
        assertThat(user.get("status").asString()).isEqualTo("Active");
        assertThat(user.get("license").asString()).isEqualTo("Unlicensed");
        assertThat(user.get("isTenantOwner").asBoolean()).isFalse();
        assertThat(user.get("tenantAdminRole").isNull()).isTrue();
        assertThat(user.get("organizationRoles").get(0).get("organizationID").asString()).isEqualTo(org.id());
        assertThat(ids(user.get("groups"))).containsExactly(org.allUsersGroupId());
        assertThat(http.postJson("/api/v1/users", admin.key(), body(Map.of("firstName", "A", "lastName", "B",
                "email", "ada@example.com", "organizations", List.of(org.id())))).status()).as("duplicate").isEqualTo(409);
    }

    @Test
    void recipientsWithoutEmailMayBeSeveral() {
        Org org = tenant.organization("No email");
        Person admin = tenant.administrator(org);
        String request = body(Map.of("firstName", "No", "lastName", "Mail", "organizations", List.of(org.id())));

        assertThat(http.postJson("/api/v1/users", admin.key(), request).status()).isEqualTo(200);
        assertThat(http.postJson("/api/v1/users", admin.key(), request).status()).isEqualTo(200);
    }

    @Test
    void addingValidatesAndChecksTheOrganizations() {
        Org org = tenant.organization("Add checks");
        Person admin = tenant.administrator(org);
        Person viewer = tenant.viewer(org);

        Answer invalid = http.postJson("/api/v1/users", admin.key(), body(Map.of("email", "x@example.com")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errorDetails").valueStream().map(e -> e.get("field").asString()))
                .contains("firstName", "lastName", "organizations");
        assertThat(http.postJson("/api/v1/users", admin.key(), body(Map.of("firstName", "A", "lastName", "B",
                "email", "not an email", "organizations", List.of(org.id())))).status()).isEqualTo(400);
        String valid = body(Map.of("firstName", "A", "lastName", "B", "organizations", List.of(org.id())));
        assertThat(http.postJson("/api/v1/users", viewer.key(), valid).status()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/users", null, valid).status()).isEqualTo(401);
        String elsewhere = body(Map.of("firstName", "A", "lastName", "B",
                "organizations", List.of(tenant.organization("Not mine").id())));
        assertThat(http.postJson("/api/v1/users", admin.session(), elsewhere).status()).isEqualTo(404);
    }

    @Test
    void listAndGetShowOnlyUsersOfVisibleOrganizations() {
        Org org = tenant.organization("List");
        Org other = tenant.organization("List other");
        Person viewer = tenant.viewer(org);
        Person stranger = tenant.viewer(other);

        assertThat(ids(http.get("/api/v1/users", viewer.key()).data())).contains(viewer.id()).doesNotContain(stranger.id());
        assertThat(http.get("/api/v1/users/" + viewer.id(), viewer.key()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/users/" + stranger.id(), viewer.key()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/users/" + UUID.randomUUID(), viewer.key()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/users/xyz", viewer.key()).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/users", null).status()).isEqualTo(401);
    }

    @Test
    void aUserSeenFromOneOrganizationShowsNothingOfTheOther() {
        Org a = tenant.organization("Seen A");
        Org b = tenant.organization("Seen B");
        Person adminA = tenant.administrator(a);
        Person both = tenant.member(a, "Member", "Viewer");
        tenant.join(both, b, "Administrator", "Creator");

        JsonNode seen = http.get("/api/v1/users/" + both.id(), adminA.key()).data();

        assertThat(seen.get("organizationRoles").valueStream().map(r -> r.get("organizationID").asString()))
                .containsExactly(a.id());
        assertThat(ids(seen.get("groups"))).containsExactly(a.allUsersGroupId());
        assertThat(seen.get("license").asString()).as("computed from visible roles").isEqualTo("Viewer");
        assertThat(http.get("/api/v1/users/" + both.id(), both.session()).data().get("license").asString())
                .isEqualTo("Creator");
    }

    @Test
    void updateStatusDisablesAUserWhoseCredentialsStopWorking() {
        Org org = tenant.organization("Status");
        Person admin = tenant.administrator(org);
        Person viewer = tenant.viewer(org);

        assertThat(update(viewer.key(), admin.id(), "status", "Disabled").status()).isEqualTo(403);
        Answer disabled = update(admin.key(), viewer.id(), "status", "Disabled");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.data().get("status").asString()).isEqualTo("Disabled");
        assertThat(http.get("/api/v1/users", viewer.key()).status()).isEqualTo(401);
        assertThat(update(admin.key(), viewer.id(), "status", "Sleeping").status()).isEqualTo(400);
        assertThat(update(admin.key(), viewer.id(), "color", "red").status()).isEqualTo(400);
        assertThat(update(admin.key(), admin.id(), "status", "Disabled").status()).as("oneself").isEqualTo(409);
        assertThat(update(admin.key(), viewer.id(), "status", "Active").data().get("status").asString()).isEqualTo("Active");
    }

    @Test
    void theTenantOwnerCannotBeDisabledDemotedOrDeleted() {
        Person owner = tenant.owner();
        Person otherAdmin = tenant.tenantAdministrator(tenant.organization("Tenant admins"));

        assertThat(update(otherAdmin.session(), owner.id(), "status", "Disabled").status()).isEqualTo(409);
        assertThat(update(otherAdmin.session(), owner.id(), "tenantAdminRole", null).status()).isEqualTo(409);
        assertThat(http.delete("/api/v1/users/" + owner.id(), otherAdmin.session()).status()).isEqualTo(409);
        assertThat(users.findById(owner.id()).orElseThrow().tenantOwner()).isTrue();
    }

    @Test
    void updateOrganizationsKeepsAllUsersInStepAndRevokesKeysOfLeftOrganizations() {
        Org a = tenant.organization("Orgs A");
        Org b = tenant.organization("Orgs B");
        Person admin = tenant.administrator(a);
        tenant.join(admin, b, "Administrator", "Creator");
        Person user = tenant.viewer(a);

        Answer joined = update(admin.session(), user.id(), "organizations", List.of(a.id(), b.id()));
        assertThat(joined.status()).isEqualTo(200);
        assertThat(ids(joined.data().get("groups"))).containsExactlyInAnyOrder(a.allUsersGroupId(), b.allUsersGroupId());

        Answer left = update(admin.session(), user.id(), "organizations", List.of(b.id()));
        assertThat(left.status()).isEqualTo(200);
        assertThat(ids(left.data().get("groups"))).containsExactly(b.allUsersGroupId());
        assertThat(http.get("/api/v1/users", user.key()).status()).as("key limited to the organization left").isEqualTo(401);
        assertThat(update(admin.session(), user.id(), "organizations", List.of("nope")).status()).isEqualTo(400);
        assertThat(update(admin.session(), user.id(), "organizations",
                List.of(tenant.organization("Foreign").id())).status()).isEqualTo(404);
    }

    @Test
    void updateGroupsRolesLicenseAndTenantAdminRole() {
        Org org = tenant.organization("Roles");
        Person admin = tenant.administrator(org);
        Person user = tenant.viewer(org);
        String group = http.postJson("/api/v1/groups", admin.key(), body(Map.of("name", "Finance",
                "organizationID", org.id()))).data().get("id").asString();

        Answer grouped = update(admin.key(), user.id(), "groups", List.of(group));
        assertThat(ids(grouped.data().get("groups"))).containsExactlyInAnyOrder(org.allUsersGroupId(), group);

        Answer roles = update(admin.key(), user.id(), "organizationRoles",
                List.of(Map.of("organizationID", org.id(), "role", "Administrator", "license", "Explorer")));
        assertThat(roles.status()).isEqualTo(200);
        assertThat(roles.data().get("organizationRoles").get(0).get("role").asString()).isEqualTo("Administrator");
        assertThat(roles.data().get("license").asString()).isEqualTo("Explorer");
        assertThat(update(admin.key(), user.id(), "organizationRoles",
                List.of(Map.of("organizationID", org.id(), "role", "King", "license", "Explorer"))).status()).isEqualTo(400);

        Answer licensed = update(admin.key(), user.id(), "license", "Creator");
        assertThat(licensed.data().get("license").asString()).isEqualTo("Creator");
        assertThat(update(admin.key(), user.id(), "license", "Platinum").status()).isEqualTo(400);

        assertThat(update(admin.key(), user.id(), "tenantAdminRole", "Creator").status())
                .as("only tenant administrators").isEqualTo(403);
        Answer tenantAdmin = update(tenant.owner().session(), user.id(), "tenantAdminRole", "Explorer");
        assertThat(tenantAdmin.status()).isEqualTo(200);
        assertThat(tenantAdmin.data().get("tenantAdminRole").asString()).isEqualTo("Explorer");
        assertThat(users.findById(user.id()).orElseThrow().tenantAdmin()).isTrue();
        assertThat(update(tenant.owner().session(), user.id(), "tenantAdminRole", null).data().get("tenantAdminRole")
                .isNull()).isTrue();
    }

    @Test
    void aViewerCannotChangeAnyone() {
        Org org = tenant.organization("Viewer changes");
        Person viewer = tenant.viewer(org);
        Person other = tenant.viewer(org);
        UserDocument before = users.findById(other.id()).orElseThrow();

        assertThat(update(viewer.key(), other.id(), "organizations", List.of()).status()).isEqualTo(403);
        assertThat(update(viewer.key(), other.id(), "groups", List.of()).status()).isEqualTo(403);
        assertThat(update(viewer.key(), other.id(), "license", "Creator").status()).isEqualTo(403);
        assertThat(update(viewer.key(), viewer.id(), "license", "Creator").status()).as("not even oneself").isEqualTo(403);
        assertThat(users.findById(other.id()).orElseThrow()).isEqualTo(before);
    }

    @Test
    void deletingFollowsTheReferenceRules() {
        Org org = tenant.organization("Delete");
        Person admin = tenant.administrator(org);
        Person owner = tenant.viewer(org);
        Person plain = tenant.viewer(org);
        tenant.contentOwnedBy("projects", owner.id(), org.id());
        tenant.contentOwnedBy("reports", owner.id(), org.id());
        tenant.contentOwnedBy("reports", owner.id(), org.id());

        assertThat(http.delete("/api/v1/users/" + admin.id(), admin.key()).status()).as("oneself").isEqualTo(409);
        Answer owning = http.delete("/api/v1/users/" + owner.id(), admin.key());
        assertThat(owning.status()).isEqualTo(409);
        assertThat(owning.json().get("error").asString()).contains("1 project", "2 reports");
        assertThat(http.delete("/api/v1/users/" + plain.id(), tenant.viewer(org).key()).status()).isEqualTo(403);
        assertThat(http.deleteJson("/api/v1/users", admin.key(), body(List.of(plain.id(), owner.id()))).status())
                .as("all or none").isEqualTo(409);
        assertThat(users.existsById(plain.id())).isTrue();

        assertThat(http.delete("/api/v1/users/" + plain.id(), admin.key()).status()).isEqualTo(200);
        assertThat(users.existsById(plain.id())).isFalse();
        assertThat(server.bean(ApiKeyRepository.class).findByUserId(plain.id())).isEmpty();
        assertThat(http.get("/api/v1/users", plain.session()).status()).isEqualTo(401);
        assertThat(http.delete("/api/v1/users/" + plain.id(), admin.key()).status()).isEqualTo(404);
    }

    @Test
    void anAdministratorOfOneOrganizationCannotDeleteAUserWhoIsAlsoElsewhere() {
        Org a = tenant.organization("Shared A");
        Org b = tenant.organization("Shared B");
        Person adminA = tenant.administrator(a);
        Person both = tenant.viewer(a);
        tenant.join(both, b, "Member", "Viewer");

        assertThat(http.delete("/api/v1/users/" + both.id(), adminA.key()).status()).isEqualTo(403);
        assertThat(update(adminA.key(), both.id(), "status", "Disabled").status()).isEqualTo(403);
    }

    @Test
    void transferMovesContentToAnotherMemberOfTheSameOrganizations() {
        Org org = tenant.organization("Transfer");
        Person admin = tenant.administrator(org);
        Person leaving = tenant.member(org, "Member", "Creator");
        Person heir = tenant.member(org, "Member", "Creator");
        Person outsider = tenant.administrator(tenant.organization("Transfer other"));
        String project = tenant.contentOwnedBy("projects", leaving.id(), org.id());
        String task = tenant.contentOwnedBy("tasks", leaving.id(), org.id());
        String path = "/api/v1/users/" + leaving.id() + "/transfer";

        assertThat(http.postJson(path, admin.key(), body(Map.of("newUserID", heir.id()))).status()).isEqualTo(400);
        assertThat(http.postJson(path, admin.key(), body(Map.of("newUserID", outsider.id(), "transferContent", true,
                "transferPermissions", true))).status()).as("outsider is not visible").isEqualTo(400);
        assertThat(http.postJson(path, heir.key(), body(Map.of("newUserID", heir.id(), "transferContent", true,
                "transferPermissions", false))).status()).isEqualTo(403);

        Answer moved = http.postJson(path, admin.key(), body(Map.of("newUserID", heir.id(), "transferContent", true,
                "transferPermissions", true)));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.data().get("contentTransferred").get("projects").asLong()).isEqualTo(1);
        MongoTemplate mongo = server.bean(MongoTemplate.class);
        assertThat(mongo.findById(project, org.bson.Document.class, "projects").getString("ownerId")).isEqualTo(heir.id());
        assertThat(mongo.findById(task, org.bson.Document.class, "tasks").getString("ownerId")).isEqualTo(heir.id());
        assertThat(mongo.count(new Query(Criteria.where("ownerId").is(leaving.id())), "projects")).isZero();
        assertThat(http.delete("/api/v1/users/" + leaving.id(), admin.key()).status()).isEqualTo(200);
    }

    @Test
    void invitingCreatesPendingUsersAndSaysNoMailWasSent() {
        Org org = tenant.organization("Invite");
        Person admin = tenant.administrator(org);
        String email = TenantFixture.unique("invited") + "@example.com";

        Answer invited = http.postJson("/api/v1/users/invite", admin.key(), body(Map.of("emails", List.of(email),
                "organizations", List.of(Map.of("organizationID", org.id(), "role", "Member", "license", "Explorer")))));

        assertThat(invited.status()).isEqualTo(200);
        assertThat(invited.data().get("emailSent").asBoolean()).isFalse();
        assertThat(invited.data().get("message").asString()).contains("no email was sent");
        JsonNode one = invited.data().get("users").get(0);
        assertThat(one.get("status").asString()).isEqualTo("Pending");
        UserDocument stored = users.findByEmail(email).orElseThrow();
        assertThat(stored.status()).isEqualTo(UserStatus.Pending);
        assertThat(stored.memberships()).singleElement().satisfies(m -> {
            assertThat(m.license()).isEqualTo("Explorer");
            assertThat(m.groupIds()).containsExactly(org.allUsersGroupId());
        });
        String link = one.get("invitationLink").asString();
        String token = link.substring(link.indexOf("token=") + 6);
        assertThat(stored.invitationHash()).isNotBlank().doesNotContain(token);

        Answer accepted = http.postJson("/api/v1/invitations/accept", null, body(Map.of("token", token,
                "password", "a long enough password", "firstName", "In", "lastName", "Vited")));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(users.findByEmail(email).orElseThrow().status()).isEqualTo(UserStatus.Active);
        assertThat(http.postJson("/api/v1/invitations/accept", null, body(Map.of("token", token,
                "password", "another long password"))).status()).as("works once").isEqualTo(400);
        Answer login = http.postJson("/api/v1/login", null, body(Map.of("email", email, "password", "a long enough password")));
        assertThat(login.status()).isEqualTo(200);
    }

    @Test
    void invitingValidatesAndNeedsAdministration() {
        Org org = tenant.organization("Invite checks");
        Person admin = tenant.administrator(org);
        Person viewer = tenant.viewer(org);
        List<Map<String, String>> roles = List.of(Map.of("organizationID", org.id(), "role", "Member", "license", "Viewer"));

        Answer bad = http.postJson("/api/v1/users/invite", admin.key(), body(Map.of("emails", List.of("ok@example.com", "bad"),
                "organizations", roles)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errorDetails").get(0).get("field").asString()).isEqualTo("emails[1]");
        assertThat(http.postJson("/api/v1/users/invite", admin.key(), body(Map.of("emails", List.of()))).status()).isEqualTo(400);
        assertThat(http.postJson("/api/v1/users/invite", viewer.key(), body(Map.of("emails", List.of("x@example.com"),
                "organizations", roles))).status()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/users/invite", admin.key(), body(Map.of("emails", List.of("x@example.com"),
                "tenantAdminRole", "Creator", "organizations", roles))).status()).isEqualTo(403);
        assertThat(users.findByEmail("x@example.com")).isEmpty();
    }

    @Test
    void groupsOfAnotherOrganizationCannotBeGiven() {
        Org org = tenant.organization("Groups give");
        Person admin = tenant.administrator(org);
        Person user = tenant.viewer(org);
        GroupDocument foreign = server.bean(GroupRepository.class)
                .findByOrganizationIdAndIsDefaultTrue(tenant.organization("Foreign groups").id()).orElseThrow();

        assertThat(update(admin.key(), user.id(), "groups", List.of(foreign.id())).status()).isEqualTo(404);
    }
}
